// Corpus and tokens → Parquet, for the engines users move to past one machine (DuckDB, Spark,
// Polars), which cannot segment Chinese themselves: wenxi segments once and hands over
//   documents  id, title, path, date, year, source, author, meta (every metadata field, JSON)
//   doc_terms  document, term, count          (one row per term of each document)
//   tokens     document, position, term, start (optional: every token, in order)
// plus manifest.json: how the counts were made (wenxi and nodejieba versions, dictionary and
// stopword hashes, cleaning and token settings, the shard), so a count can be traced. Written with
// hyparquet-writer (pure JavaScript, no native or WebAssembly part; see the README for why).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { CleaningOptions } from "../corpus/clean";
import type { Corpus } from "../corpus/types";
import { insertedWords, userDictionaries } from "../text/segmenter";
import type { Tokens } from "../text/tokenize";

type ColumnType = "STRING" | "INT32";
interface Column {
  name: string;
  data: Array<string | number | null>;
  type: ColumnType;
}
type ParquetWriter = { parquetWriteBuffer: (options: { columnData: Column[]; codec?: string; createdBy?: string }) => ArrayBuffer };

/** hyparquet-writer, an ES module without top-level await: Node ≥ 20.19 require()s it, on first use. */
function parquetWriter(): ParquetWriter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("hyparquet-writer") as ParquetWriter;
}

export interface ExportOptions {
  /** Also write every token (document, position, term, start). Default false. */
  tokens?: boolean;
  /** This export's share, for naming its files (`doc_terms-002-of-008.parquet`). */
  shard?: { index: number; count: number };
  /** The cleaning options the corpus was loaded with, recorded in the manifest. */
  cleaning?: CleaningOptions;
}

export interface ExportResult {
  files: string[];
  rows: { documents: number; docTerms: number; tokens: number };
  manifest: string;
}

function sha256OfFile(file: string): string {
  return existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : "missing";
}

/** A package's version, from its package.json (found upwards from its entry point when its exports hide the file). */
function packageVersion(name: string): string {
  try {
    let folder = path.dirname(require.resolve(name));
    for (let depth = 0; depth < 5; depth++, folder = path.dirname(folder)) {
      const file = path.join(folder, "package.json");
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
  } catch {
    // not installed
  }
  return "unknown";
}

/** The file name of a table in this export: `doc_terms.parquet`, or `doc_terms-002-of-008.parquet` for a shard (1-based). */
export function shardFileName(table: string, shard?: { index: number; count: number }): string {
  if (!shard) return `${table}.parquet`;
  const width = String(shard.count).length;
  return `${table}-${String(shard.index).padStart(Math.max(3, width), "0")}-of-${String(shard.count).padStart(Math.max(3, width), "0")}.parquet`;
}

export async function exportParquet(corpus: Corpus, tokens: Tokens, folder: string, options: ExportOptions = {}): Promise<ExportResult> {
  const writer = parquetWriter();
  mkdirSync(folder, { recursive: true });
  const createdBy = `wenxi ${packageVersion("wenxi")}`;
  const write = (table: string, columns: Column[]) => {
    const file = path.join(folder, shardFileName(table, options.shard));
    writeFileSync(file, Buffer.from(writer.parquetWriteBuffer({ columnData: columns, createdBy })));
    return file;
  };
  const byId = new Map(corpus.documents.map((document) => [document.id, document]));

  const documents = tokens.documents.map((tokenized) => byId.get(tokenized.id));
  const present = documents.filter((document): document is NonNullable<typeof document> => document !== undefined);
  const files = [
    write("documents", [
      { name: "id", type: "STRING", data: present.map((document) => document.id) },
      { name: "title", type: "STRING", data: present.map((document) => document.title) },
      { name: "path", type: "STRING", data: present.map((document) => document.path) },
      { name: "date", type: "STRING", data: present.map((document) => document.meta.date ?? null) },
      { name: "year", type: "INT32", data: present.map((document) => (document.meta.year && /^\d{4}$/.test(document.meta.year) ? Number(document.meta.year) : null)) },
      { name: "source", type: "STRING", data: present.map((document) => document.meta.source ?? null) },
      { name: "author", type: "STRING", data: present.map((document) => document.meta.author ?? null) },
      { name: "meta", type: "STRING", data: present.map((document) => JSON.stringify(Object.fromEntries(Object.entries(document.meta).sort(([left], [right]) => (left < right ? -1 : 1))))) },
    ]),
  ];

  // doc_terms: each document's terms in order of first occurrence, with their counts.
  const termDocuments: string[] = [];
  const termNames: string[] = [];
  const termCounts: number[] = [];
  const counts = new Int32Array(tokens.vocabulary.length);
  for (const document of tokens.documents) {
    const seen: number[] = [];
    for (const id of document.termIds) if (counts[id]++ === 0) seen.push(id);
    for (const id of seen) {
      termDocuments.push(document.id);
      termNames.push(tokens.vocabulary[id]);
      termCounts.push(counts[id]);
      counts[id] = 0;
    }
  }
  files.push(
    write("doc_terms", [
      { name: "document", type: "STRING", data: termDocuments },
      { name: "term", type: "STRING", data: termNames },
      { name: "count", type: "INT32", data: termCounts },
    ]),
  );

  let tokenRows = 0;
  if (options.tokens) {
    const tokenDocuments: string[] = [];
    const positions: number[] = [];
    const terms: string[] = [];
    const starts: number[] = [];
    for (const document of tokens.documents) {
      for (let index = 0; index < document.termIds.length; index++) {
        tokenDocuments.push(document.id);
        positions.push(index);
        terms.push(tokens.vocabulary[document.termIds[index]]);
        starts.push(document.starts[index]);
      }
    }
    tokenRows = positions.length;
    files.push(
      write("tokens", [
        { name: "document", type: "STRING", data: tokenDocuments },
        { name: "position", type: "INT32", data: positions },
        { name: "term", type: "STRING", data: terms },
        { name: "start", type: "INT32", data: starts },
      ]),
    );
  }

  const rows = { documents: present.length, docTerms: termNames.length, tokens: tokenRows };
  const manifest = {
    wenxi: packageVersion("wenxi"),
    nodejieba: packageVersion("nodejieba"),
    writer: `hyparquet-writer ${packageVersion("hyparquet-writer")}`,
    corpus: corpus.source,
    shard: options.shard ?? null,
    files: files.map((file) => path.basename(file)),
    rows,
    dictionaries: userDictionaries().map((file) => ({ file: path.basename(file), sha256: sha256OfFile(file) })),
    insertedWords: { count: insertedWords().length, sha256: createHash("sha256").update([...insertedWords()].sort().join("\n")).digest("hex") },
    stopwords: { count: tokens.settings.stopwordCount, sha256: tokens.settings.stopwordHash ?? null },
    tokenSettings: tokens.settings,
    cleaning: options.cleaning ?? {},
  };
  const manifestFile = path.join(folder, options.shard ? shardFileName("manifest", options.shard).replace(/\.parquet$/, ".json") : "manifest.json");
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, rows, manifest: manifestFile };
}
