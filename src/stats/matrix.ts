// The document-term matrix, sparse: compressed rows (CSR), one row per document, one column
// per vocabulary term, counts as values.
import type { Tokens } from "../text/tokenize";

export interface DocumentTermMatrix {
  /** Row index → document id. */
  documents: string[];
  /** Column index → term (the vocabulary). */
  terms: string[];
  /** Row r holds entries rowStarts[r] … rowStarts[r+1]-1. */
  rowStarts: Int32Array;
  /** Column (term id) of each entry, ascending within a row. */
  columns: Int32Array;
  /** Count of each entry. */
  counts: Int32Array;
}

export function documentTermMatrix(tokens: Tokens): DocumentTermMatrix {
  const rowStarts = new Int32Array(tokens.documents.length + 1);
  const columns: number[] = [];
  const counts: number[] = [];
  const scratch = new Int32Array(tokens.vocabulary.length);
  tokens.documents.forEach((document, row) => {
    const seen: number[] = [];
    for (const id of document.termIds) {
      if (scratch[id] === 0) seen.push(id);
      scratch[id]++;
    }
    seen.sort((left, right) => left - right);
    for (const id of seen) {
      columns.push(id);
      counts.push(scratch[id]);
      scratch[id] = 0;
    }
    rowStarts[row + 1] = columns.length;
  });
  return {
    documents: tokens.documents.map((document) => document.id),
    terms: tokens.vocabulary,
    rowStarts,
    columns: Int32Array.from(columns),
    counts: Int32Array.from(counts),
  };
}

/** The count of a term in a document (0 when absent). */
export function matrixCount(matrix: DocumentTermMatrix, documentId: string, term: string): number {
  const row = matrix.documents.indexOf(documentId);
  const column = matrix.terms.indexOf(term);
  if (row < 0 || column < 0) return 0;
  for (let entry = matrix.rowStarts[row]; entry < matrix.rowStarts[row + 1]; entry++) {
    if (matrix.columns[entry] === column) return matrix.counts[entry];
  }
  return 0;
}
