// Commands beyond counting: co-occurrence network edges (or nodes), document similarity,
// near-duplicates, topics, entities, dictionary measures and the lexical profile, as rows (table,
// CSV or JSON) like every other analysis.
import { cooccurrenceNetwork, type NetworkMeasure, type NetworkUnit } from "../stats/network";
import { mostSimilarPairs, nearestNeighbours } from "../stats/similarity";
import { nearDuplicates } from "../stats/near-duplicates";
import { topicModel } from "../stats/topics";
import { entities } from "../stats/entities";
import { dictionaryCounts, dictionaryMatches, loadDictionary } from "../stats/dictionary";
import { findPreset, presets } from "../text/presets";
import { lexicalProfile } from "../stats/profile";
import type { Row } from "../format/tables";
import { UsageError, type ParsedArguments } from "./arguments";
import { numberOption, stringOption } from "./command";
import { analysisCommand, presetOption, rows, tokenizeOptionsFrom, tokensOf } from "./analysis-commands";


/** The first --top rows when the option is given. */
const limited = (parsed: ParsedArguments, items: Row[]): Row[] => (parsed.options.has("top") ? items.slice(0, numberOption(parsed, "top", 20)) : items);

function oneOf<T extends string>(parsed: ParsedArguments, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringOption(parsed, name) ?? fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} is ${allowed.join(", ")}, not "${value}"`);
  return value as T;
}

export const networkCommand = analysisCommand(
  "network",
  "co-occurrence network: edges (or --nodes) with Louvain communities",
  "[--unit sentence|paragraph|document] [--measure jaccard|count|pmi|logLikelihood] [--terms N=60] [--edges N=100] [--min-count N=2] [--nodes]",
  ["unit", "measure", "terms", "edges", "min-count"],
  ["nodes"],
  async (corpus, parsed) => {
    const network = cooccurrenceNetwork(corpus, await tokensOf(corpus, tokenizeOptionsFrom(parsed)), {
      unit: oneOf<NetworkUnit>(parsed, "unit", ["sentence", "paragraph", "document"], "sentence"),
      measure: oneOf<NetworkMeasure>(parsed, "measure", ["jaccard", "count", "pmi", "logLikelihood"], "jaccard"),
      nodes: numberOption(parsed, "terms", 60),
      edges: numberOption(parsed, "edges", 100),
      minCount: numberOption(parsed, "min-count", 2),
    });
    // The partition's modularity (Newman 2006's Q, as networkx.community.modularity) on every row, so --json and --csv carry it.
    const modularity = network.modularity;
    return limited(parsed, parsed.options.has("nodes") ? rows(network.nodes.map((node) => ({ ...node, community: node.community + 1, modularity }))) : rows(network.edges.map((edge) => ({ ...edge, modularity }))));
  },
);

export const similarityCommand = analysisCommand(
  "similarity",
  "document pairs by cosine over TF-IDF (or Jaccard), most similar first; --neighbours K for each document's K nearest; --duplicates for copies",
  "[--measure cosine|jaccard] [--neighbours K] [--duplicates [--threshold 0.5]]",
  ["measure", "threshold", "neighbours"],
  ["duplicates"],
  async (corpus, parsed) => {
    if (parsed.options.has("duplicates")) {
      const threshold = stringOption(parsed, "threshold") === undefined ? 0.5 : numberOption(parsed, "threshold", 0.5, { integer: false, min: 0 });
      return limited(parsed, rows(nearDuplicates(corpus, { threshold })));
    }
    const measure = oneOf(parsed, "measure", ["cosine", "jaccard"] as const, "cosine");
    const tokens = await tokensOf(corpus, tokenizeOptionsFrom(parsed));
    // Both from an inverted index (nearestNeighbours): no n² pairs, whatever the corpus's size.
    if (parsed.options.has("neighbours")) return rows(nearestNeighbours(tokens, { measure, k: numberOption(parsed, "neighbours", 10) }));
    return rows(mostSimilarPairs(tokens, { measure, top: numberOption(parsed, "top", 20) }));
  },
);

export const topicsCommand = analysisCommand(
  "topics",
  "LDA topics (collapsed Gibbs, seeded): each topic's top terms, or --documents for shares",
  "[--k N=5] [--iterations N=300] [--seed N=1] [--documents]",
  ["k", "iterations", "seed"],
  ["documents"],
  async (corpus, parsed) => {
    const model = topicModel(await tokensOf(corpus, tokenizeOptionsFrom(parsed)), {
      topics: numberOption(parsed, "k", 5),
      iterations: numberOption(parsed, "iterations", 300),
      seed: numberOption(parsed, "seed", 1, { min: 0 }),
      top: numberOption(parsed, "top", 10),
    });
    return parsed.options.has("documents") ? rows(model.documents) : rows(model.terms.map((row) => ({ ...row, coherence: model.coherence[row.topic - 1] })));
  },
);

export const entitiesCommand = analysisCommand(
  "entities",
  "people, places, organisations and other proper nouns from jieba's part-of-speech tags",
  "[--type person|place|organisation|other] [--min-count N=1]",
  ["type", "min-count"],
  [],
  async (corpus, parsed) => {
    const type = stringOption(parsed, "type");
    const types = type === undefined ? undefined : [oneOf(parsed, "type", ["person", "place", "organisation", "other"] as const, "person")];
    return rows(entities(await tokensOf(corpus, { ...tokenizeOptionsFrom(parsed), pos: true }), { types, minCount: numberOption(parsed, "min-count", 1), top: numberOption(parsed, "top", 20) }));
  },
);

export const dictionaryCommand = analysisCommand(
  "dictionary",
  "concept counts from a dictionary (YAML/JSON/CSV, * wildcards), per corpus or --by; --matches to audit",
  "--dictionary FILE (or a --preset's) [--by document|FIELD] [--matches]",
  ["dictionary", "by"],
  ["matches"],
  async (corpus, parsed) => {
    const file = stringOption(parsed, "dictionary") ?? findPreset(presetOption(parsed))?.conceptDictionary;
    if (!file) throw new UsageError(`give a concept dictionary: --dictionary FILE (YAML, JSON or CSV), or --preset NAME for a preset's (${Object.keys(presets).join(", ")})`);
    const concepts = loadDictionary(file);
    const tokens = await tokensOf(corpus, tokenizeOptionsFrom(parsed));
    return limited(parsed, parsed.options.has("matches") ? rows(dictionaryMatches(tokens, concepts)) : rows(dictionaryCounts(tokens, concepts, { by: stringOption(parsed, "by"), corpus })));
  },
);

export const profileCommand = analysisCommand("profile", "lexical profile per document: TTR, MATTR, MTLD, sentence length, common characters", "[--window N=50]", ["window"], [], async (corpus, parsed) =>
  limited(parsed, rows(lexicalProfile(corpus, await tokensOf(corpus, tokenizeOptionsFrom(parsed)), { window: numberOption(parsed, "window", 50) }))),
);
