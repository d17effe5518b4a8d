// The loader's hand-written scanners against the definitions they replace: each must find exactly
// what its regular expression finds, on the seed texts and on seeded random strings built from
// the characters that decide a match (Han from every block, surrogate halves, parentheses, line
// breaks, pinyin, marks, full-width forms).
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/shared/random";
import * as OpenCC from "opencc-js";
import { simplifyPhrases } from "../../src/corpus/conversion";
import { normalizeUnicode } from "../../src/corpus/normalize";
import { findPinyinCandidates, pinyinAnnotationPattern } from "../../src/corpus/pinyin";
import { toSimplified, toTraditional } from "../../src/corpus/script";
import { replaceSpans, replaceTracked, trackText } from "../../src/corpus/tracked-text";

const seedFolder = path.resolve(__dirname, "../../data/corpus");
const seedTexts = readdirSync(seedFolder).sort().map((name) => readFileSync(path.join(seedFolder, name), "utf8"));

const pieces = [
  "(", ")", "(", ")", "\n", "中", "國", "〇", "々", "⺀", "𠀀", "𠮷", "\ud840", "\udc00", "a", "zé", "ze2", "fēng qiáo", "App",
  "2022", " ", "e\u0301", "，", "（", "）", "ｚé", "'", "’", "de", "x".repeat(59), "y".repeat(61),
  "\u0301", "\u20dd", "\u{1d165}", "ﬁ", "①", "㍿", "\u212b", "ｶ", "ﾞ", "２０２３", "\u3000", "\u00a0", "Ａ\u0308", "中\u0301", "㐀", "\uf900",
];

function randomTexts(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    let text = "";
    const length = Math.floor(next() * 40);
    for (let index = 0; index < length; index++) text += pieces[Math.floor(next() * pieces.length)];
    return text;
  });
}

describe("findPinyinCandidates", () => {
  it("finds exactly the matches of pinyinAnnotationPattern", () => {
    const texts = [...seedTexts, ...randomTexts(20000, 7), "中".repeat(15) + "(zé)", "(zé)", "中()", "中(\n)", `中(${"a".repeat(60)})`, `中(${"a".repeat(61)})`, "中(𠀀)"];
    let matched = 0;
    for (const text of texts) {
      const expected = [...text.matchAll(pinyinAnnotationPattern)].map((match) => ({
        start: match.index,
        end: match.index + match[0].length,
        hanBefore: match[1],
        annotation: match[2],
      }));
      matched += expected.length;
      expect(findPinyinCandidates(text), JSON.stringify(text)).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(500); // the random texts do exercise matches
  });
});

describe("normalizeUnicode", () => {
  // The definition the scanner replaces: NFKC per match of this expression, with the same examples.
  function reference(text: string) {
    const examples: string[] = [];
    const { result, replacements } = replaceTracked(trackText(text), /[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}*|[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}+/gu, (match) => {
      const normalized = match[0].normalize("NFKC");
      const example = `${match[0]}→${normalized}`;
      if (normalized !== match[0] && examples.length < 5 && !/\s/.test(match[0]) && !examples.includes(example)) examples.push(example);
      return normalized;
    });
    return { result, count: replacements, examples };
  }
  it("gives what NFKC per match of its defining expression gives, origins and examples included", () => {
    let changed = 0;
    for (const text of [...seedTexts, ...randomTexts(20000, 11)]) {
      const expected = reference(text);
      changed += expected.count;
      expect(normalizeUnicode(trackText(text)), JSON.stringify(text)).toEqual(expected);
    }
    expect(changed).toBeGreaterThan(10000);
  });
});

describe("phrase conversion", () => {
  it("gives what opencc-js's own converters give, both ways, on the keys and values of every dictionary in random company", () => {
    const openccSimplify = OpenCC.ConverterFactory(OpenCC.Locale.from.hk, OpenCC.Locale.from.tw, OpenCC.Locale.to.cn);
    const openccTraditional = OpenCC.ConverterFactory(OpenCC.Locale.from.cn, OpenCC.Locale.to.tw);
    const words: string[] = [];
    for (const locale of [OpenCC.Locale.from.hk, OpenCC.Locale.from.tw, OpenCC.Locale.to.cn, OpenCC.Locale.to.tw]) {
      for (const group of locale as unknown as string[][]) for (const dictionary of group) for (const entry of dictionary.split("|")) words.push(...entry.split(" ").slice(0, 2));
    }
    expect(words.length).toBeGreaterThan(10000);
    const company = ["⿰氵青", "⿱艹⿰氵青", "⿰", "𠀀", "\ud840", "a", "\n", "，", "著", "乾", "显著", "後"];
    const next = seededRandom(5);
    const texts = [...seedTexts, ...seedTexts.map(toTraditional)];
    for (let count = 0; count < 20000; count++) {
      let text = "";
      for (let piece = 1 + Math.floor(next() * 8); piece > 0; piece--) {
        const roll = next();
        text += roll < 0.7 ? words[Math.floor(next() * words.length)] : roll < 0.85 ? company[Math.floor(next() * company.length)] : String.fromCodePoint(0x4e00 + Math.floor(next() * 0x5200));
      }
      texts.push(text);
    }
    let unified = "";
    for (let codePoint = 0x3400; codePoint < 0xa000; codePoint++) unified += String.fromCodePoint(codePoint);
    texts.push(unified);
    for (const text of texts) {
      expect(simplifyPhrases(text), JSON.stringify(text)).toBe(openccSimplify(text));
      expect(toTraditional(text), JSON.stringify(text)).toBe(openccTraditional(text));
    }
  });
});

describe("replaceSpans", () => {
  it("keeps the origin map when every replacement keeps its length, and spreads it otherwise", () => {
    const tracked = trackText("ａ，ｂ(zé)c");
    const same = replaceSpans(tracked, [{ start: 1, end: 2, replacement: "," }]);
    expect(same.text).toBe("ａ,ｂ(zé)c");
    expect(same.origin).toBe(tracked.origin);
    const shorter = replaceSpans(tracked, [
      { start: 1, end: 2, replacement: "," },
      { start: 3, end: 7, replacement: "" },
    ]);
    expect(shorter.text).toBe("ａ,ｂc");
    expect([...shorter.origin]).toEqual([0, 1, 2, 7]);
    expect(replaceTracked(tracked, /\(zé\)/g, () => "").result).toEqual({ text: "ａ，ｂc", origin: Int32Array.from([0, 1, 2, 7]) });
  });
});

describe("toSimplified beyond U+FFFF", () => {
  it("converts both halves of a Traditional character outside the BMP", () => {
    expect(toSimplified("𡃕")).toBe("𠴛");
    expect(toSimplified("𠁞們")).toBe("𠀾们");
    expect(toSimplified("這是𠗣")).toBe("这是㓆");
  });
});
