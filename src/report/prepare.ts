// The calls a report's notebooks make on the corpus as loaded (tokenize with their options,
// nodejieba's keywords), made ahead in one process while the run's kernels start: the kernels then
// read them from the run's cache instead of each loading nodejieba's dictionaries (~1.2 s and
// ~250 MB a process) to segment the same texts again. Which calls: those the last run of the same
// notebooks and parameters recorded (shared/cache.ts), kept in
// node_modules/.cache/wenxi/report-calls.json for the last 12 such sets; before any run, the record
// shipped with the bundled notebooks (notebooks/report-calls.json, written by
// `node dist/bench/shipped-hints.js`), so that the first run after an install makes them ahead
// too. Nothing here decides a
// result: a call made ahead is the call the notebook would make, stored under the same key, and a
// call that fails or is not reached in time is made by the notebook that needs it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { loadCorpus, type LoadOptions } from "../corpus/load";
import { stableText, type RecordedCall } from "../shared/cache";
import { keywords, type KeywordOptions } from "../stats/keywords";
import { HelperProcess } from "./helper-process";
import { hintsFile, readHints, writeHints } from "./run-hints";
import { tokenize, type TokenizeOptions } from "../text/tokenize";

/** What the preparing process is given: the corpus as the runner loaded it, and the calls to make. */
export interface PreparationInput {
  corpus: string;
  loadOptions: LoadOptions;
  calls: RecordedCall[];
}

/**
 * A digest of the notebooks run (their file names and contents, not where they are: the record
 * shipped with the package holds for its notebooks wherever it is installed) and the parameters
 * given: whose calls a record holds.
 */
export function notebooksDigest(files: string[], parameters: ReadonlyArray<readonly [string, string]>): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(path.basename(file)).update("\u0000").update(readFileSync(file)).update("\u0000");
  return hash.update(stableText(parameters)).digest("hex");
}

function callsFile(projectRoot: string): string {
  return hintsFile(projectRoot, "report-calls.json");
}

export interface CallsRecord {
  notebooks: string;
  calls: RecordedCall[];
}

/** The record shipped with the bundled notebooks of the package at `projectRoot`: their calls without parameters and with those of `npm run report`. */
export function shippedCallsFile(projectRoot: string): string {
  return path.join(projectRoot, "notebooks", "report-calls.json");
}

/** The parameters the shipped record covers: none (`wenxi report --corpus PATH`) and `npm run report`'s preset. */
export const shippedCallParameters: ReadonlyArray<ReadonlyArray<readonly [string, string]>> = [[], [["preset", JSON.stringify("public-security")]]];

/** The records of a calls file (the run hints' or the shipped one). */
export function readCallsRecords(file: string): CallsRecord[] {
  return readHints(file, (run) => {
    const record = run as Partial<CallsRecord> | null;
    if (!record || typeof record.notebooks !== "string" || !Array.isArray(record.calls)) return undefined;
    const calls = record.calls.filter((call): call is RecordedCall => (call?.call === "tokenize" || call?.call === "keywords") && typeof call.options === "object" && call.options !== null);
    return { notebooks: record.notebooks, calls };
  });
}

/** The calls the last run of these notebooks recorded, else those shipped for them (none for other notebooks not run before). */
export function readPreparedCalls(projectRoot: string, notebooks: string): RecordedCall[] {
  const find = (file: string) => readCallsRecords(file).find((record) => record.notebooks === notebooks)?.calls;
  return find(callsFile(projectRoot)) ?? find(shippedCallsFile(projectRoot)) ?? [];
}

/** Keeps a run's recorded calls for its notebooks (the 12 most recent sets of notebooks). */
export function writePreparedCalls(projectRoot: string, notebooks: string, calls: RecordedCall[]): void {
  writeHints(callsFile(projectRoot), [{ notebooks, calls }, ...readCallsRecords(callsFile(projectRoot)).filter((record) => record.notebooks !== notebooks)]);
}

/** Makes the calls, in order, into the cache folder of WENXI_CACHE_DIR (the preparing process's body). */
export async function prepare(input: PreparationInput): Promise<void> {
  // A copy: loadCorpus marks the corpus it returns in a run, and calls made here are not recorded.
  const corpus = { ...(await loadCorpus(input.corpus, input.loadOptions)) };
  for (const { call, options } of input.calls) {
    try {
      if (call === "tokenize") tokenize(corpus, options as TokenizeOptions);
      else keywords(corpus, options as KeywordOptions);
    } catch {
      // The notebook that makes this call meets the error itself, where it can be read.
    }
  }
}

/** The preparing process, started at once; `stop` ends it if still at work and waits for it. */
export class Preparation extends HelperProcess {
  constructor(cache: string, input: PreparationInput) {
    super(__filename, path.join(cache, "prepare.json"), input, { env: { WENXI_CACHE_DIR: cache } });
  }
}

if (require.main === module) {
  const input = JSON.parse(readFileSync(process.argv[2], "utf8")) as PreparationInput;
  prepare(input).then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
