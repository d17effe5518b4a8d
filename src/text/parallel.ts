// tokenize on all cores: the main thread segments alongside a fixed pool of worker threads (one
// per further core), started once per process and kept, since each holds its own ~250 MB
// nodejieba dictionary that nodejieba never frees (a worker per task would leak). Workers load
// cut-only dictionaries and keep two batches in flight. The result is identical to tokenize():
// the vocabulary is renumbered by first occurrence in document order at the end.
import { usableCores } from "../shared/cores";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Corpus } from "../corpus/types";
import { insertedWords, userDictionaries } from "./segmenter";
import { prepareTokenizer, renumberByFirstOccurrence, resolveClassical, type TokenizableDocument, type TokenizedDocument, type TokenizeOptions, type Tokens } from "./tokenize";
import type { WorkerRequest, WorkerResponse } from "./worker-protocol";

function workerScript(): string {
  // Under a TypeScript runner (tests) this module is src/text/parallel.ts: use the built worker.
  return __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/text/segmenter-worker.js") : path.join(__dirname, "segmenter-worker.js");
}

interface PoolWorker {
  worker: Worker;
  /** Local term id → global id, for the current session. */
  termMap: number[];
  tagMap: number[];
  /** Batches sent and not yet answered. */
  inFlight: number;
}

let pool: PoolWorker[] | undefined;
let sessions = 0;

/** The process's worker pool, started on first use with `size` workers. */
function segmenterPool(size: number): PoolWorker[] {
  if (pool) return pool;
  pool = Array.from({ length: size }, () => {
    const worker = new Worker(workerScript());
    worker.unref(); // an idle pool never keeps the process alive
    return { worker, termMap: [], tagMap: [], inFlight: 0 };
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
  /** Worker threads besides the main thread when the pool starts. Default: cores − 1 (at least 1). */
  workers?: number;
  /** Characters of text per batch (small enough that no thread idles long at the end). Default 200,000. */
  batchCharacters?: number;
}

const inFlightPerWorker = 2;

/** Calls run one after another: each uses the whole pool, and its workers' local vocabularies are its own. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * tokenize() on every core. Calls made at once (Promise.all) are queued and each gets exactly
 * tokenize()'s result: a call owns the pool while it runs (each worker's local vocabulary belongs
 * to one call), and every reply names the call it answers.
 */
export function tokenizeParallel(source: Corpus | TokenizableDocument[], options: ParallelOptions = {}): Promise<Tokens> {
  const run = queue.then(() => tokenizeParallelAlone(source, options));
  queue = run.catch(() => undefined);
  return run;
}

async function tokenizeParallelAlone(source: Corpus | TokenizableDocument[], options: ParallelOptions = {}): Promise<Tokens> {
  const documents = Array.isArray(source) ? source : source.documents;
  const main = prepareTokenizer(resolveClassical(options, documents));
  const setup = { userDictionaries: userDictionaries(), words: insertedWords().map((word) => ({ word })), settings: main.settings, stopwords: [...main.stopwords] };
  const workers = segmenterPool(Math.max(1, options.workers ?? usableCores() - 1));
  const session = sessions++;
  for (const member of workers) {
    member.termMap = [];
    member.tagMap = [];
    member.inFlight = 0;
  }

  const batchCharacters = options.batchCharacters ?? 200_000;
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

  const results: TokenizedDocument[] = new Array(documents.length);
  let next = 0;
  let failure: Error | undefined;
  let outstanding = 0;
  let wake: (() => void) | undefined;
  const settle = () => wake?.();

  const send = (member: PoolWorker) => {
    while (!failure && next < batches.length) {
      if (member.inFlight >= inFlightPerWorker) return;
      const job = next++;
      member.inFlight++;
      outstanding++;
      const request: WorkerRequest = { session, job, setup, texts: batches[job].map((index) => documents[index].text) };
      member.worker.postMessage(request);
    }
  };

  const listeners = workers.map((member) => {
    const onMessage = (response: WorkerResponse) => {
      if (response.session !== session) return; // a reply to another call: not ours (cannot happen while calls queue)
      member.inFlight--;
      outstanding--;
      if (response.error) failure ??= new Error(`segmenter worker failed: ${response.error}`);
      else {
        // Worker vocabularies are local: each new term gets its id in the main collector's vocabulary.
        for (const term of response.newTerms) member.termMap.push(main.termId(term));
        for (const tagName of response.newTags) member.tagMap.push(main.tagId(tagName));
        response.documents.forEach((result, index) => {
          const documentIndex = batches[response.job][index];
          const { termIds } = result;
          for (let position = 0; position < termIds.length; position++) termIds[position] = member.termMap[termIds[position]];
          if (result.tagIds) for (let position = 0; position < result.tagIds.length; position++) result.tagIds[position] = member.tagMap[result.tagIds[position]];
          const document = documents[documentIndex];
          results[documentIndex] = {
            id: document.id,
            meta: document.meta ?? { encoding: "utf-8", script: "simplified" },
            termIds,
            starts: result.starts,
            positions: result.positions,
            ...(result.tagIds ? { tagIds: result.tagIds } : {}),
            tokensBeforeFiltering: result.tokensBeforeFiltering,
          };
        });
        send(member);
      }
      settle();
    };
    const onError = (error: Error) => {
      failure ??= error;
      pool = undefined; // a broken pool is not reused: the next call starts a new one
      settle();
    };
    // A worker that exits without an error event would otherwise be waited for forever.
    const onExit = (code: number) => onError(new Error(`a segmenter worker exited (code ${code}) during tokenizeParallel`));
    member.worker.on("message", onMessage);
    member.worker.on("error", onError);
    member.worker.on("exit", onExit);
    return { member, onMessage, onError, onExit };
  });

  try {
    for (const member of workers) send(member);
    // The main thread takes batches too, yielding between them so worker replies are handled.
    while (!failure && next < batches.length) {
      const job = next++;
      for (const index of batches[job]) results[index] = main.add(documents[index]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (!failure && outstanding > 0) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    for (const { member, onMessage, onError, onExit } of listeners) {
      member.worker.off("message", onMessage);
      member.worker.off("error", onError);
      member.worker.off("exit", onExit);
    }
  }
  if (failure) throw failure;
  return renumberByFirstOccurrence({ vocabulary: main.vocabulary, termIndex: main.termIndex, tags: main.tags, documents: results, settings: main.settings });
}
