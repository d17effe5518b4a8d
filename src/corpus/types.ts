// The nouns of the corpus layer: a Corpus holds cleaned Documents plus the files that could
// not be loaded. Every cleaning decision is kept in a document's log, every doubt in its flags.

export type Script = "simplified" | "traditional" | "mixed";

export type CleaningStep =
  | "line-endings"
  | "nfkc"
  | "whitespace"
  | "pinyin"
  | "metadata"
  | "debris"
  | "script";

/** One thing a cleaning step did: a removed line (with its 1-based line number in `original`), or a count of replacements. */
export interface CleaningLogEntry {
  step: CleaningStep;
  /** Which rule fired, e.g. `breadcrumb`, `footer`, `pinyin-annotation`. */
  rule: string;
  /** 1-based line in `original` (for removed lines). */
  line?: number;
  /** The removed line as it read (source script), or examples of replacements. */
  text?: string;
  /** How many characters or annotations were changed (for replacements). */
  count?: number;
}

export type QualityFlagKind =
  | "garbled"
  | "replacement-character"
  | "low-han-share"
  | "empty-after-cleaning"
  | "mixed-script"
  | "duplicate-id";

export interface QualityFlag {
  kind: QualityFlagKind;
  message: string;
  /** 1-based line in `original` where the problem is, when it has a place. */
  line?: number;
  /** The text around the problem, from `original`. */
  excerpt?: string;
}

export interface DocumentMeta {
  source?: string;
  /** ISO date of the precision found: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date?: string;
  /** Where the date came from: metadata (a 发布时间 line), field (JSONL/CSV), name-field, dateline, file-name, title. */
  dateSource?: string;
  /** From the date (or a `year` name field): `1954`, and its decade `1950s`. */
  year?: string;
  decade?: string;
  author?: string;
  editor?: string;
  photographer?: string;
  /** The encoding the file was decoded from (`utf-8`, `utf-16le`, `gb18030`, `big5`, …). */
  encoding: string;
  script: Script;
  /** Further fields: CSV columns, JSONL properties, the `line` a row starts on. */
  [field: string]: string | undefined;
}

export interface Document {
  id: string;
  /** Where it came from, as given (relative paths stay relative). */
  path: string;
  title: string;
  /** The cleaned, normalized, Simplified text all analyses use. */
  text: string;
  /** The decoded text as it was, for display and concordances. */
  original: string;
  meta: DocumentMeta;
  log: CleaningLogEntry[];
  flags: QualityFlag[];
  /**
   * `sourceMap[i]` is the UTF-16 offset in `original` of `text[i]`: 16-bit numbers when the
   * original is shorter than 65,536 units (most documents: the map was the largest part of a
   * loaded corpus, 4 bytes a character), else 32-bit.
   */
  sourceMap: Int32Array | Uint16Array;
}

export type CorpusErrorKind = "read" | "empty" | "binary" | "decode" | "parse" | "too-large" | "unsupported";

export interface CorpusError {
  path: string;
  /** 1-based line (JSONL line or CSV record) when the error concerns one row. */
  line?: number;
  /** 1-based place in a JSON file's array of records, when the error concerns one record. */
  record?: number;
  kind: CorpusErrorKind;
  reason: string;
}

/** A sample of a corpus's files (`loadCorpus(source, { sample })`), as loaded. */
export interface CorpusSample {
  seed: number;
  megabytes: number;
  /** Files loaded, of the files the source has. */
  files: number;
  ofFiles: number;
  /** Bytes loaded, of the bytes of every file. */
  bytes: number;
  ofBytes: number;
}

export interface Corpus {
  /** The source as given to `loadCorpus`. */
  source: string;
  documents: Document[];
  errors: CorpusError[];
  /** Present when only a sample of the files was loaded. */
  sample?: CorpusSample;
}
