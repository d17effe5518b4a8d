// A cache for one report run: the notebooks of a report each load and tokenize the same corpus,
// and with WENXI_CACHE_DIR set (the report command sets it for its kernels, in a folder of its own
// that it removes at the end) the first does the work and the others read its result. Entries are
// keyed by a SHA-256 of everything that decides the result — the files (path, size, modification
// time), the options, the dictionaries, the documents' texts — so any change misses the cache.
// Values are stored with v8.serialize (typed arrays and Maps included), written atomically.
// Notebooks run at once would each compute an entry that none has yet: the first claims it (a
// file made with O_EXCL holding its process id) and the others wait for its result instead of
// doing the same work beside it (two processes on this machine's two cores each run ~1.6× slower).
// The calls on the corpus as loaded (tokenize, nodejieba's keywords) are also written down in the
// folder (calls.jsonl), so that the next run of the same notebooks can make them all in one process
// at its start, loading nodejieba's dictionaries once instead of in each kernel (report/prepare.ts).
import { createHash } from "node:crypto";
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import * as path from "node:path";
import { deserialize, serialize } from "node:v8";

/** The cache folder of this process, when one is set. */
export function cacheFolder(): string | undefined {
  const folder = process.env.WENXI_CACHE_DIR;
  return folder && existsSync(folder) ? folder : undefined;
}

/** A stable text of any options object: keys sorted, functions and regular expressions by their source. */
export function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof RegExp) return `RegExp(${item.source}/${item.flags})`;
    if (typeof item === "function") return `function(${item.toString()})`;
    if (item && typeof item === "object" && !Array.isArray(item) && !(item instanceof Map) && !(item instanceof Set)) {
      return Object.fromEntries(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]));
    }
    if (item instanceof Set) return [...item].sort();
    return item;
  });
}

/** A call that a report run can make ahead of its notebooks: its function and options, as JSON. */
export interface RecordedCall {
  call: "tokenize" | "keywords";
  options: unknown;
}

/** Corpora returned by loadCorpus within a run: the calls made on them are recorded. */
const runCorpora = new WeakSet<object>();

export function markRunCorpus<T extends object>(corpus: T): T {
  if (cacheFolder()) runCorpora.add(corpus);
  return corpus;
}

/** The file of the run's recorded calls, one JSON object a line. */
export function recordedCallsFile(folder: string): string {
  return path.join(folder, "calls.jsonl");
}

/**
 * Writes down a call on a corpus loadCorpus returned in this run, when its options survive JSON
 * (a function or a Set of stopwords does not: such a call is simply not prepared next time).
 */
export function recordCall(source: object, call: RecordedCall["call"], options: unknown): void {
  const folder = cacheFolder();
  if (!folder || !runCorpora.has(source)) return;
  try {
    const text = JSON.stringify({ call, options });
    if (stableText((JSON.parse(text) as RecordedCall).options) !== stableText(options)) return;
    appendFileSync(recordedCallsFile(folder), `${text}\n`);
  } catch {
    // Only a hint for the next run.
  }
}

/** The distinct calls recorded in a run's folder, in the order first made. */
export function readRecordedCalls(folder: string): RecordedCall[] {
  let text: string;
  try {
    text = readFileSync(recordedCallsFile(folder), "utf8");
  } catch {
    return [];
  }
  const seen = new Set<string>();
  const calls: RecordedCall[] = [];
  for (const line of text.split("\n")) {
    let parsed: RecordedCall;
    try {
      parsed = JSON.parse(line) as RecordedCall;
    } catch {
      continue; // an empty or torn line
    }
    if ((parsed?.call !== "tokenize" && parsed?.call !== "keywords") || typeof parsed.options !== "object" || parsed.options === null) continue;
    const key = stableText(parsed);
    if (seen.has(key)) continue;
    seen.add(key);
    calls.push({ call: parsed.call, options: parsed.options });
  }
  return calls;
}

export function cacheKey(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex");
}

/** The cached value for a key, or undefined (no cache folder, a miss, or an unreadable entry). */
export function readCached<T>(kind: string, key: string): T | undefined {
  const folder = cacheFolder();
  if (!folder) return undefined;
  const file = path.join(folder, `${kind}-${key}.v8`);
  if (!existsSync(file)) return undefined;
  try {
    return deserialize(readFileSync(file)) as T;
  } catch {
    return undefined;
  }
}

/** Stores a value (written to a temporary name first, then renamed, so a reader never sees half of it). */
export function writeCached(kind: string, key: string, value: unknown): void {
  const folder = cacheFolder();
  if (!folder) return;
  const file = path.join(folder, `${kind}-${key}.v8`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serialize(value));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written is only a slower run.
  }
}

/** Longest wait for another process's result before computing it here. */
const claimWaitMilliseconds = 600_000;
const pollMilliseconds = 50;

function claimFile(kind: string, key: string): string | undefined {
  const folder = cacheFolder();
  return folder ? path.join(folder, `${kind}-${key}.claim`) : undefined;
}

/** Makes the claim file, held by process `owner` (this one unless said); false when another process holds it. */
export function claim(file: string, owner = process.pid): boolean {
  try {
    const descriptor = openSync(file, "wx");
    writeSync(descriptor, String(owner));
    closeSync(descriptor);
    return true;
  } catch {
    return false;
  }
}

/** Removes a claim file (nothing if it is gone already). */
export function release(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** The process id a claim file holds: undefined when there is no such file, NaN or 0 while it is being written. */
export function claimOwner(file: string): number | undefined {
  try {
    return Number(readFileSync(file, "utf8"));
  } catch {
    return undefined; // released
  }
}

/** Whether the process that holds a claim is still at work on it (not finished, not gone). */
export function claimHeld(file: string): boolean {
  const owner = claimOwner(file);
  if (owner === undefined) return false; // released
  if (!Number.isInteger(owner) || owner <= 0) return true; // being written
  try {
    process.kill(owner, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What a process asking for an entry does next: take the cached value, compute it (claimed or not), or wait. */
type Step<T> = { kind: "cached"; value: T } | { kind: "claimed" } | { kind: "compute" } | { kind: "wait" };

function nextStep<T>(kind: string, key: string, file: string, started: number): Step<T> {
  const cached = readCached<T>(kind, key);
  if (cached !== undefined) return { kind: "cached", value: cached };
  if (claim(file)) return { kind: "claimed" };
  if (claimHeld(file)) return Date.now() - started > claimWaitMilliseconds ? { kind: "compute" } : { kind: "wait" };
  // The claim's process finished or is gone: its result, or a stale claim to clear and try again.
  release(file);
  const cachedNow = readCached<T>(kind, key);
  return cachedNow !== undefined ? { kind: "cached", value: cachedNow } : { kind: "wait" };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `milliseconds` (a synchronous wait for another process). */
export function sleepSync(milliseconds: number): void {
  Atomics.wait(sleeper, 0, 0, milliseconds);
}

/**
 * The cached value of an entry, or computed here and stored: at most one process of the run
 * computes it while the others wait for its result (a claim that is released, or whose process is
 * gone, lets a waiter compute it). Without a cache folder, simply `compute()`.
 */
export function computeCached<T>(kind: string, key: string, compute: () => T): T {
  const file = claimFile(kind, key);
  if (!file) return compute();
  for (const started = Date.now(); ; ) {
    const step = nextStep<T>(kind, key, file, started);
    if (step.kind === "cached") return step.value;
    if (step.kind === "compute") return compute();
    if (step.kind === "claimed") {
      try {
        const value = compute();
        writeCached(kind, key, value);
        return value;
      } finally {
        release(file);
      }
    }
    sleepSync(pollMilliseconds);
  }
}

/** computeCached for work that is asynchronous (loading files). */
export async function computeCachedAsync<T>(kind: string, key: string, compute: () => Promise<T>): Promise<T> {
  const file = claimFile(kind, key);
  if (!file) return compute();
  for (const started = Date.now(); ; ) {
    const step = nextStep<T>(kind, key, file, started);
    if (step.kind === "cached") return step.value;
    if (step.kind === "compute") return compute();
    if (step.kind === "claimed") {
      try {
        const value = await compute();
        writeCached(kind, key, value);
        return value;
      } finally {
        release(file);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollMilliseconds));
  }
}
