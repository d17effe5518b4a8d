// The statistics layer's public surface: tables computed from Tokens.
export { termFrequency, type TermFrequencyRow, type TermFrequencyOptions } from "./frequency";
export { documentTermMatrix, matrixCount, type DocumentTermMatrix } from "./matrix";
export { tfidf, fitIdf, loadIdf, saveIdf, jiebaIdf, type IdfTable, type TfidfRow, type TfidfOptions } from "./tfidf";
export { keywords, type KeywordRow, type KeywordOptions, type KeywordMethod } from "./keywords";
export { ngrams, type NgramRow, type NgramOptions } from "./ngrams";
export { collocations, associationMeasures, type CollocationRow, type CollocationOptions, type CollocationMeasure } from "./collocations";
export { keyness, keynessStatistics, type KeynessRow, type KeynessOptions } from "./keyness";
export { kwic, type KwicRow, type KwicOptions } from "./kwic";
export { dispersion, dispersionMeasures, type DispersionResult, type DispersionPosition, type DispersionMeasure } from "./dispersion";
export { chiSquarePValue, erfc } from "./distributions";
export { selectDocuments, type DocumentSelector } from "./select";
export { toDataFrame } from "./dataframe";
export { compareText } from "./order";
export { streamTermCounts, frequencyFromCounts, type StreamOptions, type StreamedCounts, type GroupCounts } from "./stream";
export { frequencyByPeriod, changingTerms, distinctiveTerms, periodsOf, type PeriodRow, type PeriodOptions, type ChangingTerms } from "./periods";
export { lexicalProfile, movingAverageTtr, mtld, type ProfileRow } from "./profile";
export { dictionaryCounts, dictionaryMatches, loadDictionary, exampleDictionaryPath, type Dictionary, type DictionaryRow, type DictionaryMatchRow } from "./dictionary";
export { entities, entityType, type EntityRow, type EntityType } from "./entities";
