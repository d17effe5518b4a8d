// KWIC concordances: every occurrence of a term with its left and right context, taken from the
// cleaned text (what analyses count) and shown in the document's original script through the
// cleaned text's source map, so removed pinyin, metadata and debris never appear in a context.
import { normalizeTerm } from "../corpus/script";
import type { Corpus, Document } from "../corpus/types";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

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

/** The last index whose start is ≤ offset (starts ascending), or -1: the token an offset falls in. */
export function lastStartAtOrBefore(starts: Int32Array, offset: number): number {
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

/**
 * The original form of cleaned text [from, to): each run of cleaned characters whose origins follow
 * one another is shown as the original stretch it came from, in the source script; what cleaning
 * removed (inline pinyin, metadata and debris lines) lies between runs and is left out.
 */
function originalOf(document: Document, from: number, to: number): string {
  let result = "";
  let shownUpTo = -1;
  for (let index = from; index < to; ) {
    let end = index + 1;
    while (end < to && document.sourceMap[end] === document.sourceMap[end - 1] + 1) end++;
    const first = Math.max(document.sourceMap[index], shownUpTo);
    const last = document.sourceMap[end - 1] + 1;
    if (last > first) {
      result += document.original.slice(first, last);
      shownUpTo = last;
    }
    index = end;
  }
  return result;
}

function contextRow(document: Document, start: number, end: number, window: number, position: number): KwicRow {
  const flatten = (text: string) => text.replace(/\s+/g, " ");
  return {
    document: document.id,
    position,
    start,
    // The context is the cleaned text's, shown in the original script: removed pinyin, metadata
    // and debris do not come back (the context is `window` characters of the cleaned text).
    left: flatten(originalOf(document, Math.max(0, start - window), start)),
    match: originalOf(document, start, end),
    right: flatten(originalOf(document, end, Math.min(document.text.length, end + window))),
  };
}

/**
 * Concordance of a term (written in either script). A term of the vocabulary is matched as a
 * token; anything else (a phrase jieba cuts in two, a stopword) is found in the cleaned text.
 */
export function kwic(corpus: Corpus, tokens: Tokens, term: string, options: KwicOptions = {}): KwicRow[] {
  const window = options.window ?? 20;
  const query = normalizeTerm(term);
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
