// TF-IDF. IDF is fitted to the corpus at hand with scikit-learn's smoothing,
// idf(t) = ln((1 + N) / (1 + df(t))) + 1 (as if one extra document contained every term; no
// zero division, and a term in every document keeps weight 1), or taken from jieba's bundled
// table (unknown terms get its median IDF, as jieba.analyse does). tf = count / document tokens.
import { readFileSync, writeFileSync } from "node:fs";
import { jiebaIdfPath } from "../text/segmenter";
import type { Tokens } from "../text/tokenize";
import { countTerms } from "./counts";
import { compareText, descending } from "./order";

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

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) return 0;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Reads an IDF table: `term idf` per line (jieba's format); `# default-idf: X` sets the value for unknown terms, else the median. */
export function loadIdf(file: string): IdfTable {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read IDF table "${file}": ${(error as Error).message}`);
  }
  const idf = new Map<string, number>();
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
  return { idf, defaultIdf: defaultIdf ?? median([...idf.values()]), description: file };
}

let jiebaTable: IdfTable | undefined;

/** jieba's bundled IDF table (about 259,000 terms), read once. */
export function jiebaIdf(): IdfTable {
  jiebaTable ??= { ...loadIdf(jiebaIdfPath), description: "jieba" };
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
  const rows: TfidfRow[] = [];
  const counts = new Int32Array(tokens.vocabulary.length);
  for (const document of tokens.documents) {
    const seen: number[] = [];
    for (const id of document.termIds) if (counts[id]++ === 0) seen.push(id);
    const total = document.termIds.length;
    const documentRows = seen.map((id) => {
      const term = tokens.vocabulary[id];
      const idf = table.idf.get(term) ?? table.defaultIdf;
      const tf = counts[id] / total;
      return { document: document.id, rank: 0, term, count: counts[id], tf, idf, tfidf: tf * idf };
    });
    for (const id of seen) counts[id] = 0;
    documentRows.sort((left, right) => descending(left.tfidf, right.tfidf) || compareText(left.term, right.term));
    documentRows.slice(0, top).forEach((row, index) => rows.push({ ...row, rank: index + 1 }));
  }
  return rows;
}
