// `wenxi corpus [source]`: one row per document, then the files that could not be loaded.
import { CorpusLoadError, defaultCorpusSource, formatCorpusError, loadCorpus, type LoadOptions } from "../corpus/load";
import { corpusSummary } from "../corpus/summary";
import { formatFlags, numberOption, stringOption, writeRows, type Command } from "./command";
import { UsageError, type ParsedArguments } from "./arguments";
import { nameFieldsReader, parseNameFieldsSpec, type NameFieldsSpec } from "../corpus/name-fields";

export const corpusLoadValueOptions = ["pattern", "encoding", "text-field", "id-field", "title-field", "max-file-mb", "name-fields"];
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

export function loadOptionsFrom(parsed: ParsedArguments): LoadOptions {
  return {
    pattern: stringOption(parsed, "pattern"),
    encoding: stringOption(parsed, "encoding"),
    textField: stringOption(parsed, "text-field"),
    idField: stringOption(parsed, "id-field"),
    titleField: stringOption(parsed, "title-field"),
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
  usage: `wenxi corpus [source=${defaultCorpusSource}] [--json|--csv] [--strict] [--pattern GLOB] [--encoding NAME] [--text-field NAME] [--name-fields "{date}_{speaker}"|SEP:FIELDS] [--max-file-mb N=256] [--follow-links] [--no-pinyin|--no-debris|--no-metadata|--no-simplified|--no-normalize]`,
  valueOptions: corpusLoadValueOptions,
  flagOptions: [...formatFlags, ...corpusLoadFlagOptions],
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
      output.stderr(`wenxi corpus: no document could be loaded from ${source}\n`);
      return 1;
    }
    return 0;
  },
};
