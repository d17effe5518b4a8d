// Script detection and Traditional→Simplified conversion: Simplified text is a fixed point
// (OpenCC's phrase tables alone would turn 显著 into 显着), and terms typed in Simplified find
// their occurrences in every analysis that looks a term up.
import { describe, expect, it } from "vitest";
import { collocations, corpusFromTexts, dispersion, kwic, tokenize, toSimplified } from "../../src";
import { detectScript } from "../../src/corpus/script";

const simplifiedSentences = [
  "改革取得显著成效，著名学者出版了新著作。",
  "他们的贡献卓著，土著居民在此生活了千年。",
  "运动员顽强拚搏，见微知著，取得显著进步。",
];

describe("toSimplified", () => {
  it("returns Simplified text unchanged, 著 and 拚 included", () => {
    for (const sentence of simplifiedSentences) expect(toSimplified(sentence)).toBe(sentence);
    for (const term of ["显著", "著名", "著作", "卓著", "土著", "拚搏", "见微知著"]) expect(toSimplified(term)).toBe(term);
  });
  it("converts Traditional text with OpenCC's phrases, HK and TW variants", () => {
    expect(toSimplified("公安機關堅持黨建引領")).toBe("公安机关坚持党建引领");
    expect(toSimplified("顯著")).toBe("显著");
    expect(toSimplified("後來他發現")).toBe("后来他发现");
    expect(toSimplified("衞生")).toBe("卫生");
    expect(toSimplified("臺灣")).toBe("台湾");
  });
  it("converts characters that change only inside phrases (瞭解, 反覆, 藉口, 彷彿) as OpenCC does, and never in Simplified text", () => {
    expect(toSimplified("我們瞭解情況，反覆研究，藉口，彷彿")).toBe("我们了解情况，反复研究，借口，仿佛");
    // Simplified text stays as it is: 瞭望 and 反覆 written in a Simplified line are not touched.
    for (const text of ["哨兵在瞭望塔上瞭望。", "他反覆无常。", "以此为藉口。"]) expect(toSimplified(text)).toBe(text);
  });
  it("converts a shared character only beside Traditional text on its line", () => {
    // 後 is in GB2312 and Big5 alike: converted after 發, kept on a line with no Traditional form.
    expect(toSimplified("發現之後")).toBe("发现之后");
    expect(toSimplified("之後\n發現")).toBe("之後\n发现");
    // Only the Traditional line of a mixed text changes.
    expect(toSimplified("成绩显著\n顯著進步")).toBe("成绩显著\n显著进步");
  });
});

describe("detectScript", () => {
  it("counts only script-specific characters", () => {
    expect(detectScript("改革取得显著成效")).toEqual({ script: "simplified", traditionalCharacters: 0, simplifiedCharacters: 1 });
    expect(detectScript("著名土著拚搏")).toEqual({ script: "simplified", traditionalCharacters: 0, simplifiedCharacters: 0 });
    expect(detectScript("公安機關堅持黨建引領")).toEqual({ script: "traditional", traditionalCharacters: 5, simplifiedCharacters: 0 });
    expect(detectScript("公安機關坚持党建").script).toBe("mixed");
  });
});

describe("terms typed in Simplified find Simplified documents", () => {
  const corpus = corpusFromTexts([
    { id: "a", text: simplifiedSentences.join("\n") },
    { id: "b", text: "經濟增長顯著，取得顯著成效。" },
  ]);
  const tokens = tokenize(corpus, { stopwords: "none" });

  it("keeps the Simplified document's text and flags no mixed script", () => {
    const a = corpus.documents.find((document) => document.id === "a")!;
    // NFKC makes the full-width comma "," and changes nothing else.
    expect(a.text).toBe(simplifiedSentences.join("\n").replaceAll("，", ","));
    expect(a.meta.script).toBe("simplified");
    expect(a.flags).toEqual([]);
    expect(corpus.documents.find((document) => document.id === "b")!.text).toBe("经济增长显著,取得显著成效。");
  });
  it("kwic, dispersion and collocations find 显著 in both documents", () => {
    expect(kwic(corpus, tokens, "显著").map((row) => [row.document, row.match])).toEqual([
      ["a", "显著"],
      ["a", "显著"],
      ["b", "顯著"],
      ["b", "顯著"],
    ]);
    expect(kwic(corpus, tokens, "顯著")).toHaveLength(4);
    expect(dispersion(tokens, ["显著"]).measures[0]).toMatchObject({ term: "显著", count: 4, documentFrequency: 2 });
    expect(collocations(tokens, { node: "显著", minCount: 1 }).length).toBeGreaterThan(0);
  });
  it("a user stopword typed in Simplified removes the Simplified token", () => {
    const filtered = tokenize(corpus, { stopwords: { default: false, words: ["显著"] } });
    expect(filtered.termIndex.has("显著")).toBe(false);
    expect(filtered.termIndex.has("显着")).toBe(false);
  });
});
