// Batches of work spread over worker threads and this thread: each worker takes whole batches
// (files), two queued at a time so it never waits while this thread works on its own batch. The
// workers live for one call; results come back by batch index, so callers can keep file order.
// Used by the corpus loader (cleaning) and the streaming counter (cleaning and counting).
import { parentPort, Worker } from "node:worker_threads";

interface BatchMessage<Request> {
  index: number;
  request: Request;
}

type BatchReply<Result> = { index: number; result: Result } | { index: number; error: string };

export interface BatchRun<Request, Result> {
  /** The worker's script: a module that calls `serveBatches`. */
  script: string;
  batches: Request[];
  /** Worker threads besides this one; 0 runs every batch here. */
  workers: number;
  /** This thread's share of the work, and all of it with no workers. */
  here: (request: Request) => Result | Promise<Result>;
  /** Each result as it comes, with its batch's index. */
  onResult: (index: number, result: Result) => void;
}

const queuedPerWorker = 2;

export async function runBatches<Request, Result>(run: BatchRun<Request, Result>): Promise<void> {
  const workers = Math.min(run.workers, Math.max(0, run.batches.length - 1));
  let next = 0;
  if (workers <= 0) {
    for (; next < run.batches.length; next++) run.onResult(next, await run.here(run.batches[next]));
    return;
  }
  const pool = Array.from({ length: workers }, () => new Worker(run.script));
  let outstanding = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const give = (worker: Worker) => {
    if (failure || next >= run.batches.length) return;
    outstanding++;
    const index = next++;
    worker.postMessage({ index, request: run.batches[index] } satisfies BatchMessage<Request>);
  };
  for (const worker of pool) {
    worker.on("message", (reply: BatchReply<Result>) => {
      outstanding--;
      if ("error" in reply) failure ??= new Error(`worker failed on batch ${reply.index}: ${reply.error}`);
      else {
        run.onResult(reply.index, reply.result);
        give(worker);
      }
      wake?.();
    });
    worker.on("error", (error) => {
      failure ??= error;
      wake?.();
    });
  }
  try {
    for (const worker of pool) for (let queued = 0; queued < queuedPerWorker; queued++) give(worker);
    while (!failure && next < run.batches.length) {
      const index = next++;
      run.onResult(index, await run.here(run.batches[index]));
      // Let the workers' replies in between this thread's batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (!failure && outstanding > 0) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  if (failure) throw failure;
}

/** In a worker script: answers each batch with `handle`'s result (or its error). */
export function serveBatches<Request, Result>(handle: (request: Request) => Result | Promise<Result>): void {
  parentPort?.on("message", (message: BatchMessage<Request>) => {
    Promise.resolve()
      .then(() => handle(message.request))
      .then(
        (result) => parentPort!.postMessage({ index: message.index, result } satisfies BatchReply<Result>),
        (error: unknown) => parentPort!.postMessage({ index: message.index, error: (error as Error).stack ?? String(error) } satisfies BatchReply<Result>),
      );
  });
}

/** Groups items into batches of about `target` size (the last may be smaller). */
export function batchesBySize<Item>(items: Item[], sizeOf: (item: Item, index: number) => number, target: number): Item[][] {
  const batches: Item[][] = [];
  let current: Item[] = [];
  let size = 0;
  items.forEach((item, index) => {
    current.push(item);
    size += sizeOf(item, index);
    if (size >= target) {
      batches.push(current);
      current = [];
      size = 0;
    }
  });
  if (current.length > 0) batches.push(current);
  return batches;
}
