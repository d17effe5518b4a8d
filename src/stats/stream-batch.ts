// One batch of the streaming counter (stream.ts): read, clean, segment and count some files, and
// return only the counts. Runs on a worker thread (stream-worker.ts) or on the calling thread.
import { documentsOfFile, memoryShortfall, readFileBytes, type LoadOptions, type SourceFile } from "../corpus/load";
import { nameFieldsReader } from "../corpus/name-fields";
import type { CorpusError } from "../corpus/types";
import { addUserDictionary, addWords, ensureSegmenterLoaded, insertedWords } from "../text/segmenter";
import { TokenCollector, type TokenSettings } from "../text/tokenize";
import { groupOf } from "./select";

export interface StreamBatchRequest {
  files: SourceFile[];
  load: LoadOptions;
  settings: TokenSettings;
  stopwords: string[];
  by?: string;
  userDictionaries: string[];
  words: string[];
}

export interface StreamBatchResult {
  documents: number;
  tokens: number;
  errors: CorpusError[];
  groups: Array<{ group: string; documents: number; tokens: number; terms: string[]; counts: number[]; documentFrequency: number[] }>;
}

let collector: { key: string; value: TokenCollector } | undefined;

export function countBatch(request: StreamBatchRequest, cutOnly = false): StreamBatchResult {
  addUserDictionary(...request.userDictionaries);
  ensureSegmenterLoaded({ cutOnly });
  const known = new Set(insertedWords());
  addWords(request.words.filter((word) => !known.has(word)).map((word) => ({ word })));
  // One collector per settings and stopword list, kept across batches (its filter decisions are a cache).
  const key = JSON.stringify([request.settings, request.stopwords.length, request.stopwords.slice(0, 50)]);
  // A new one when its vocabulary grows large, so a worker's memory stays bounded over any corpus size.
  if (collector?.key !== key || collector.value.vocabulary.length > 300_000) collector = { key, value: new TokenCollector(request.settings, new Set(request.stopwords)) };
  const tokenizer = collector.value;
  const reader = request.load.nameFields !== undefined ? nameFieldsReader(request.load.nameFields) : undefined;
  // Dense per-group arrays indexed by term id (the collector's vocabulary), not Maps: this is the inner loop.
  const groups = new Map<string, { documents: number; tokens: number; counts: number[]; documentFrequency: number[] }>();
  let lastDocument = new Int32Array(1024).fill(-1);
  let documentIndex = 0;
  const result: StreamBatchResult = { documents: 0, tokens: 0, errors: [], groups: [] };
  for (const source of request.files) {
    const read = readFileBytes(source.file, request.load);
    if ("error" in read) {
      result.errors.push(read.error);
      continue;
    }
    // The same budget as loading: a file whose cleaning would pass this thread's heap limit is
    // reported, not cleaned (V8 would abort the process, losing every count).
    const shortfall = memoryShortfall(read.bytes.length);
    if (shortfall) {
      result.errors.push({ path: source.file.path, kind: "too-large", reason: shortfall });
      continue;
    }
    const { documents, errors } = documentsOfFile(source, read.bytes, request.load, reader);
    for (const error of errors) result.errors.push(error);
    for (const document of documents) {
      const tokenized = tokenizer.add(document);
      const group = request.by === undefined ? "" : groupOf(document, request.by);
      let counts = groups.get(group);
      if (!counts) groups.set(group, (counts = { documents: 0, tokens: 0, counts: [], documentFrequency: [] }));
      counts.documents++;
      counts.tokens += tokenized.termIds.length;
      result.documents++;
      result.tokens += tokenized.termIds.length;
      if (tokenizer.vocabulary.length > lastDocument.length) {
        const grown = new Int32Array(Math.max(tokenizer.vocabulary.length, lastDocument.length * 2)).fill(-1);
        grown.set(lastDocument);
        lastDocument = grown;
      }
      const stamp = documentIndex++;
      const termCounts = counts.counts;
      const frequency = counts.documentFrequency;
      for (const id of tokenized.termIds) {
        termCounts[id] = (termCounts[id] ?? 0) + 1;
        if (lastDocument[id] !== stamp) {
          lastDocument[id] = stamp;
          frequency[id] = (frequency[id] ?? 0) + 1;
        }
      }
    }
  }
  for (const [group, counts] of groups) {
    const terms: string[] = [];
    const termCounts: number[] = [];
    const documentFrequency: number[] = [];
    counts.counts.forEach((count, id) => {
      if (!count) return;
      terms.push(tokenizer.vocabulary[id]);
      termCounts.push(count);
      documentFrequency.push(counts.documentFrequency[id] ?? 0);
    });
    result.groups.push({ group, documents: counts.documents, tokens: counts.tokens, terms, counts: termCounts, documentFrequency });
  }
  return result;
}
