// Terms a user names, counted as they occur in the text, whatever jieba made of them: a term is
// matched against the cleaned text (as quanteda's phrase() matches a pattern over tokens, here over
// characters), occurrences left to right without overlap (Python's str.count). Each occurrence is
// classed by the kept tokens over it: one token (`asToken`), inside a longer token (`insideToken`:
// 市场经济 inside 社会主义市场经济), or across two or more tokens (`acrossTokens`: jieba cut
// 社会主义市场经济体制 as 社会主义 / 市场 / 经济体制), and the rest (`other`: over a token the
// filters removed, a stopword or a number). A count by token can so be set beside the text's.
import { normalizeTerm } from "../corpus/script";
import type { Corpus } from "../corpus/types";
import type { Tokens } from "../text/tokenize";
import { compareText } from "../shared/order";
import { checkGroupField } from "./select";
import { lastStartAtOrBefore } from "./kwic";

export interface PhraseCountRow {
  term: string;
  /** The group (a metadata value, or the document id with `by: "document"`), when counted by group. */
  group?: string;
  /** Occurrences in the cleaned text. */
  count: number;
  /** Of them: a token of its own. */
  asToken: number;
  /** Inside a longer token. */
  insideToken: number;
  /** Over two or more tokens: segmentation split it. */
  acrossTokens: number;
  /** Over a token the filters removed (stopwords, numbers) or none. */
  other: number;
  /** Documents holding it at least once. */
  documentFrequency: number;
  /** Occurrences per 10,000 kept tokens of the documents counted. */
  per10k: number;
}

/** Starts of the occurrences of `term` in `text`, left to right, without overlap. */
export function occurrences(text: string, term: string): number[] {
  const found: number[] = [];
  if (term === "") return found;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) found.push(at);
  return found;
}

type Kind = "asToken" | "insideToken" | "acrossTokens" | "other";

/** How the kept tokens lie over [start, end). */
function classify(tokens: Tokens, document: Tokens["documents"][number], start: number, end: number): Kind {
  const { starts, termIds } = document;
  const at = lastStartAtOrBefore(starts, start);
  if (at >= 0) {
    const tokenEnd = starts[at] + tokens.vocabulary[termIds[at]].length;
    if (starts[at] === start && tokenEnd === end) return "asToken";
    if (tokenEnd >= end) return "insideToken";
  }
  // Kept tokens that start inside the occurrence, or one that started before and runs into it.
  let covering = 0;
  if (at >= 0 && starts[at] + tokens.vocabulary[termIds[at]].length > start) covering++;
  for (let index = at + 1; index < starts.length && starts[index] < end; index++) covering++;
  return covering >= 2 ? "acrossTokens" : "other";
}

/**
 * Each term's occurrences in the text of the tokenized documents, classed by the tokens over them;
 * by group with `by` (a metadata field, or "document"). Terms in the order given.
 */
export function phraseCounts(corpus: Corpus, tokens: Tokens, terms: string[], options: { by?: string } = {}): PhraseCountRow[] {
  const by = options.by;
  if (by !== undefined && by !== "document") checkGroupField(tokens, by);
  const texts = new Map(corpus.documents.map((document) => [document.id, document.text]));
  const wanted = [...new Set(terms.map(normalizeTerm).filter((term) => term !== ""))];
  const groupOf = (document: Tokens["documents"][number]) => (by === undefined ? "" : by === "document" ? document.id : document.meta[by] ?? "");
  const groups = new Map<string, Array<Tokens["documents"][number]>>();
  for (const document of tokens.documents) {
    const group = groupOf(document);
    if (by !== undefined && group === "") continue;
    const members = groups.get(group);
    if (members) members.push(document);
    else groups.set(group, [document]);
  }
  const rows: PhraseCountRow[] = [];
  for (const group of [...groups.keys()].sort(compareText)) {
    const members = groups.get(group)!;
    const tokenTotal = members.reduce((sum, document) => sum + document.termIds.length, 0);
    for (const term of wanted) {
      const row: PhraseCountRow = { term, ...(by !== undefined ? { group } : {}), count: 0, asToken: 0, insideToken: 0, acrossTokens: 0, other: 0, documentFrequency: 0, per10k: 0 };
      for (const document of members) {
        const text = texts.get(document.id);
        if (text === undefined) throw new Error(`document "${document.id}" of the tokens is not in the corpus given`);
        const found = occurrences(text, term);
        if (found.length > 0) row.documentFrequency++;
        for (const start of found) {
          row.count++;
          row[classify(tokens, document, start, start + term.length)]++;
        }
      }
      row.per10k = tokenTotal === 0 ? 0 : (row.count / tokenTotal) * 10_000;
      rows.push(row);
    }
  }
  return rows;
}

/** A sentence on the occurrences segmentation split, or undefined when it split none. */
export function splitNote(rows: PhraseCountRow[]): string | undefined {
  const split = rows.filter((row) => row.group === undefined && row.acrossTokens > 0);
  if (split.length === 0) return undefined;
  return `Counted in the text: ${split.map((row) => `${row.acrossTokens} of the ${row.count} occurrences of ${row.term} span two or more of jieba's tokens (a count of tokens would give ${row.asToken})`).join("; ")}.`;
}
