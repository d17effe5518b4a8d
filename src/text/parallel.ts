// tokenize on all cores: a fixed pool of worker threads, one per core, started once per process
// and kept (each holds its own ~250 MB nodejieba dictionary that nodejieba never frees, so a
// worker per task would leak). Results are identical to tokenize(): the vocabulary is renumbered
// by first occurrence in document order at the end.
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Corpus } from "../corpus/types";
import { insertedWords, userDictionaries } from "./segmenter";
import { prepareTokenizer, renumberByFirstOccurrence, type TokenizableDocument, type TokenizedDocument, type TokenizeOptions, type Tokens } from "./tokenize";
import type { WorkerRequest, WorkerResponse } from "./worker-protocol";

function workerScript(): string {
  // Under a TypeScript runner (tests) this module is src/text/parallel.ts: use the built worker.
  return __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/text/segmenter-worker.js") : path.join(__dirname, "segmenter-worker.js");
}

interface PoolWorker {
  worker: Worker;
  /** Local term id → global id (-1 until known). */
  termMap: number[];
  tagMap: number[];
  busy: boolean;
}

let pool: PoolWorker[] | undefined;
let sessions = 0;

/** The process's worker pool, started on first use with `size` workers (default: one per core). */
function segmenterPool(size: number): PoolWorker[] {
  if (pool) return pool;
  pool = Array.from({ length: size }, () => {
    const worker = new Worker(workerScript());
    worker.unref(); // an idle pool never keeps the process alive
    return { worker, termMap: [], tagMap: [], busy: false };
  });
  return pool;
}

/** Stops the pool's workers (their memory is returned only when the process ends). */
export async function closeSegmenterPool(): Promise<void> {
  const workers = pool ?? [];
  pool = undefined;
  await Promise.all(workers.map(({ worker }) => worker.terminate()));
}

export interface ParallelOptions extends TokenizeOptions {
  /** Workers in the pool when it starts. Default: available cores. */
  workers?: number;
  /** Characters of text per batch sent to a worker. Default 1,000,000. */
  batchCharacters?: number;
}

export async function tokenizeParallel(source: Corpus | TokenizableDocument[], options: ParallelOptions = {}): Promise<Tokens> {
  const documents = Array.isArray(source) ? source : source.documents;
  const main = prepareTokenizer(options);
  const setup = {
    userDictionaries: userDictionaries(),
    words: insertedWords().map((word) => ({ word })),
    settings: main.settings,
    stopwords: [...main.stopwords],
  };
  const workers = segmenterPool(Math.max(1, options.workers ?? availableParallelism()));
  const session = sessions++;
  for (const member of workers) {
    member.termMap = [];
    member.tagMap = [];
  }
  const batchCharacters = options.batchCharacters ?? 1_000_000;
  const batches: number[][] = [];
  let current: number[] = [];
  let size = 0;
  documents.forEach((document, index) => {
    current.push(index);
    size += document.text.length;
    if (size >= batchCharacters) {
      batches.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) batches.push(current);

  // Global ids in order of arrival; renumbered by first occurrence at the end.
  const vocabulary: string[] = [];
  const termIndex = new Map<string, number>();
  const tags: string[] = [];
  const tagIndex = new Map<string, number>();
  const results: TokenizedDocument[] = new Array(documents.length);

  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let running = 0;
    let failed = false;
    const dispatch = (member: PoolWorker) => {
      if (failed) return;
      if (next >= batches.length) {
        if (running === 0) resolve();
        return;
      }
      const job = next++;
      const batch = batches[job];
      member.busy = true;
      running++;
      const onMessage = (response: WorkerResponse) => {
        if (response.job !== job) return;
        member.worker.off("message", onMessage);
        member.worker.off("error", onError);
        member.busy = false;
        running--;
        if (response.error) {
          failed = true;
          reject(new Error(`segmenter worker failed: ${response.error}`));
          return;
        }
        for (const term of response.newTerms) {
          let id = termIndex.get(term);
          if (id === undefined) {
            id = vocabulary.length;
            vocabulary.push(term);
            termIndex.set(term, id);
          }
          member.termMap.push(id);
        }
        for (const tagName of response.newTags) {
          let id = tagIndex.get(tagName);
          if (id === undefined) {
            id = tags.length;
            tags.push(tagName);
            tagIndex.set(tagName, id);
          }
          member.tagMap.push(id);
        }
        response.documents.forEach((result, index) => {
          const documentIndex = batch[index];
          const termIds = result.termIds;
          for (let position = 0; position < termIds.length; position++) termIds[position] = member.termMap[termIds[position]];
          const tagIds = result.tagIds;
          if (tagIds) for (let position = 0; position < tagIds.length; position++) tagIds[position] = member.tagMap[tagIds[position]];
          const document = documents[documentIndex];
          results[documentIndex] = {
            id: document.id,
            meta: document.meta ?? { encoding: "utf-8", script: "simplified" },
            termIds,
            starts: result.starts,
            ...(tagIds ? { tagIds } : {}),
            tokensBeforeFiltering: result.tokensBeforeFiltering,
          };
        });
        dispatch(member);
      };
      const onError = (error: Error) => {
        failed = true;
        reject(error);
      };
      member.worker.on("message", onMessage);
      member.worker.on("error", onError);
      const request: WorkerRequest = { session, job, setup, texts: batch.map((index) => documents[index].text) };
      member.worker.postMessage(request);
    };
    if (batches.length === 0) resolve();
    for (const member of workers) dispatch(member);
  });

  return renumberByFirstOccurrence({ vocabulary, termIndex, tags, documents: results, settings: main.settings });
}
