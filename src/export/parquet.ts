// Corpus and tokens → Parquet, for the engines users move to past one machine (DuckDB, Spark,
// Polars), which cannot segment Chinese themselves: wenxi segments once and hands over
//   documents  id, title, path, date, year, source, author, meta (every metadata field, JSON)
//   doc_terms  document, term, count          (one row per term of each document)
//   tokens     document, position, term, start (code points), start_utf16 (optional: every token, in order)
// plus manifest.json: how the counts were made (wenxi and nodejieba versions, dictionary and
// stopword hashes, cleaning and token settings, the shard), so a count can be traced. Written with
// hyparquet-writer (pure JavaScript, no native or WebAssembly part; see the README for why).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { checkReplaceable, FolderBuild, folderState, recoverInterrupted, writeMarker, type FolderKind } from "../shared/owned-folder";
import * as path from "node:path";
import type { CleaningOptions } from "../corpus/clean";
import { codePointOffsets } from "../shared/code-points";
import { checkShard } from "../corpus/load";
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
  /** This export's share: its files go into `shard-002-of-008/` inside the folder. */
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

/** The marker of an export folder (shared/owned-folder.ts): what wenxi wrote there, and whether it holds a whole export or shards. */
export const exportFolderKind: FolderKind = { marker: ".wenxi-export", what: "Parquet export" };

export class ExportFolderError extends Error {
  override name = "ExportFolderError";
}

/** The folder of shard K of N inside an export folder: `shard-003-of-008` (1-based). */
export function shardFolderName(shard: { index: number; count: number }): string {
  const width = Math.max(3, String(shard.count).length);
  return `shard-${String(shard.index).padStart(width, "0")}-of-${String(shard.count).padStart(width, "0")}`;
}

function refuse(message: string): never {
  throw new ExportFolderError(message);
}

/**
 * Where this export's files go, checked: a whole export replaces `folder` (absent, empty, or a
 * whole export wenxi wrote); shard K of N replaces `folder/shard-K-of-N`, in a folder that holds
 * nothing but shards of the same N. So a whole export and shards never share a folder, and no
 * glob can sum them together.
 */
function exportTarget(folder: string, shard?: { index: number; count: number }): string {
  const state = folderState(folder, exportFolderKind);
  if (state.kind === "foreign") refuse(`--parquet "${folder}" cannot be written: ${state.reason}. wenxi writes only into an empty folder or one holding an export it wrote`);
  const layout = state.kind === "owned" ? state.content.layout : undefined;
  if (!shard) {
    if (layout === "shards") refuse(`--parquet "${folder}" holds shards of ${String(state.kind === "owned" ? state.content.count : "?")} (shard-*-of-*): a whole export beside them would be counted twice by any query over the folder; choose another folder`);
    return folder;
  }
  if (layout === "whole") refuse(`--parquet "${folder}" holds a whole export: shards beside it would be counted twice by any query over the folder; choose another folder`);
  if (layout === "shards" && state.kind === "owned" && state.content.count !== shard.count) refuse(`--parquet "${folder}" holds shards of ${String(state.content.count)}, not of ${shard.count}: shards of two splits would count files twice; choose another folder`);
  if (state.kind !== "owned") {
    // The folder of shards lists every shard's folder up front (the same bytes from every process
    // that writes one of them, so shards can be written at once from many processes).
    mkdirSync(folder, { recursive: true });
    const names = Array.from({ length: shard.count }, (_, index) => shardFolderName({ index: index + 1, count: shard.count }));
    writeMarker(folder, exportFolderKind, { layout: "shards", count: shard.count }, names);
  }
  return path.join(folder, shardFolderName(shard));
}

/**
 * Writes the tables (and manifest.json) into a new folder beside the target and swaps it in
 * (shared/owned-folder.ts): interrupted, out of disk space or failing, the last complete export
 * stays as it was and no mix of old and new files is ever visible. Never follows a link, never
 * writes into a folder of someone else's files.
 */
export async function exportParquet(corpus: Corpus, tokens: Tokens, folder: string, options: ExportOptions = {}): Promise<ExportResult> {
  const writer = parquetWriter();
  const shard = options.shard && checkShard(options.shard);
  recoverInterrupted(folder, exportFolderKind);
  const target = exportTarget(folder, shard);
  if (shard) recoverInterrupted(target, exportFolderKind);
  checkReplaceable(target, exportFolderKind, "--parquet");
  const build = new FolderBuild(target, exportFolderKind);
  try {
    build.describe(shard ? { layout: "shard", shard } : { layout: "whole" });
    const result = writeTables(corpus, tokens, build, writer, options);
    build.commit("--parquet");
    const inTarget = (file: string) => path.join(target, path.basename(file));
    return { files: result.files.map(inTarget), rows: result.rows, manifest: inTarget(result.manifest) };
  } catch (error) {
    build.abandon();
    throw error;
  }
}

function writeTables(corpus: Corpus, tokens: Tokens, build: FolderBuild, writer: ParquetWriter, options: ExportOptions): ExportResult {
  const createdBy = `wenxi ${packageVersion("wenxi")}`;
  const write = (table: string, columns: Column[]) => build.write(`${table}.parquet`, Buffer.from(writer.parquetWriteBuffer({ columnData: columns, createdBy })));
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
    const startsUtf16: number[] = [];
    for (const document of tokens.documents) {
      // Offsets in code points, as DuckDB, Spark and Python index strings.
      const inCodePoints = codePointOffsets(byId.get(document.id)?.text ?? "", document.starts);
      for (let index = 0; index < document.termIds.length; index++) {
        tokenDocuments.push(document.id);
        positions.push(index);
        terms.push(tokens.vocabulary[document.termIds[index]]);
        starts.push(inCodePoints[index]);
        startsUtf16.push(document.starts[index]);
      }
    }
    tokenRows = positions.length;
    files.push(
      write("tokens", [
        { name: "document", type: "STRING", data: tokenDocuments },
        { name: "position", type: "INT32", data: positions },
        { name: "term", type: "STRING", data: terms },
        { name: "start", type: "INT32", data: starts },
        { name: "start_utf16", type: "INT32", data: startsUtf16 },
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
  const manifestFile = build.write("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, rows, manifest: manifestFile };
}
