// The corpus layer's public surface: load, clean and inspect documents.
export * from "./types";
export { loadCorpus, createDocument, corpusFromTexts, CorpusLoadError, formatCorpusError, defaultCorpusSource, type LoadOptions, type DocumentInput, type DocumentOptions } from "./load";
export { cleanText, type CleaningOptions, type CleanedText } from "./clean";
export { defaultDebrisRules, type DebrisRule, type DebrisContext } from "./debris";
export { decodeBytes, type DecodeOutcome, type DecodeOptions } from "./decode";
export { parseDate, readMetadataLine, type MetadataFields } from "./metadata";
export { detectScript, toSimplified, toTraditional } from "./script";
export { findGarbledSpans } from "./quality";
export { corpusSummary, type CorpusSummaryRow } from "./summary";
export { documentLabels, documentOrder, type LabelOptions } from "./labels";
export { describeCorpus, dateRange, fieldCounts, groupingField } from "./describe";
export { parseDateValue, findDateline, arabicDate, yearAndDecade, type DatePrecision, type DateSource } from "./dates";
export { nameFieldsReader, parseNameFieldsSpec, type NameFieldsSpec, type NameFieldsReader } from "./name-fields";
