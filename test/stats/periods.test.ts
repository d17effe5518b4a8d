// Change over time, against values counted by hand on a tiny dated corpus: counts per year with
// gaps as null (not 0), rising and falling terms split at the median document, distinctive terms.
import { describe, expect, it } from "vitest";
import { changingTerms, distinctiveTerms, frequencyByPeriod, keyness } from "../../src";
import { tinyTokens } from "./tiny-tokens";

// 2001: 6 tokens, 2003: 4 tokens (2002: no document), 2004: 5 tokens; plus one undated document.
const tokens = tinyTokens(
  {
    a: "改革 改革 开放 经济 经济 经济",
    b: "改革 开放 开放 市场",
    c: "市场 市场 市场 创新 创新",
    x: "改革 改革 改革",
  },
  { a: { year: "2001", decade: "2000s" }, b: { year: "2003", decade: "2000s" }, c: { year: "2004", decade: "2000s" }, x: {} },
);

describe("frequencyByPeriod", () => {
  it("counts each term per year, every year from first to last, a year without documents as null", () => {
    const rows = frequencyByPeriod(tokens, ["改革", "市场", "没有"]);
    expect(rows.map((row) => [row.period, row.term, row.count, row.per10k === null ? null : Number(row.per10k.toFixed(6)), row.documents])).toEqual([
      ["2001", "改革", 2, Number(((2 / 6) * 10_000).toFixed(6)), 1],
      ["2001", "市场", 0, 0, 1],
      ["2001", "没有", 0, 0, 1],
      ["2002", "改革", null, null, 0],
      ["2002", "市场", null, null, 0],
      ["2002", "没有", null, null, 0],
      ["2003", "改革", 1, 2500, 1],
      ["2003", "市场", 1, 2500, 1],
      ["2003", "没有", 0, 0, 1],
      ["2004", "改革", 0, 0, 1],
      ["2004", "市场", 3, 6000, 1],
      ["2004", "没有", 0, 0, 1],
    ]);
  });
  it("groups by decade or any field, and without filling years", () => {
    expect(frequencyByPeriod(tokens, ["改革"], { by: "decade" })).toEqual([{ period: "2000s", term: "改革", count: 3, per10k: (3 / 15) * 10_000, documents: 3 }]);
    expect(frequencyByPeriod(tokens, ["改革"], { fillYears: false }).map((row) => row.period)).toEqual(["2001", "2003", "2004"]);
    expect(() => frequencyByPeriod(tokens, ["改革"], { by: "speaker" })).toThrow("speaker");
  });
});

describe("changingTerms", () => {
  it("splits at the median document's year and takes keyness of the later against the earlier", () => {
    const change = changingTerms(tokens, { minCount: 1 })!;
    // Years of the dated documents: 2001, 2003, 2004 → median 2003: earlier 2001–2003, later 2004.
    expect(change.split).toBe("2003");
    expect(change.earlier).toEqual({ periods: ["2001", "2003"], documents: 2 });
    expect(change.later).toEqual({ periods: ["2004"], documents: 1 });
    const expected = keyness(tokens, { target: ["c"], reference: ["a", "b"], minCount: 1 });
    expect(change.rising).toEqual(expected.filter((row) => row.direction === "positive").slice(0, 5));
    expect(change.falling).toEqual(expected.filter((row) => row.direction === "negative").slice(0, 5));
    expect(change.rising.map((row) => row.term)).toEqual(["创新", "市场"]);
    // 市场: 3 of 5 later against 1 of 10 earlier: log ratio log2((3/5) / (1/10)).
    expect(change.rising[1].logRatio).toBeCloseTo(Math.log2(3 / 5 / (1 / 10)), 12);
  });
  it("is undefined with fewer than two periods, and never leaves the later side empty", () => {
    const one = tinyTokens({ a: "甲 乙", b: "乙 丙" }, { a: { year: "2001" }, b: { year: "2001" } });
    expect(changingTerms(one)).toBeUndefined();
    const skewed = tinyTokens({ a: "甲 乙", b: "乙 丙", c: "丙 丁" }, { a: { year: "2001" }, b: { year: "2002" }, c: { year: "2002" } });
    expect(changingTerms(skewed, { minCount: 1 })!.split).toBe("2001");
  });
});

describe("distinctiveTerms", () => {
  it("takes each document's strongest key term in turn, then the most frequent terms", () => {
    const distinct = tinyTokens({
      a: "改革 改革 改革 改革 改革 改革 改革 改革 共同 共同",
      b: "市场 市场 市场 市场 市场 市场 市场 市场 共同 共同",
    });
    // 改革 and 市场 are each key (p < 0.01) in their document; then 共同, the most frequent left.
    expect(distinctiveTerms(distinct, 3)).toEqual(["市场", "改革", "共同"]);
    // Not the first documents' terms only: of five documents, the two with the strongest key terms.
    const five = tinyTokens({
      a: "甲甲 甲甲 甲甲 乙乙 乙乙 乙乙 共同",
      b: "甲甲 甲甲 甲甲 乙乙 乙乙 乙乙 共同",
      c: "丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙 丙丙",
      d: "甲甲 乙乙 共同 共同",
      e: "丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁 丁丁",
    });
    expect(distinctiveTerms(five, 2)).toEqual(["丁丁", "丙丙"]);
    // One document: by frequency only, terms of two characters or more.
    expect(distinctiveTerms(tinyTokens({ a: "改 改 改 市场 市场 共同" }), 2)).toEqual(["市场", "共同"]);
  });
});
