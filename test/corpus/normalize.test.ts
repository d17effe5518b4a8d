import { describe, expect, it } from "vitest";
import { toSimplified } from "../../src";
import { cleanText } from "../../src/corpus/clean";
import { detectScript } from "../../src/corpus/script";
import { collapseWhitespace, normalizeLineEndings, normalizeUnicode } from "../../src/corpus/normalize";
import { joinTracked, replaceTracked, splitTrackedLines, trackText } from "../../src/corpus/tracked-text";

describe("Chinese numerals with a circle for zero", () => {
  it("reads 一九五○年 (U+25CB) and 一九八◯年 (U+25EF) as 〇, keeps a bullet ○, and the year segments whole", async () => {
    const { tokenize, corpusFromTexts } = await import("../../src");
    const cleaned = cleanText("关于一九五○年度国家预算的报告\n一九八◯年十二月十日\n○ 要点一");
    expect(cleaned.text).toBe("关于一九五〇年度国家预算的报告\n一九八〇年十二月十日\n○ 要点一");
    expect(cleaned.log).toContainEqual({ step: "nfkc", rule: "numeral-zero", count: 2, text: "一九五○→一九五〇 一九八◯→一九八〇" });
    const tokens = tokenize(corpusFromTexts([{ id: "a", text: "一九五○年的预算。" }]), { removeNumbers: false });
    expect(tokens.vocabulary).not.toContain("一九五");
    expect(tokens.vocabulary).toContain("一九五〇");
    // Numbers are removed by default, Chinese digit runs with them (as 1950 would be).
    expect(tokenize(corpusFromTexts([{ id: "a", text: "二〇二三年的预算。" }])).vocabulary).toEqual(["预算"]);
  });
});

describe("character normalization", () => {
  it("applies NFKC: full-width digits and letters become ASCII", () => {
    const { result, count, examples } = normalizeUnicode(trackText("２０２３年ＡＰＰ上线"));
    expect(result.text).toBe("2023年APP上线");
    expect(count).toBe(7);
    expect(examples).toEqual(["２→2", "０→0", "３→3", "Ａ→A", "Ｐ→P"]);
  });
  it("normalizes line endings and folds white space", () => {
    expect(normalizeLineEndings(trackText("a\r\nb\rc")).result.text).toBe("a\nb\nc");
    expect(collapseWhitespace(trackText("  忠诚担当 \u3000 守护\u200b新疆  \n\t下一行 ")).result.text).toBe("忠诚担当 守护新疆\n下一行");
  });
});

describe("tracked text", () => {
  it("maps replacements, lines and joins back to original offsets", () => {
    const { result } = replaceTracked(trackText("ab--cd"), /--/g, () => "");
    expect(result.text).toBe("abcd");
    expect([...result.origin]).toEqual([0, 1, 4, 5]);
    const lines = splitTrackedLines(trackText("一二\n三"));
    expect(lines.map((line) => [line.text, [...line.origin]])).toEqual([["一二", [0, 1]], ["三", [3]]]);
    const joined = joinTracked(lines, "\n");
    expect([...joined.origin]).toEqual([0, 1, 2, 3]);
  });
});

describe("scripts", () => {
  it("detects Simplified, Traditional and mixed text", () => {
    expect(detectScript("公安机关坚持党建引领").script).toBe("simplified");
    expect(detectScript("公安機關堅持黨建引領").script).toBe("traditional");
    expect(detectScript("公安機關坚持党建引领,黨建").script).toBe("mixed");
    expect(detectScript("中国人民").script).toBe("simplified");
  });
  it("converts Traditional, Hong Kong and Taiwan forms to Simplified at phrase level", () => {
    expect(toSimplified("公安機關 衞生 裏面 著名 乾隆")).toBe("公安机关 卫生 里面 著名 乾隆");
  });
  it("flags mixed script and keeps the source script in the title", () => {
    const cleaned = cleanText("公安機關坚持党建引领,黨建");
    expect(cleaned.title).toBe("公安機關坚持党建引领,黨建");
    expect(cleaned.text).toBe("公安机关坚持党建引领,党建");
    expect(cleaned.flags.map((flag) => flag.kind)).toEqual(["mixed-script"]);
  });
});

describe("quality flags", () => {
  it("flags U+FFFD, a low share of Han characters and empty results", () => {
    expect(cleanText("公安\ufffd\ufffd机关").flags.map((flag) => flag.kind)).toEqual(["replacement-character"]);
    expect(cleanText("This is English text with one 字.").flags.map((flag) => flag.kind)).toEqual(["low-han-share"]);
    expect(cleanText("返回顶部").flags).toEqual([{ kind: "empty-after-cleaning", message: "no text is left after cleaning" }]);
  });
  it("flags mojibake but not two rare characters side by side", () => {
    const garbled = cleanText("請談?wù)勀鷮ν暾麥?zhǔn)確全面貫徹");
    expect(garbled.flags).toMatchObject([{ kind: "garbled", line: 1 }]);
    expect(cleanText("斗转星移天地新,纵横驰骋砥砺行。").flags).toEqual([]);
  });
});
