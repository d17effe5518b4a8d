// Every formula against values computed by hand on a tiny corpus:
//   d1 = a b a c, d2 = a d d, d3 = b c   (N = 9 tokens; f(a) = 3, f(b) = f(c) = f(d) = 2)
import { describe, expect, it } from "vitest";
import { collocations, dispersion, keyness, loadCorpus, ngrams, termFrequency, tfidf, tokenize } from "../../src";
import { compareText } from "../../src/shared/order";
import { chiSquarePValue } from "../../src/stats/distributions";
import { keynessStatistics } from "../../src/stats/keyness";
import { documentTermMatrix, matrixCount } from "../../src/stats/matrix";
import { fitIdf, jiebaIdf, loadIdf, saveIdf } from "../../src/stats/tfidf";
import { temporaryFolder } from "../helpers";
import { tinyTokens } from "./tiny-tokens";
import * as path from "node:path";

const tokens = tinyTokens({ d1: "a b a c", d2: "a d d", d3: "b c" }, { d1: { region: "north" }, d2: { region: "south" }, d3: { region: "north" } });

describe("termFrequency", () => {
  it("counts terms, per 10,000 tokens, document frequency and range", () => {
    expect(termFrequency(tokens)).toEqual([
      { term: "a", count: 3, per10k: (3 / 9) * 10000, documentFrequency: 2, range: 2 / 3 },
      { term: "b", count: 2, per10k: (2 / 9) * 10000, documentFrequency: 2, range: 2 / 3 },
      { term: "c", count: 2, per10k: (2 / 9) * 10000, documentFrequency: 2, range: 2 / 3 },
      { term: "d", count: 2, per10k: (2 / 9) * 10000, documentFrequency: 1, range: 1 / 3 },
    ]);
  });
  it("counts per metadata group and per document", () => {
    expect(termFrequency(tokens, { by: "region", top: 1 })).toEqual([
      { group: "north", term: "a", count: 2, per10k: (2 / 6) * 10000, documentFrequency: 1, range: 1 / 2 },
      { group: "south", term: "d", count: 2, per10k: (2 / 3) * 10000, documentFrequency: 1, range: 1 },
    ]);
    expect(termFrequency(tokens, { by: "document" }).filter((row) => row.group === "d3").map((row) => row.term)).toEqual(["b", "c"]);
  });
});

describe("documentTermMatrix", () => {
  it("stores counts in compressed rows", () => {
    const matrix = documentTermMatrix(tokens);
    expect([...matrix.rowStarts]).toEqual([0, 3, 5, 7]);
    expect([...matrix.columns]).toEqual([0, 1, 2, 0, 3, 1, 2]);
    expect([...matrix.counts]).toEqual([2, 1, 1, 1, 2, 1, 1]);
    expect(matrixCount(matrix, "d2", "d")).toBe(2);
    expect(matrixCount(matrix, "d3", "a")).toBe(0);
  });
});

describe("kwic context", () => {
  it("is the cleaned text's, in the original script: removed pinyin and metadata lines do not come back", async () => {
    const { corpusFromTexts, kwic, tokenize } = await import("../../src");
    const corpus = corpusFromTexts([{ id: "a", text: "公安機關堅持黨建引領\n來源：新華社\n責(zé)任落實，深入推進楓橋經驗，２０２３年成效顯著。" }]);
    const [row] = kwic(corpus, tokenize(corpus), "枫桥经验", { window: 12 });
    expect(row).toEqual({ document: "a", position: 8, start: 20, left: "引領 責任落實，深入推進", match: "楓橋經驗", right: "，２０２３年成效顯著。" });
  });
});

describe("jieba-tfidf keyword weights", () => {
  it("are on Python jieba's scale: count × idf divided by the words extract_tags counts (8 here, as Python jieba 0.42.1 counts)", async () => {
    const { jiebaKeywordTotal, extractWithJiebaIdf } = await import("../../src/text/segmenter");
    const { keywords, corpusFromTexts } = await import("../../src");
    const text = "我们的经济发展很好，经济和社会发展 the Economy 和 of 数据。";
    // 我们 经济 发展 经济 社会 发展 Economy 数据: two characters or more, not "the" or "of".
    expect(jiebaKeywordTotal(text)).toBe(8);
    const rows = keywords(corpusFromTexts([{ id: "a", text }]), { method: "jieba-tfidf", top: 3 });
    const raw = new Map(extractWithJiebaIdf(text, 20).map(({ word, weight }) => [word, weight]));
    expect(rows.map((row) => row.term)).toEqual(["Economy", "发展", "经济"]);
    for (const row of rows) expect(row.weight).toBeCloseTo(raw.get(row.term)! / 8, 14);
  });
});

describe("tfidf", () => {
  it("uses idf = ln((1+N)/(1+df)) + 1 and tf = count / document tokens", () => {
    const idf = fitIdf(tokens);
    expect(idf.idf.get("a")).toBeCloseTo(1.2876820724517808, 12);
    expect(idf.idf.get("d")).toBeCloseTo(1.6931471805599454, 12);
    const rows = tfidf(tokens, { top: 2 });
    expect(rows.map((row) => [row.document, row.rank, row.term, row.count])).toEqual([
      ["d1", 1, "a", 2],
      ["d1", 2, "b", 1],
      ["d2", 1, "d", 2],
      ["d2", 2, "a", 1],
      ["d3", 1, "b", 1],
      ["d3", 2, "c", 1],
    ]);
    expect(rows[0].tfidf).toBeCloseTo(0.6438410362258904, 12);
    expect(rows[2].tfidf).toBeCloseTo(1.1287647870399635, 12);
    expect(rows[3].tfidf).toBeCloseTo(0.42922735748392693, 12);
  });
  it("saves and loads an IDF table for reuse", () => {
    const file = path.join(temporaryFolder(), "corpus.idf");
    const fitted = fitIdf(tokens);
    saveIdf(fitted, file);
    const loaded = loadIdf(file);
    expect(loaded.idf.get("d")).toBeCloseTo(fitted.idf.get("d")!, 10);
    expect(loaded.defaultIdf).toBeCloseTo(Math.log(4) + 1, 10);
    expect(tfidf(tokens, { idf: loaded, top: 1 })[0].tfidf).toBeCloseTo(0.6438410362258904, 10);
  });
});

describe("jieba's IDF table", () => {
  it("is Python jieba 0.42.1's: single characters included, unknown terms at its median", () => {
    const table = jiebaIdf();
    expect(table.idf.size).toBe(270_132);
    expect(table.idf.get("新")).toBe(3.90575103912); // nodejieba's table alone gave the median, 11.95
    expect(table.idf.get("上")).toBe(2.52604920291);
    expect(table.idf.get("公安机关")).toBe(7.86999239171);
    // jieba.analyse: sorted(idf.values())[len // 2]
    expect(table.defaultIdf).toBe(11.9547675029);
    const single = tinyTokens({ one: "新 公安机关" });
    expect(tfidf(single, { idf: "jieba" }).map((row) => [row.term, row.idf])).toEqual([
      ["公安机关", 7.86999239171],
      ["新", 3.90575103912],
    ]);
  });
});

describe("compareText", () => {
  it("orders by code point, a character beyond U+FFFF after U+E000–FFFF", () => {
    expect(["𠮷", "，", "a", "中"].sort(compareText)).toEqual(["a", "中", "，", "𠮷"]);
    expect(compareText("公安", "公安机关")).toBe(-1);
    expect(compareText("公安", "公安")).toBe(0);
  });
});

describe("keyness", () => {
  it("computes G², χ², p-values and log ratio for target d1 against the rest", () => {
    const rows = keyness(tokens, { target: ["d1"] });
    const a = rows.find((row) => row.term === "a")!;
    expect(a.direction).toBe("positive");
    expect([a.targetCount, a.referenceCount]).toEqual([2, 1]);
    expect(a.logLikelihood).toBeCloseTo(0.6002091849006761, 10);
    expect(a.chiSquare).toBeCloseTo(0.9, 10);
    expect(a.chiSquareP).toBeCloseTo(0.3427817111479114, 6);
    expect(a.logLikelihoodP).toBeCloseTo(0.438498223696215, 6);
    expect(a.logRatio).toBeCloseTo(1.3219280948873624, 10);
    const d = rows.find((row) => row.term === "d")!;
    expect(d.direction).toBe("negative");
    expect(d.logLikelihood).toBeCloseTo(2.351146659608476, 10);
    // Zero in the target: k = 0.5 / 9 added to both relative frequencies, log2((1/18) / (2/5 + 1/18)) = log2(5/41).
    expect(d.logRatio).toBeCloseTo(Math.log2(5 / 41), 12);
    expect(d.logRatio).toBeCloseTo(-3.035623909730721, 12);
    // Positive terms first, then negative, each by G².
    expect(rows.map((row) => row.direction)).toEqual(["positive", "positive", "positive", "negative"]);
  });
  it("keeps the sign of the log ratio with a zero count, whatever the corpus sizes", () => {
    // Hardie's 0.5 for the zero alone gave log2((0.5/1000) / (1/5000)) = +1.32 here.
    const absent = keynessStatistics({ targetCount: 0, referenceCount: 1, targetTotal: 1000, referenceTotal: 5000 });
    expect(absent.direction).toBe("negative");
    expect(absent.logRatio).toBeCloseTo(Math.log2(0.5 / 6000 / (1 / 5000 + 0.5 / 6000)), 12);
    expect(absent.logRatio).toBeLessThan(0);
    // Absent from the target is more extreme than once there; a term seen 589 times outweighs one seen once.
    const once = keynessStatistics({ targetCount: 1, referenceCount: 589, targetTotal: 1000, referenceTotal: 5000 });
    const never = keynessStatistics({ targetCount: 0, referenceCount: 589, targetTotal: 1000, referenceTotal: 5000 });
    expect(never.logRatio).toBeLessThan(once.logRatio);
    expect(never.logRatio).toBeLessThan(absent.logRatio - 5);
    // With both counts above zero it is Hardie's plain log2((a/c) / (b/d)).
    expect(once.logRatio).toBeCloseTo(Math.log2(1 / 1000 / (589 / 5000)), 12);
    const present = keynessStatistics({ targetCount: 5, referenceCount: 0, targetTotal: 100, referenceTotal: 100 });
    expect(present.logRatio).toBeCloseTo(Math.log2((5 / 100 + 0.5 / 200) / (0.5 / 200)), 12);
  });
  it("gives every row of the bundled corpus a log ratio whose sign is its direction", async () => {
    const corpus = await loadCorpus("data/corpus");
    const seed = tokenize(corpus);
    let rows = 0;
    for (const document of seed.documents) {
      for (const row of keyness(seed, { target: [document.id] })) {
        rows++;
        if (row.direction === "positive") expect(row.logRatio, row.term).toBeGreaterThanOrEqual(0);
        else expect(row.logRatio, row.term).toBeLessThan(0);
      }
    }
    expect(rows).toBeGreaterThan(5000);
  });
  it("selects target and reference by metadata and names bad selections", () => {
    const rows = keyness(tokens, { target: { field: "region", value: "south" } });
    expect(rows[0]).toMatchObject({ term: "d", direction: "positive", targetCount: 2, referenceCount: 0 });
    expect(() => keyness(tokens, { target: ["nope"] })).toThrow('target: no document with id "nope"');
    expect(() => keyness(tokens, { target: ["d1", "d2", "d3"] })).toThrow("the reference selects no document");
  });
  it("gives χ² p-values of the one-degree-of-freedom distribution", () => {
    expect(chiSquarePValue(3.841458820694124)).toBeCloseTo(0.05, 6);
    expect(chiSquarePValue(6.634896601021214)).toBeCloseTo(0.01, 6);
    expect(chiSquarePValue(0)).toBe(1);
  });
});

describe("collocations", () => {
  it("measures a bigram (window 1) by PMI, G², t-score and Dice", () => {
    const rows = collocations(tokens, { window: 1, minCount: 1 });
    const ab = rows.find((row) => row.term1 === "a" && row.term2 === "b")!;
    expect(ab.count).toBe(1);
    expect(ab.expected).toBeCloseTo(0.6666666666666666, 12);
    expect(ab.pmi).toBeCloseTo(0.5849625007211562, 12);
    expect(ab.logLikelihood).toBeCloseTo(0.3088920668732478, 10);
    expect(ab.tScore).toBeCloseTo(0.33333333333333337, 12);
    expect(ab.dice).toBeCloseTo(0.4, 12);
    expect(rows.map((row) => `${row.term1}${row.term2}`).sort()).toEqual(["ab", "ac", "ad", "ba", "bc", "dd"]);
  });
  it("counts a token once however many windows hold it, so the table stays valid (window 2)", () => {
    // x = u u v: the old pair count saw v twice (after u@0 and u@1) though f(v) in x is 1.
    const repeated = tinyTokens({ x: "u u v", y: "v w" });
    const rows = collocations(repeated, { window: 2, minCount: 1 });
    const uv = rows.find((row) => row.term1 === "u" && row.term2 === "v")!;
    // u's region in x is positions 1 and 2 (u, v): R1 = 2; O11 = 1, C1 = f(v) = 2, N = 5.
    expect([uv.count, uv.span, uv.frequency2, uv.total]).toEqual([1, 2, 2, 5]);
    const expected = [0.8, 1.2, 1.2, 1.8]; // E11 = 2·2/5, E12 = 2·3/5, E21 = 3·2/5, E22 = 3·3/5
    const observed = [1, 1, 1, 2];
    expect(uv.expected).toBeCloseTo(0.8, 12);
    expect(uv.logLikelihood).toBeCloseTo(2 * observed.reduce((sum, value, cell) => sum + value * Math.log(value / expected[cell]), 0), 12);
    expect(uv.logLikelihood).toBeCloseTo(0.13844293808390656, 12);
    expect(uv.pmi).toBeCloseTo(Math.log2(1 / 0.8), 12);
    expect(uv.tScore).toBeCloseTo(0.2, 12);
    expect(uv.dice).toBeCloseTo(0.5, 12);
    // v ends x, so its region is y's w alone.
    expect(rows.find((row) => row.term1 === "v")).toMatchObject({ term2: "w", count: 1, span: 1 });
  });
  it("runs windows over the kept tokens or over all tokens before filtering", () => {
    const gap = tinyTokens({ z: "香港 | 澳门 合作" }); // | is a removed 、
    const pairsOf = (over: "kept" | "all") => collocations(gap, { window: 1, minCount: 1, over }).map((row) => `${row.term1}${row.term2}`).sort();
    expect(pairsOf("kept")).toEqual(["澳门合作", "香港澳门"]);
    expect(pairsOf("all")).toEqual(["澳门合作"]);
    expect(() => collocations(gap, { over: "sentences" as "all" })).toThrow('over must be "kept" or "all"');
  });
  it("gives every row of the bundled corpus a valid table and Dice ≤ 1, at every window", async () => {
    const seed = tokenize(await loadCorpus("data/corpus"));
    let checked = 0;
    for (const over of ["kept", "all"] as const) {
      for (const window of [1, 2, 5, 10]) {
        const rows = [...collocations(seed, { window, over, minCount: 1 }), ...collocations(seed, { window, over, minCount: 1, node: "公安" })];
        for (const row of rows) {
          const cells = [row.count, row.span - row.count, row.frequency2 - row.count, row.total - row.span - row.frequency2 + row.count];
          expect(Math.min(...cells), `${row.term1} ${row.term2} window ${window}`).toBeGreaterThanOrEqual(0);
          expect(row.dice).toBeLessThanOrEqual(1);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });
  it("finds the collocates of a node on both sides", () => {
    const rows = collocations(tokens, { window: 2, minCount: 1, node: "c", sortBy: "count" });
    // c stands last in d1 (a b a c: b and a within two tokens to its left) and in d3 (b c).
    expect(rows.map((row) => [row.term2, row.count, row.left, row.right])).toEqual([
      ["b", 2, 2, 0],
      ["a", 1, 1, 0],
    ]);
  });
});

describe("ngrams", () => {
  it("counts runs of adjacent tokens and does not bridge a removed token", () => {
    const gapped = tinyTokens({ x: "a b | a b", y: "a b c" });
    expect(ngrams(gapped, { n: 2, minCount: 1 })).toEqual([
      { ngram: "a b", terms: ["a", "b"], count: 3, documentFrequency: 2 },
      { ngram: "b c", terms: ["b", "c"], count: 1, documentFrequency: 1 },
    ]);
    expect(ngrams(gapped, { n: 2, minCount: 1, acrossRemoved: true }).map((row) => row.ngram)).toEqual(["a b", "b a", "b c"]);
    expect(ngrams(gapped, { n: 3, minCount: 1, separator: "" }).map((row) => row.ngram)).toEqual(["abc"]);
  });
});

describe("dispersion", () => {
  it("computes Gries' DP, DPnorm and Juilland's D over documents", () => {
    const { measures, positions } = dispersion(tokens, ["a"]);
    expect(measures[0].count).toBe(3);
    expect(measures[0].dp).toBeCloseTo(0.2222222222222222, 12);
    expect(measures[0].dpNorm).toBeCloseTo(0.2857142857142857, 12);
    expect(measures[0].juillandD).toBeCloseTo(0.47084973778708183, 12);
    expect(positions.map((row) => [row.document, row.position, row.relativePosition])).toEqual([
      ["d1", 0, 0],
      ["d1", 2, 0.5],
      ["d2", 0, 0],
    ]);
  });
  it("gives no measure for a term that does not occur, and says why", () => {
    expect(dispersion(tokens, ["absent"]).measures).toEqual([
      { term: "absent", count: 0, documentFrequency: 0, dp: null, dpNorm: null, juillandD: null, note: "the term does not occur" },
    ]);
  });
  it("gives DP but no DPnorm or D in a one-document corpus", () => {
    const single = tinyTokens({ only: "a b a" });
    expect(dispersion(single, ["a"]).measures[0]).toEqual({ term: "a", count: 2, documentFrequency: 1, dp: 0, dpNorm: null, juillandD: null, note: "one document: nothing to spread over" });
  });
  it("keeps Juilland's D in [0, 1] for a term in one of several documents", () => {
    // p = (1/3, 0, 0, 0, 0, 0, 0): σ/μ = √6 exactly, so D = 1 − √6/√6 = 0 (computed: −2.2e-16 without the clamp).
    const seven = tinyTokens({ d1: "t x y", d2: "x y z", d3: "x y z", d4: "x y z", d5: "x y z", d6: "x y z", d7: "x y z" });
    const [measure] = dispersion(seven, ["t"]).measures;
    expect(measure.juillandD).toBe(0);
    expect(measure.dp).toBeCloseTo(6 / 7, 12); // ½ (|1 − 1/7| + 6 · 1/7)
    expect(measure.dpNorm).toBeCloseTo(1, 12); // DP / (1 − 1/7)
  });
  it("gives DP 0 for a term spread exactly as the documents' sizes", () => {
    const even = tinyTokens({ x: "t u", y: "t u" });
    expect(dispersion(even, ["t"]).measures[0]).toMatchObject({ dp: 0, dpNorm: 0, juillandD: 1 });
  });
});
