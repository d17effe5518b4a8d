// TF-IDF. IDF is fitted to the corpus at hand with scikit-learn's smoothing,
// idf(t) = ln((1 + N) / (1 + df(t))) + 1 (as if one extra document contained every term; no
// zero division, and a term in every document keeps weight 1), or taken from jieba's bundled
// table (unknown terms get its median IDF, as jieba.analyse does). tf = count / document tokens.
// nodejieba's idf.utf8 lacks the 11,306 single-character entries of Python jieba's table (新, 上),
// which would then all get the median (11.95 for 新 instead of 3.91): wenxi adds them back from
// data/idf-single-characters.txt, so `idf: "jieba"` is Python jieba 0.42.1's table, entry for entry.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { normalizeTerm } from "../corpus/script";
import { jiebaIdfPath } from "../text/segmenter";
import type { Tokens } from "../text/tokenize";
import { countTerms } from "./counts";
import { compareText, descending } from "../shared/order";

export interface IdfTable {
  idf: Map<string, number>;
  /** IDF for terms the table does not hold. */
  defaultIdf: number;
  /** Where it came from: `corpus (N documents, smooth)`, `jieba`, or a file. */
  description: string;
}

export function fitIdf(tokens: Tokens): IdfTable {
  const documentCount = tokens.documents.length;
  const { documentFrequency } = countTerms(tokens.documents, tokens.vocabulary.length);
  const idf = new Map<string, number>();
  tokens.vocabulary.forEach((term, id) => idf.set(term, Math.log((1 + documentCount) / (1 + documentFrequency[id])) + 1));
  return {
    idf,
    defaultIdf: Math.log(1 + documentCount) + 1,
    description: `corpus (${documentCount} documents, idf = ln((1+N)/(1+df)) + 1)`,
  };
}

/** The median as jieba.analyse takes it: the value at index ⌊n/2⌋ of the sorted values (the upper middle for even n). */
function jiebaMedian(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted.length === 0 ? 0 : sorted[sorted.length >> 1];
}

/** The single-character entries of Python jieba's table that nodejieba's lacks. */
export const jiebaSingleCharacterIdfPath = path.resolve(__dirname, "../../data/idf-single-characters.txt");

/** Reads an IDF table: `term idf` per line (jieba's format); `# default-idf: X` sets the value for unknown terms, else the median (as jieba). */
export function loadIdf(file: string): IdfTable {
  const { idf, defaultIdf } = readIdfEntries(file);
  return { idf, defaultIdf: defaultIdf ?? jiebaMedian([...idf.values()]), description: file };
}

function readIdfEntries(file: string, idf = new Map<string, number>()): { idf: Map<string, number>; defaultIdf?: number } {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read IDF table "${file}": ${(error as Error).message}`);
  }
  let defaultIdf: number | undefined;
  content.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === "") return;
    const declared = /^#\s*default-idf:\s*(\S+)/.exec(text);
    if (declared) {
      defaultIdf = Number(declared[1]);
      return;
    }
    if (text.startsWith("#")) return;
    const parts = text.split(/\s+/);
    const value = Number(parts[1]);
    if (parts.length !== 2 || !Number.isFinite(value)) throw new Error(`${file}:${index + 1}: expected "term idf", got "${text}"`);
    idf.set(parts[0], value);
  });
  return { idf, defaultIdf };
}

let jiebaTable: IdfTable | undefined;

/** Python jieba 0.42.1's IDF table (270,132 terms: nodejieba's plus the single characters it lacks), read once. */
export function jiebaIdf(): IdfTable {
  if (jiebaTable) return jiebaTable;
  const { idf } = readIdfEntries(jiebaIdfPath);
  readIdfEntries(jiebaSingleCharacterIdfPath, idf);
  jiebaTable = { idf, defaultIdf: jiebaMedian([...idf.values()]), description: "jieba" };
  return jiebaTable;
}

/** Writes an IDF table so it can be reused on new documents with loadIdf. Terms sorted, values to 12 digits. */
export function saveIdf(table: IdfTable, file: string): void {
  const lines = [`# wenxi IDF table: ${table.description}`, `# default-idf: ${table.defaultIdf}`];
  for (const term of [...table.idf.keys()].sort(compareText)) lines.push(`${term} ${Number(table.idf.get(term)!.toPrecision(12))}`);
  writeFileSync(file, `${lines.join("\n")}\n`);
}

export interface TfidfRow {
  document: string;
  rank: number;
  term: string;
  count: number;
  /** count / tokens of the document. */
  tf: number;
  idf: number;
  tfidf: number;
}

export interface TfidfOptions {
  /** `corpus` (fitted here, default), `jieba`, or a table from fitIdf/loadIdf. */
  idf?: "corpus" | "jieba" | IdfTable;
  /** Terms per document. Default 10. */
  top?: number;
  /** Exactly these terms in every document (tfidf 0 where absent), instead of each document's top. */
  terms?: string[];
}

export function resolveIdf(tokens: Tokens, idf: TfidfOptions["idf"] = "corpus"): IdfTable {
  if (idf === "corpus") return fitIdf(tokens);
  if (idf === "jieba") return jiebaIdf();
  return idf;
}

/** Top terms of each document by TF-IDF. */
export function tfidf(tokens: Tokens, options: TfidfOptions = {}): TfidfRow[] {
  const table = resolveIdf(tokens, options.idf);
  const top = options.top ?? 10;
  const wanted = options.terms ? [...new Set(options.terms.map(normalizeTerm))] : undefined;
  const rows: TfidfRow[] = [];
  const counts = new Int32Array(tokens.vocabulary.length);
  for (const document of tokens.documents) {
    const seen: number[] = [];
    for (const id of document.termIds) if (counts[id]++ === 0) seen.push(id);
    const total = document.termIds.length;
    const rowOf = (term: string, count: number) => {
      const idf = table.idf.get(term) ?? table.defaultIdf;
      const tf = total === 0 ? 0 : count / total;
      return { document: document.id, rank: 0, term, count, tf, idf, tfidf: tf * idf };
    };
    const documentRows = wanted
      ? wanted.map((term) => {
          const id = tokens.termIndex.get(term);
          return rowOf(term, id === undefined ? 0 : counts[id]);
        })
      : seen.map((id) => rowOf(tokens.vocabulary[id], counts[id]));
    for (const id of seen) counts[id] = 0;
    documentRows.sort((left, right) => descending(left.tfidf, right.tfidf) || compareText(left.term, right.term));
    (wanted ? documentRows : documentRows.slice(0, top)).forEach((row, index) => rows.push({ ...row, rank: index + 1 }));
  }
  return rows;
}
