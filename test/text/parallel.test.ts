import { afterAll, describe, expect, it } from "vitest";
import { closeSegmenterPool, loadCorpus, tokenize, tokenizeParallel, type Tokens } from "../../src";

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
  it("handles an empty list", async () => {
    expect((await tokenizeParallel([])).documents).toEqual([]);
  });
});
