// Keyness: terms used more (positive) or less (negative) in a target than in a reference.
// With a = count in target, b = in reference, c and d their token totals, N = c + d:
//   G² (Dunning 1993; as computed by Rayson & Garside 2000): E1 = c(a+b)/N, E2 = d(a+b)/N,
//       G² = 2 (a ln(a/E1) + b ln(b/E2)), 0·ln 0 = 0.
//   χ² (Pearson, 2×2, no continuity correction): N (a(d−b) − b(c−a))² / ((a+b)(N−a−b) c d).
//   p-values: upper tail of χ² with one degree of freedom.
//   Log ratio (Hardie 2014): log2((a/c) / (b/d)), the effect size. When a count is zero, the
//       same small amount k = 0.5 / N (half an occurrence in both corpora together) is added to
//       both relative frequencies: log2((a/c + k) / (b/d + k)). Adding it to both keeps the sign
//       of the comparison (Hardie's 0.5 for the zero count alone does not when c ≠ d: target 0,
//       reference 1 could come out positive) and keeps a term absent from one side more extreme
//       than one seen once there.
import type { Tokens } from "../text/tokenize";
import { chiSquarePValue } from "./distributions";
import { countTerms } from "./counts";
import { compareText, descending } from "../shared/order";
import { selectDocuments, type DocumentSelector } from "./select";

export interface KeynessRow {
  term: string;
  direction: "positive" | "negative";
  targetCount: number;
  referenceCount: number;
  targetPer10k: number;
  referencePer10k: number;
  logLikelihood: number;
  logLikelihoodP: number;
  chiSquare: number;
  chiSquareP: number;
  logRatio: number;
}

export interface KeynessOptions {
  /** Document ids, { field, value } on metadata, or a predicate. */
  target: DocumentSelector;
  /** Default: every document not in the target. */
  reference?: DocumentSelector;
  /** Rows per direction, by G². Default all. */
  top?: number;
  /** Leave out terms with fewer occurrences in target and reference together. Default 1. */
  minCount?: number;
  /** Leave out terms whose G² p-value is larger. Default 1 (keep all). */
  maxP?: number;
}

export interface KeynessCounts {
  targetCount: number;
  referenceCount: number;
  targetTotal: number;
  referenceTotal: number;
}

export function keynessStatistics({ targetCount: a, referenceCount: b, targetTotal: c, referenceTotal: d }: KeynessCounts) {
  const total = c + d;
  const expectedTarget = (c * (a + b)) / total;
  const expectedReference = (d * (a + b)) / total;
  const logLikelihood = 2 * ((a > 0 ? a * Math.log(a / expectedTarget) : 0) + (b > 0 ? b * Math.log(b / expectedReference) : 0));
  const chiSquareDenominator = (a + b) * (total - a - b) * c * d;
  const chiSquare = chiSquareDenominator === 0 ? 0 : (total * (a * (d - b) - b * (c - a)) ** 2) / chiSquareDenominator;
  const correction = a === 0 || b === 0 ? 0.5 / total : 0;
  const logRatio = Math.log2((a / c + correction) / (b / d + correction));
  return {
    logLikelihood,
    logLikelihoodP: chiSquarePValue(logLikelihood),
    chiSquare,
    chiSquareP: chiSquarePValue(chiSquare),
    logRatio,
    direction: (a / c >= b / d ? "positive" : "negative") as KeynessRow["direction"],
  };
}

export function keyness(tokens: Tokens, options: KeynessOptions): KeynessRow[] {
  const target = selectDocuments(tokens, options.target, "target");
  if (target.length === 0) throw new Error("keyness: the target selects no document");
  const targetIds = new Set(target.map((document) => document.id));
  const reference = options.reference
    ? selectDocuments(tokens, options.reference, "reference")
    : tokens.documents.filter((document) => !targetIds.has(document.id));
  if (reference.length === 0) throw new Error("keyness: the reference selects no document");
  const size = tokens.vocabulary.length;
  const targetCounts = countTerms(target, size);
  const referenceCounts = countTerms(reference, size);
  if (targetCounts.tokens === 0 || referenceCounts.tokens === 0) throw new Error("keyness: the target or the reference has no tokens");
  const positive: KeynessRow[] = [];
  const negative: KeynessRow[] = [];
  for (let id = 0; id < size; id++) {
    const a = targetCounts.counts[id];
    const b = referenceCounts.counts[id];
    if (a + b === 0 || a + b < (options.minCount ?? 1)) continue;
    const statistics = keynessStatistics({ targetCount: a, referenceCount: b, targetTotal: targetCounts.tokens, referenceTotal: referenceCounts.tokens });
    if (statistics.logLikelihoodP > (options.maxP ?? 1)) continue;
    const row: KeynessRow = {
      term: tokens.vocabulary[id],
      direction: statistics.direction,
      targetCount: a,
      referenceCount: b,
      targetPer10k: (a / targetCounts.tokens) * 10_000,
      referencePer10k: (b / referenceCounts.tokens) * 10_000,
      logLikelihood: statistics.logLikelihood,
      logLikelihoodP: statistics.logLikelihoodP,
      chiSquare: statistics.chiSquare,
      chiSquareP: statistics.chiSquareP,
      logRatio: statistics.logRatio,
    };
    (row.direction === "positive" ? positive : negative).push(row);
  }
  const order = (left: KeynessRow, right: KeynessRow) => descending(left.logLikelihood, right.logLikelihood) || compareText(left.term, right.term);
  positive.sort(order);
  negative.sort(order);
  const limit = (rows: KeynessRow[]) => (options.top === undefined ? rows : rows.slice(0, options.top));
  return [...limit(positive), ...limit(negative)];
}
