// Counting terms over a set of tokenized documents: how often each vocabulary term occurs, in
// how many of the documents, and how many tokens there are. The base of frequency, TF-IDF,
// keyness and collocation tables.
import type { TokenizedDocument } from "../text/tokenize";

export interface TermCounts {
  /** Occurrences of each term id. */
  counts: Int32Array;
  /** Documents containing each term id. */
  documentFrequency: Int32Array;
  /** Tokens in the documents. */
  tokens: number;
}

export function countTerms(documents: readonly TokenizedDocument[], vocabularySize: number): TermCounts {
  const counts = new Int32Array(vocabularySize);
  const documentFrequency = new Int32Array(vocabularySize);
  const lastDocument = new Int32Array(vocabularySize).fill(-1);
  let tokens = 0;
  documents.forEach((document, index) => {
    tokens += document.termIds.length;
    for (const id of document.termIds) {
      counts[id]++;
      if (lastDocument[id] !== index) {
        lastDocument[id] = index;
        documentFrequency[id]++;
      }
    }
  });
  return { counts, documentFrequency, tokens };
}
