// Beyond counting, each against values computed by hand on tiny inputs: lexical profile, dictionary
// measures, entities, similarity and clustering, near-duplicates, co-occurrence networks with
// Louvain communities, and the topic model.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { clusterDocuments, cooccurrenceNetwork, corpusFromTexts, dictionaryCounts, dictionaryMatches, documentSimilarity, entities, lexicalProfile, loadCorpus, loadDictionary, nearDuplicates, tokenize, topicModel } from "../../src";
import { louvain } from "../../src/stats/network";
import { movingAverageTtr, mtld } from "../../src/stats/profile";
import { temporaryFolder, writeFiles } from "../helpers";
import { tinyTokens } from "./tiny-tokens";

describe("lexical profile", () => {
  it("computes MATTR over sliding windows and MTLD both ways", () => {
    // Windows of 3 over 1 2 1 3 1: {1,2} 2/3, {2,1,3} 3/3, {1,3} 2/3 → 7/9.
    expect(movingAverageTtr([1, 2, 1, 3, 1], 3)).toBeCloseTo(7 / 9, 12);
    expect(movingAverageTtr([1, 2, 1], 50)).toBeCloseTo(2 / 3, 12);
    // 1 1 1 1: the TTR falls to 0.5 ≤ 0.72 every second token: 2 factors, 4 / 2 = 2 each way.
    expect(mtld([1, 1, 1, 1])).toBe(2);
    // 1 2 1 2 3: forward one factor after 3 tokens, then 2 tokens at TTR 1 (no partial): 5; backward 5.
    expect(mtld([1, 2, 1, 2, 3])).toBe(5);
    expect(mtld([1, 2, 3])).toBeNull();
  });
  it("measures sentences and common characters", () => {
    const corpus = corpusFromTexts([{ id: "a", text: "我们学习。我们工作!" }]);
    const [row] = lexicalProfile(corpus, tokenize(corpus, { stopwords: "none" }));
    expect(row).toMatchObject({ document: "a", sentences: 2, meanSentenceLength: 5, commonCharacterShare: 1 });
  });
});

describe("dictionary measures", () => {
  const tokens = tinyTokens({ d1: "改革 开放 改革开放 经济", d2: "经济 改造 | 改革" });
  const concepts = { reform: ["改革*"], economy: ["经济"], both: ["改革", "经济"], change: ["*造"] };
  it("counts categories with wildcards per corpus and per document", () => {
    expect(dictionaryCounts(tokens, concepts)).toEqual([
      { group: "", category: "reform", count: 3, per10k: (3 / 7) * 10_000, documents: 2 },
      { group: "", category: "economy", count: 2, per10k: (2 / 7) * 10_000, documents: 2 },
      { group: "", category: "both", count: 4, per10k: (4 / 7) * 10_000, documents: 2 },
      { group: "", category: "change", count: 1, per10k: (1 / 7) * 10_000, documents: 1 },
    ]);
    expect(dictionaryCounts(tokens, concepts, { by: "document" }).filter((row) => row.category === "reform").map((row) => [row.group, row.count])).toEqual([
      ["d1", 2],
      ["d2", 1],
    ]);
    expect(dictionaryMatches(tokens, concepts).filter((row) => row.category === "reform")).toEqual([
      { category: "reform", pattern: "改革*", term: "改革", count: 2 },
      { category: "reform", pattern: "改革*", term: "改革开放", count: 1 },
    ]);
  });
  it("reads YAML, JSON and CSV, and names a malformed line", () => {
    const folder = temporaryFolder();
    writeFiles(folder, {
      "a.yaml": "# concepts\nreform:\n  - 改革*\n  - 开放\neconomy: [经济, 市场]\n",
      "b.json": JSON.stringify({ reform: ["改革*", "开放"], economy: ["经济", "市场"] }),
      "c.csv": "category,word\nreform,改革*\nreform,开放\neconomy,经济\neconomy,市场\n",
      "bad.yaml": "reform:\n  - 改革\n - 开放\n",
    });
    const expected = { reform: ["改革*", "开放"], economy: ["经济", "市场"] };
    for (const name of ["a.yaml", "b.json", "c.csv"]) expect(loadDictionary(path.join(folder, name)), name).toEqual(expected);
    expect(() => loadDictionary(path.join(folder, "bad.yaml"))).toThrow("bad.yaml:3: not a dictionary in YAML: A block sequence may not be used as an implicit map key");
  });
});

describe("entities", () => {
  it("finds people, places, organisations and other proper nouns from jieba's tags", () => {
    const corpus = corpusFromTexts([{ id: "a", text: "习近平在北京会见了联合国秘书长和腾讯公司代表。" }, { id: "b", text: "北京的联合国机构。" }]);
    const rows = entities(tokenize(corpus, { pos: true }));
    expect(rows.map((row) => [row.entity, row.type, row.count, row.documentFrequency])).toEqual([
      ["北京", "place", 2, 2],
      ["联合国", "organisation", 2, 2],
      ["习近平", "person", 1, 1],
      ["腾讯", "other", 1, 1],
    ]);
    expect(() => entities(tokenize(corpus))).toThrow("entities need tokens made with { pos: true }");
  });

  it("keeps as candidates only plausible ones: no single characters, people with a surname and not a common word of jieba's dictionary", () => {
    // jieba's dictionary tags 关怀 (697 times in its corpus) and 辛勤 as nr, 城市 as ns; 皮山县 is a county.
    const corpus = corpusFromTexts([{ id: "a", text: "记者张建国报道，市长王小明关怀群众，辛勤工作。城市治理，皮山县的云。" }]);
    const tokens = tokenize(corpus, { pos: true });
    const unfiltered = entities(tokens, { unfiltered: true }).map((row) => row.entity);
    expect(unfiltered).toEqual(expect.arrayContaining(["关怀", "云", "张建国"]));
    const people = entities(tokens, { types: ["person"] }).map((row) => row.entity);
    expect(people.sort()).toEqual(["张建国", "王小明"].sort());
    expect(entities(tokens).every((row) => [...row.entity].length >= 2)).toBe(true);
  });
});

describe("similarity and clustering", () => {
  const tokens = tinyTokens({ a: "x y", b: "x z", c: "w" });
  // idf = ln((1+3)/(1+df)) + 1: x (df 2) ln(4/3)+1, y, z, w (df 1) ln 2 + 1.
  const shared = Math.log(4 / 3) + 1;
  const own = Math.log(2) + 1;
  it("gives cosine over TF-IDF and Jaccard over term sets", () => {
    const rows = documentSimilarity(tokens);
    expect(rows.map((row) => [row.document1, row.document2])).toEqual([["a", "b"], ["a", "c"], ["b", "c"]]);
    expect(rows[0].similarity).toBeCloseTo(shared ** 2 / (shared ** 2 + own ** 2), 12);
    expect(rows[1].similarity).toBe(0);
    expect(documentSimilarity(tokens, { measure: "jaccard" })[0].similarity).toBeCloseTo(1 / 3, 12);
    expect(documentSimilarity(tokens, { pairs: "matrix" })).toHaveLength(9);
  });
  it("clusters by average linkage, merges listed as scipy does", () => {
    const cosine = shared ** 2 / (shared ** 2 + own ** 2);
    const clustering = clusterDocuments(documentSimilarity(tokens), ["a", "b", "c"]);
    expect(clustering.merges).toEqual([
      { left: 0, right: 1, distance: 1 - cosine, size: 2 },
      { left: 2, right: 3, distance: 1, size: 3 }, // average of d(a,c) = d(b,c) = 1
    ]);
    expect(clustering.order).toEqual(["a", "b", "c"]);
  });
});

describe("near-duplicates", () => {
  it("finds a reprint of part of a document, with the passage copied", () => {
    const passage = "新华社北京三月五日电国务院总理在会上作政府工作报告回顾过去一年的工作";
    const corpus = corpusFromTexts([
      { id: "original", text: `开头的另一段文字完全不同。${passage}。后面还有很多别的内容写在这里,与转载无关的句子一段又一段。` },
      { id: "reprint", text: `转载:${passage}。` },
      { id: "other", text: "这是一篇完全不同的文章,讲的是农业生产和粮食收成的情况。" },
    ]);
    const rows = nearDuplicates(corpus, { minPassage: 20 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ document1: "original", document2: "reprint", passages: 1, longestPassage: [...passage].length });
    expect(rows[0].containment).toBeGreaterThan(0.8);
    expect(rows[0].excerpt).toBe(passage);
  });
});

describe("near-duplicates: a passage copied into a long document", () => {
  it("reports 300 copied characters in a 20,000-character report, with the passage's place in each, first", () => {
    // Text of pseudo-random common characters, a sentence of 16 per line: no two seeds share a passage.
    const sentences = (seed: number, count: number) => {
      let state = seed * 2654435761;
      const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0), state);
      return Array.from({ length: count }, () => `${Array.from({ length: 16 }, () => String.fromCharCode(0x4e00 + 4000 + (next() % 12000))).join("")}。`).join("");
    };
    // 300 characters that occur nowhere else, between markers that differ in the two documents.
    const copied = Array.from({ length: 300 }, (_, index) => String.fromCharCode(0x4e00 + ((index * 37) % 4000))).join("");
    const report = sentences(1, 1200);
    const at = 9000;
    const long = `${report.slice(0, at)}甲${copied}乙${report.slice(at)}`;
    const other = `${sentences(2, 600)}丙${copied}丁${sentences(3, 400)}`;
    const corpus = corpusFromTexts([{ id: "report", text: long }, { id: "speech", text: other }, { id: "unrelated", text: sentences(4, 200) }]);
    const rows = nearDuplicates(corpus);
    expect(rows[0]).toMatchObject({ document1: "report", document2: "speech", longestPassage: 300, start1: at + 1, start2: [...sentences(2, 600)].length + 1 });
    expect(rows[0].containment).toBeLessThan(0.05);
    // Containment alone (the old test) would not report it.
    expect(rows.filter((row) => row.containment >= 0.5).map((row) => row.document1 + row.document2)).not.toContain("reportspeech");
  });
});

describe("near-duplicates in formulaic text", () => {
  it("reports the one pair that shares a 150-character passage among 30 documents made of the same stock phrases, and no other", () => {
    let state = 5;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
    // Twelve stock phrases of 10–14 characters: every document holds nearly all of them (their
    // shingles are shared by every pair), each in its own random order, so no two share a long passage.
    const phrases = Array.from({ length: 12 }, (_, phrase) => Array.from({ length: 10 + (phrase % 5) }, (_, index) => String.fromCharCode(0x4e00 + 500 + phrase * 40 + index)).join(""));
    const document = () => Array.from({ length: 80 }, () => phrases[Math.floor(next() * phrases.length)]).join("，") + "。";
    const copied = Array.from({ length: 150 }, (_, index) => String.fromCharCode(0x4e00 + 3000 + ((index * 29) % 2000))).join("");
    const texts = Array.from({ length: 30 }, (_, index) => (index === 7 ? `${document()}${copied}${document()}` : index === 21 ? `${document()}${copied}` : document()));
    const corpus = corpusFromTexts(texts.map((text, index) => ({ id: `d${String(index).padStart(2, "0")}`, text })));
    const rows = nearDuplicates(corpus, { threshold: 0.99 });
    expect(rows.map((row) => [row.document1, row.document2, row.longestPassage])).toEqual([["d07", "d21", 150]]);
    // Every pair shares most shingles: the containment test alone would search them all.
    expect(rows[0].containment).toBeGreaterThan(0.5);
  });
});

describe("near-duplicates against a brute-force reference", () => {
  it("gives each pair's shared shingles, containment, Jaccard and longest common passage as string sets and dynamic programming do, on 40 generated documents", () => {
    let state = 11;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
    // A small alphabet, so shingles repeat inside and across documents; punctuation that the shingles skip.
    const text = (length: number) => Array.from({ length }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 6)) + (next() < 0.08 ? "，" : "")).join("");
    const bases = Array.from({ length: 40 }, () => text(60 + Math.floor(next() * 200)));
    const texts = bases.map((base, index) => (index % 4 === 1 ? `${bases[index - 1].slice(10, 130)}${base.slice(0, 40)}` : base));
    const corpus = corpusFromTexts(texts.map((value, index) => ({ id: `d${String(index).padStart(2, "0")}`, text: value })));
    const size = 6;
    const rows = nearDuplicates(corpus, { size, threshold: 0.3, minPassage: 12, passage: 40 });
    expect(rows.length).toBeGreaterThan(5);
    const compact = (value: string) => value.replace(/[\s\p{P}\p{S}]/gu, "");
    const shingles = (value: string) => new Set(Array.from({ length: Math.max(0, value.length - size + 1) }, (_, index) => value.slice(index, index + size)));
    const longestCommon = (a: string, b: string) => {
      let best = 0;
      let previous = new Int32Array(b.length + 1);
      for (let i = 1; i <= a.length; i++) {
        const current = new Int32Array(b.length + 1);
        for (let j = 1; j <= b.length; j++) if (a[i - 1] === b[j - 1]) best = Math.max(best, (current[j] = previous[j - 1] + 1));
        previous = current;
      }
      return best;
    };
    const byId = new Map(corpus.documents.map((document) => [document.id, compact(document.text)]));
    for (const row of rows) {
      const [a, b] = [byId.get(row.document1)!, byId.get(row.document2)!];
      const [setA, setB] = [shingles(a), shingles(b)];
      const shared = [...setA].filter((value) => setB.has(value)).length;
      expect(row.sharedShingles, `${row.document1}–${row.document2}`).toBe(shared);
      expect(row.containment).toBe(shared / Math.min(setA.size, setB.size));
      expect(row.jaccard).toBe(shared / (setA.size + setB.size - shared));
      // The longest run of shared shingles on one diagonal is the longest common substring of the
      // texts without punctuation; the passage reported is that stretch of the first text, punctuation in.
      const text1 = [...corpus.documents.find((document) => document.id === row.document1)!.text];
      const passage = text1.slice(row.start1, row.start1 + row.longestPassage).join("");
      expect(compact(passage).length, `${row.document1}–${row.document2}`).toBe(longestCommon(a, b));
      expect(b.includes(compact(passage))).toBe(true);
      expect(/[\s\p{P}\p{S}]/u.test(passage[0]) || /[\s\p{P}\p{S}]/u.test(passage[passage.length - 1])).toBe(false);
    }
    // Every copy made above is found.
    const found = new Set(rows.map((row) => `${row.document1}/${row.document2}`));
    for (let index = 1; index < 40; index += 4) expect(found.has(`d${String(index - 1).padStart(2, "0")}/d${String(index).padStart(2, "0")}`)).toBe(true);
  });
});

describe("Louvain refinement", () => {
  it("leaves no node that one move to a neighbouring community would raise the modularity of, on 200 random weighted graphs", () => {
    let state = 7;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
    const modularityOf = (graph: { edges: Array<{ a: number; b: number; weight: number }> }, community: number[]) => {
      const m = graph.edges.reduce((sum, edge) => sum + edge.weight, 0);
      const degree = new Map<number, number>();
      const inside = new Map<number, number>();
      for (const { a, b, weight } of graph.edges) {
        degree.set(community[a], (degree.get(community[a]) ?? 0) + weight);
        degree.set(community[b], (degree.get(community[b]) ?? 0) + weight);
        if (community[a] === community[b]) inside.set(community[a], (inside.get(community[a]) ?? 0) + weight);
      }
      let q = 0;
      for (const [value, sum] of degree) q += (inside.get(value) ?? 0) / m - (sum / (2 * m)) ** 2;
      return q;
    };
    let improvable = 0;
    for (let round = 0; round < 200; round++) {
      const nodes = 30 + Math.floor(random() * 40);
      const edges: Array<{ a: number; b: number; weight: number }> = [];
      for (let a = 0; a < nodes; a++) for (let b = a + 1; b < nodes; b++) if (random() < 0.12) edges.push({ a, b, weight: Math.round(random() * 100) / 100 + 0.01 });
      const graph = { nodes, edges };
      const result = louvain(graph);
      expect(result.modularity).toBeCloseTo(modularityOf(graph, result.communities), 12);
      for (let node = 0; node < nodes; node++) {
        for (const target of new Set(result.communities)) {
          if (target === result.communities[node]) continue;
          const moved = [...result.communities];
          moved[node] = target;
          if (modularityOf(graph, moved) > result.modularity + 1e-9) improvable++;
        }
      }
    }
    // Before the refinement, 135 of these 200 graphs had such a node.
    expect(improvable).toBe(0);
  });
});

describe("co-occurrence network", () => {
  it("finds Louvain communities: two triangles joined by one edge, modularity 5/14", () => {
    const edges = [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]].map(([a, b]) => ({ a, b, weight: 1 }));
    const result = louvain({ nodes: 6, edges });
    expect(result.communities).toEqual([0, 0, 0, 1, 1, 1]);
    expect(result.modularity).toBeCloseTo(5 / 14, 12);
  });
  it("weights edges by shared units (here documents): counts, Jaccard and PMI", () => {
    const tokens = tinyTokens({ d1: "a b", d2: "a b", d3: "a c", d4: "b c" });
    const network = cooccurrenceNetwork(undefined, tokens, { unit: "document", minCount: 1 });
    // a in 3 units, b in 3, c in 2; ab 2, ac 1, bc 1 of U = 4.
    expect(network.units).toBe(4);
    expect(network.edges.map((edge) => [edge.source, edge.target, edge.count, edge.weight])).toEqual([
      ["a", "b", 2, 2 / (3 + 3 - 2)],
      ["a", "c", 1, 1 / (3 + 2 - 1)],
      ["b", "c", 1, 1 / (3 + 2 - 1)],
    ]);
    const pmi = cooccurrenceNetwork(undefined, tokens, { unit: "document", minCount: 1, measure: "pmi" });
    expect(pmi.edges.find((edge) => edge.source === "a" && edge.target === "b")!.weight).toBeCloseTo(Math.log2((2 * 4) / (3 * 3)), 12);
    // The layout is computed here, from a seed: the same positions every run, inside the unit square.
    const again = cooccurrenceNetwork(undefined, tokens, { unit: "document", minCount: 1 });
    expect(again.nodes).toEqual(network.nodes);
    for (const node of network.nodes) for (const value of [node.x, node.y]) expect(value >= 0 && value <= 1).toBe(true);
    // Spread out, not piled on one point: distinct places, at least a tenth of the square apart.
    for (let first = 0; first < network.nodes.length; first++) {
      for (let second = first + 1; second < network.nodes.length; second++) {
        const [a, b] = [network.nodes[first], network.nodes[second]];
        expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.term}–${b.term}`).toBeGreaterThan(0.1);
      }
    }
  });
});

describe("topic model", () => {
  const tokens = tinyTokens({ d1: "a b a b a b", d2: "a b a b", d3: "c d c d c d", d4: "c d c d" });
  it("separates two vocabularies, the same on every run, with UMass coherence by hand", () => {
    const model = topicModel(tokens, { topics: 2, seed: 7, iterations: 200, top: 2 });
    const topicTerms = [1, 2].map((topic) => model.terms.filter((row) => row.topic === topic).map((row) => row.term).sort().join(""));
    expect(topicTerms.sort()).toEqual(["ab", "cd"]);
    const topicOfD1 = model.documents.filter((row) => row.document === "d1").sort((left, right) => right.share - left.share)[0].topic;
    const topicOfD3 = model.documents.filter((row) => row.document === "d3").sort((left, right) => right.share - left.share)[0].topic;
    expect(topicOfD1).not.toBe(topicOfD3);
    // Each topic's two terms are in the same 2 documents: log((2 + 1) / 2).
    expect(model.coherence[0]).toBeCloseTo(Math.log(1.5), 12);
    expect(model.coherence[1]).toBeCloseTo(Math.log(1.5), 12);
    expect(topicModel(tokens, { topics: 2, seed: 7, iterations: 200, top: 2 })).toEqual(model);
  });

  it("continues a resumable chain: 60 sweeps then 140 more equal 200 from the start, on the bundled corpus", async () => {
    const bundled = tokenize(await loadCorpus(path.join(__dirname, "../../data/corpus")));
    const whole = topicModel(bundled, { topics: 3, seed: 4, iterations: 200 });
    const first = topicModel(bundled, { topics: 3, seed: 4, iterations: 60, resumable: true });
    expect(first.sweeps).toBe(60);
    expect(first.terms).not.toEqual(whole.terms);
    const continued = topicModel(bundled, { continueFrom: first, iterations: 140 });
    expect(continued).toEqual(whole);
    expect(continued.sweeps).toBe(200);
    // The chain went on in the new model: the earlier one cannot be continued again, nor a model without state.
    expect(() => topicModel(bundled, { continueFrom: first, iterations: 1 })).toThrow(/not continued since/);
    expect(() => topicModel(bundled, { continueFrom: whole, iterations: 1 })).toThrow(/resumable: true/);
    const other = topicModel(bundled, { topics: 3, seed: 4, iterations: 1, resumable: true });
    expect(() => topicModel(bundled, { continueFrom: other, topics: 4, iterations: 1 })).toThrow(/topics is the earlier model's/);
    expect(() => topicModel(tokenize(corpusFromTexts([{ id: "x", text: "一二三" }])), { continueFrom: other, iterations: 1 })).toThrow(/same tokens/);
  });

  it("fits on every k-th token of each document past maxTokens, the same on every run", async () => {
    const bundled = tokenize(await loadCorpus(path.join(__dirname, "../../data/corpus")));
    const total = bundled.documents.reduce((sum, document) => sum + document.termIds.length, 0);
    const thinned = topicModel(bundled, { topics: 3, seed: 2, iterations: 30, maxTokens: Math.floor(total / 4) });
    expect(thinned.tokenStep).toBe(Math.ceil(total / Math.floor(total / 4)));
    expect(thinned.tokenStep).toBeGreaterThanOrEqual(4);
    expect(topicModel(bundled, { topics: 3, seed: 2, iterations: 30, maxTokens: Math.floor(total / 4) })).toEqual(thinned);
    expect(topicModel(bundled, { topics: 3, seed: 2, iterations: 30, maxTokens: total }).tokenStep).toBe(1);
    for (const document of bundled.documents) {
      const shares = thinned.documents.filter((row) => row.document === document.id).reduce((sum, row) => sum + row.share, 0);
      expect(shares).toBeCloseTo(1, 12);
    }
    expect(() => topicModel(bundled, { maxTokens: 0 })).toThrow("maxTokens must be a whole number ≥ 1, got 0");
  });
});
