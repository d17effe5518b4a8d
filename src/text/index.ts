// The text layer's public surface: segmentation, dictionaries, stopwords, tokens.
export { tokenize, documentTerms, tokenCount, type Tokens, type TokenizedDocument, type TokenizeOptions, type TokenSettings, type TokenizableDocument } from "./tokenize";
export { addWords, addUserDictionary, userDictionaries, insertedWords, segmenterLoaded, cut, tag, defaultUserDictionary, readUserDictionary, type SegmentationMode, type WordEntry } from "./segmenter";
export { defaultStopwords, resolveStopwords, readWordList, type StopwordOption, type StopwordSpec } from "./stopwords";
export { tokenizeParallel, closeSegmenterPool, type ParallelOptions } from "./parallel";
