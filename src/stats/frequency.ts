// Term frequencies: count, relative frequency per 10,000 tokens, document frequency and range,
// overall or per document / metadata group.
import { normalizeTerm } from "../corpus/script";
import type { Tokens } from "../text/tokenize";
import { countTerms } from "./counts";
import { compareText, descending } from "../shared/order";
import { checkGroupField, groupOf } from "./select";

export interface TermFrequencyRow {
  /** The group (document id or metadata value) when counted `by` one. */
  group?: string;
  term: string;
  count: number;
  /** count / tokens × 10,000 (tokens of the group when grouped). */
  per10k: number;
  /** Documents (of the group) that contain the term. */
  documentFrequency: number;
  /** documentFrequency / documents (of the group): the share of documents the term occurs in. */
  range: number;
}

export interface TermFrequencyOptions {
  /** `document`, or a metadata field such as `source` or `date`. Default: the whole corpus. */
  by?: string;
  /** Rows per group (or overall), most frequent first. Default all. */
  top?: number;
  /** Leave out terms counted fewer times. Default 1. */
  minCount?: number;
  /**
   * Exactly these terms, in each group, with a row of count 0 where a term does not occur (for a
   * heatmap, whose blank cell would otherwise read as zero). Terms are looked up as written,
   * converted to Simplified when Traditional.
   */
  terms?: string[];
}

export function termFrequency(tokens: Tokens, options: TermFrequencyOptions = {}): TermFrequencyRow[] {
  if (options.by !== undefined) checkGroupField(tokens, options.by);
  const wanted = options.terms ? [...new Set(options.terms.map(normalizeTerm))] : undefined;
  const groups = new Map<string, typeof tokens.documents>();
  for (const document of tokens.documents) {
    const key = options.by === undefined ? "" : groupOf(document, options.by);
    const members = groups.get(key) ?? [];
    members.push(document);
    groups.set(key, members);
  }
  const groupKeys = [...groups.keys()];
  if (options.by !== undefined && options.by !== "document") groupKeys.sort(compareText);
  const rows: TermFrequencyRow[] = [];
  const size = tokens.vocabulary.length;
  for (const key of groupKeys) {
    const members = groups.get(key)!;
    const { counts, documentFrequency, tokens: total } = countTerms(members, size);
    const groupRows: TermFrequencyRow[] = [];
    const row = (term: string, id: number | undefined): TermFrequencyRow => {
      const count = id === undefined ? 0 : counts[id];
      const documents = id === undefined ? 0 : documentFrequency[id];
      return {
        ...(options.by !== undefined ? { group: key } : {}),
        term,
        count,
        per10k: total === 0 ? 0 : (count / total) * 10_000,
        documentFrequency: documents,
        range: documents / members.length,
      };
    };
    if (wanted) {
      for (const term of wanted) groupRows.push(row(term, tokens.termIndex.get(term)));
    } else {
      for (let id = 0; id < size; id++) {
        if (counts[id] === 0 || counts[id] < (options.minCount ?? 1)) continue;
        groupRows.push(row(tokens.vocabulary[id], id));
      }
    }
    groupRows.sort((left, right) => descending(left.count, right.count) || compareText(left.term, right.term));
    // One at a time: push(...rows) with 128,000+ distinct terms overflows the argument stack.
    for (const row of options.top === undefined ? groupRows : groupRows.slice(0, options.top)) rows.push(row);
  }
  return rows;
}
