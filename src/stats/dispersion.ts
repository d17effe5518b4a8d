// Dispersion: where terms occur, and how evenly they spread over the documents.
//   Gries' DP (Gries 2008, "Dispersions and adjusted frequencies in corpora"): with s_i the share
//   of the corpus in document i and v_i the share of the term's occurrences in it,
//   DP = ½ Σ |v_i − s_i| (0 = spread as the documents' sizes predict, towards 1 = concentrated);
//   DPnorm = DP / (1 − min s_i) (Lijffijt & Gries 2012).
//   Juilland's D (Juilland & Chang-Rodríguez 1964), on relative frequencies p_i = f_i / size_i to
//   allow documents of unequal size: D = 1 − (σ/μ) / √(n − 1), σ the population standard
//   deviation of the p_i, μ their mean (1 = perfectly even), clamped to [0, 1] against rounding.
// Undefined measures are null, never a number that reads as a finding: all three for a term that
// does not occur (Gries' sum would give DP = ½ for it), DPnorm and D for a one-document corpus.
import { toSimplified } from "../corpus/script";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";

export interface DispersionPosition {
  term: string;
  document: string;
  /** Token index in the document. */
  position: number;
  /** position / tokens of the document, in [0, 1). */
  relativePosition: number;
}

export interface DispersionMeasure {
  term: string;
  count: number;
  documentFrequency: number;
  /** null when the term does not occur. */
  dp: number | null;
  /** null when the term does not occur, or with one document. */
  dpNorm: number | null;
  /** null when the term does not occur, or with one document. */
  juillandD: number | null;
  /** Why a measure is null. */
  note?: string;
}

export interface DispersionResult {
  positions: DispersionPosition[];
  measures: DispersionMeasure[];
  /** Each document's size in tokens, in corpus order (for plotting positions along the corpus). */
  documents: Array<{ document: string; tokens: number }>;
}

export function dispersionMeasures(frequencies: number[], sizes: number[]): { dp: number | null; dpNorm: number | null; juillandD: number | null; note?: string } {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const frequency = frequencies.reduce((sum, value) => sum + value, 0);
  if (frequency === 0) return { dp: null, dpNorm: null, juillandD: null, note: "the term does not occur" };
  let dp = 0;
  for (let index = 0; index < sizes.length; index++) dp += Math.abs(frequencies[index] / frequency - sizes[index] / total);
  dp /= 2;
  if (sizes.length < 2) return { dp, dpNorm: null, juillandD: null, note: "one document: nothing to spread over" };
  let smallestShare = Infinity;
  for (const size of sizes) smallestShare = Math.min(smallestShare, size / total);
  const dpNorm = dp / (1 - smallestShare);
  const relative = frequencies.map((value, index) => (sizes[index] === 0 ? 0 : value / sizes[index]));
  const mean = relative.reduce((sum, value) => sum + value, 0) / relative.length;
  const deviation = Math.sqrt(relative.reduce((sum, value) => sum + (value - mean) ** 2, 0) / relative.length);
  const juillandD = Math.min(1, Math.max(0, 1 - deviation / mean / Math.sqrt(relative.length - 1)));
  return { dp, dpNorm, juillandD };
}

/** Positions of each term (for a dispersion plot) and its DP, DPnorm and Juilland's D over documents. */
export function dispersion(tokens: Tokens, terms: string[]): DispersionResult {
  const positions: DispersionPosition[] = [];
  const measures: DispersionMeasure[] = [];
  const sizes = tokens.documents.map((document) => document.termIds.length);
  for (const written of terms) {
    const term = toSimplified(written);
    const id = tokens.termIndex.get(term);
    const frequencies = tokens.documents.map(() => 0);
    tokens.documents.forEach((document, documentIndex) => {
      if (id === undefined) return;
      document.termIds.forEach((termId, position) => {
        if (termId !== id) return;
        frequencies[documentIndex]++;
        positions.push({ term, document: document.id, position, relativePosition: position / document.termIds.length });
      });
    });
    const count = frequencies.reduce((sum, value) => sum + value, 0);
    measures.push({ term, count, documentFrequency: frequencies.filter((value) => value > 0).length, ...dispersionMeasures(frequencies, sizes) });
  }
  positions.sort((left, right) => compareText(left.term, right.term) || compareText(left.document, right.document) || left.position - right.position);
  return { positions, measures, documents: tokens.documents.map((document) => ({ document: document.id, tokens: document.termIds.length })) };
}
