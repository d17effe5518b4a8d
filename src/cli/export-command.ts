// `wenxi export --parquet DIR`: segments the corpus once and writes documents, doc_terms (and
// with --tokens every token) as Parquet with a manifest, for DuckDB, Spark or Polars; --shard K/N
// exports one share of the files, so many processes or hosts can split a large folder.
import { defaultCorpusSource } from "../corpus/load";
import { exportParquet } from "../export/parquet";
import { UsageError } from "./arguments";
import { stringOption, type Command } from "./command";
import { corpusLoadFlagOptions, corpusLoadValueOptions, loadOptionsFrom } from "./corpus-command";
import { loadFrom, tokenizeFlagOptions, tokenizeOptionsFrom, tokensOf, tokenizeValueOptions } from "./analysis-commands";

export const exportCommand: Command = {
  name: "export",
  summary: "segment once and write documents, doc_terms (and tokens) as Parquet with a manifest",
  usage: `wenxi export [source=${defaultCorpusSource}] --parquet DIR [--tokens] [--shard K/N] [tokenize and corpus options as for freq]`,
  valueOptions: ["parquet", "shard", ...tokenizeValueOptions, ...corpusLoadValueOptions],
  flagOptions: ["tokens", ...tokenizeFlagOptions, ...corpusLoadFlagOptions],
  examples: ["wenxi export --parquet out/parquet", "wenxi export news/ --parquet out/parquet --tokens", "wenxi export news/ --parquet out/parquet --shard 2/8"],
  async run(parsed, output) {
    const folder = stringOption(parsed, "parquet");
    if (!folder) throw new UsageError("export needs --parquet DIR");
    const shardText = stringOption(parsed, "shard");
    let shard: { index: number; count: number } | undefined;
    if (shardText !== undefined) {
      const match = /^(\d+)\/(\d+)$/.exec(shardText.trim());
      if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, got "${shardText}"`);
      shard = { index: Number(match[1]), count: Number(match[2]) };
    }
    // Each stage said on stderr as it starts, so a long export shows where it is.
    output.stderr(`loading ${parsed.positionals[0] ?? "data/corpus"}${shard ? ` (share ${shard.index} of ${shard.count})` : ""}…\n`);
    const corpus = await loadFrom(parsed, output, { shard });
    if (!corpus) return 1;
    output.stderr(`segmenting ${corpus.documents.length.toLocaleString("en-US")} documents…\n`);
    const tokens = await tokensOf(corpus, tokenizeOptionsFrom(parsed));
    output.stderr(`writing Parquet to ${folder}…\n`);
    const { pattern: _pattern, strict: _strict, ...cleaning } = loadOptionsFrom(parsed);
    const result = await exportParquet(corpus, tokens, folder, { tokens: parsed.options.has("tokens"), shard, cleaning });
    output.stdout(`wrote ${result.files.length} Parquet files and ${result.manifest}: ${result.rows.documents} documents, ${result.rows.docTerms} document-term rows${result.rows.tokens > 0 ? `, ${result.rows.tokens} tokens` : ""}\n`);
    return 0;
  },
};
