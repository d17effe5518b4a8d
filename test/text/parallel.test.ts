import { afterAll, describe, expect, it } from "vitest";
import { loadCorpus, tokenize, tokenizeParallel, type Tokens } from "../../src";
import { closeSegmenterPool } from "../../src/text/parallel";

afterAll(() => closeSegmenterPool());

const plain = (tokens: Tokens) => ({
  vocabulary: tokens.vocabulary,
  tags: tokens.tags,
  documents: tokens.documents.map((document) => ({
    id: document.id,
    termIds: [...document.termIds],
    starts: [...document.starts],
    positions: [...document.positions],
    tagIds: document.tagIds ? [...document.tagIds] : undefined,
    before: document.tokensBeforeFiltering,
  })),
});

describe("tokenizeParallel", () => {
  // Starts a worker pool (each worker loads its own dictionary, ~1 s): a timeout for a busy 2-core machine.
  it("gives exactly what tokenize gives, in small batches over two workers, call after call, in every mode and with parts of speech", async () => {
    const corpus = await loadCorpus("data/corpus");
    const modes = [{ pos: true }, { mode: "search" as const }, { mode: "full" as const }];
    for (const options of [{}, { includePos: ["n"] }, { stopwords: "none" as const, minLength: 2 }, ...modes, {}]) {
      const parallel = await tokenizeParallel(corpus, { ...options, workers: 2, batchCharacters: 2000 });
      expect(plain(parallel)).toEqual(plain(tokenize(corpus, options)));
    }
  }, 120_000);
  it("gives each of two calls made at once (Promise.all) exactly what tokenize gives", async () => {
    const corpus = await loadCorpus("data/corpus");
    const first = { ...corpus, documents: corpus.documents.slice(0, 3) };
    const second = { ...corpus, documents: [...corpus.documents.slice(2)].reverse() };
    const [left, right, third] = await Promise.all([
      tokenizeParallel(first, { workers: 2, batchCharacters: 1500 }),
      tokenizeParallel(second, { workers: 2, batchCharacters: 1500, pos: true }),
      tokenizeParallel(first, { workers: 2, batchCharacters: 700, stopwords: "none" }),
    ]);
    expect(plain(left)).toEqual(plain(tokenize(first)));
    expect(plain(right)).toEqual(plain(tokenize(second, { pos: true })));
    expect(plain(third)).toEqual(plain(tokenize(first, { stopwords: "none" })));
  }, 120_000);
  it("handles an empty list", async () => {
    expect((await tokenizeParallel([])).documents).toEqual([]);
  });
});
