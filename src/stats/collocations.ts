// Collocations: pairs of terms that co-occur within a window more often than chance. Counts are
// surface co-occurrences (Evert 2008, "Corpora and collocations", §3.1 and §5.1). The window of
// an occurrence of u is the `window` positions after it (or, with a node, on either side); the
// windows of all of u's occurrences in a document form one region, overlaps merged, so a token
// is counted once however many windows hold it. For a pair (u, v) the 2×2 table is
//   O11 = tokens of v inside u's region, R1 = tokens in u's region, C1 = f(v), N = tokens,
//   O12 = R1 − O11, O21 = C1 − O11, O22 = N − R1 − C1 + O11, Eij = row total × column total / N,
// every cell ≥ 0 by construction (O11 ≤ f(v), O11 ≤ R1). With window 1 it is the bigram table,
// R1 = f(u) less the occurrences that end a document. Measures (Evert 2008, Table 2):
//   PMI = log2(O11 / E11)                       (Church & Hanks 1990)
//   G²  = 2 Σ Oij ln(Oij / Eij), 0·ln 0 = 0     (Dunning 1993)
//   t   = (O11 − E11) / √O11                    (Church et al. 1991)
//   Dice = 2·O11 / (R1 + C1)                    (Smadja et al. 1996; ≤ 1)
// Windows run over the tokens kept after filtering (`over: "kept"`, the default: 香港、澳门 are
// adjacent once the 、 is removed) or over every token before filtering (`over: "all"`: removed
// stopwords and punctuation still take up window positions, though only kept tokens are counted).
import type { Tokens } from "../text/tokenize";
import { toSimplified } from "../corpus/script";
import { countTerms } from "./counts";
import { compareText, descending } from "../shared/order";

export type CollocationMeasure = "pmi" | "logLikelihood" | "tScore" | "dice";

export interface CollocationRow {
  term1: string;
  term2: string;
  /** Co-occurrences within the window (O11): tokens of term2 inside term1's windows. */
  count: number;
  /** With a node: co-occurrences with the collocate before the node / after it. */
  left?: number;
  right?: number;
  frequency1: number;
  frequency2: number;
  /** Tokens inside term1's windows, overlaps counted once (R1). */
  span: number;
  /** Tokens in the corpus (N). */
  total: number;
  expected: number;
  pmi: number;
  logLikelihood: number;
  tScore: number;
  dice: number;
}

export interface CollocationOptions {
  /** Positions after term1 (with a node: to each side) counted as co-occurring. Default 5. */
  window?: number;
  /** Count window positions over the tokens kept after filtering (default) or over all tokens before filtering. */
  over?: "kept" | "all";
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

/** The four association measures from one 2×2 table (row/column totals and N); throws on a table with a negative cell. */
export function associationMeasures({ observed, rowTotal, columnTotal, total }: ContingencyCounts) {
  const o11 = observed;
  const o12 = rowTotal - o11;
  const o21 = columnTotal - o11;
  const o22 = total - rowTotal - columnTotal + o11;
  if (o11 < 0 || o12 < 0 || o21 < 0 || o22 < 0) throw new Error(`invalid contingency table: O11 ${o11}, O12 ${o12}, O21 ${o21}, O22 ${o22}`);
  const e11 = (rowTotal * columnTotal) / total;
  const e12 = (rowTotal * (total - columnTotal)) / total;
  const e21 = ((total - rowTotal) * columnTotal) / total;
  const e22 = ((total - rowTotal) * (total - columnTotal)) / total;
  return {
    expected: e11,
    pmi: Math.log2(o11 / e11),
    logLikelihood: 2 * (logTerm(o11, e11) + logTerm(o12, e12) + logTerm(o21, e21) + logTerm(o22, e22)),
    tScore: (o11 - e11) / Math.sqrt(o11),
    dice: (2 * o11) / (rowTotal + columnTotal),
  };
}

export function collocations(tokens: Tokens, options: CollocationOptions = {}): CollocationRow[] {
  const window = options.window ?? 5;
  if (!Number.isInteger(window) || window < 1) throw new Error(`window must be a whole number ≥ 1, got ${window}`);
  const over = options.over ?? "kept";
  if (over !== "kept" && over !== "all") throw new Error(`over must be "kept" or "all", got "${over}"`);
  const { counts: frequencies, tokens: total } = countTerms(tokens.documents, tokens.vocabulary.length);
  const nodeId = options.node === undefined ? undefined : tokens.termIndex.get(toSimplified(options.node));
  if (options.node !== undefined && nodeId === undefined) return [];
  const size = tokens.vocabulary.length;
  const pairs = new Map<number, { count: number; left: number; right: number }>();
  const addPair = (first: number, second: number, side: "left" | "right" | undefined) => {
    const key = first * size + second;
    let entry = pairs.get(key);
    if (!entry) pairs.set(key, (entry = { count: 0, left: 0, right: 0 }));
    entry.count++;
    if (side) entry[side]++;
  };
  // R1 of each term: how many token positions its region holds.
  const span = new Float64Array(size);
  // Which terms already claimed the current position (a term's region counts a token once).
  const claimedAt = new Int32Array(size).fill(-1);
  let stamp = 0;
  for (const document of tokens.documents) {
    const { termIds } = document;
    const place = (index: number) => (over === "all" ? document.positions[index] : index);
    for (let index = 0; index < termIds.length; index++, stamp++) {
      const here = place(index);
      const term = termIds[index];
      if (nodeId === undefined) {
        // Every term with an occurrence at most `window` positions before this token.
        for (let previous = index - 1; previous >= 0 && here - place(previous) <= window; previous--) {
          const first = termIds[previous];
          if (claimedAt[first] === stamp) continue;
          claimedAt[first] = stamp;
          span[first]++;
          addPair(first, term, undefined);
        }
        continue;
      }
      // Node mode: is this token within `window` of a node occurrence other than itself?
      let after = false;
      for (let previous = index - 1; previous >= 0 && here - place(previous) <= window; previous--) {
        if (termIds[previous] === nodeId) {
          after = true;
          break;
        }
      }
      let before = false;
      if (!after) {
        for (let next = index + 1; next < termIds.length && place(next) - here <= window; next++) {
          if (termIds[next] === nodeId) {
            before = true;
            break;
          }
        }
      }
      if (!after && !before) continue;
      span[nodeId]++;
      if (term !== nodeId) addPair(nodeId, term, after ? "right" : "left");
    }
  }
  const rows: CollocationRow[] = [];
  for (const [key, entry] of pairs) {
    if (entry.count < (options.minCount ?? 2)) continue;
    const first = Math.floor(key / size);
    const second = key % size;
    const measures = associationMeasures({ observed: entry.count, rowTotal: span[first], columnTotal: frequencies[second], total });
    rows.push({
      term1: tokens.vocabulary[first],
      term2: tokens.vocabulary[second],
      count: entry.count,
      ...(nodeId !== undefined ? { left: entry.left, right: entry.right } : {}),
      frequency1: frequencies[first],
      frequency2: frequencies[second],
      span: span[first],
      total,
      ...measures,
    });
  }
  const sortBy = options.sortBy ?? "logLikelihood";
  rows.sort((left, right) => descending(left[sortBy], right[sortBy]) || compareText(left.term1, right.term1) || compareText(left.term2, right.term2));
  return options.top === undefined ? rows : rows.slice(0, options.top);
}
