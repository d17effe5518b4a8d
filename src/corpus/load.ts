// loadCorpus: a folder, file, JSONL or CSV source → a Corpus of cleaned documents, sorted by id.
// One bad file never sinks the load: it becomes an entry in `corpus.errors` naming the file (and
// line) and the problem; `strict: true` turns any error into a thrown CorpusLoadError.
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, statSync } from "node:fs";
import { getHeapStatistics } from "node:v8";
import * as path from "node:path";
import { cleanText, type CleaningOptions } from "./clean";
import { cacheFolder, cacheKey, computeCachedAsync, markRunCorpus, stableText } from "../shared/cache";
import { findDateline, parseDateValue, yearAndDecade, type DateSource } from "./dates";
import { nameFieldsReader, type NameFieldsReader, type NameFieldsSpec } from "./name-fields";
import { parseCsv } from "./csv";
import { decodeBytes } from "./decode";
import { isJsonObject, jsonNestsDeeperThan, maxJsonDepth } from "../shared/json-depth";
import { compareText } from "../shared/order";
import { seededRandom } from "../shared/random";
import { usableCores } from "../shared/cores";
import { formatOfPath, globMatcher, listFolder, type ListedFile, type SourceFormat } from "./sources";
import { extractText, htmlText, isExtractedFormat, unsupportedFormats, type ExtractedFormat } from "./extract";
import type { Corpus, CorpusError, CorpusSample, Document, DocumentMeta } from "./types";
import { batchesBySize, runBatches } from "../shared/worker-pool";

export const defaultCorpusSource = "data/corpus";

export interface LoadOptions extends DocumentOptions {
  /** Glob for files in a folder, over '/'-separated relative paths. Default `**\/*.txt`. */
  pattern?: string;
  /** Instead of a pattern: file extensions to take from a folder, e.g. `[".txt", ".md"]`. */
  extensions?: string[];
  /** How to read a single file; by default from its extension (.jsonl/.ndjson, .csv/.tsv, else text). */
  format?: SourceFormat;
  /** Force an encoding for every file instead of detecting it. */
  encoding?: string;
  /** Throw a CorpusLoadError listing every error instead of returning them in `corpus.errors`. */
  strict?: boolean;
  /**
   * JSON/JSONL property or CSV column holding the text. Default `text`. A dotted path reaches into
   * nested objects (`content.body`); an array of strings (`paragraphs`) is joined by line breaks.
   */
  textField?: string;
  /** Property or column holding the document id. Default `id`; rows without one get `<file>-<line>` (`<file>-<record>` in a JSON array). */
  idField?: string;
  /** Property or column holding the title. Default `title`. */
  titleField?: string;
  /** Property or column holding the author (`meta.author`). Default `author`. */
  authorField?: string;
  /** Property or column holding the date (`meta.date`, read like any date). Default `date`. */
  dateField?: string;
  /**
   * In a `.json` file, the dotted path to the array of records. Default: the file's top-level
   * array; else the one property of the top-level object that holds an array of objects; else the
   * object itself as one record.
   */
  recordsField?: string;
  /** CSV delimiter. Default `,` (tab for .tsv). */
  delimiter?: string;
  /** Follow symbolic links out of the corpus folder (`"all"`); by default they are reported and skipped. */
  followLinks?: "inside" | "all";
  /** Files larger than this are reported (kind `too-large`) instead of read. Default 256 MiB. */
  maxFileBytes?: number;
  /**
   * Load only share `index` (1-based) of `count`: the files whose place in the sorted listing,
   * counted from 0, leaves remainder index − 1 when divided by count. Many processes or hosts
   * can each load and export a share of one folder.
   */
  shard?: { index: number; count: number };
  /**
   * For corpora larger than memory allows: when a folder's files add up to more than `megabytes`,
   * load a seeded random sample of whole files up to that size (the same files for the same seed
   * and folder), recorded in `corpus.sample` and stated by describeCorpus. A single file is read
   * whole. Counts over everything: streamTermCounts.
   */
  sample?: { megabytes: number; seed?: number };
  /**
   * Worker threads that read and clean files beside this thread, each taking whole files. Default:
   * cores − 1 when the files add up to 32 MiB or more, else 0 (starting a worker costs ~0.3 s).
   * The corpus is the same for any value. Custom debris rules (functions) keep the work here.
   */
  workers?: number;
}

/** Below this many bytes of files, loading stays on this thread by default. */
export const parallelLoadBytes = 32 * 1024 * 1024;

/**
 * Why the next file cannot be loaded without risking the heap limit, or undefined. Measured: a
 * loaded document keeps about 4 bytes of heap per byte of file (`original` and `text`), and
 * cleaning it briefly needs about 20 more on news text, up to about 36 on a file of many short
 * lines (objects per line; with 24, such files under a 52 MB heap aborted): 40n bytes for a file
 * of n bytes, kept under 70 % of the limit so that V8's collector still has room to work.
 */
export function memoryShortfall(size: number): string | undefined {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  if (used + 40 * size <= 0.7 * limit) return undefined;
  return `not loaded: cleaning this file (${megabytes(size)}) needs about ${megabytes(40 * size)} of memory, which with the ${megabytes(used)} in use would pass the limit (${megabytes(limit)}); split the file, load fewer files at a time, or raise Node's limit (node --max-old-space-size=MB)`;
}

/** The default limit on one file's size: its text, cleaned copies and offset map must fit in memory at once. */
export const defaultMaxFileBytes = 256 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export class CorpusLoadError extends Error {
  constructor(readonly errors: CorpusError[]) {
    super(`could not load ${errors.length} item(s):\n${errors.map(formatCorpusError).join("\n")}`);
    this.name = "CorpusLoadError";
  }
}

export function formatCorpusError(error: CorpusError): string {
  return `${error.path}${error.line !== undefined ? `:${error.line}` : ""}${error.record !== undefined ? ` (record ${error.record})` : ""}: ${error.reason}`;
}

/** What a document is made from before cleaning. */
export interface DocumentInput {
  id: string;
  /** The file name without extension, read by `nameFields` (default: the id). */
  name?: string;
  text: string;
  path?: string;
  title?: string;
  meta?: Record<string, string>;
  encoding?: string;
  /**
   * A row of a JSON, JSONL or CSV file: many documents share the file's name, which says nothing of
   * each one's date (poet.tang.2000.json holds poems, not the year 2000): no date from the name.
   */
  row?: boolean;
}

/** Cleans one text into a Document (pure: no file access). */
export interface DocumentOptions extends CleaningOptions {
  /** Metadata from file names: `{date}政府工作报告_{speaker}`, or { separator, fields }. */
  nameFields?: NameFieldsSpec;
}

interface DateCandidate {
  date: string;
  source: DateSource;
  /** What it was read from, for the log. */
  from: string;
  line?: number;
}

/**
 * A document's date: the first of metadata field, metadata line, file-name field, dateline, date in
 * the file name, date in the title; a later candidate of the same year, month or day but more
 * precise refines it (a name field's 1954 and a dateline's 1954-05-23 give 1954-05-23).
 */
function resolveDate(candidates: DateCandidate[]): DateCandidate | undefined {
  let chosen: DateCandidate | undefined;
  for (const candidate of candidates) {
    if (!chosen) chosen = candidate;
    else if (candidate.date.length > chosen.date.length && candidate.date.startsWith(chosen.date)) chosen = candidate;
  }
  return chosen;
}

export function createDocument(input: DocumentInput, options: DocumentOptions = {}, nameReader?: NameFieldsReader): Document {
  const cleaned = cleanText(input.text, options);
  const meta: DocumentMeta = { ...cleaned.metadata, encoding: input.encoding ?? "utf-8", script: cleaned.script };
  const log = cleaned.log;
  const candidates: DateCandidate[] = [];
  for (const [key, value] of Object.entries(input.meta ?? {})) {
    if (value === "" || key === "date") continue;
    meta[key] = value;
  }
  const fieldDate = input.meta?.date ? parseDateValue(input.meta.date) : undefined;
  if (input.meta?.date) {
    if (fieldDate) candidates.push({ date: fieldDate.date, source: "field", from: input.meta.date });
    else meta.date = input.meta.date; // kept as written when it is not a date wenxi can read
  }
  if (cleaned.metadata.date) candidates.push({ date: cleaned.metadata.date, source: "metadata", from: "metadata line" });
  const name = input.name ?? input.id;
  const reader = nameReader ?? (options.nameFields !== undefined ? nameFieldsReader(options.nameFields) : undefined);
  if (reader) {
    const fields = reader.read(name);
    if (!fields) log.push({ step: "metadata", rule: "name-fields-no-match", text: `"${name}" does not fit ${reader.description}` });
    for (const [field, value] of Object.entries(fields ?? {})) {
      if (value === "") continue;
      if (field === "date" || field === "year") {
        const parsed = parseDateValue(value);
        if (parsed) candidates.push({ date: parsed.date, source: "name-field", from: `${field} "${value}" of the file name` });
        if (field === "year") meta.year = parsed?.date.slice(0, 4) ?? value;
        if (field === "date" && !parsed) meta.date ??= value;
        continue;
      }
      meta[field] = value;
    }
  }
  if (options.metadata !== false) {
    const dateline = findDateline(cleaned.text);
    if (dateline) candidates.push({ date: dateline.date, source: "dateline", from: dateline.text, line: dateline.line });
    const fromName = input.row ? undefined : parseDateValue(name);
    if (fromName) candidates.push({ date: fromName.date, source: "file-name", from: name });
    const title = input.title?.trim() || cleaned.title;
    const fromTitle = title ? parseDateValue(title) : undefined;
    if (fromTitle) candidates.push({ date: fromTitle.date, source: "title", from: title });
  }
  const date = resolveDate(candidates);
  if (date) {
    meta.date = date.date;
    meta.dateSource = date.source;
    if (date.source !== "metadata" && date.source !== "field") log.push({ step: "metadata", rule: `date-from-${date.source}`, text: `${date.date} from ${date.from}` });
  }
  const period = meta.date ? yearAndDecade(meta.date) : meta.year ? yearAndDecade(meta.year) : undefined;
  if (period) {
    meta.year ??= period.year;
    meta.decade ??= period.decade;
  }
  return {
    id: input.id,
    path: input.path ?? input.id,
    title: input.title?.trim() || cleaned.title || input.id,
    text: cleaned.text,
    original: input.text,
    meta,
    log,
    flags: cleaned.flags,
    sourceMap: input.text.length <= 0xffff ? Uint16Array.from(cleaned.sourceMap) : cleaned.sourceMap,
  };
}

/** Builds a Corpus from texts already in memory. */
export function corpusFromTexts(inputs: DocumentInput[], options: DocumentOptions = {}, source = "memory"): Corpus {
  const reader = options.nameFields !== undefined ? nameFieldsReader(options.nameFields) : undefined;
  return { source, documents: finishDocuments(inputs.map((input) => createDocument(input, options, reader))), errors: [] };
}

function compareIds(left: Document, right: Document): number {
  return compareText(left.id, right.id) || compareText(left.path, right.path);
}

/** Sorts by id and makes ids unique: a repeated id gets ~2, ~3 … and a `duplicate-id` flag. */
function finishDocuments(documents: Document[]): Document[] {
  documents.sort(compareIds);
  const seen = new Map<string, number>();
  for (const document of documents) {
    const count = (seen.get(document.id) ?? 0) + 1;
    seen.set(document.id, count);
    if (count > 1) {
      const original = document.id;
      document.id = `${original}~${count}`;
      document.flags.push({ kind: "duplicate-id", message: `id "${original}" is used by another document; renamed to "${document.id}"` });
    }
  }
  return documents;
}

function stem(relativePath: string): string {
  const base = relativePath.slice(relativePath.lastIndexOf("/") + 1);
  const extension = path.extname(base);
  return extension === "" ? base : base.slice(0, -extension.length);
}

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

interface FileResult {
  inputs: DocumentInput[];
  errors: CorpusError[];
}

/**
 * A file's bytes, or why they were not read: not a regular file, over the size limit, unreadable. Reads are synchronous: four system calls a file,
 * against a promise round trip through the thread pool for each (a fifth of the load of 5,000 news
 * files went there). Only a regular file is read, and only its stated size (a /proc file cannot
 * make it hang); it is opened non-blocking and checked again once open, so a FIFO swapped in after
 * the first check cannot make the load wait for a writer.
 */
export function readFileBytes(file: ListedFile, options: LoadOptions): { bytes: Buffer } | { error: CorpusError } {
  const notRegular: CorpusError = { path: file.path, kind: "read", reason: "not a regular file (a device, pipe or socket): skipped" };
  let descriptor: number | undefined;
  try {
    if (!statSync(file.absolutePath).isFile()) return { error: notRegular };
    descriptor = openSync(file.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { error: notRegular };
    const limit = options.maxFileBytes ?? defaultMaxFileBytes;
    if (stats.size > limit) {
      return { error: { path: file.path, kind: "too-large", reason: `is ${megabytes(stats.size)}, over the ${megabytes(limit)} limit for one file (maxFileBytes, --max-file-mb): split it, or raise the limit if memory allows` } };
    }
    const bytes = Buffer.alloc(stats.size);
    let filled = 0;
    while (filled < stats.size) {
      const read = readSync(descriptor, bytes, filled, stats.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: filled === stats.size ? bytes : bytes.subarray(0, filled) };
  } catch (error) {
    return { error: { path: file.path, kind: "read", reason: `cannot read: ${(error as Error).message}` } };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function parseSourceFile(file: ListedFile, format: SourceFormat, bytes: Buffer, options: LoadOptions): FileResult {
  if (format === "unsupported") {
    return { inputs: [], errors: [{ path: file.path, kind: "unsupported", reason: unsupportedFormats.get(path.extname(file.relativePath).toLowerCase()) ?? "a format wenxi cannot read" }] };
  }
  if (isExtractedFormat(format)) {
    // Read by a library, asynchronously: loadCorpus does it (loadExtracted); the streaming counts do not.
    return { inputs: [], errors: [{ path: file.path, kind: "unsupported", reason: `.${format} files are read by loadCorpus (wenxi corpus, the notebooks), not by the streaming counts: load the corpus, or export it (wenxi export) and stream that` }] };
  }
  const decoded = decodeBytes(bytes, { encoding: options.encoding, structured: format !== "text" });
  if (!decoded.ok) return { inputs: [], errors: [{ path: file.path, kind: decoded.kind, reason: decoded.reason }] };
  const fileStem = stem(file.relativePath);
  if (format === "text") {
    return { inputs: [{ id: fileStem, name: fileStem, text: decoded.text, path: file.path, encoding: decoded.encoding }], errors: [] };
  }
  if (format === "html") {
    const page = htmlText(decoded.text);
    if (page.text.trim() === "") return { inputs: [], errors: [{ path: file.path, kind: "empty", reason: "the page holds no text outside its tags, scripts and styles" }] };
    return { inputs: [{ id: fileStem, name: fileStem, text: page.text, title: page.title, path: file.path, encoding: decoded.encoding }], errors: [] };
  }
  const rows =
    format === "jsonl" ? readJsonLines(decoded.text, file.path) : format === "json" ? readJsonRecords(decoded.text, file.path, options.recordsField) : readCsvRows(decoded.text, file.path, options.delimiter ?? (file.path.toLowerCase().endsWith(".tsv") ? "\t" : ","));
  const inputs: DocumentInput[] = [];
  const errors = [...rows.errors];
  const textField = options.textField ?? "text";
  const idField = options.idField ?? "id";
  const titleField = options.titleField ?? "title";
  const authorField = options.authorField ?? "author";
  const dateField = options.dateField ?? "date";
  // Fields read into the document itself; the others become metadata (by their top-level name).
  const used = new Set([textField, idField, titleField, authorField, dateField].map((field) => topLevelName(field)));
  const width = String(rows.rows.at(-1)?.line ?? rows.rows.at(-1)?.record ?? 0).length;
  const missing: Array<{ line?: number; record?: number }> = [];
  const fieldsSeen = new Map<string, number>();
  for (const row of rows.rows) {
    const where = row.line !== undefined ? { line: row.line } : { record: row.place };
    const value = fieldValue(row.record, textField);
    if (value === undefined) {
      missing.push(where);
      for (const key of Object.keys(row.record)) fieldsSeen.set(key, (fieldsSeen.get(key) ?? 0) + 1);
      continue;
    }
    const text = fieldTextOfValue(value);
    if (text === undefined) {
      errors.push({ path: file.path, ...where, kind: "parse", reason: `"${textField}" holds ${describeJson(value)}, not text (give a field of text, or of an array of texts)` });
      continue;
    }
    if (text.trim() === "") {
      errors.push({ path: file.path, ...where, kind: "empty", reason: `"${textField}" is empty` });
      continue;
    }
    const meta: Record<string, string> = row.line !== undefined ? { line: String(row.line) } : { record: String(row.place) };
    for (const [key, item] of Object.entries(row.record)) if (!used.has(key)) meta[key] = fieldText(item);
    const author = fieldText(fieldValue(row.record, authorField)).trim();
    if (author) meta.author = author;
    const date = fieldText(fieldValue(row.record, dateField)).trim();
    if (date) meta.date = date;
    const number = row.line ?? row.place ?? 0;
    const id = fieldText(fieldValue(row.record, idField)).trim() || `${fileStem}-${String(number).padStart(width, "0")}`;
    inputs.push({ id, name: fileStem, text, path: file.path, title: fieldText(fieldValue(row.record, titleField)) || undefined, meta, encoding: decoded.encoding, row: true });
  }
  if (missing.length > 0) {
    // Once per file, with the fields the rows do have: a wrong --text-field is one mistake, not one per row.
    const present = [...fieldsSeen].sort((left, right) => right[1] - left[1] || compareText(left[0], right[0])).map(([key]) => `"${key}"`);
    const first = missing[0];
    const which = missing.length === rows.rows.length ? `any of its ${rows.rows.length} row(s)` : `${missing.length} of ${rows.rows.length} rows (the first: ${first.line !== undefined ? `line ${first.line}` : `record ${first.record}`})`;
    errors.push({
      path: file.path,
      ...first,
      kind: "parse",
      reason: `no "${textField}" field in ${which}; ${present.length > 0 ? `their fields: ${present.slice(0, 12).join(", ")}${present.length > 12 ? ", …" : ""}` : "they have no fields"}. Name the text's field with textField (--text-field NAME; a dotted path reaches inside objects)`,
    });
  }
  return { inputs, errors };
}

/** The top-level property a dotted field path starts from (the path itself when the record has that key). */
function topLevelName(field: string): string {
  return field.split(".")[0];
}

/** A record's field: the key itself when present (a key may hold a dot), else the dotted path walked through objects. */
export function fieldValue(record: Record<string, unknown>, field: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, field)) return record[field];
  let value: unknown = record;
  for (const part of field.split(".")) {
    if (!isJsonObject(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

/** Text of a text field: a string, a number, or an array of them (nested arrays too) joined by line breaks; else undefined. */
function fieldTextOfValue(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const parts = value.flat(Infinity as 1);
    if (parts.every((part) => typeof part === "string" || typeof part === "number")) return parts.map(String).join("\n");
  }
  return undefined;
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array that is not all text";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

interface Rows {
  /** Each record with its line (JSONL, CSV) or its place in a JSON file's array (`place`). */
  rows: Array<{ line?: number; place?: number; record: Record<string, unknown> }>;
  errors: CorpusError[];
}

/**
 * The records of a `.json` file: its top-level array, the array at `recordsField` (a dotted path),
 * the one property of a top-level object holding an array of objects, or that object alone.
 */
function readJsonRecords(text: string, filePath: string, recordsField?: string): Rows {
  if (jsonNestsDeeperThan(text, maxJsonDepth)) return { rows: [], errors: [{ path: filePath, kind: "parse", reason: `JSON nested more than ${maxJsonDepth} levels deep: file skipped` }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const lines = text.trim().split(/\r?\n/);
    const oneObjectPerLine = lines.length > 1 && lines.every((line) => line.trim() === "" || line.trim().startsWith("{"));
    return { rows: [], errors: [{ path: filePath, kind: "parse", reason: `invalid JSON: ${(error as Error).message}${oneObjectPerLine ? " (one object per line: name the file .jsonl, or read it with format: \"jsonl\")" : ""}` }] };
  }
  let records: unknown = value;
  if (recordsField !== undefined) {
    records = isJsonObject(value) ? fieldValue(value, recordsField) : undefined;
    if (!Array.isArray(records)) {
      const keys = isJsonObject(value) ? Object.keys(value).map((key) => `"${key}"`).join(", ") : "";
      return { rows: [], errors: [{ path: filePath, kind: "parse", reason: `no array of records at "${recordsField}"${keys ? `; the top-level fields: ${keys}` : ""}` }] };
    }
  } else if (isJsonObject(value)) {
    const arrays = Object.entries(value).filter(([, item]) => Array.isArray(item) && item.length > 0 && item.every(isJsonObject));
    records = arrays.length === 1 ? arrays[0][1] : [value];
  }
  if (!Array.isArray(records)) return { rows: [], errors: [{ path: filePath, kind: "parse", reason: `holds ${describeJson(records)}, not records (an array of objects, or an object)` }] };
  const rows: Rows["rows"] = [];
  const errors: CorpusError[] = [];
  records.forEach((record: unknown, index) => {
    if (!isJsonObject(record)) errors.push({ path: filePath, record: index + 1, kind: "parse", reason: `record ${index + 1} is ${describeJson(record)}, not a JSON object` });
    else rows.push({ place: index + 1, record });
  });
  if (records.length === 0) errors.push({ path: filePath, kind: "empty", reason: "the array of records is empty" });
  return { rows, errors };
}

function readJsonLines(text: string, filePath: string): Rows {
  const rows: Rows["rows"] = [];
  const errors: CorpusError[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === "") return;
    const line = index + 1;
    if (jsonNestsDeeperThan(content, maxJsonDepth)) {
      errors.push({ path: filePath, line, kind: "parse", reason: `JSON nested more than ${maxJsonDepth} levels deep: line skipped` });
      return;
    }
    try {
      const value: unknown = JSON.parse(content);
      if (!isJsonObject(value)) errors.push({ path: filePath, line, kind: "parse", reason: "line is not a JSON object" });
      else rows.push({ line, record: value });
    } catch (error) {
      errors.push({ path: filePath, line, kind: "parse", reason: `invalid JSON: ${(error as Error).message}` });
    }
  });
  return { rows, errors };
}

function readCsvRows(text: string, filePath: string, delimiter: string): Rows {
  const parsed = parseCsv(text, delimiter);
  const errors: CorpusError[] = [];
  if (parsed.error) errors.push({ path: filePath, line: parsed.error.line, kind: "parse", reason: parsed.error.reason });
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], errors: [...errors, { path: filePath, kind: "empty", reason: "CSV has no header row" }] };
  // A repeated column name keeps every column: the first under its name, the others as name~2, name~3.
  const seen = new Map<string, number[]>();
  const columns = header.fields.map((field, index) => {
    const name = field.trim();
    const positions = seen.get(name) ?? [];
    positions.push(index + 1);
    seen.set(name, positions);
    return positions.length === 1 ? name : `${name}~${positions.length}`;
  });
  for (const [name, positions] of seen) {
    if (positions.length < 2) continue;
    errors.push({
      path: filePath,
      line: header.line,
      kind: "parse",
      reason: `column "${name}" appears ${positions.length} times (columns ${positions.join(", ")}): the first is read as "${name}", the others are kept as ${positions.slice(1).map((_, index) => `"${name}~${index + 2}"`).join(", ")}`,
    });
  }
  const rows: Rows["rows"] = [];
  for (const record of records) {
    if (record.fields.length !== columns.length) {
      errors.push({ path: filePath, line: record.line, kind: "parse", reason: `has ${record.fields.length} fields, the header has ${columns.length}` });
      continue;
    }
    rows.push({ line: record.line, record: Object.fromEntries(columns.map((column, index) => [column, record.fields[index]])) });
  }
  return { rows, errors };
}

/**
 * Loads a corpus: a folder (recursive; `*.txt` unless `pattern` or `extensions` say otherwise),
 * a single text file, a `.jsonl` file (one object per line) or a `.csv` file (a header row; the
 * text column becomes the text, other columns metadata).
 */
export interface SourceFile {
  file: ListedFile;
  format: SourceFormat;
}

/** Throws unless `shard` is K of N with whole numbers 1 ≤ K ≤ N; returns it. */
export function checkShard(shard: { index: number; count: number }): { index: number; count: number } {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) throw new Error(`shard must be K of N with 1 ≤ K ≤ N, got ${index} of ${count}`);
  return shard;
}

/** The files a source stands for (a folder's matching files, or the one file), with the problems met listing them; `shard` applied. */
export async function listSourceFiles(source: string, options: LoadOptions = {}): Promise<{ files: SourceFile[]; errors: CorpusError[] }> {
  const stat = await fs.stat(source).catch(() => undefined);
  if (!stat) throw new Error(`corpus source "${source}" does not exist (give a folder, or a .txt, .json, .jsonl or .csv file)`);
  let files: SourceFile[];
  const errors: CorpusError[] = [];
  if (stat.isDirectory()) {
    const extensions = options.extensions?.map((extension) => (extension.startsWith(".") ? extension : `.${extension}`).toLowerCase());
    const glob = globMatcher(options.pattern ?? "**/*.txt");
    const matches = extensions ? (relativePath: string) => extensions.includes(path.extname(relativePath).toLowerCase()) : glob;
    const listed = await listFolder(source, matches, (problemPath, reason) => errors.push({ path: problemPath, kind: "read", reason }), { followLinks: options.followLinks });
    files = listed.map((file) => ({ file, format: formatOfPath(file.relativePath) }));
  } else {
    const file = { path: source.split(path.sep).join("/"), absolutePath: path.resolve(source), relativePath: path.basename(source) };
    files = [{ file, format: options.format ?? formatOfPath(source) }];
  }
  if (options.shard) {
    const { index, count } = checkShard(options.shard);
    files = files.filter((_, position) => position % count === index - 1);
  }
  return { files, errors };
}

/** The documents of one file's bytes, cleaned; `stems` counts file stems, so that files of the same name in different folders get ids by relative path. */
export function documentsOfFile(source: SourceFile, bytes: Buffer, options: LoadOptions, nameReader: NameFieldsReader | undefined, stems?: ReadonlyMap<string, number>): { documents: Document[]; errors: CorpusError[] } {
  const { file, format } = source;
  const result = parseSourceFile(file, format, bytes, options);
  const documents: Document[] = [];
  for (const input of result.inputs) {
    if (format === "text" && (stems?.get(input.id) ?? 0) > 1) input.id = file.relativePath.slice(0, file.relativePath.length - path.extname(file.relativePath).length);
    documents.push(createDocument(input, options, nameReader));
  }
  return { documents, errors: result.errors };
}

/**
 * A seeded sample of files adding up to `megabytes` at most: the files shuffled (Fisher–Yates,
 * seeded), taken in that order while they fit, kept in listing order. Undefined when all fit.
 */
export function sampleFiles(files: SourceFile[], sample: { megabytes: number; seed?: number }): { files: SourceFile[]; sample: CorpusSample } | undefined {
  if (!(sample.megabytes > 0)) throw new Error(`sample: megabytes must be a number above 0, got ${sample.megabytes}`);
  const sizes = fileSizes(files);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const budget = sample.megabytes * 1024 * 1024;
  if (total <= budget) return undefined;
  const seed = sample.seed ?? 1;
  const random = seededRandom(seed);
  const order = files.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other], order[index]];
  }
  const taken = new Set<number>();
  let bytes = 0;
  for (const index of order) {
    if (bytes + sizes[index] > budget) continue;
    taken.add(index);
    bytes += sizes[index];
  }
  return {
    files: files.filter((_, index) => taken.has(index)),
    sample: { seed, megabytes: sample.megabytes, files: taken.size, ofFiles: files.length, bytes, ofBytes: total },
  };
}

export async function loadCorpus(source: string = defaultCorpusSource, options: LoadOptions = {}): Promise<Corpus> {
  const listed = await listSourceFiles(source, options);
  const { errors } = listed;
  const sampled = options.sample ? sampleFiles(listed.files, options.sample) : undefined;
  const files = sampled?.files ?? listed.files;
  // Within a report run (WENXI_CACHE_DIR), a corpus another notebook loaded is read back.
  let key: string | undefined;
  if (cacheFolder()) {
    const stamps = await Promise.all(files.map(({ file }) => fs.stat(file.absolutePath).then((stats) => `${file.relativePath}:${stats.size}:${stats.mtimeMs}`, () => `${file.relativePath}:missing`)));
    key = cacheKey(path.resolve(source), stableText(options), stableText(errors), ...stamps);
  }
  const load = async () => {
    const corpus = await loadFiles(source, files, errors, options);
    if (sampled) corpus.sample = sampled.sample;
    return corpus;
  };
  return key ? markRunCorpus({ ...(await computeCachedAsync("corpus", key, load)), source }) : load();
}

/** One batch of files for `loadBatch`, on this thread or a worker (load-worker.ts). */
export interface LoadBatchRequest {
  files: SourceFile[];
  options: LoadOptions;
  /** How many files of the whole load share the stem of each file of the batch (ids fall back to relative paths for those). */
  stems: Array<[string, number]>;
}

export interface FileOutcome {
  path: string;
  /** Bytes read (0 when the file could not be read). */
  bytes: number;
  documents: Document[];
  errors: CorpusError[];
}

/**
 * Reads and cleans a batch of files, each first checked against the heap limit of the thread that
 * cleans it (this one or a worker); a worker's results are checked again here when they arrive.
 */
export function loadBatch(request: LoadBatchRequest): FileOutcome[] {
  const nameReader = request.options.nameFields !== undefined ? nameFieldsReader(request.options.nameFields) : undefined;
  const stems = new Map(request.stems);
  return request.files.map(({ file, format }) => {
    const read = readFileBytes(file, request.options);
    if ("error" in read) return { path: file.path, bytes: 0, documents: [], errors: [read.error] };
    // Past what the heap can hold, the remaining files are reported rather than cleaned: V8 aborts
    // the whole process (or the worker) when its heap limit is reached, losing the documents already
    // loaded. On a worker the check is against the worker's own heap.
    const shortfall = memoryShortfall(read.bytes.length);
    if (shortfall) return { path: file.path, bytes: read.bytes.length, documents: [], errors: [{ path: file.path, kind: "too-large", reason: shortfall }] };
    const result = documentsOfFile({ file, format }, read.bytes, request.options, nameReader, stems);
    return { path: file.path, bytes: read.bytes.length, documents: result.documents, errors: result.errors };
  });
}

/** Each file's size in bytes (0 when it cannot be stat'ed: reading it will say why), to cut the files into batches. */
export function fileSizes(files: SourceFile[]): number[] {
  return files.map(({ file }) => {
    try {
      return statSync(file.absolutePath).size;
    } catch {
      return 0;
    }
  });
}

function loadWorkerScript(): string {
  // Under a TypeScript runner (tests) this module is src/corpus/load.ts: use the built worker.
  return __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/corpus/load-worker.js") : path.join(__dirname, "load-worker.js");
}

/**
 * Word and PDF files, read here by their libraries (asynchronously, one at a time) and then
 * cleaned as text files of the same name and path.
 */
async function loadExtracted(files: Array<{ file: ListedFile; format: ExtractedFormat }>, options: LoadOptions, stems: ReadonlyMap<string, number>, documents: Document[], errors: CorpusError[]): Promise<void> {
  const nameReader = options.nameFields !== undefined ? nameFieldsReader(options.nameFields) : undefined;
  for (const { file, format } of files) {
    const read = readFileBytes(file, options);
    if ("error" in read) {
      errors.push(read.error);
      continue;
    }
    const shortfall = memoryShortfall(read.bytes.length);
    if (shortfall) {
      errors.push({ path: file.path, kind: "too-large", reason: shortfall });
      continue;
    }
    const extracted = await extractText(format, read.bytes);
    if ("error" in extracted) {
      errors.push({ path: file.path, kind: "read", reason: extracted.error });
      continue;
    }
    const result = documentsOfFile({ file, format: "text" }, Buffer.from(extracted.text, "utf8"), { ...options, encoding: "utf-8" }, nameReader, stems);
    for (const document of result.documents) documents.push({ ...document, meta: { ...document.meta, format } });
    for (const error of result.errors) errors.push(error);
  }
}

async function loadFiles(source: string, allFiles: SourceFile[], errors: CorpusError[], options: LoadOptions): Promise<Corpus> {
  const documents: Document[] = [];
  const stems = new Map<string, number>();
  for (const { file } of allFiles) stems.set(stem(file.relativePath), (stems.get(stem(file.relativePath)) ?? 0) + 1);
  await loadExtracted(allFiles.filter((source): source is { file: ListedFile; format: ExtractedFormat } => isExtractedFormat(source.format)), options, stems, documents, errors);
  const files = allFiles.filter(({ format }) => !isExtractedFormat(format));
  const sizes = fileSizes(files);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const { debrisRules, workers: requested, ...plain } = options;
  const workers = debrisRules ? 0 : (requested ?? (total >= parallelLoadBytes ? usableCores() - 1 : 0));
  const batches = batchesBySize(files, (_file, index) => sizes[index], 1024 * 1024);
  const onThisThread = new WeakSet<FileOutcome>();
  const stemsOf = (batch: SourceFile[]) => batch.map(({ file }): [string, number] => [stem(file.relativePath), stems.get(stem(file.relativePath)) ?? 1]);
  await runBatches({
    script: loadWorkerScript(),
    batches: batches.map((batch): LoadBatchRequest => ({ files: batch, options: plain, stems: stemsOf(batch) })),
    workers,
    here: (request) => {
      const outcomes = loadBatch({ ...request, options });
      for (const outcome of outcomes) onThisThread.add(outcome);
      return outcomes;
    },
    onLostBatch: (index, reason) => {
      for (const { file } of batches[index]) errors.push({ path: file.path, kind: "read", reason: `not loaded: the worker thread reading it stopped (${reason}); try it alone, or with workers: 0` });
    },
    onResult: (_index, outcomes) => {
      for (const outcome of outcomes) {
        // A worker's documents are checked against this thread's heap as they arrive: they are held
        // here from now on (about 4 bytes of heap per byte of file; the same 40 as before cleaning, to be safe).
        const shortfall = onThisThread.has(outcome) || outcome.documents.length === 0 ? undefined : memoryShortfall(outcome.bytes);
        if (shortfall) {
          errors.push({ path: outcome.path, kind: "too-large", reason: shortfall });
          continue;
        }
        for (const error of outcome.errors) errors.push(error); // a file may hold 200,000 bad rows: no push(...spread)
        for (const document of outcome.documents) documents.push(document);
      }
    },
  });
  // Documents are ordered by id and errors by path (finishDocuments, below), so the order in which batches came back does not show.
  errors.sort((left, right) => compareText(left.path, right.path) || (left.line ?? 0) - (right.line ?? 0));
  if (options.strict && errors.length > 0) throw new CorpusLoadError(errors);
  return { source, documents: finishDocuments(documents), errors };
}
