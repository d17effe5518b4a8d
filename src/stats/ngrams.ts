// N-grams: runs of n tokens that stand next to each other in the text. A token removed by the
// filters (a stopword, a punctuation mark) breaks a run unless `acrossRemoved` is set, so that
// n-grams never join words a comma or 的 separated.
import type { Tokens } from "../text/tokenize";
import { compareText, descending } from "../shared/order";

export interface NgramRow {
  /** The terms joined by `separator`. */
  ngram: string;
  terms: string[];
  count: number;
  documentFrequency: number;
}

export interface NgramOptions {
  /** Default 2. */
  n?: number;
  /** Default 2. */
  minCount?: number;
  top?: number;
  /** Default " ", which keeps token boundaries visible. */
  separator?: string;
  /** Let n-grams span removed tokens. Default false. */
  acrossRemoved?: boolean;
}

export function ngrams(tokens: Tokens, options: NgramOptions = {}): NgramRow[] {
  const n = options.n ?? 2;
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a whole number ≥ 1, got ${n}`);
  const counts = new Map<string, { count: number; documents: number; lastDocument: number }>();
  tokens.documents.forEach((document, documentIndex) => {
    const { termIds, starts } = document;
    // Tokens are adjacent when the next starts where this one ends (white space between them breaks a run too).
    for (let start = 0; start + n <= termIds.length; start++) {
      let contiguous = true;
      for (let index = start; contiguous && index < start + n - 1; index++) {
        if (!options.acrossRemoved && starts[index] + tokens.vocabulary[termIds[index]].length !== starts[index + 1]) contiguous = false;
      }
      if (!contiguous) continue;
      const key = Array.from(termIds.subarray(start, start + n)).join(",");
      const entry = counts.get(key) ?? { count: 0, documents: 0, lastDocument: -1 };
      entry.count++;
      if (entry.lastDocument !== documentIndex) {
        entry.lastDocument = documentIndex;
        entry.documents++;
      }
      counts.set(key, entry);
    }
  });
  const separator = options.separator ?? " ";
  const rows: NgramRow[] = [];
  for (const [key, entry] of counts) {
    if (entry.count < (options.minCount ?? 2)) continue;
    const terms = key.split(",").map((id) => tokens.vocabulary[Number(id)]);
    rows.push({ ngram: terms.join(separator), terms, count: entry.count, documentFrequency: entry.documents });
  }
  rows.sort((left, right) => descending(left.count, right.count) || compareText(left.ngram, right.ngram));
  return options.top === undefined ? rows : rows.slice(0, options.top);
}
