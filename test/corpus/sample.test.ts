// A seeded sample of whole files for corpora past memory: the same files for the same seed, never
// past the budget, none when everything fits, and said by describeCorpus.
import { describe, expect, it } from "vitest";
import { describeCorpus, loadCorpus } from "../../src";
import { listSourceFiles, sampleFiles } from "../../src/corpus/load";

describe("loadCorpus with a sample", () => {
  it("loads a seeded sample of whole files within the budget, the same for the same seed", async () => {
    const { files } = await listSourceFiles("data/corpus");
    const budget = 0.03; // MB: 31,457 bytes of the corpus's 52,268
    const first = sampleFiles(files, { megabytes: budget, seed: 1 })!;
    expect(first.sample.ofFiles).toBe(5);
    expect(first.sample.ofBytes).toBe(52268);
    expect(first.sample.bytes).toBeLessThanOrEqual(budget * 1024 * 1024);
    expect(first.files.map(({ file }) => file.relativePath)).toEqual(sampleFiles(files, { megabytes: budget, seed: 1 })!.files.map(({ file }) => file.relativePath));
    const seeds = new Set([1, 2, 3, 4, 5, 6].map((seed) => sampleFiles(files, { megabytes: budget, seed })!.files.map(({ file }) => file.relativePath).join(",")));
    expect(seeds.size).toBeGreaterThan(1);
    expect(sampleFiles(files, { megabytes: 1 })).toBeUndefined();
    expect(() => sampleFiles(files, { megabytes: 0 })).toThrow("megabytes must be a number above 0");
  });

  it("records the sample in the corpus and states it in describeCorpus", async () => {
    const corpus = await loadCorpus("data/corpus", { sample: { megabytes: 0.03, seed: 1 } });
    expect(corpus.sample).toEqual({ seed: 1, megabytes: 0.03, files: corpus.documents.length, ofFiles: 5, bytes: expect.any(Number), ofBytes: 52268 });
    expect(describeCorpus(corpus)).toContain(`These come from a **sample**: ${corpus.documents.length} of the 5 files`);
    const whole = await loadCorpus("data/corpus", { sample: { megabytes: 1, seed: 1 } });
    expect(whole.sample).toBeUndefined();
    expect(whole.documents).toHaveLength(5);
  });
});
