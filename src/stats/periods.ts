// Change over time: how often chosen terms occur in each period (a year, a decade, or any
// metadata field), with the periods that have no document kept as gaps rather than zeros, and
// which terms rise or fall: keyness (G², log ratio) of the later half of the periods against the
// earlier half, split at the median document date.
import type { Tokens } from "../text/tokenize";
import type { Corpus } from "../corpus/types";
import { occurrences } from "./phrases";
import { normalizeTerm } from "../corpus/script";
import { countTerms } from "./counts";
import { keyness, type KeynessRow } from "./keyness";
import { compareText } from "../shared/order";
import { checkGroupField } from "./select";

export interface PeriodRow {
  /** The period: a year (1954), a decade (1950s) or a field value. */
  period: string;
  term: string;
  /** null for a period with no document (a gap, not a zero). */
  count: number | null;
  per10k: number | null;
  /** Documents in the period. */
  documents: number;
}

export interface PeriodOptions {
  /** `year` (default), `decade`, or another metadata field. Documents without it are left out. */
  by?: string;
  /** For years: list every year from the first to the last, empty ones as gaps. Default true. */
  fillYears?: boolean;
}

/** The periods present, in order; for years (fillYears) every year between the first and last. */
export function periodsOf(tokens: Tokens, options: PeriodOptions = {}): string[] {
  const by = options.by ?? "year";
  const present = [...new Set(tokens.documents.map((document) => document.meta[by]).filter((value): value is string => Boolean(value)))].sort(compareText);
  if (by !== "year" || options.fillYears === false || present.length === 0 || !present.every((value) => /^\d{4}$/.test(value))) return present;
  const years: string[] = [];
  for (let year = Number(present[0]); year <= Number(present[present.length - 1]); year++) years.push(String(year));
  return years;
}

/**
 * Count and rate per 10,000 tokens of each term in each period. With `corpus`, the terms are counted
 * in the documents' text (phrases.ts: whatever the segmentation made of them), the rate still per
 * 10,000 kept tokens; without it, as tokens.
 */
export function frequencyByPeriod(tokens: Tokens, terms: string[], options: PeriodOptions & { corpus?: Corpus } = {}): PeriodRow[] {
  const by = options.by ?? "year";
  checkGroupField(tokens, by);
  const wanted = [...new Set(terms.map(normalizeTerm))];
  const texts = options.corpus ? new Map(options.corpus.documents.map((document) => [document.id, document.text])) : undefined;
  const rows: PeriodRow[] = [];
  for (const period of periodsOf(tokens, options)) {
    const members = tokens.documents.filter((document) => document.meta[by] === period);
    const { counts, tokens: total } = countTerms(members, tokens.vocabulary.length);
    for (const term of wanted) {
      const id = tokens.termIndex.get(term);
      const inText = () => members.reduce((sum, document) => sum + occurrences(texts!.get(document.id) ?? "", term).length, 0);
      const count = members.length === 0 ? null : texts ? inText() : id === undefined ? 0 : counts[id];
      rows.push({ period, term, count, per10k: count === null || total === 0 ? null : (count / total) * 10_000, documents: members.length });
    }
  }
  return rows;
}

export interface ChangingTerms {
  /** Periods up to and including this one are "earlier". */
  split: string;
  earlier: { periods: string[]; documents: number };
  later: { periods: string[]; documents: number };
  /** Key terms of the later periods (used more lately). */
  rising: KeynessRow[];
  /** Key terms of the earlier periods (used less lately). */
  falling: KeynessRow[];
}

/**
 * Rising and falling terms: keyness of the later documents against the earlier ones, the split
 * falling at the median of the documents' periods. Undefined with fewer than two periods.
 */
export function changingTerms(tokens: Tokens, options: PeriodOptions & { top?: number; minCount?: number } = {}): ChangingTerms | undefined {
  const by = options.by ?? "year";
  checkGroupField(tokens, by);
  const dated = tokens.documents.filter((document) => document.meta[by]).map((document) => document.meta[by]!).sort(compareText);
  const periods = [...new Set(dated)];
  if (periods.length < 2) return undefined;
  // The median document's period, but never the last period (the later half must not be empty).
  let split = dated[Math.floor((dated.length - 1) / 2)];
  if (split === periods[periods.length - 1]) split = periods[periods.length - 2];
  const isLater = (value: string | undefined) => value !== undefined && value !== "" && compareText(value, split) > 0;
  const isEarlier = (value: string | undefined) => value !== undefined && value !== "" && compareText(value, split) <= 0;
  const rows = keyness(tokens, {
    target: (document) => isLater(document.meta[by]),
    reference: (document) => isEarlier(document.meta[by]),
    minCount: options.minCount ?? 5,
  });
  const top = options.top ?? 5;
  const earlierPeriods = periods.filter((period) => isEarlier(period));
  const laterPeriods = periods.filter((period) => isLater(period));
  return {
    split,
    earlier: { periods: earlierPeriods, documents: dated.filter((value) => isEarlier(value)).length },
    later: { periods: laterPeriods, documents: dated.filter((value) => isLater(value)).length },
    rising: rows.filter((row) => row.direction === "positive").slice(0, top),
    falling: rows.filter((row) => row.direction === "negative").slice(0, top),
  };
}

/**
 * Terms that characterise the corpus's documents, for choosing what to look at in context: each
 * document's key terms against the rest (positive, p < 0.01, two characters or more), taken rank by
 * rank — every document's strongest first, strongest G² first among them, so no document is
 * favoured by its place in the corpus — then the most frequent terms. One document: most frequent.
 * Documents left without tokens are skipped. Cost: one keyness per document, O(documents ×
 * vocabulary), so past `maxDocuments` (200) the documents are an evenly spaced selection of them.
 */
export function distinctiveTerms(tokens: Tokens, count = 3, maxDocuments = 200): string[] {
  const chosen: string[] = [];
  // Single characters are passed over (的, 是 …), except when the tokens are characters (classical mode).
  const shortest = tokens.settings.unit === "character" ? 1 : 2;
  const { counts } = countTerms(tokens.documents, tokens.vocabulary.length);
  const withTokens = tokens.documents.filter((document) => document.termIds.length > 0);
  const considered = withTokens.length <= maxDocuments ? withTokens : Array.from({ length: maxDocuments }, (_, index) => withTokens[Math.floor((index * withTokens.length) / maxDocuments)]);
  if (withTokens.length >= 2) {
    const perDocument = considered.map((document) =>
      keyness(tokens, { target: [document.id], minCount: 3 }).filter((row) => row.direction === "positive" && row.logLikelihoodP < 0.01 && [...row.term].length >= shortest),
    );
    for (let rank = 0; chosen.length < count && perDocument.some((rows) => rank < rows.length); rank++) {
      const atRank = perDocument.map((rows) => rows[rank]).filter((row): row is NonNullable<typeof row> => row !== undefined);
      atRank.sort((left, right) => right.logLikelihood - left.logLikelihood || compareText(left.term, right.term));
      for (const row of atRank) {
        if (!chosen.includes(row.term)) chosen.push(row.term);
        if (chosen.length === count) break;
      }
    }
  }
  const byFrequency = [...tokens.vocabulary.keys()].filter((id) => [...tokens.vocabulary[id]].length >= shortest).sort((left, right) => counts[right] - counts[left] || compareText(tokens.vocabulary[left], tokens.vocabulary[right]));
  for (const id of byFrequency) {
    if (chosen.length >= count) break;
    if (!chosen.includes(tokens.vocabulary[id])) chosen.push(tokens.vocabulary[id]);
  }
  return chosen;
}
