// `wenxi corpus [source]`: one row per document, then the files that could not be loaded.
import { CorpusLoadError, defaultCorpusSource, formatCorpusError, loadCorpus, type LoadOptions } from "../corpus/load";
import { corpusSummary } from "../corpus/summary";
import { formatFlags, numberOption, stringOption, writeRows, type Command } from "./command";
import { UsageError, type ParsedArguments } from "./arguments";
import { stat } from "node:fs/promises";
import * as path from "node:path";
import { listFolder } from "../corpus/sources";
import { nameFieldsReader, parseNameFieldsSpec, type NameFieldsSpec } from "../corpus/name-fields";

export const corpusLoadValueOptions = ["pattern", "encoding", "text-field", "id-field", "title-field", "author-field", "date-field", "records", "max-file-mb", "name-fields"];
export const corpusLoadFlagOptions = ["strict", "follow-links", "no-pinyin", "no-debris", "no-metadata", "no-simplified", "no-normalize"];

function nameFieldsOption(parsed: ParsedArguments): NameFieldsSpec | undefined {
  const value = stringOption(parsed, "name-fields");
  if (value === undefined) return undefined;
  try {
    const spec = parseNameFieldsSpec(value);
    nameFieldsReader(spec);
    return spec;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Why a load gave no document, for the terminal: a folder where the pattern matched nothing is
 * told apart from files that all failed, with the kinds of files that are there.
 */
export async function emptyLoadMessage(source: string, parsed: ParsedArguments, errors: number): Promise<string> {
  if (errors > 0) return `no document could be loaded from ${source}: every file failed (see the errors above)`;
  const stats = await stat(source).catch(() => undefined);
  if (!stats?.isDirectory()) return `no document could be loaded from ${source}`;
  const pattern = stringOption(parsed, "pattern") ?? "**/*.txt";
  const everything = await listFolder(source, () => true);
  if (everything.length === 0) return `no document in ${source}: the folder holds no file`;
  const extensions = new Map<string, number>();
  for (const file of everything) {
    const extension = path.extname(file.relativePath).toLowerCase() || "(none)";
    extensions.set(extension, (extensions.get(extension) ?? 0) + 1);
  }
  const kinds = [...extensions].sort((left, right) => right[1] - left[1]).map(([extension, count]) => `${count} ${extension}`).join(", ");
  const likely = [...extensions].sort((left, right) => right[1] - left[1])[0][0];
  return `the pattern "${pattern}" matched no file in ${source} (it holds ${kinds}); try --pattern "**/*${likely === "(none)" ? "" : likely}"`;
}

export function loadOptionsFrom(parsed: ParsedArguments): LoadOptions {
  return {
    pattern: stringOption(parsed, "pattern"),
    encoding: stringOption(parsed, "encoding"),
    textField: stringOption(parsed, "text-field"),
    idField: stringOption(parsed, "id-field"),
    titleField: stringOption(parsed, "title-field"),
    authorField: stringOption(parsed, "author-field"),
    dateField: stringOption(parsed, "date-field"),
    recordsField: stringOption(parsed, "records"),
    nameFields: nameFieldsOption(parsed),
    maxFileBytes: parsed.options.has("max-file-mb") ? numberOption(parsed, "max-file-mb", 256) * 1024 * 1024 : undefined,
    followLinks: parsed.options.has("follow-links") ? "all" : "inside",
    strict: parsed.options.has("strict"),
    pinyin: !parsed.options.has("no-pinyin"),
    debris: !parsed.options.has("no-debris"),
    metadata: !parsed.options.has("no-metadata"),
    toSimplified: !parsed.options.has("no-simplified"),
    normalize: !parsed.options.has("no-normalize"),
  };
}

export const corpusCommand: Command = {
  name: "corpus",
  summary: "load and clean a corpus; one row per document",
  usage: `wenxi corpus [source=${defaultCorpusSource}] [--json|--csv] [--strict] [--pattern GLOB] [--encoding NAME] [--text-field NAME] [--title-field NAME] [--author-field NAME] [--date-field NAME] [--records PATH] [--name-fields "{date}_{speaker}"|SEP:FIELDS] [--max-file-mb N=256] [--follow-links] [--no-pinyin|--no-debris|--no-metadata|--no-simplified|--no-normalize]`,
  valueOptions: corpusLoadValueOptions,
  flagOptions: [...formatFlags, ...corpusLoadFlagOptions],
  examples: ["wenxi corpus", "wenxi corpus my-texts --json", "wenxi corpus news.csv --csv --text-field 正文", "wenxi corpus poet.tang.0.json --text-field paragraphs --author-field author", 'wenxi corpus government-reports --name-fields "{year}政府工作报告_{speaker}"', 'wenxi corpus my-texts --pattern "**/*.md"'],
  async run(parsed, output) {
    const source = parsed.positionals[0] ?? defaultCorpusSource;
    let corpus;
    try {
      corpus = await loadCorpus(source, loadOptionsFrom(parsed));
    } catch (error) {
      if (error instanceof CorpusLoadError) {
        output.stderr(`wenxi corpus: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    writeRows(parsed, output, corpusSummary(corpus).map((row) => ({ ...row })));
    if (corpus.errors.length > 0) {
      const listing = `${corpus.errors.length} error(s):\n${corpus.errors.map((error) => `  ${formatCorpusError(error)}`).join("\n")}\n`;
      // After a table the errors belong on screen; after JSON or CSV they must not mix into the data.
      if (parsed.options.has("json") || parsed.options.has("csv")) output.stderr(listing);
      else output.stdout(`\n${listing}`);
    }
    if (corpus.documents.length === 0) {
      output.stderr(`wenxi corpus: ${await emptyLoadMessage(source, parsed, corpus.errors.length)}\n`);
      return 1;
    }
    return 0;
  },
};
