// One batch of the streaming counter (stream.ts): read, clean, segment and count some files, and
// return only the counts. Runs on a worker thread (stream-worker.ts) or on the calling thread.
import { documentsOfFile, readFileBytes, type LoadOptions, type SourceFile } from "../corpus/load";
import { nameFieldsReader } from "../corpus/name-fields";
import type { CorpusError } from "../corpus/types";
import { addUserDictionary, addWords, ensureSegmenterLoaded, insertedWords } from "../text/segmenter";
import { TokenCollector, type TokenSettings } from "../text/tokenize";
import { missingGroup } from "./select";

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

export async function countBatch(request: StreamBatchRequest, cutOnly = false): Promise<StreamBatchResult> {
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
  const groups = new Map<string, { documents: number; tokens: number; counts: Map<number, number>; documentFrequency: Map<number, number> }>();
  const result: StreamBatchResult = { documents: 0, tokens: 0, errors: [], groups: [] };
  for (const source of request.files) {
    const read = await readFileBytes(source.file, request.load);
    if ("error" in read) {
      result.errors.push(read.error);
      continue;
    }
    const { documents, errors } = documentsOfFile(source, read.bytes, request.load, reader);
    for (const error of errors) result.errors.push(error);
    for (const document of documents) {
      const tokenized = tokenizer.add(document);
      const group = request.by === undefined ? "" : request.by === "document" ? document.id : document.meta[request.by] || missingGroup;
      let counts = groups.get(group);
      if (!counts) groups.set(group, (counts = { documents: 0, tokens: 0, counts: new Map(), documentFrequency: new Map() }));
      counts.documents++;
      counts.tokens += tokenized.termIds.length;
      result.documents++;
      result.tokens += tokenized.termIds.length;
      const seen = new Set<number>();
      for (const id of tokenized.termIds) {
        counts.counts.set(id, (counts.counts.get(id) ?? 0) + 1);
        if (!seen.has(id)) {
          seen.add(id);
          counts.documentFrequency.set(id, (counts.documentFrequency.get(id) ?? 0) + 1);
        }
      }
    }
  }
  for (const [group, counts] of groups) {
    const ids = [...counts.counts.keys()];
    result.groups.push({
      group,
      documents: counts.documents,
      tokens: counts.tokens,
      terms: ids.map((id) => tokenizer.vocabulary[id]),
      counts: ids.map((id) => counts.counts.get(id)!),
      documentFrequency: ids.map((id) => counts.documentFrequency.get(id) ?? 0),
    });
  }
  return result;
}
