// Counts without keeping the corpus: files are read, cleaned, segmented and counted a batch at a
// time, on worker threads (each taking whole files, loading and cutting both spread over the
// cores) or on this thread, and only the counts stay: term × group counts and document
// frequencies. For corpora larger than memory (`wenxi freq --stream`); the counts equal those of
// termFrequency on the loaded corpus. Custom debris rules (functions) cannot cross to a worker:
// with them the work stays on this thread.
import { usableCores } from "../shared/cores";
import * as path from "node:path";
import { compareText } from "../shared/order";
import type { CorpusError } from "../corpus/types";
import { fileSizes, listSourceFiles, type LoadOptions, type SourceFile } from "../corpus/load";
import { insertedWords, userDictionaries } from "../text/segmenter";
import { resolveSettings, type TokenizeOptions } from "../text/tokenize";
import { resolveStopwords } from "../text/stopwords";
import type { TermFrequencyRow } from "./frequency";
import { countBatch, type StreamBatchRequest, type StreamBatchResult } from "./stream-batch";
import { batchesBySize, runBatches } from "../shared/worker-pool";

export interface StreamOptions {
  /** How files are read and cleaned (as loadCorpus). */
  load?: LoadOptions;
  /** How texts are segmented and filtered (as tokenize). */
  tokenize?: TokenizeOptions;
  /** Count per value of this metadata field (year, source …); default: the whole corpus. */
  by?: string;
  /** Worker threads besides this one, which counts too; 0 counts on this thread alone. Default: cores − 1. */
  workers?: number;
  /** Bytes of files per batch. Default 1 MB (small batches leave little for one thread to finish alone at the end). */
  batchBytes?: number;
  /** Called as each batch of files is counted: files and bytes done so far, of the whole. */
  onProgress?: (progress: StreamProgress) => void;
}

export interface StreamProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
}

export interface GroupCounts {
  documents: number;
  tokens: number;
  counts: Map<string, number>;
  documentFrequency: Map<string, number>;
}

export interface StreamedCounts {
  documents: number;
  tokens: number;
  groups: Map<string, GroupCounts>;
  errors: CorpusError[];
}

function workerScript(): string {
  return __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/stats/stream-worker.js") : path.join(__dirname, "stream-worker.js");
}

function merge(into: StreamedCounts, result: StreamBatchResult): void {
  into.documents += result.documents;
  into.tokens += result.tokens;
  for (const error of result.errors) into.errors.push(error);
  for (const group of result.groups) {
    let target = into.groups.get(group.group);
    if (!target) into.groups.set(group.group, (target = { documents: 0, tokens: 0, counts: new Map(), documentFrequency: new Map() }));
    target.documents += group.documents;
    target.tokens += group.tokens;
    for (let index = 0; index < group.terms.length; index++) {
      const term = group.terms[index];
      target.counts.set(term, (target.counts.get(term) ?? 0) + group.counts[index]);
      target.documentFrequency.set(term, (target.documentFrequency.get(term) ?? 0) + group.documentFrequency[index]);
    }
  }
}

/** Term counts of a source (folder or file) without holding its documents. */
export async function streamTermCounts(source: string, options: StreamOptions = {}): Promise<StreamedCounts> {
  const load = options.load ?? {};
  const { files, errors } = await listSourceFiles(source, load);
  const result: StreamedCounts = { documents: 0, tokens: 0, groups: new Map(), errors };
  const sizes = fileSizes(files);
  const batches = batchesBySize(files, (_file, index) => sizes[index], options.batchBytes ?? 1024 * 1024);
  const positionOf = new Map(files.map((file, index) => [file, index]));
  const batchBytes = batches.map((batch) => batch.reduce((sum, file) => sum + sizes[positionOf.get(file)!], 0));
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  const done = { files: 0, bytes: 0 };
  if (options.tokenize?.classical === "auto") throw new Error('streaming counts take classical: true or false, not "auto" (load a sample and call looksClassical on it)');
  const settings = resolveSettings(options.tokenize ?? {});
  const stopwords = [...resolveStopwords(options.tokenize?.stopwords ?? "default")];
  const { debrisRules, ...plainLoad } = load;
  const request = (batch: SourceFile[]): StreamBatchRequest => ({
    files: batch,
    load: plainLoad,
    settings,
    stopwords,
    by: options.by,
    userDictionaries: [...userDictionaries(), ...(options.tokenize?.userDictionaries ?? [])],
    words: [...insertedWords(), ...(options.tokenize?.words ?? []).map((word) => (typeof word === "string" ? word : word.word))],
  });
  // This thread counts too, so with N cores it takes N − 1 workers (each loads its own dictionary).
  // Custom debris rules (functions) cannot cross to a worker: with them the work stays here.
  await runBatches({
    script: workerScript(),
    batches: batches.map(request),
    workers: debrisRules ? 0 : (options.workers ?? usableCores() - 1),
    here: (batch) => countBatch({ ...batch, load }),
    onResult: (index, counted) => {
      merge(result, counted);
      done.files += batches[index].length;
      done.bytes += batchBytes[index];
      options.onProgress?.({ files: done.files, totalFiles: files.length, bytes: done.bytes, totalBytes });
    },
    onLostBatch: (index, reason) => {
      for (const { file } of batches[index]) result.errors.push({ path: file.path, kind: "read", reason: `not counted: the worker thread reading it stopped (${reason}); try it alone, or with workers: 0` });
    },
  });
  return finish(result);
}

function finish(result: StreamedCounts): StreamedCounts {
  result.errors.sort((left, right) => compareText(left.path, right.path) || (left.line ?? 0) - (right.line ?? 0));
  return result;
}

/** termFrequency's rows from streamed counts (the same numbers as on the loaded corpus). */
export function frequencyFromCounts(counted: StreamedCounts, options: { top?: number; minCount?: number; grouped?: boolean } = {}): TermFrequencyRow[] {
  const rows: TermFrequencyRow[] = [];
  const keys = [...counted.groups.keys()].sort(compareText);
  for (const key of keys) {
    const group = counted.groups.get(key)!;
    const groupRows: TermFrequencyRow[] = [];
    for (const [term, count] of group.counts) {
      if (count < (options.minCount ?? 1)) continue;
      const documents = group.documentFrequency.get(term) ?? 0;
      groupRows.push({ ...(options.grouped ? { group: key } : {}), term, count, per10k: (count / group.tokens) * 10_000, documentFrequency: documents, range: documents / group.documents });
    }
    groupRows.sort((left, right) => right.count - left.count || compareText(left.term, right.term));
    for (const row of options.top === undefined ? groupRows : groupRows.slice(0, options.top)) rows.push(row);
  }
  return rows;
}
