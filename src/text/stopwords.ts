// Stopword lists: by default jieba's (as bundled with nodejieba, MIT) and stopwords-iso's Chinese
// list (MIT), both general; a preset adds its own (the public-security preset: data/stopwords.txt).
// Lists are read once and folded to Simplified, because tokens are Simplified.
import { readFileSync } from "node:fs";
import { toSimplified } from "../corpus/script";
import { jiebaStopwordsPath } from "./segmenter";
import type { Preset } from "./presets";

/** One word per line; blank lines and lines starting with # are skipped. */
export function readWordList(file: string): string[] {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read word list "${file}": ${(error as Error).message}`);
  }
  return content
    .split(/\r?\n/)
    .map((line) => line.replace(/^\ufeff/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

let defaultList: Set<string> | undefined;

/** jieba's list ∪ stopwords-iso zh, each also in Simplified form. */
export function defaultStopwords(): ReadonlySet<string> {
  if (defaultList) return defaultList;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iso = require("stopwords-iso") as { zh: string[] };
  const words = [...readWordList(jiebaStopwordsPath), ...iso.zh];
  defaultList = new Set(words.flatMap((word) => [word, toSimplified(word)]));
  return defaultList;
}

export type StopwordOption = "default" | "none" | StopwordSpec;

export interface StopwordSpec {
  /** Start from the default list (true) or from nothing (false). Default true. */
  default?: boolean;
  /** Files of one word per line to add. */
  files?: string[];
  /** Words to add. */
  words?: Iterable<string>;
  /** Words to take out of the list again. */
  keep?: Iterable<string>;
}

export function resolveStopwords(option: StopwordOption | Iterable<string> = "default"): ReadonlySet<string> {
  if (option === "default") return defaultStopwords();
  if (option === "none") return new Set();
  if (typeof (option as Iterable<string>)[Symbol.iterator] === "function") return new Set(option as Iterable<string>);
  const spec = option as StopwordSpec;
  const words = new Set(spec.default === false ? [] : defaultStopwords());
  for (const file of spec.files ?? []) for (const word of readWordList(file)) words.add(toSimplified(word));
  for (const word of spec.words ?? []) words.add(toSimplified(word));
  for (const word of spec.keep ?? []) words.delete(toSimplified(word));
  return words;
}

/**
 * The stopwords with a preset's added, unless the list was given as words or as "none" (a list
 * the user wrote out is theirs alone).
 */
export function withPresetStopwords(stopwords: ReadonlySet<string>, option: StopwordOption | Iterable<string>, preset: Preset | undefined): ReadonlySet<string> {
  const extendsDefault = option === "default" || (typeof option === "object" && !(Symbol.iterator in option) && (option as StopwordSpec).default !== false);
  if (!preset?.stopwords || !extendsDefault) return stopwords;
  const words = new Set(stopwords);
  for (const word of readWordList(preset.stopwords)) words.add(toSimplified(word));
  return words;
}
