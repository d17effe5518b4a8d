// KWIC concordances: every occurrence of a term with its left and right context, shown from the
// document's `original` text (source script, as published) through the cleaned text's source map.
import { toSimplified } from "../corpus/script";
import type { Corpus, Document } from "../corpus/types";
import type { Tokens } from "../text/tokenize";
import { compareText } from "./order";

export interface KwicRow {
  document: string;
  /** Index of the token among the document's tokens (-1 for a phrase found in the text but not a token). */
  position: number;
  /** Offset of the match in the cleaned `text`. */
  start: number;
  left: string;
  match: string;
  right: string;
}

export interface KwicOptions {
  /** Characters of context on each side. Default 20. */
  window?: number;
  /** At most this many rows. */
  limit?: number;
}

function lastStartAtOrBefore(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function contextRow(document: Document, start: number, end: number, window: number, position: number): KwicRow {
  const originalStart = document.sourceMap[start];
  const originalEnd = document.sourceMap[end - 1] + 1;
  const flatten = (text: string) => text.replace(/\s+/g, " ");
  return {
    document: document.id,
    position,
    start,
    left: flatten(document.original.slice(Math.max(0, originalStart - window), originalStart)),
    match: document.original.slice(originalStart, originalEnd),
    right: flatten(document.original.slice(originalEnd, originalEnd + window)),
  };
}

/**
 * Concordance of a term (written in either script). A term of the vocabulary is matched as a
 * token; anything else (a phrase jieba cuts in two, a stopword) is found in the cleaned text.
 */
export function kwic(corpus: Corpus, tokens: Tokens, term: string, options: KwicOptions = {}): KwicRow[] {
  const window = options.window ?? 20;
  const query = toSimplified(term.normalize("NFKC").trim());
  if (query === "") throw new Error("kwic needs a term");
  const documents = new Map(corpus.documents.map((document) => [document.id, document]));
  const termId = tokens.termIndex.get(query);
  const rows: KwicRow[] = [];
  for (const tokenized of tokens.documents) {
    const document = documents.get(tokenized.id);
    if (!document) throw new Error(`kwic: document "${tokenized.id}" of the tokens is not in the corpus`);
    if (termId !== undefined) {
      tokenized.termIds.forEach((id, position) => {
        if (id === termId) rows.push(contextRow(document, tokenized.starts[position], tokenized.starts[position] + query.length, window, position));
      });
    } else {
      for (let at = document.text.indexOf(query); at >= 0; at = document.text.indexOf(query, at + query.length)) {
        const position = lastStartAtOrBefore(tokenized.starts, at);
        rows.push(contextRow(document, at, at + query.length, window, position >= 0 && tokenized.starts[position] === at ? position : -1));
      }
    }
  }
  rows.sort((left, right) => compareText(left.document, right.document) || left.start - right.start);
  return options.limit === undefined ? rows : rows.slice(0, options.limit);
}
