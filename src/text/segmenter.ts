// The one nodejieba of this process. nodejieba loads its dictionaries once (~1 s, ~250 MB);
// loading again reloads everything and wipes inserted words, and a missing dictionary path
// aborts the whole process from C++. So: every path is checked first, the first cut loads the
// main dictionary with all user dictionaries merged (cppjieba accepts "a|b"), and dictionaries
// or words added after that are inserted word by word with insertWord. What cannot change after
// the first cut: word frequencies of later dictionaries (inserted words get jieba's default
// weight), and nodejieba's TextRank, which only sees dictionaries loaded at start.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as nodejieba from "nodejieba";


export type SegmentationMode = "precise" | "search" | "full";

export interface WordEntry {
  word: string;
  tag?: string;
}

interface SegmenterState {
  loaded: boolean;
  userDictionaries: string[];
  pendingWords: WordEntry[];
  insertedWords: Map<string, string | undefined>;
}

const state: SegmenterState = {
  loaded: false,
  // jieba's own dictionary alone by default: domain terms come with a preset or the user's dictionaries.
  userDictionaries: [],
  pendingWords: [],
  insertedWords: new Map(),
};

function checkDictionary(file: string): string {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new Error(`user dictionary "${file}" does not exist`);
  if (absolute.includes("|") || absolute.includes(";")) throw new Error(`user dictionary path "${file}" may not contain | or ; (nodejieba splits paths on them)`);
  return absolute;
}

/** Reads a dictionary in jieba's format: `word [frequency] [tag]`, one per line; # starts a comment. */
export function readUserDictionary(file: string): WordEntry[] {
  const entries: WordEntry[] = [];
  readFileSync(checkDictionary(file), "utf8")
    .split(/\r?\n/)
    .forEach((line, index) => {
      const content = line.replace(/^\ufeff/, "").trim();
      if (content === "" || content.startsWith("#")) return;
      const parts = content.split(/\s+/);
      const word = parts[0];
      const tag = parts.slice(1).find((part) => !/^\d+$/.test(part));
      if (parts.length > 3) throw new Error(`${file}:${index + 1}: expected "word [frequency] [tag]", got "${content}"`);
      entries.push({ word, tag });
    });
  return entries;
}

/** Whether nodejieba has loaded its dictionaries in this process. */
export function segmenterLoaded(): boolean {
  return state.loaded;
}

/** The user dictionaries in force, in the order they were given. */
export function userDictionaries(): string[] {
  return [...state.userDictionaries];
}

/**
 * Adds user dictionary files. Before the first cut they are merged into nodejieba's load (their
 * frequencies count); after it, their words are inserted one by one.
 */
export function addUserDictionary(...files: string[]): void {
  for (const file of files) {
    const absolute = checkDictionary(file);
    if (state.userDictionaries.includes(absolute)) continue;
    state.userDictionaries.push(absolute);
    if (state.loaded) for (const entry of readUserDictionary(absolute)) insert(entry);
  }
}

/** Adds words (optionally with a part-of-speech tag) to the segmenter, at any time. */
export function addWords(words: Array<string | WordEntry>): void {
  for (const item of words) {
    const entry = typeof item === "string" ? { word: item } : item;
    if (entry.word.trim() === "" || /\s/.test(entry.word)) throw new Error(`cannot add "${entry.word}": a word may not be empty or contain white space`);
    if (state.loaded) insert(entry);
    else state.pendingWords.push(entry);
  }
}

function insert(entry: WordEntry): void {
  if (entry.tag === undefined) nodejieba.insertWord(entry.word);
  else nodejieba.insertWord(entry.word, entry.tag);
  state.insertedWords.set(entry.word, entry.tag);
}

/**
 * Loads nodejieba once, with the merged user dictionaries, then inserts words added before.
 * `cutOnly` (for worker threads, which never extract keywords) skips parsing jieba's 259,000-line
 * IDF table and its stopword list by handing nodejieba one-line stand-ins: a faster start.
 */
export function ensureSegmenterLoaded(options: { cutOnly?: boolean } = {}): void {
  if (state.loaded) return;
  const dictionaries = state.userDictionaries.map(checkDictionary);
  if (options.cutOnly) {
    const folder = mkdtempSync(path.join(tmpdir(), "wenxi-cut-only-"));
    try {
      const idfDict = path.join(folder, "idf.txt");
      const stopWordDict = path.join(folder, "stopwords.txt");
      writeFileSync(idfDict, "的 1.0\n");
      writeFileSync(stopWordDict, "的\n");
      nodejieba.load({ ...(dictionaries.length > 0 ? { userDict: dictionaries.join("|") } : {}), idfDict, stopWordDict });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  } else nodejieba.load(dictionaries.length > 0 ? { userDict: dictionaries.join("|") } : {});
  state.loaded = true;
  for (const entry of state.pendingWords) insert(entry);
  state.pendingWords = [];
}

/** Words added with addWords or late dictionaries (TextRank does not see these). */
export function insertedWords(): string[] {
  return [...state.insertedWords.keys()];
}

/** Cuts text in a mode; tokens of precise mode concatenate back to the text. HMM on by default. */
/**
 * Numbers written in Chinese digits, one character per digit (一九五〇, 二〇二三): four or more
 * digits, or any run holding 〇 (used for nothing but zero). jieba cuts them into fragments
 * (一九五 / 〇 / 年), which then rank as keywords; wenxi cuts the text around each run and keeps
 * the run whole, as one number (removed with the other numbers unless numbers are kept).
 */
const chineseDigits = /[〇零一二三四五六七八九]+/g;

/** Whether a maximal run of Chinese digits is kept whole: four digits or more, or any holding 〇. */
function keptWhole(run: string): boolean {
  return run.length >= 4 || run.includes("〇");
}

/** Whether a term is such a run of Chinese digits. */
export function isChineseDigitRun(term: string): boolean {
  return /^[〇零一二三四五六七八九]+$/.test(term) && keptWhole(term);
}

/** Words of `text` with each Chinese digit run as one word and the pieces between cut by `cutPiece`. */
function keepingDigitRuns<Word>(text: string, cutPiece: (piece: string) => Word[], wordOfRun: (run: string) => Word): Word[] {
  // Every maximal run is found (one cheap pass; a pattern for "four or more, or holding 〇" at each
  // position took three times as long), and those not kept whole stay in the text jieba cuts.
  const next = () => {
    for (let found = chineseDigits.exec(text); found !== null; found = chineseDigits.exec(text)) if (keptWhole(found[0])) return found;
    return null;
  };
  chineseDigits.lastIndex = 0;
  let match = next();
  if (!match) return cutPiece(text);
  const words: Word[] = [];
  let at = 0;
  for (; match !== null; match = next()) {
    if (match.index > at) for (const word of cutPiece(text.slice(at, match.index))) words.push(word);
    words.push(wordOfRun(match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) for (const word of cutPiece(text.slice(at))) words.push(word);
  return words;
}

export function cut(text: string, mode: SegmentationMode = "precise", hmm = true): string[] {
  ensureSegmenterLoaded();
  const cutPiece = (piece: string): string[] => {
    if (mode === "full") return nodejieba.cutAll(piece);
    if (mode === "search") return nodejieba.cutForSearch(piece, hmm);
    return hmm ? nodejieba.cut(piece, true) : nodejieba.cut(piece, false);
  };
  return keepingDigitRuns(text, cutPiece, (run) => run);
}

/** Precise cut with part-of-speech tags (jieba's tag set: n, v, ns, nr, nz, x …); a Chinese digit run is tagged m (numeral). */
export function tag(text: string): Array<{ word: string; tag: string }> {
  ensureSegmenterLoaded();
  return keepingDigitRuns(text, (piece) => nodejieba.tag(piece), (run) => ({ word: run, tag: "m" }));
}

/** Python jieba.analyse's default stop words (TFIDF.STOP_WORDS in jieba 0.42.1): English only. */
const jiebaAnalyseStopWords = new Set(["the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has", "or"]);

/**
 * The words Python jieba's extract_tags counts in a text: its own precise cut with HMM (no digit
 * runs kept whole), words of two or more characters once stripped, not among its stop words. Its
 * weights are count × idf divided by this total; nodejieba's extract leaves the division out.
 */
export function jiebaKeywordTotal(text: string): number {
  ensureSegmenterLoaded();
  let total = 0;
  for (const word of nodejieba.cut(text, true)) {
    const stripped = word.trim();
    if ([...stripped].length >= 2 && !jiebaAnalyseStopWords.has(stripped.toLowerCase())) total++;
  }
  return total;
}

/** nodejieba's own TF-IDF keyword extraction (its bundled IDF table). */
export function extractWithJiebaIdf(text: string, top: number): Array<{ word: string; weight: number }> {
  ensureSegmenterLoaded();
  return nodejieba.extract(text, top);
}

/** nodejieba's own TextRank keyword extraction. */
export function extractWithTextRank(text: string, top: number): Array<{ word: string; weight: number }> {
  ensureSegmenterLoaded();
  return nodejieba.textRankExtract(text, top);
}

// nodejieba exports its dictionary paths, but its type declarations omit them.
const bundledPaths = nodejieba as unknown as { DEFAULT_DICT: string; DEFAULT_IDF_DICT: string; DEFAULT_STOP_WORD_DICT: string };
/** Path of jieba's main dictionary (`word frequency tag` per line). */
export const jiebaDictionaryPath: string = bundledPaths.DEFAULT_DICT;
/** Path of jieba's bundled IDF table (`word idf` per line). */
export const jiebaIdfPath: string = bundledPaths.DEFAULT_IDF_DICT;
/** Path of jieba's bundled stopword list. */
export const jiebaStopwordsPath: string = bundledPaths.DEFAULT_STOP_WORD_DICT;
