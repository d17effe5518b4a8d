// wenxi (文析): analyse Chinese-language text corpora. The public API, named here one by one in the
// order data flows: corpus (load, clean, describe) → tokens → tables → chart specs → display and
// hand-over. Every name below has a line and an example in the README's "Public API" table; the
// report runner, Jupyter client and kernelspec are under `wenxi/report` (src/report/index.ts).
// Anything not named here is plumbing and may change without notice.

// Corpus: load, clean, describe.
export { loadCorpus, corpusFromTexts, CorpusLoadError, type LoadOptions, type DocumentInput } from "./corpus/load";
export type { Corpus, CorpusSample, Document, DocumentMeta, CorpusError, CorpusErrorKind, QualityFlag, QualityFlagKind, CleaningLogEntry, CleaningStep, Script } from "./corpus/types";
export { describeCorpus, groupingField } from "./corpus/describe";
export { corpusSummary, type CorpusSummaryRow } from "./corpus/summary";
export { documentLabels, documentOrder, type LabelOptions } from "./corpus/labels";
export { toSimplified } from "./corpus/script";

// Tokens: segmentation with nodejieba, dictionaries, stopwords.
export { tokenize, tokenCount, type Tokens, type TokenizedDocument, type TokenizeOptions } from "./text/tokenize";
export { tokenizeParallel, type ParallelOptions } from "./text/parallel";
export { cut, readUserDictionary, type SegmentationMode, type WordEntry } from "./text/segmenter";
export { presets, type Preset } from "./text/presets";
export { looksClassical, type ClassicalEvidence } from "./text/classical";
export type { StopwordOption, StopwordSpec } from "./text/stopwords";

// Tables: plain typed rows computed from Tokens (a DataFrame on request).
export { termFrequency, type TermFrequencyRow, type TermFrequencyOptions } from "./stats/frequency";
export { tfidf, type TfidfRow, type TfidfOptions } from "./stats/tfidf";
export { keywords, type KeywordRow, type KeywordOptions, type KeywordMethod } from "./stats/keywords";
export { ngrams, type NgramRow, type NgramOptions } from "./stats/ngrams";
export { collocations, type CollocationRow, type CollocationOptions, type CollocationMeasure } from "./stats/collocations";
export { keyness, type KeynessRow, type KeynessOptions } from "./stats/keyness";
export { kwic, type KwicRow, type KwicOptions } from "./stats/kwic";
export { dispersion, type DispersionResult, type DispersionPosition, type DispersionMeasure } from "./stats/dispersion";
export { phraseCounts, type PhraseCountRow } from "./stats/phrases";
export { frequencyByPeriod, changingTerms, distinctiveTerms, type PeriodRow, type PeriodOptions, type ChangingTerms } from "./stats/periods";
export { lexicalProfile, type ProfileRow } from "./stats/profile";
export { loadDictionary, dictionaryCounts, dictionaryMatches, exampleDictionaryPath, type Dictionary, type DictionaryRow, type DictionaryMatchRow } from "./stats/dictionary";
export { entities, type EntityRow, type EntityType } from "./stats/entities";
export { documentSimilarity, nearestNeighbours, mostSimilarPairs, clusterDocuments, type NeighbourRow, type NeighbourOptions, type SimilarityRow, type SimilarityOptions, type Clustering, type Merge } from "./stats/similarity";
export { nearDuplicates, type NearDuplicateRow, type NearDuplicateOptions } from "./stats/near-duplicates";
export { cooccurrenceNetwork, type Network, type NetworkNode, type NetworkEdge, type NetworkOptions, type NetworkUnit, type NetworkMeasure } from "./stats/network";
export { topicModel, topicsByGroup, type TopicModel, type TopicOptions, type TopicTermRow, type DocumentTopicRow } from "./stats/topics";
export { streamTermCounts, frequencyFromCounts, type StreamOptions, type StreamedCounts, type GroupCounts } from "./stats/stream";
export { toDataFrame } from "./stats/dataframe";

// Chart specs (Vega-Lite 5) from tables, and rendering them.
export {
  topTermsChart,
  termsByDocumentChart,
  tfidfHeatmap,
  keynessOverviewChart,
  keynessChart,
  dispersionChart,
  collocationChart,
  frequencyOverTimeChart,
  termsOverTimeChart,
  wordCloud,
  type TopTermsOptions,
  type TermsByDocumentOptions,
  type HeatmapOptions,
  type KeynessOverviewOptions,
  type KeynessChartOptions,
  type DispersionChartOptions,
  type CollocationChartOptions,
  type FrequencyOverTimeOptions,
  type TermsOverTimeOptions,
  type WordCloudOptions,
} from "./charts/builders";
export { networkChart, similarityChart, dendrogramChart, topicTermsChart, topicSharesChart, valueBarChart } from "./charts/structure";
export { toSVG, toPNG, saveChart, type RenderOptions, type PngOptions } from "./charts/render";
export type { VegaLiteSpec } from "./charts/theme";

// Display in a notebook (tslab).
export { show, say, finding, type ShowOptions } from "./notebook/display";

// Hand-over: CSV for spreadsheets, Parquet for DuckDB, Spark and Polars.
export { formatCsv } from "./format/tables";
export { exportParquet, type ExportOptions, type ExportResult } from "./export/parquet";
