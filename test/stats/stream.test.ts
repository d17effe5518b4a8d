// Streaming counts equal the in-memory ones, on this thread and across a worker, overall and by a
// metadata field, with bad files reported as loadCorpus reports them.
import * as path from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCorpus, streamTermCounts, termFrequency, tokenize } from "../../src";
import { frequencyFromCounts } from "../../src/stats/stream";
import { writeReportsCorpus } from "../fixtures/reports-corpus";
import { temporaryFolder } from "../helpers";

const folder = temporaryFolder();
const corpusFolder = path.join(folder, "reports");
writeReportsCorpus(corpusFolder, { sentences: 12 });
writeFileSync(path.join(corpusFolder, "坏文件.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
const nameFields = "{year}政府工作报告_{speaker}";

describe("streamTermCounts", () => {
  it("counts as termFrequency does on the loaded corpus, overall and by decade, on this thread and with a worker", async () => {
    const corpus = await loadCorpus(corpusFolder, { nameFields });
    const tokens = tokenize(corpus);
    const overall = termFrequency(tokens);
    const byDecade = termFrequency(tokens, { by: "decade" });
    for (const workers of [0, 1]) {
      const counted = await streamTermCounts(corpusFolder, { load: { nameFields }, workers, batchBytes: 4096 });
      expect(counted.documents, `workers ${workers}`).toBe(49);
      expect(counted.errors).toEqual(corpus.errors);
      expect(frequencyFromCounts(counted)).toEqual(overall);
      const grouped = await streamTermCounts(corpusFolder, { load: { nameFields }, workers, by: "decade", batchBytes: 4096 });
      expect(frequencyFromCounts(grouped, { grouped: true })).toEqual(byDecade);
    }
    expect(corpus.errors.map((error) => [path.basename(error.path), error.kind])).toEqual([["坏文件.txt", "binary"]]);
  }, 120_000);
  it("takes the tokenize options (stopwords none keeps 的-like words; top and minCount)", async () => {
    const corpus = await loadCorpus(corpusFolder);
    const expected = termFrequency(tokenize(corpus, { stopwords: "none" }), { top: 5 });
    const counted = await streamTermCounts(corpusFolder, { tokenize: { stopwords: "none" }, workers: 0 });
    expect(frequencyFromCounts(counted, { top: 5 })).toEqual(expected);
  }, 60_000);
});
