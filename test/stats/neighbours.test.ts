// Nearest neighbours from the inverted index equal the full matrix's top k (documentSimilarity,
// itself checked against scikit-learn), on real and generated corpora, ties and edge cases included.
import { describe, expect, it } from "vitest";
import { corpusFromTexts, documentSimilarity, loadCorpus, tokenize, type SimilarityRow, type Tokens } from "../../src";
import { mostSimilarPairs, nearestNeighbours } from "../../src/stats/similarity";
import { compareText } from "../../src/shared/order";
import { seededRandom } from "../../src/shared/random";

/** Each document's top k from the full matrix: similarity above 0, ties by id. */
function topFromMatrix(tokens: Tokens, measure: "cosine" | "jaccard", k: number) {
  const matrix = documentSimilarity(tokens, { measure, pairs: "matrix" });
  return tokens.documents.flatMap((document) =>
    matrix
      .filter((row) => row.document1 === document.id && row.document2 !== document.id && row.similarity > 1e-12)
      .sort((left, right) => right.similarity - left.similarity || compareText(left.document2, right.document2))
      .slice(0, k)
      .map((row, rank) => ({ document: document.id, rank: rank + 1, neighbour: row.document2, similarity: row.similarity })),
  );
}

function expectSameRows(actual: Array<{ similarity: number }>, expected: Array<{ similarity: number }>) {
  expect(actual.map((row) => ({ ...row, similarity: 0 }))).toEqual(expected.map((row) => ({ ...row, similarity: 0 })));
  actual.forEach((row, index) => expect(row.similarity).toBeCloseTo(expected[index].similarity, 12));
}

// 300 short generated documents over a 60-term vocabulary: many ties, some documents alone.
const random = seededRandom(7);
const words = Array.from({ length: 60 }, (_, index) => `词${String.fromCharCode(0x4e00 + index * 7)}${String.fromCharCode(0x4e80 + index * 3)}`);
const generated = tokenize(
  corpusFromTexts(
    Array.from({ length: 300 }, (_, index) => ({
      id: `d${String(index).padStart(3, "0")}`,
      text: index % 50 === 0 ? String.fromCharCode(0x9000 + index, 0x9200 + index) : Array.from({ length: 3 + Math.floor(random() * 8) }, () => words[Math.floor(random() * words.length)]).join("，"),
    })),
  ),
  { words: words, stopwords: "none" },
);

describe("nearestNeighbours", () => {
  it("equals the full matrix's top k on the bundled corpus, cosine and Jaccard", async () => {
    const tokens = tokenize(await loadCorpus("data/corpus"));
    for (const measure of ["cosine", "jaccard"] as const) {
      for (const k of [1, 3, 10]) expectSameRows(nearestNeighbours(tokens, { measure, k }), topFromMatrix(tokens, measure, k));
    }
    expect(nearestNeighbours(tokens, { k: 10 })).toHaveLength(5 * 4); // k past n − 1: every other document
  });

  it("equals it on 300 short generated documents with ties, and leaves out documents sharing nothing", () => {
    for (const measure of ["cosine", "jaccard"] as const) expectSameRows(nearestNeighbours(generated, { measure, k: 5 }), topFromMatrix(generated, measure, 5));
    const rows = nearestNeighbours(generated, { k: 5 });
    // d000, d050 … hold a term no other document has: no neighbour, and no one's neighbour.
    expect(rows.filter((row) => row.document === "d050" || row.neighbour === "d050")).toEqual([]);
    expect(rows.every((row) => row.similarity > 0 && row.similarity <= 1 + 1e-12)).toBe(true);
  });

  it("gives nothing for one document or none, and refuses k below 1", () => {
    expect(nearestNeighbours(tokenize(corpusFromTexts([{ id: "a", text: "公安机关坚持党建引领" }])))).toEqual([]);
    expect(nearestNeighbours(tokenize(corpusFromTexts([])))).toEqual([]);
    expect(() => nearestNeighbours(generated, { k: 0 })).toThrow("k must be a whole number ≥ 1");
  });

  it("finds the corpus's most similar pairs without the matrix: the same as sorting every pair", async () => {
    for (const tokens of [tokenize(await loadCorpus("data/corpus")), generated]) {
      for (const measure of ["cosine", "jaccard"] as const) {
        const every: SimilarityRow[] = documentSimilarity(tokens, { measure })
          .filter((row) => row.similarity > 1e-12)
          .sort((left, right) => right.similarity - left.similarity || compareText(left.document1, right.document1) || compareText(left.document2, right.document2));
        // Compared on the similarities (pairs tied to the last bit may swap between summation orders).
        const top = mostSimilarPairs(tokens, { measure, top: 20 });
        expect(top.map((row) => row.similarity)).toEqual(every.slice(0, 20).map((row) => expect.closeTo(row.similarity, 12)));
        expect(top).toHaveLength(Math.min(20, every.length));
        // The same from rows of one earlier pass with k ≥ top.
        expect(mostSimilarPairs(tokens, { measure, top: 10, neighbours: nearestNeighbours(tokens, { measure, k: 10 }) })).toEqual(mostSimilarPairs(tokens, { measure, top: 10 }));
      }
    }
  });
});

describe("quadratic steps have a bound that names the way out", () => {
  it("documentSimilarity refuses more documents than maxDocuments (default 5,000), pointing to nearestNeighbours", async () => {
    const tokens = tokenize(await loadCorpus("data/corpus"));
    expect(() => documentSimilarity(tokens, { maxDocuments: 4 })).toThrow("documentSimilarity: 5 documents make 10 pairs, past the limit of 4 documents: use nearestNeighbours(tokens, { k }) or mostSimilarPairs(tokens, { top })");
    expect(documentSimilarity(tokens, { maxDocuments: 5 })).toHaveLength(10);
    expect(() => documentSimilarity(generated, { maxDocuments: 299 })).toThrow("300 documents make 44,850 pairs");
  });
  it("clusterDocuments refuses more documents than maxDocuments (default 500)", async () => {
    const { clusterDocuments } = await import("../../src");
    const rows = documentSimilarity(generated);
    expect(() => clusterDocuments(rows, undefined, { maxDocuments: 299 })).toThrow("clusterDocuments: 300 documents, past the limit of 299 (average linkage takes O(n³) time)");
    expect(clusterDocuments(rows).order).toHaveLength(300);
  });
  it("cooccurrenceNetwork takes 1 to 500 nodes", async () => {
    const { cooccurrenceNetwork } = await import("../../src");
    const corpus = await loadCorpus("data/corpus");
    const tokens = tokenize(corpus);
    for (const nodes of [0, 501, 2.5]) expect(() => cooccurrenceNetwork(corpus, tokens, { nodes })).toThrow("nodes must be a whole number from 1 to 500");
    expect(cooccurrenceNetwork(corpus, tokens, { nodes: 500 }).nodes.length).toBeGreaterThan(60);
  });
});
