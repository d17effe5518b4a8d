// Collocations: pairs of terms that co-occur within a window more often than chance. Counts are
// surface co-occurrences (Evert 2008, "Corpora and collocations", §3): for a pair (u, v) with v
// at most `window` tokens after u (or, with a node, on either side), the contingency table is
//   O11 = co-occurrences, R1 = span × f(u), C1 = f(v), N = tokens,
//   E11 = R1·C1/N, and the other cells by subtraction (span = window, or 2 × window with a node).
// With window 1 this is the ordinary bigram table. Measures (Evert 2008, Table 2):
//   PMI = log2(O11 / E11)                       (Church & Hanks 1990)
//   G²  = 2 Σ Oij ln(Oij / Eij)                 (Dunning 1993)
//   t   = (O11 − E11) / √O11                    (Church et al. 1991)
//   Dice = 2·O11 / (f(u) + f(v))                (Smadja et al. 1996)
import type { Tokens } from "../text/tokenize";
import { toSimplified } from "../corpus/script";
import { countTerms } from "./counts";
import { compareText, descending } from "./order";

export type CollocationMeasure = "pmi" | "logLikelihood" | "tScore" | "dice";

export interface CollocationRow {
  term1: string;
  term2: string;
  /** Co-occurrences within the window (O11). */
  count: number;
  /** With a node: co-occurrences with the collocate before the node / after it. */
  left?: number;
  right?: number;
  frequency1: number;
  frequency2: number;
  expected: number;
  pmi: number;
  logLikelihood: number;
  tScore: number;
  dice: number;
}

export interface CollocationOptions {
  /** Tokens to each side counted as co-occurring. Default 5. */
  window?: number;
  /** Leave out pairs seen fewer times. Default 2. */
  minCount?: number;
  /** Order by this measure. Default logLikelihood. */
  sortBy?: CollocationMeasure | "count";
  top?: number;
  /** Only pairs with this term (its collocates, on either side). */
  node?: string;
}

export interface ContingencyCounts {
  observed: number;
  rowTotal: number;
  columnTotal: number;
  total: number;
}

function logTerm(observed: number, expected: number): number {
  return observed > 0 ? observed * Math.log(observed / expected) : 0;
}

/** The four association measures from one 2×2 table (row/column totals and N). */
export function associationMeasures({ observed, rowTotal, columnTotal, total }: ContingencyCounts, frequency1: number, frequency2: number) {
  const o11 = observed;
  const o12 = rowTotal - o11;
  const o21 = columnTotal - o11;
  const o22 = total - rowTotal - columnTotal + o11;
  const e11 = (rowTotal * columnTotal) / total;
  const e12 = (rowTotal * (total - columnTotal)) / total;
  const e21 = ((total - rowTotal) * columnTotal) / total;
  const e22 = ((total - rowTotal) * (total - columnTotal)) / total;
  return {
    expected: e11,
    pmi: Math.log2(o11 / e11),
    logLikelihood: 2 * (logTerm(o11, e11) + logTerm(o12, e12) + logTerm(o21, e21) + logTerm(o22, e22)),
    tScore: (o11 - e11) / Math.sqrt(o11),
    dice: (2 * o11) / (frequency1 + frequency2),
  };
}

export function collocations(tokens: Tokens, options: CollocationOptions = {}): CollocationRow[] {
  const window = options.window ?? 5;
  if (!Number.isInteger(window) || window < 1) throw new Error(`window must be a whole number ≥ 1, got ${window}`);
  const { counts: frequencies, tokens: total } = countTerms(tokens.documents, tokens.vocabulary.length);
  const nodeId = options.node === undefined ? undefined : tokens.termIndex.get(toSimplified(options.node));
  if (options.node !== undefined && nodeId === undefined) return [];
  const pairs = new Map<number, { count: number; left: number; right: number }>();
  const size = tokens.vocabulary.length;
  const addPair = (first: number, second: number, side: "left" | "right" | undefined) => {
    const key = first * size + second;
    const entry = pairs.get(key) ?? { count: 0, left: 0, right: 0 };
    entry.count++;
    if (side) entry[side]++;
    pairs.set(key, entry);
  };
  for (const { termIds } of tokens.documents) {
    for (let index = 0; index < termIds.length; index++) {
      const last = Math.min(termIds.length - 1, index + window);
      for (let other = index + 1; other <= last; other++) {
        const first = termIds[index];
        const second = termIds[other];
        if (nodeId === undefined) addPair(first, second, undefined);
        else if (first === nodeId && second !== nodeId) addPair(nodeId, second, "right");
        else if (second === nodeId && first !== nodeId) addPair(nodeId, first, "left");
      }
    }
  }
  const span = nodeId === undefined ? window : 2 * window;
  const rows: CollocationRow[] = [];
  for (const [key, entry] of pairs) {
    if (entry.count < (options.minCount ?? 2)) continue;
    const first = Math.floor(key / size);
    const second = key % size;
    const measures = associationMeasures(
      { observed: entry.count, rowTotal: span * frequencies[first], columnTotal: frequencies[second], total },
      frequencies[first],
      frequencies[second],
    );
    rows.push({
      term1: tokens.vocabulary[first],
      term2: tokens.vocabulary[second],
      count: entry.count,
      ...(nodeId !== undefined ? { left: entry.left, right: entry.right } : {}),
      frequency1: frequencies[first],
      frequency2: frequencies[second],
      ...measures,
    });
  }
  const sortBy = options.sortBy ?? "logLikelihood";
  rows.sort((left, right) => descending(left[sortBy], right[sortBy]) || compareText(left.term1, right.term1) || compareText(left.term2, right.term2));
  return options.top === undefined ? rows : rows.slice(0, options.top);
}
