// Segmentation of the seed corpus with the real nodejieba and the bundled corpus's preset
// (public-security: its user dictionary and stopwords), as its report uses them; the general
// defaults without a preset are tested in presets.test.ts (a process of its own: jieba keeps a
// user dictionary once loaded).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusFromTexts, keywords, kwic, loadCorpus, termFrequency, tokenize, type Corpus, type Tokens } from "../../src";
import { addWords } from "../../src/text/segmenter";
import { defaultStopwords } from "../../src/text/stopwords";
import { documentTerms } from "../../src/text/tokenize";
import { temporaryFolder, writeFiles } from "../helpers";

let corpus: Corpus;
let tokens: Tokens;
const short = (id: string) => id.slice(0, 3);

beforeAll(async () => {
  corpus = await loadCorpus("data/corpus");
  tokens = tokenize(corpus, { preset: "public-security" });
});

function documentsWithTerm(term: string): string[] {
  return termFrequency(tokens, { by: "document" })
    .filter((row) => row.term === term)
    .map((row) => short(row.group!));
}

describe("tokenize on the seed corpus", () => {
  it("keeps every user-dictionary term as one token in every document that contains it", () => {
    const terms = readFileSync("data/userdict.txt", "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.startsWith("#"))
      .map((line) => line.split(/\s+/)[0]);
    const perDocument = termFrequency(tokens, { by: "document" });
    let present = 0;
    for (const term of terms) {
      for (const document of corpus.documents) {
        if (!document.text.includes(term)) continue;
        present++;
        expect(perDocument.some((row) => row.group === document.id && row.term === term), `${term} in ${document.id}`).toBe(true);
      }
    }
    expect(present).toBe(79); // (term, document) pairs checked
  });

  it("counts the issue's terms exactly as often as the text has them", () => {
    // (Not every dictionary term can: in 凝聚民族团结奋斗力量 jieba rightly prefers 民族 + 团结奋斗.)
    for (const term of ["枫桥经验", "两个维护", "两个确立", "电信网络诈骗", "夏季治安打击整治", "百日行动", "公安铁军", "情指行", "放管服", "新质公安战斗力"]) {
      const inText = corpus.documents.reduce((sum, document) => sum + document.text.split(term).length - 1, 0);
      expect(termFrequency(tokens).find((row) => row.term === term)?.count, term).toBe(inText);
    }
  });

  it("counts the issue's terms in the right articles, across scripts and pinyin", () => {
    expect(documentsWithTerm("枫桥经验")).toEqual(["000", "001", "003", "004"]);
    expect(documentsWithTerm("电信网络诈骗")).toEqual(["000", "001", "002"]);
    expect(documentsWithTerm("新质公安战斗力")).toEqual(["001"]);
    expect(documentsWithTerm("公安")).toEqual(["000", "001", "002", "003", "004"]);
    expect(documentsWithTerm("公安机关")).toEqual(["000", "001", "002", "003", "004"]);
    expect(tokens.termIndex.has("公安機關")).toBe(false);
    expect(tokens.termIndex.has("兵團")).toBe(false);
  });

  it("has 兵团 at the top of 001", () => {
    const top = termFrequency(tokens, { by: "document", top: 1 }).find((row) => row.group!.startsWith("001"))!;
    expect(top).toMatchObject({ term: "兵团", count: 21 });
  });

  it("keeps no stopword, punctuation mark or number among the top 100 terms", () => {
    const stopwords = defaultStopwords();
    const top = termFrequency(tokens, { top: 100 });
    expect(top).toHaveLength(100);
    for (const { term } of top) {
      expect(stopwords.has(term), term).toBe(false);
      expect(term, term).not.toMatch(/^[\p{P}\p{S}\s]+$/u);
      expect(term, term).not.toMatch(/^\d+(\.\d+)?%?$/);
    }
  });

  it("records offsets: each token is the text at its start", () => {
    for (const [index, tokenized] of tokens.documents.entries()) {
      const text = corpus.documents[index].text;
      documentTerms(tokens, tokenized).forEach((term, position) => {
        expect(text.slice(tokenized.starts[position], tokenized.starts[position] + term.length)).toBe(term);
      });
    }
  });

  it("is deterministic and compact", () => {
    const again = tokenize(corpus, { preset: "public-security" });
    expect(again.vocabulary).toEqual(tokens.vocabulary);
    expect(again.documents.map((document) => [...document.termIds])).toEqual(tokens.documents.map((document) => [...document.termIds]));
    expect(tokens.documents[0].termIds).toBeInstanceOf(Int32Array);
    expect(tokens.documents[0].starts).toBeInstanceOf(Int32Array);
  });
});

describe("tokenize options", () => {
  const sample = corpusFromTexts([{ id: "s", text: "2022年8月26日起，App上线了，GDP增长14.67%。民警辅警的工作" }]);
  const terms = (options: Parameters<typeof tokenize>[1]) => documentTerms(tokenize(sample, { preset: "public-security", ...options }), tokenize(sample, { preset: "public-security", ...options }).documents[0]);

  it("keeps Latin words whole and drops numbers, percentages, punctuation and stopwords by default", () => {
    // 年, 月, 了 and 的 are in the default stopword lists; 民警辅警 is in the preset's dictionary.
    expect(terms({})).toEqual(["日起", "App", "上线", "GDP", "增长", "民警辅警", "工作"]);
  });
  it("switches filters, stopwords and lengths", () => {
    expect(terms({ stopwords: "none", removeNumbers: false, removePunctuation: false })).toEqual([
      "2022", "年", "8", "月", "26", "日起", ",", "App", "上线", "了", ",", "GDP", "增长", "14.67", "%", "。", "民警辅警", "的", "工作",
    ]);
    expect(terms({ minLength: 2, removeLatin: true })).toEqual(["日起", "上线", "增长", "民警辅警", "工作"]);
    expect(terms({ stopwords: { words: ["工作"], keep: ["了"] } })).toEqual(["日起", "App", "上线", "了", "GDP", "增长", "民警辅警"]);
  });
  it("tags parts of speech and filters by them", () => {
    const tagged = tokenize(sample, { pos: true, preset: "public-security" });
    const document = tagged.documents[0];
    expect(Array.from(document.tagIds!, (id) => tagged.tags[id])).toHaveLength(document.termIds.length);
    expect(terms({ includePos: ["n"] })).toEqual(expect.arrayContaining(["民警辅警"]));
    expect(terms({ includePos: ["v"] })).not.toContain("民警辅警");
  });
  it("cuts in search and full modes with offsets", () => {
    const text = corpusFromTexts([{ id: "x", text: "中华人民共和国公安机关" }]);
    const search = tokenize(text, { mode: "search", stopwords: "none" });
    expect(documentTerms(search, search.documents[0])).toEqual(["中华", "华人", "人民", "共和", "共和国", "中华人民共和国", "公安", "机关", "公安机关"]);
    expect([...search.documents[0].starts]).toEqual([0, 1, 2, 4, 4, 0, 7, 9, 7]);
    const full = tokenize(text, { mode: "full", stopwords: "none" });
    expect(documentTerms(full, full.documents[0])).toContain("人民共和国");
    expect(() => tokenize(text, { mode: "full", pos: true })).toThrow("part-of-speech tags need precise mode");
  });
});

describe("dictionaries", () => {
  it("adds words after the dictionary is loaded", () => {
    const text = corpusFromTexts([{ id: "w", text: "推进警保联控工作" }]);
    expect(documentTerms(tokenize(text), tokenize(text).documents[0])).not.toContain("警保联控");
    addWords(["警保联控"]);
    expect(documentTerms(tokenize(text), tokenize(text).documents[0])).toContain("警保联控");
  });
  it("adds a user dictionary file, and names a missing one instead of crashing", () => {
    const folder = temporaryFolder();
    writeFiles(folder, { "mine.txt": "# mine\n网格化治理 10 n\n" });
    const text = corpusFromTexts([{ id: "w", text: "深化网格化治理" }]);
    const withDictionary = tokenize(text, { userDictionaries: [path.join(folder, "mine.txt")] });
    expect(documentTerms(withDictionary, withDictionary.documents[0])).toContain("网格化治理");
    expect(() => tokenize(text, { userDictionaries: [path.join(folder, "missing.txt")] })).toThrow(/missing.txt" does not exist/);
  });
});

describe("keywords and concordances on the seed corpus", () => {
  it("ranks 兵团 first in 001 by all three methods", () => {
    for (const method of ["tfidf", "jieba-tfidf", "textrank"] as const) {
      const top = keywords(method === "tfidf" ? tokens : corpus, { method, top: 1 }).find((row) => row.document.startsWith("001"))!;
      expect(top.term, method).toBe("兵团");
    }
  });
  it("drops numbers from nodejieba's keywords as from every other analysis", () => {
    const numbers = corpusFromTexts([{ id: "n", text: "1955年至1955年，编号000、000、000与1955的公安机关开展警务改革。" }]);
    // nodejieba.extract ranks 1955 and 000 first here (weight 35.2 each). Weights are count × idf
    // over the 11 words Python jieba counts (1955 ×3, 000 ×3, 编号, 公安机关, 开展, 警务, 改革).
    expect(keywords(numbers, { method: "jieba-tfidf", top: 3 }).map((row) => [row.term, row.weight])).toEqual([
      ["警务", 11.9547675029 / 11],
      ["编号", 8.09554268306 / 11],
      ["公安机关", 7.86999239171 / 11],
    ]);
    expect(keywords(numbers, { method: "textrank", top: 3 }).map((row) => row.term)).toEqual(["公安机关", "开展", "编号"]);
  });
  it("filters keywords by part of speech", () => {
    const rows = keywords(corpus, { method: "tfidf", top: 5, pos: ["v"] });
    expect(rows.map((row) => row.term)).not.toContain("兵团");
    expect(() => keywords(tokens, { method: "textrank" })).toThrow("pass the corpus");
  });
  it("shows 枫桥经验 in context in the original script", () => {
    const rows = kwic(corpus, tokens, "楓橋經驗", { window: 8 });
    expect(rows.map((row) => [short(row.document), row.left, row.match, row.right])).toEqual([
      ["000", "大力发扬新时代“", "枫桥经验", "”,积极化解各类"],
      // The context is the cleaned text's: the inline pinyin cleaning removed stays out of it.
      ["001", "持和發展新時代“", "楓橋經驗", "”,深化“楓橋式"],
      ["003", "持和发展新时代“", "枫桥经验", "”,深入开展矛盾"],
      ["004", "持和發展新時代“", "楓橋經驗", "”,積極開展基層"],
    ]);
  });
  it("finds a phrase that is not a token in the text", () => {
    const rows = kwic(corpus, tokens, "反恐实战", { window: 3 });
    expect(rows.map((row) => [short(row.document), row.match])).toEqual([["001", "反恐實戰"], ["001", "反恐實戰"]]);
  });
});
