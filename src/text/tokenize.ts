// Corpus → Tokens. Segments each document's cleaned text with nodejieba and keeps, per document,
// a typed array of term ids into one shared vocabulary and one of start offsets into `text`
// (as quanteda's tokens object keeps integer types and a vocabulary): no object per token.
// Filters are decided once per distinct term, so the cost per token is one Map lookup.
import { createHash } from "node:crypto";
import type { Corpus, DocumentMeta } from "../corpus/types";
import { cacheFolder, cacheKey, computeCached, recordCall, stableText } from "../shared/cache";
import { findPreset } from "./presets";
import { characterPieces, classicalStopwords, looksClassical } from "./classical";
import { addUserDictionary, addWords, cut, insertedWords, isChineseDigitRun, tag, userDictionaries, type SegmentationMode, type WordEntry } from "./segmenter";
import { resolveStopwords, withPresetStopwords, type StopwordOption } from "./stopwords";

export interface TokenizeOptions {
  /** `precise` (default), `search` (precise words plus their dictionary sub-words) or `full` (every dictionary word). */
  mode?: SegmentationMode;
  /** jieba's HMM for unknown words. Default true. */
  hmm?: boolean;
  /** Keep part-of-speech tags (precise mode). Default false, or true when a POS filter is given. */
  pos?: boolean;
  /** `default`, `none`, a list of words, or { default, files, words, keep }. */
  stopwords?: StopwordOption | Iterable<string>;
  /** Minimum length in characters. Default 1. */
  minLength?: number;
  /** Remove punctuation and symbols, full- and half-width. Default true. */
  removePunctuation?: boolean;
  /** Remove pure numbers and percentages (2022, 14.67%). Default true. */
  removeNumbers?: boolean;
  /** Remove Latin-script words (App, GDP). Default false: they are kept whole. */
  removeLatin?: boolean;
  /** Keep only tokens with these POS tags (prefixes: "n" keeps n, ns, nr, nz …). */
  includePos?: string[];
  /** Drop tokens with these POS tags (prefixes). */
  excludePos?: string[];
  /** More user dictionaries (jieba format) for this and later cuts. */
  userDictionaries?: string[];
  /** More words for this and later cuts. */
  words?: Array<string | WordEntry>;
  /**
   * A named preset (text/presets.ts): its user dictionary joins the segmenter (for this and later
   * cuts in this process) and its stopwords join the stopword list. Default: none.
   */
  preset?: string;
  /**
   * Classical Chinese (text/classical.ts): tokens are characters (`unit`), the stopwords the
   * classical particles (data/stopwords-classical.txt) unless given, jieba's HMM off when words are
   * cut. `"auto"`: when the texts look classical (looksClassical). Default false.
   */
  classical?: boolean | "auto";
  /** `word` (jieba) or `character` (each Han character a token). Default: `character` in classical mode, else `word`. */
  unit?: "word" | "character";
}

export interface TokenizedDocument {
  id: string;
  meta: DocumentMeta;
  /** Term ids into `Tokens.vocabulary`, in text order, after filtering. */
  termIds: Int32Array;
  /** UTF-16 offset in the document's `text` where each token starts; it ends at start + term length. */
  starts: Int32Array;
  /** Each token's index among the tokens before filtering (white space not counted): windows over these skip nothing. */
  positions: Int32Array;
  /** Tag ids into `Tokens.tags`, when tokenized with `pos`. */
  tagIds?: Uint16Array;
  /** Tokens before filtering (white space not counted). */
  tokensBeforeFiltering: number;
}

export interface TokenSettings {
  mode: SegmentationMode;
  hmm: boolean;
  pos: boolean;
  minLength: number;
  removePunctuation: boolean;
  removeNumbers: boolean;
  removeLatin: boolean;
  stopwordCount: number;
  /** SHA-256 of the stopwords, sorted and joined by newlines: which list made these tokens. */
  stopwordHash?: string;
  /** Tokens are jieba's words or single characters. */
  unit: "word" | "character";
  /** Classical mode, and why when it was chosen automatically. */
  classical: boolean;
  classicalReason?: string;
  includePos?: string[];
  excludePos?: string[];
}

export interface Tokens {
  vocabulary: string[];
  /** Term → id. */
  termIndex: Map<string, number>;
  /** POS tags seen (with `pos`). */
  tags: string[];
  documents: TokenizedDocument[];
  settings: TokenSettings;
}

/** What tokenize needs of a document: an id, metadata and the cleaned text. */
export interface TokenizableDocument {
  id: string;
  text: string;
  meta?: DocumentMeta;
}

const punctuationPattern = /^[\p{P}\p{S}\s]+$/u;
const numberPattern = /^[-+]?(?:\d+(?:[.,:/]\d+)*|\.\d+)(?:%|‰|％)?$/u;
const latinPattern = /^[A-Za-z][A-Za-z0-9.'&+-]*$/;

/** Whether a term passes the term-level filters (not POS, which depends on the occurrence). */
export function termPassesFilters(term: string, settings: TokenSettings, stopwords: ReadonlySet<string>): boolean {
  if (term.trim() === "") return false;
  if (settings.removePunctuation && punctuationPattern.test(term)) return false;
  if (settings.removeNumbers && (numberPattern.test(term) || isChineseDigitRun(term))) return false;
  if (settings.removeLatin && latinPattern.test(term)) return false;
  if (settings.minLength > 1 && [...term].length < settings.minLength) return false;
  return !stopwords.has(term);
}

function tagMatches(tagName: string, prefixes: string[]): boolean {
  return prefixes.some((prefix) => tagName.startsWith(prefix));
}

export function resolveSettings(options: TokenizeOptions): TokenSettings {
  const posFilter = options.includePos !== undefined || options.excludePos !== undefined;
  const mode = options.mode ?? "precise";
  const pos = options.pos ?? posFilter;
  if (pos && mode !== "precise") throw new Error(`part-of-speech tags need precise mode, not "${mode}"`);
  if (options.classical === "auto") throw new Error('classical: "auto" is decided by tokenize from the texts (resolveClassical)');
  const classical = options.classical ?? false;
  const unit = options.unit ?? (classical ? "character" : "word");
  if (unit !== "word" && unit !== "character") throw new Error(`unit is "word" or "character", not "${unit}"`);
  if (pos && unit === "character") throw new Error("part-of-speech tags need word tokens (unit: \"word\")");
  return {
    mode,
    unit,
    classical,
    hmm: options.hmm ?? !classical,
    pos,
    minLength: options.minLength ?? 1,
    removePunctuation: options.removePunctuation ?? true,
    removeNumbers: options.removeNumbers ?? true,
    removeLatin: options.removeLatin ?? false,
    stopwordCount: 0,
    includePos: options.includePos,
    excludePos: options.excludePos,
  };
}

/**
 * Characters cut in one nodejieba call. cut() returns every word of its input at once (tens of
 * bytes of heap each), so a 100 MB document cut whole needed gigabytes; cut in pieces that end
 * at a line break, where jieba always breaks, the words are the same.
 */
const maxCutCharacters = 1_000_000;

/** The text in pieces of at most `size` characters, each ending just after a line break where one is found. */
export function* chunksAtLineEnds(text: string, size: number): Generator<string> {
  let start = 0;
  while (text.length - start > size) {
    const lineEnd = text.lastIndexOf("\n", start + size - 1);
    const end = lineEnd >= start ? lineEnd + 1 : start + size;
    yield text.slice(start, end);
    start = end;
  }
  yield start === 0 ? text : text.slice(start);
}

/** Growable Int32 buffer reused across documents, so each document costs one exact-size copy. */
class IntBuffer {
  values = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
  take(): Int32Array {
    const result = this.values.slice(0, this.length);
    this.length = 0;
    return result;
  }
}

/** Tokens with start offsets for one document's text, in text order: tagged, search or full mode. */
function segmentWithOffsets(text: string, settings: TokenSettings, visit: (word: string, start: number, tagName?: string) => void): void {
  if (settings.pos) {
    let offset = 0;
    for (const { word, tag: tagName } of tag(text)) {
      const start = text.startsWith(word, offset) ? offset : text.indexOf(word, offset);
      visit(word, start, tagName);
      offset = start + word.length;
    }
    return;
  }
  // (Precise mode without tags is TokenCollector.add's own tight loop.)
  if (settings.mode === "search") {
    // Search mode = each precise word, preceded by its dictionary sub-words (cut for search on the word alone).
    let offset = 0;
    for (const word of cut(text, "precise", settings.hmm)) {
      if ([...word].length > 2) {
        const parts = cut(word, "search", settings.hmm).map((part) => ({ part, at: word.indexOf(part) })).filter(({ at }) => at >= 0);
        parts.sort((left, right) => left.at - right.at || left.part.length - right.part.length);
        for (const { part, at } of parts) if (part !== word) visit(part, offset + at);
      }
      visit(word, offset);
      offset += word.length;
    }
    return;
  }
  // Full mode: every dictionary word, in order of start.
  let cursor = 0;
  for (const word of cut(text, "full", settings.hmm)) {
    const start = text.indexOf(word, cursor);
    if (start < 0) continue;
    visit(word, start);
    cursor = start;
  }
}

/** A tokenizer that keeps its vocabulary across documents: tokenize uses one per call. */
export class TokenCollector {
  readonly vocabulary: string[] = [];
  readonly termIndex = new Map<string, number>();
  readonly tags: string[] = [];
  private readonly tagIndex = new Map<string, number>();
  /** Term → id, or -1 for a term the filters drop. */
  private readonly decided = new Map<string, number>();
  private readonly termIds = new IntBuffer();
  private readonly starts = new IntBuffer();
  private readonly positions = new IntBuffer();
  private readonly tagIds = new IntBuffer();

  constructor(
    readonly settings: TokenSettings,
    readonly stopwords: ReadonlySet<string>,
  ) {}

  /** The vocabulary id of a term; -1 when the filters drop it, -2 for white space (not a token at all). */
  termId(term: string): number {
    let id = this.decided.get(term);
    if (id === undefined) {
      if (term.trim() === "") id = -2;
      else id = termPassesFilters(term, this.settings, this.stopwords) ? this.vocabulary.length : -1;
      if (id >= 0) {
        this.vocabulary.push(term);
        this.termIndex.set(term, id);
      }
      this.decided.set(term, id);
    }
    return id;
  }

  tagId(tagName: string): number {
    let id = this.tagIndex.get(tagName);
    if (id === undefined) {
      id = this.tags.length;
      this.tags.push(tagName);
      this.tagIndex.set(tagName, id);
    }
    return id;
  }

  add(document: TokenizableDocument): TokenizedDocument {
    const { settings } = this;
    let before = 0;
    // One token with its start (and tag): counted, then kept unless a filter drops it.
    const keep = (word: string, start: number, tagName?: string) => {
      const id = this.termId(word);
      if (id === -2) return;
      before++;
      if (id < 0) return;
      if (tagName !== undefined) {
        if (settings.includePos && !tagMatches(tagName, settings.includePos)) return;
        if (settings.excludePos && tagMatches(tagName, settings.excludePos)) return;
        this.tagIds.push(this.tagId(tagName));
      }
      this.termIds.push(id);
      this.starts.push(start);
      this.positions.push(before - 1);
    };
    if (settings.unit === "character") characterPieces(document.text, keep);
    else if (settings.mode === "precise" && !settings.pos) {
      // The hot path, kept as one tight loop: precise tokens concatenate back to the text, so a
      // token's start is the running sum of lengths.
      const decided = this.decided;
      let offset = 0;
      for (const chunk of chunksAtLineEnds(document.text, maxCutCharacters)) {
        const words = cut(chunk, "precise", settings.hmm);
        for (let index = 0; index < words.length; index++) {
          const word = words[index];
          let id = decided.get(word);
          if (id === undefined) id = this.termId(word);
          if (id >= 0) {
            this.termIds.push(id);
            this.starts.push(offset);
            this.positions.push(before);
          }
          if (id !== -2) before++;
          offset += word.length;
        }
      }
    } else segmentWithOffsets(document.text, settings, keep);
    return {
      id: document.id,
      meta: document.meta ?? { encoding: "utf-8", script: "simplified" },
      termIds: this.termIds.take(),
      starts: this.starts.take(),
      positions: this.positions.take(),
      ...(settings.pos ? { tagIds: Uint16Array.from(this.tagIds.take()) } : {}),
      tokensBeforeFiltering: before,
    };
  }
}

function documentsOf(source: Corpus | TokenizableDocument[]): TokenizableDocument[] {
  return Array.isArray(source) ? source : source.documents;
}

export function prepareTokenizer(options: TokenizeOptions & { classicalReason?: string }): TokenCollector {
  const preset = findPreset(options.preset);
  if (preset?.userDictionary) addUserDictionary(preset.userDictionary);
  if (options.userDictionaries) addUserDictionary(...options.userDictionaries);
  if (options.words) addWords(options.words);
  const settings = resolveSettings(options);
  const given = options.stopwords ?? "default";
  const stopwords = settings.classical && given === "default" ? classicalStopwords() : withPresetStopwords(resolveStopwords(given), given, preset);
  if (options.classicalReason) settings.classicalReason = options.classicalReason;
  settings.stopwordCount = stopwords.size;
  settings.stopwordHash = createHash("sha256").update([...stopwords].sort().join("\n")).digest("hex");
  return new TokenCollector(settings, stopwords);
}

/** Options with `classical: "auto"` decided from the texts (the reason kept for the settings). */
export function resolveClassical(options: TokenizeOptions, documents: ReadonlyArray<{ text: string }>): TokenizeOptions & { classicalReason?: string } {
  if (options.classical !== "auto") return options;
  const evidence = looksClassical(documents);
  return { ...options, classical: evidence.classical, classicalReason: evidence.reason };
}

/** Segments every document of a corpus (or a list of { id, text, meta }). */
export function tokenize(source: Corpus | TokenizableDocument[], given: TokenizeOptions = {}): Tokens {
  const documents = documentsOf(source);
  const options = resolveClassical(given, documents);
  const collector = prepareTokenizer(options);
  // Within a report run (WENXI_CACHE_DIR): the same documents, options and dictionaries give the tokens another notebook made.
  const segment = () => renumberByFirstOccurrence({ vocabulary: collector.vocabulary, termIndex: collector.termIndex, tags: collector.tags, documents: documents.map((document) => collector.add(document)), settings: collector.settings });
  if (!cacheFolder()) return segment();
  if (!Array.isArray(source)) recordCall(source, "tokenize", given);
  return computeCached("tokens", cacheKey(documentsDigest(documents), stableText(collector.settings), stableText(userDictionaries()), stableText(insertedWords())), segment);
}

/** A SHA-256 of documents' ids, texts and metadata: the part of a cache key that says which documents. */
export function documentsDigest(documents: ReadonlyArray<{ id: string; text: string; meta?: unknown }>): string {
  const texts = createHash("sha256");
  for (const document of documents) texts.update(document.id).update("\u0000").update(document.text).update("\u0000").update(stableText(document.meta ?? {}));
  return texts.digest("hex");
}

/**
 * Renumbers vocabulary and tags by first kept occurrence in document order, so that the same
 * documents give the same ids however they were segmented (one thread or many), and the
 * vocabulary holds only terms that occur.
 */
export function renumberByFirstOccurrence(tokens: Tokens): Tokens {
  const termOrder = new Int32Array(tokens.vocabulary.length).fill(-1);
  const vocabulary: string[] = [];
  const tagOrder = new Int32Array(tokens.tags.length).fill(-1);
  const tags: string[] = [];
  for (const document of tokens.documents) {
    const { termIds, tagIds } = document;
    for (let position = 0; position < termIds.length; position++) {
      const old = termIds[position];
      if (termOrder[old] < 0) {
        termOrder[old] = vocabulary.length;
        vocabulary.push(tokens.vocabulary[old]);
      }
      termIds[position] = termOrder[old];
      if (tagIds) {
        const oldTag = tagIds[position];
        if (tagOrder[oldTag] < 0) {
          tagOrder[oldTag] = tags.length;
          tags.push(tokens.tags[oldTag]);
        }
        tagIds[position] = tagOrder[oldTag];
      }
    }
  }
  return { ...tokens, vocabulary, termIndex: new Map(vocabulary.map((term, id) => [term, id])), tags };
}

/** The terms of one tokenized document, as strings. */
export function documentTerms(tokens: Tokens, document: TokenizedDocument): string[] {
  return Array.from(document.termIds, (id) => tokens.vocabulary[id]);
}

/** Total tokens (after filtering) across documents. */
export function tokenCount(tokens: Tokens): number {
  return tokens.documents.reduce((sum, document) => sum + document.termIds.length, 0);
}
