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
  /**
   * A batch whose worker died (out of memory, exited) before answering: the caller reports its
   * items, and the run goes on with the other workers. Without it, the run fails.
   */
  onLostBatch?: (index: number, reason: string) => void;
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
  // Which batches each worker holds: replies name their batch, and a worker that dies loses only its own.
  const held = new Map<Worker, Set<number>>(pool.map((worker) => [worker, new Set<number>()]));
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const outstanding = () => [...held.values()].reduce((sum, batches) => sum + batches.size, 0);
  const give = (worker: Worker) => {
    if (failure || next >= run.batches.length || !held.has(worker)) return;
    const index = next++;
    held.get(worker)!.add(index);
    worker.postMessage({ index, request: run.batches[index] } satisfies BatchMessage<Request>);
  };
  const lose = (worker: Worker, reason: string) => {
    const batches = held.get(worker);
    if (!batches) return;
    held.delete(worker);
    if (run.onLostBatch) for (const index of [...batches].sort((left, right) => left - right)) run.onLostBatch(index, reason);
    else if (batches.size > 0 || outstanding() > 0 || next < run.batches.length) failure ??= new Error(`a worker thread stopped: ${reason}`);
    wake?.();
  };
  for (const worker of pool) {
    worker.on("message", (reply: BatchReply<Result>) => {
      held.get(worker)?.delete(reply.index);
      if ("error" in reply) failure ??= new Error(`worker failed on batch ${reply.index}: ${reply.error}`);
      else {
        run.onResult(reply.index, reply.result);
        give(worker);
      }
      wake?.();
    });
    worker.on("error", (error) => lose(worker, error.message));
    // A worker that exits without an error event (process.exit in a module, a native abort) would otherwise be waited for forever.
    worker.on("exit", (code) => {
      if (held.has(worker) && !finished) lose(worker, `exited with code ${code}`);
    });
  }
  let finished = false;
  try {
    for (const worker of pool) for (let queued = 0; queued < queuedPerWorker; queued++) give(worker);
    while (!failure && next < run.batches.length) {
      const index = next++;
      run.onResult(index, await run.here(run.batches[index]));
      // Let the workers' replies in between this thread's batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (!failure && outstanding() > 0) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    finished = true;
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
