// Terms a user names, counted in the text whatever jieba cut them into (the case: jieba cuts
// 社会主义市场经济体制 as 社会主义 / 市场 / 经济体制, and a count of tokens loses those occurrences).
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFromTexts, dictionaryCounts, frequencyByPeriod, loadCorpus, phraseCounts, termFrequency, tokenize } from "../../src";
import { occurrences, splitNote } from "../../src/stats/phrases";
import { writeReportsCorpus } from "../../src/bench/reports-corpus";
import { temporaryFolder } from "../helpers";

describe("phraseCounts", () => {
  it("counts a phrase jieba splits in full, and says how each occurrence lies over the tokens", () => {
    const corpus = corpusFromTexts([
      { id: "a", text: "建立社会主义市场经济体制。发展市场经济。" },
      { id: "b", text: "市场经济的作用，经济体制改革。" },
      { id: "c", text: "与市场经济无关的句子。" },
      { id: "d", text: "没有这个词。" },
    ]);
    const tokens = tokenize(corpus);
    const [row] = phraseCounts(corpus, tokens, ["市場經濟"]); // written in Traditional script: folded like the text
    expect(row).toEqual({ term: "市场经济", count: 4, asToken: 3, insideToken: 0, acrossTokens: 1, other: 0, documentFrequency: 3, per10k: (4 / tokens.documents.reduce((sum, document) => sum + document.termIds.length, 0)) * 10_000 });
    // A count of tokens gives the three whole ones only.
    expect(termFrequency(tokens).find((entry) => entry.term === "市场经济")?.count).toBe(3);
    // 经济 five times, each inside a longer token (市场经济 three times, 经济体制, 经济体制改革 or its parts).
    const [economy] = phraseCounts(corpus, tokens, ["经济"]);
    expect(economy).toMatchObject({ count: 5, asToken: 0, insideToken: 5, acrossTokens: 0 });
    expect(splitNote(phraseCounts(corpus, tokens, ["市场经济"]))).toBe("Counted in the text: 1 of the 4 occurrences of 市场经济 span two or more of jieba's tokens (a count of tokens would give 3).");
    expect(splitNote(phraseCounts(corpus, tokens, ["作用"]))).toBeUndefined();
    // By document: every document, terms absent counted 0.
    expect(phraseCounts(corpus, tokens, ["市场经济", "不存在"], { by: "document" }).map((entry) => [entry.group, entry.term, entry.count])).toEqual([
      ["a", "市场经济", 2], ["a", "不存在", 0], ["b", "市场经济", 1], ["b", "不存在", 0], ["c", "市场经济", 1], ["c", "不存在", 0], ["d", "市场经济", 0], ["d", "不存在", 0],
    ]);
  });

  it("counts a dictionary's written-out words in the text with corpus, wildcards against tokens, each stretch of text once", () => {
    const corpus = corpusFromTexts([{ id: "a", text: "建立社会主义市场经济体制。发展市场经济。" }, { id: "b", text: "经济发展。" }]);
    const tokens = tokenize(corpus);
    const dictionary = { economy: ["市场经济"], both: ["市场经济", "经济*"] };
    const byTokens = dictionaryCounts(tokens, dictionary, { by: "document" });
    const byText = dictionaryCounts(tokens, dictionary, { by: "document", corpus });
    const count = (rows: typeof byText, group: string, category: string) => rows.find((row) => row.group === group && row.category === category)!.count;
    // jieba cuts the first 市场经济 as 市场 / 经济体制: one token match, two in the text.
    expect(count(byTokens, "a", "economy")).toBe(1);
    expect(count(byText, "a", "economy")).toBe(2);
    // 经济体制 (a token matching 经济*) overlaps the first 市场经济: that stretch counts once; 经济 in b counts.
    expect(count(byText, "a", "both")).toBe(2);
    expect(count(byText, "b", "both")).toBe(1);
    expect(byText.find((row) => row.group === "b" && row.category === "economy")).toMatchObject({ count: 0, documents: 0 });
  });

  it("counts occurrences without overlap, as Python's str.count", () => {
    expect(occurrences("哈哈哈哈哈", "哈哈")).toEqual([0, 2]);
    expect(occurrences("abc", "")).toEqual([]);
  });

  it("on 49 generated reports, counts 市场经济 as often as the texts hold it, by year too", async () => {
    const folder = path.join(temporaryFolder(), "reports");
    writeReportsCorpus(folder, { sentences: 120 });
    const corpus = await loadCorpus(folder, { nameFields: "{year}政府工作报告_{speaker}" });
    const tokens = tokenize(corpus);
    const inText = corpus.documents.reduce((sum, document) => sum + document.text.split("市场经济").length - 1, 0);
    expect(inText).toBeGreaterThan(50);
    const [row] = phraseCounts(corpus, tokens, ["市场经济"]);
    expect(row.count).toBe(inText);
    expect(row.asToken + row.insideToken + row.acrossTokens + row.other).toBe(inText);
    const byYear = frequencyByPeriod(tokens, ["市场经济"], { corpus });
    expect(byYear.reduce((sum, entry) => sum + (entry.count ?? 0), 0)).toBe(inText);
    expect(byYear.filter((entry) => entry.count === null).map((entry) => entry.period)).toContain("1961"); // a year without a report: a gap
  });
});
