// `wenxi freq|keywords|kwic|keyness|collocations|ngrams [source]`: the analyses of the library,
// with the same field names in JSON and CSV as its result rows.
import { defaultCorpusSource, formatCorpusError, loadCorpus, type LoadOptions } from "../corpus/load";
import { findPreset } from "../text/presets";
import { phraseCounts, splitNote } from "../stats/phrases";
import type { Corpus } from "../corpus/types";
import { collocations, type CollocationMeasure } from "../stats/collocations";
import { termFrequency } from "../stats/frequency";
import { frequencyFromCounts, streamTermCounts, type StreamProgress } from "../stats/stream";
import { keyness } from "../stats/keyness";
import { keywords, type KeywordMethod } from "../stats/keywords";
import { kwic } from "../stats/kwic";
import { ngrams } from "../stats/ngrams";
import type { DocumentSelector } from "../stats/select";
import { usableCores } from "../shared/cores";
import { tokenizeParallel } from "../text/parallel";
import { tokenize, type TokenizeOptions, type Tokens } from "../text/tokenize";
import { UsageError, type ParsedArguments } from "./arguments";
import { formatFlags, numberOption, stringOption, writeRows, type Command, type Output } from "./command";
import { corpusLoadFlagOptions, corpusLoadValueOptions, emptyLoadMessage, loadOptionsFrom } from "./corpus-command";
import type { Row } from "../format/tables";

export const tokenizeValueOptions = ["stopwords", "min-length", "userdict", "mode", "preset"];
export const tokenizeFlagOptions = ["keep-numbers", "keep-punctuation", "no-latin"];

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

/** --preset NAME, checked against the known presets (a usage error names them). */
export function presetOption(parsed: ParsedArguments): string | undefined {
  const name = stringOption(parsed, "preset");
  try {
    return findPreset(name)?.name;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function tokenizeOptionsFrom(parsed: ParsedArguments): TokenizeOptions {
  const stopwords = stringOption(parsed, "stopwords");
  const mode = stringOption(parsed, "mode");
  if (mode !== undefined && !["precise", "search", "full"].includes(mode)) throw new UsageError(`--mode is precise, search or full, not "${mode}"`);
  return {
    mode: mode as TokenizeOptions["mode"],
    stopwords: stopwords === undefined || stopwords === "default" ? "default" : stopwords === "none" ? "none" : { files: list(stopwords) },
    minLength: numberOption(parsed, "min-length", 1),
    userDictionaries: list(stringOption(parsed, "userdict")),
    preset: presetOption(parsed),
    removeNumbers: !parsed.options.has("keep-numbers"),
    removePunctuation: !parsed.options.has("keep-punctuation"),
    removeLatin: parsed.options.has("no-latin"),
  };
}

export async function loadFrom(parsed: ParsedArguments, output: Output, extra: Partial<LoadOptions> = {}): Promise<Corpus | undefined> {
  const source = parsed.positionals[0] ?? defaultCorpusSource;
  const corpus = await loadCorpus(source, { ...loadOptionsFrom(parsed), ...extra, strict: false });
  for (const error of corpus.errors) output.stderr(`wenxi: skipped ${formatCorpusError(error)}\n`);
  if (parsed.options.has("strict") && corpus.errors.length > 0) return undefined;
  if (corpus.documents.length === 0) {
    output.stderr(`wenxi: ${await emptyLoadMessage(source, parsed, corpus.errors.length)}\n`);
    return undefined;
  }
  return corpus;
}

/** `a,b,c` → document ids; `field=value[,value]` → documents whose metadata field has a value. */
export function parseSelector(text: string): DocumentSelector {
  const equals = text.indexOf("=");
  if (equals > 0) return { field: text.slice(0, equals), value: list(text.slice(equals + 1)) ?? [] };
  return list(text) ?? [];
}

/** From this many characters of text, commands cut on every core (a worker's dictionary takes about a second to load). */
export const parallelTokenizeCharacters = 8_000_000;

/** A command's tokens: on every core for a large corpus (`tokenizeParallel`, the same tokens in every mode), else on this thread. */
export async function tokensOf(corpus: Corpus, options: TokenizeOptions, minimumCharacters = parallelTokenizeCharacters): Promise<Tokens> {
  let characters = 0;
  for (const document of corpus.documents) characters += document.text.length;
  const parallel = characters >= minimumCharacters && usableCores() > 1;
  return parallel ? tokenizeParallel(corpus, options) : tokenize(corpus, options);
}

export function analysisCommand(
  name: string,
  summary: string,
  extraUsage: string,
  valueOptions: string[],
  flagOptions: string[],
  analyse: (corpus: Corpus, parsed: ParsedArguments, output: Output) => Row[] | Promise<Row[]>,
): Command {
  return {
    name,
    summary,
    examples: commandExamples[name],
    usage: `wenxi ${name} [source=${defaultCorpusSource}] ${extraUsage} [--top N] [--json|--csv] [--stopwords default|none|FILE,…] [--min-length N] [--userdict FILE,…] [--preset NAME] [--mode precise|search|full] [--keep-numbers] [--keep-punctuation] [--no-latin] [corpus options: wenxi corpus --help]`,
    valueOptions: [...valueOptions, "top", ...tokenizeValueOptions, ...corpusLoadValueOptions],
    flagOptions: [...flagOptions, ...formatFlags, ...tokenizeFlagOptions, ...corpusLoadFlagOptions],
    async run(parsed, output) {
      const corpus = await loadFrom(parsed, output);
      if (!corpus) return 1;
      writeRows(parsed, output, await analyse(corpus, parsed, output));
      return 0;
    },
  };
}

function required(parsed: ParsedArguments, name: string, command: string): string {
  const value = stringOption(parsed, name);
  if (value === undefined || value.trim() === "") throw new UsageError(`${command} needs --${name}`);
  return value;
}

const top = (parsed: ParsedArguments, fallback: number) => numberOption(parsed, "top", fallback);

const commandExamples: Record<string, string[]> = {
  freq: ["wenxi freq --top 30", 'wenxi freq reports --terms 市场经济,改革开放 --by year', "wenxi freq my-texts --by year --csv > by-year.csv", 'wenxi freq government-reports --name-fields "{year}政府工作报告_{speaker}" --by speaker'],
  keywords: ["wenxi keywords --method textrank --top 5", "wenxi keywords --method tfidf --pos n,v --json"],
  kwic: ["wenxi kwic --term 改革 --window 15", "wenxi kwic my-texts --term 改革 --csv > concordance.csv"],
  keyness: ["wenxi keyness --target 001_9b22334ce759c9d2 --top 10", 'wenxi keyness reports --name-fields "{year}政府工作报告_{speaker}" --target decade=2010s --reference decade=1950s'],
  collocations: ["wenxi collocations --term 改革 --window 5 --sort pmi", "wenxi collocations --window 1 --min-count 3 --over all"],
  ngrams: ["wenxi ngrams --n 3 --top 20"],
  network: ["wenxi network --terms 50 --csv > edges.csv", "wenxi network --nodes --csv > nodes.csv", "wenxi network --unit paragraph --measure pmi"],
  similarity: ["wenxi similarity --top 10", "wenxi similarity news/ --duplicates --threshold 0.6"],
  topics: ["wenxi topics --k 8 --top 10", "wenxi topics --k 8 --documents --csv > shares.csv"],
  entities: ["wenxi entities --type place --top 30"],
  dictionary: ["wenxi dictionary --by document", "wenxi dictionary --dictionary my-concepts.yaml --by year", "wenxi dictionary --matches"],
  profile: ["wenxi profile --csv > profile.csv"],
};
/** Result objects as output rows. */
export const rows = <T extends object>(items: T[]): Row[] => items.map((item) => ({ ...item }) as unknown as Row);

const frequencyInMemory = analysisCommand(
  "freq",
  "term frequencies, overall or --by document or a metadata field; --terms counts given terms in the text, however jieba cut them; --stream for corpora larger than memory",
  "[--by document|FIELD] [--terms T1,T2…] [--stream [--workers N]]",
  ["by", "terms"],
  [],
  async (corpus, parsed, output) => {
    const tokens = await tokensOf(corpus, tokenizeOptionsFrom(parsed));
    const terms = list(stringOption(parsed, "terms"));
    if (terms === undefined) return rows(termFrequency(tokens, { by: stringOption(parsed, "by"), top: top(parsed, 20) }));
    if (terms.length === 0) throw new UsageError("--terms needs at least one term");
    const counted = phraseCounts(corpus, tokens, terms, { by: stringOption(parsed, "by") });
    const note = splitNote(phraseCounts(corpus, tokens, terms));
    if (note) output.stderr(`wenxi: ${note}\n`);
    return rows(counted);
  },
);

/**
 * Progress of a streaming count on stderr: one line redrawn on a terminal, else a line at each
 * tenth of the bytes (a log stays short), so a count of hours shows it is moving.
 */
function streamProgressPrinter(output: Output): (progress: StreamProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const share = progress.totalBytes === 0 ? 1 : progress.bytes / progress.totalBytes;
    const inMegabytes = progress.totalBytes >= 1024 * 1024;
    const size = (bytes: number) => (inMegabytes ? (bytes / 1024 / 1024).toFixed(1) : (bytes / 1024).toFixed(0));
    const line = `counted ${progress.files.toLocaleString("en-US")}/${progress.totalFiles.toLocaleString("en-US")} files (${size(progress.bytes)} of ${size(progress.totalBytes)} ${inMegabytes ? "MB" : "kB"}, ${Math.floor(share * 100)} %)`;
    if (output.interactive) output.stderr(`\r\x1b[K${line}${progress.files === progress.totalFiles ? "\n" : ""}`);
    else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      output.stderr(`${line}\n`);
    }
  };
}

/** freq, in memory or (--stream) counting file by file on every core without keeping the corpus. */
export const frequencyCommand: Command = {
  ...frequencyInMemory,
  valueOptions: [...frequencyInMemory.valueOptions, "workers"],
  flagOptions: [...frequencyInMemory.flagOptions, "stream"],
  async run(parsed, output) {
    if (!parsed.options.has("stream")) return frequencyInMemory.run(parsed, output);
    const source = parsed.positionals[0] ?? defaultCorpusSource;
    const by = stringOption(parsed, "by");
    const counted = await streamTermCounts(source, {
      load: loadOptionsFrom(parsed),
      tokenize: tokenizeOptionsFrom(parsed),
      by,
      workers: parsed.options.has("workers") ? numberOption(parsed, "workers", 1, { min: 0 }) : undefined,
      onProgress: streamProgressPrinter(output),
    });
    for (const error of counted.errors) output.stderr(`wenxi: skipped ${formatCorpusError(error)}\n`);
    if (counted.documents === 0) {
      output.stderr(`wenxi: ${await emptyLoadMessage(source, parsed, counted.errors.length)}\n`);
      return 1;
    }
    if (parsed.options.has("strict") && counted.errors.length > 0) return 1;
    writeRows(parsed, output, rows(frequencyFromCounts(counted, { top: top(parsed, 20), grouped: by !== undefined })));
    return 0;
  },
};

export const keywordsCommand = analysisCommand(
  "keywords",
  "keywords per document by tfidf (corpus-fitted), jieba-tfidf or textrank",
  "[--method tfidf|jieba-tfidf|textrank] [--pos n,v,…]",
  ["method", "pos"],
  [],
  (corpus, parsed) => {
    const method = (stringOption(parsed, "method") ?? "tfidf") as KeywordMethod;
    if (!["tfidf", "jieba-tfidf", "textrank"].includes(method)) throw new UsageError(`--method is tfidf, jieba-tfidf or textrank, not "${method}"`);
    return rows(keywords(corpus, { method, top: top(parsed, 10), pos: list(stringOption(parsed, "pos")), tokenize: tokenizeOptionsFrom(parsed) }));
  },
);

export const kwicCommand = analysisCommand("kwic", "concordance of a term, in the original script", "--term TERM [--window CHARS]", ["term", "window"], [], async (corpus, parsed) => {
  const term = required(parsed, "term", "kwic");
  const result = kwic(corpus, await tokensOf(corpus, tokenizeOptionsFrom(parsed)), term, { window: numberOption(parsed, "window", 20) });
  const limit = stringOption(parsed, "top") === undefined ? undefined : top(parsed, 0);
  return rows(limit === undefined ? result : result.slice(0, limit));
});

export const keynessCommand = analysisCommand(
  "keyness",
  "key terms of a target against a reference (G², χ², log ratio)",
  "--target ID,…|FIELD=VALUE [--reference ID,…|FIELD=VALUE] [--min-count N]",
  ["target", "reference", "min-count"],
  [],
  async (corpus, parsed) => {
    const target = parseSelector(required(parsed, "target", "keyness"));
    const reference = stringOption(parsed, "reference");
    return rows(
      keyness(await tokensOf(corpus, tokenizeOptionsFrom(parsed)), {
        target,
        reference: reference === undefined ? undefined : parseSelector(reference),
        top: top(parsed, 20),
        minCount: numberOption(parsed, "min-count", 1),
      }),
    );
  },
);

export const collocationsCommand = analysisCommand(
  "collocations",
  "word pairs within a window by PMI, G², t-score, Dice (optionally around --term)",
  "[--term NODE] [--window N] [--over kept|all] [--min-count N] [--sort logLikelihood|pmi|tScore|dice|count]",
  ["term", "window", "over", "min-count", "sort"],
  [],
  async (corpus, parsed) => {
    const sortBy = (stringOption(parsed, "sort") ?? "logLikelihood") as CollocationMeasure | "count";
    if (!["logLikelihood", "pmi", "tScore", "dice", "count"].includes(sortBy)) throw new UsageError(`--sort is logLikelihood, pmi, tScore, dice or count, not "${sortBy}"`);
    const over = stringOption(parsed, "over") ?? "kept";
    if (over !== "kept" && over !== "all") throw new UsageError(`--over is kept (windows over the tokens left after filtering) or all (over every token), not "${over}"`);
    return rows(
      collocations(await tokensOf(corpus, tokenizeOptionsFrom(parsed)), {
        node: stringOption(parsed, "term"),
        window: numberOption(parsed, "window", 5),
        over,
        minCount: numberOption(parsed, "min-count", 2),
        sortBy,
        top: top(parsed, 20),
      }),
    );
  },
);

export const ngramsCommand = analysisCommand("ngrams", "runs of n adjacent tokens", "[--n N] [--min-count N]", ["n", "min-count"], [], async (corpus, parsed) =>
  rows(ngrams(await tokensOf(corpus, tokenizeOptionsFrom(parsed)), { n: numberOption(parsed, "n", 2), minCount: numberOption(parsed, "min-count", 2), top: top(parsed, 20) })).map(
    ({ terms: _terms, ...row }) => row,
  ),
);
