// What every CLI command is made of, and the shared output step (table, CSV or JSON).
import { formatCsv, formatJson, formatTable, type Row } from "../format/tables";
import { UsageError, type ParsedArguments } from "./arguments";

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal a progress line can be redrawn on (set by the real CLI; tests capture text). */
  interactive?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Options that take a value. */
  valueOptions: string[];
  /** Options that are switches. */
  flagOptions: string[];
  /** Command lines to copy, shown by --help. */
  examples?: string[];
  /** More help after the options (e.g. the report's notebook parameters), from the rest of the command line. */
  moreHelp?: (parsed: ParsedArguments) => string;
  /** Returns the exit code. */
  run: (parsed: ParsedArguments, output: Output) => Promise<number>;
}

export const formatFlags = ["json", "csv", "csv-keep-formulas"];

/** What each option does, with its default: `wenxi <command> --help` lists those the command takes. */
export const optionDescriptions: Record<string, string> = {
  json: "output JSON (an array of row objects)",
  csv: "output CSV (RFC 4180; a text cell starting with = + - @ is written '= … so spreadsheets show it and run nothing)",
  "csv-keep-formulas": "with --csv: write cells starting with = + - @ as they are (only for tools that are not spreadsheets)",
  top: "rows to show (per group or document where the analysis has them)",
  by: "group by `document` or a metadata field (source, date, year, decade, speaker …)",
  method: "keyword method: tfidf (default), jieba-tfidf or textrank",
  pos: "keep keywords whose part of speech starts with one of these (n,v)",
  term: "the term to look at (either script)",
  window: "context: characters each side for kwic (default 20), tokens after (or each side of --term) for collocations (default 5)",
  over: "collocation windows over the tokens kept after filtering (kept, default) or all tokens (all)",
  target: "target documents: ids (a,b) or field=value[,value]",
  reference: "reference documents (default: all the others)",
  "min-count": "leave out rows seen fewer times (default 1 for keyness, 2 for collocations and n-grams)",
  sort: "collocations: logLikelihood (default), pmi, tScore, dice or count",
  n: "n-gram length (default 2)",
  stopwords: "default, none, or word-list files (a.txt,b.txt)",
  "min-length": "shortest token kept, in characters (default 1)",
  userdict: "more user dictionaries (jieba format), comma-separated",
  mode: "segmentation: precise (default), search or full",
  "keep-numbers": "keep numbers (removed by default)",
  "keep-punctuation": "keep punctuation (removed by default)",
  "no-latin": "remove Latin-script words (kept by default)",
  pattern: 'files of a folder to read (default "**/*.txt")',
  encoding: "force an encoding (gbk, big5, utf-16le …) instead of detecting it",
  preset: 'word lists made for one kind of corpus: "public-security" (the bundled news; its user dictionary, stopwords and concept dictionary); default none',
  "text-field": "JSON/JSONL property or CSV column with the text (default text); a dotted path reaches into objects, an array of texts is joined by line breaks",
  "id-field": "property or column with the id (default id)",
  "title-field": "property or column with the title (default title)",
  "author-field": "property or column with the author (default author)",
  "date-field": "property or column with the date (default date)",
  records: "in a .json file, the dotted path to the array of records (default: the top-level array, or the one array of objects in the top-level object)",
  "name-fields": 'metadata from file names: "{year}政府工作报告_{speaker}" or SEP:FIELDS ("_:date,source")',
  "max-file-mb": "larger files are reported, not read (default 256)",
  strict: "exit 1 when any file cannot be loaded",
  "follow-links": "follow symbolic links out of the corpus folder (skipped by default)",
  "no-pinyin": "keep inline pinyin",
  "no-debris": "keep web-page debris lines",
  "no-metadata": "keep metadata lines in the text",
  "no-simplified": "keep Traditional characters",
  "no-normalize": "skip Unicode NFKC and white-space folding",
  corpus: "the corpus every notebook reads (injected as corpusPath; default: the notebooks' own corpusPath); init: the corpus the new notebooks read",
  param: "a notebook parameter, name=value (JSON, or else a string), checked against the notebooks' parameters listed below; repeatable",
  out: "report folder (default reports; only a folder wenxi wrote is replaced)",
  notebooks: "notebook folder (default: the notebooks shipped with wenxi; `wenxi init` makes editable copies)",
  user: "kernel install: in your own Jupyter data folder (default: the machine-wide one, as jupyter kernelspec install)",
  prefix: "kernel install: under DIR/share/jupyter (Jupyter finds it with JUPYTER_PATH=DIR/share/jupyter)",
  timeout: "seconds a cell may run (default 120)",
  jobs: "notebooks run at once, each in its own kernel (default: cores, at most 4; pages are the same for any value)",
  stamp: "put the run date in the pages (off: runs are byte-identical)",
  parquet: "folder for the Parquet files and manifest.json",
  unit: "network: terms co-occur within a sentence (default), paragraph or document",
  measure: "network: jaccard (default), count, pmi or logLikelihood; similarity: cosine (default) or jaccard",
  terms: "network: most widespread terms taken as nodes (default 60)",
  edges: "network: strongest links kept (default 100)",
  nodes: "network: list the nodes (term, units, degree, community, x, y) instead of the edges",
  neighbours: "similarity: each document's K most similar documents (rank, similarity), from an inverted index: no n² matrix",
  duplicates: "similarity: pairs sharing most of their text (shingles), with the longest passage",
  threshold: "similarity --duplicates: smallest share of the shorter document shared (default 0.5)",
  k: "topics: number of topics (default 5)",
  iterations: "topics: Gibbs sweeps (default 300)",
  seed: "topics: random seed (default 1): the same seed gives the same topics",
  documents: "topics: each document's topic shares instead of the topics' terms",
  type: "entities: only person, place, organisation or other",
  dictionary: "dictionary file (YAML, JSON or CSV; default the example data/dictionaries/public-security.yaml)",
  matches: "dictionary: which tokens each pattern matched, to audit the counts",
  stream: "count file by file on every core, keeping only the counts (corpora larger than memory)",
  workers: "with --stream: worker threads besides the main one (default cores − 1; 0 = one thread)",
  tokens: "also write every token (document, position, term, start)",
  shard: "export share K of N of the files (1/4 … 4/4), for many processes or hosts",
};

/** `wenxi <command> --help`: what it does, its usage, each option, examples. */
export function commandHelp(command: Command): string {
  const options = [...command.valueOptions, ...command.flagOptions].filter((name, index, all) => all.indexOf(name) === index);
  const width = options.reduce((widest, name) => Math.max(widest, name.length), 0) + 2;
  const lines = [command.summary, "", `usage: ${command.usage}`, "", "options:"];
  for (const name of options) lines.push(`  --${name.padEnd(width)}${optionDescriptions[name] ?? ""}`.trimEnd());
  if (command.examples && command.examples.length > 0) lines.push("", "examples:", ...command.examples.map((example) => `  ${example}`));
  return `${lines.join("\n")}\n`;
}

export function checkOptions(command: Command, parsed: ParsedArguments): void {
  const known = new Set([...command.valueOptions, ...command.flagOptions, "help"]);
  for (const [name, value] of parsed.options) {
    if (!known.has(name)) throw new UsageError(`${command.name}: unknown option --${name}\nusage: ${command.usage}`);
    if (command.valueOptions.includes(name) && value === true) throw new UsageError(`${command.name}: --${name} needs a value`);
  }
}

export function stringOption(parsed: ParsedArguments, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === "string" ? value : undefined;
}

export interface NumberRule {
  /** Smallest value allowed. Default 1. */
  min?: number;
  /** Only whole numbers. Default true. */
  integer?: boolean;
}

/** A numeric option: a whole number ≥ 1 unless the rule says otherwise (--top -1 is refused, not read as "all"). */
export function numberOption(parsed: ParsedArguments, name: string, fallback: number, rule: NumberRule = {}): number {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  const number = value.trim() === "" ? NaN : Number(value);
  const min = rule.min ?? 1;
  const integer = rule.integer ?? true;
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number)) || number < min) {
    throw new UsageError(`--${name} takes ${integer ? "a whole number" : "a number"} ≥ ${min}, got "${value}"`);
  }
  return number;
}

/** Writes rows as a table (default), `--csv` or `--json`. */
export function writeRows(parsed: ParsedArguments, output: Output, rows: Row[], columns?: string[]): void {
  if (parsed.options.has("json")) output.stdout(formatJson(rows));
  else if (parsed.options.has("csv")) output.stdout(formatCsv(rows, columns ?? Object.keys(rows[0] ?? {}), { formulas: parsed.options.has("csv-keep-formulas") ? "keep" : "escape" }));
  else output.stdout(`${rows.length === 0 ? "(no rows)" : formatTable(rows, columns)}\n`);
}
