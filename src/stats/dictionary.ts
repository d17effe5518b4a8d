// Dictionary measures, as quanteda's dictionaries: categories of words (a `*` matches any
// characters: 改革* = every token starting with 改革, *化 = every token ending in 化) counted per
// document or group, each category's share per 10,000 tokens, and which tokens matched, so every
// count can be checked in a concordance. A token matching several categories counts in each;
// within one category it counts once.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { jsonNestsDeeperThan, maxJsonDepth } from "../shared/json-depth";
import { normalizeTerm } from "../corpus/script";
import type { Tokens } from "../text/tokenize";
import type { Corpus } from "../corpus/types";
import { occurrences } from "./phrases";
import { compareText } from "../shared/order";
import { checkGroupField, groupOf } from "./select";

export type Dictionary = Record<string, string[]>;

export interface DictionaryRow {
  /** The document or group (with `by`), or "" for the whole corpus. */
  group: string;
  category: string;
  count: number;
  per10k: number;
  /** Documents of the group with at least one match. */
  documents: number;
}

export interface DictionaryMatchRow {
  category: string;
  pattern: string;
  term: string;
  count: number;
}

/**
 * Whether `term` matches a pattern whose only wildcard is `*` (any run of characters), in time
 * linear in the term for each part: the first part must begin the term and the last end it, and
 * each part between is taken at its leftmost place after the one before, which is always right
 * when `*` is the only wildcard (a regular expression of `.*` runs backtracks exponentially on
 * `*a*a*a*…b` against a long run of a).
 */
export function wildcardMatches(parts: readonly string[], term: string): boolean {
  if (parts.length === 1) return term === parts[0];
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (term.length < first.length + last.length || !term.startsWith(first) || !term.endsWith(last)) return false;
  let position = first.length;
  const end = term.length - last.length;
  for (let index = 1; index < parts.length - 1; index++) {
    const part = parts[index];
    if (part === "") continue;
    const found = term.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}

function patternMatcher(pattern: string): (term: string) => boolean {
  const written = normalizeTerm(pattern);
  const parts = written.split("*");
  return (term) => wildcardMatches(parts, term);
}

/** For each vocabulary term, the categories (and patterns) it matches. */
function matchVocabulary(tokens: Tokens, dictionary: Dictionary): Array<Array<{ category: string; pattern: string }>> {
  const entries = Object.entries(dictionary).flatMap(([category, patterns]) => patterns.map((pattern) => ({ category, pattern, test: patternMatcher(pattern) })));
  return tokens.vocabulary.map((term) => {
    const found: Array<{ category: string; pattern: string }> = [];
    for (const entry of entries) if (!found.some((item) => item.category === entry.category) && entry.test(term)) found.push({ category: entry.category, pattern: entry.pattern });
    return found;
  });
}

/**
 * Per document, each category's count with words written out (no `*`) found in the text, whatever
 * the segmentation made of them (phrases.ts), and wildcard patterns matched against tokens; a
 * stretch of text counts once for a category (spans taken left to right, overlapping ones dropped).
 */
function textCategoryCounts(corpus: Corpus, tokens: Tokens, dictionary: Dictionary): Map<string, Map<string, number>> {
  const texts = new Map(corpus.documents.map((document) => [document.id, document.text]));
  const wildcard = Object.fromEntries(Object.entries(dictionary).map(([category, patterns]) => [category, patterns.filter((pattern) => pattern.includes("*"))])) as Dictionary;
  const tokenMatches = matchVocabulary(tokens, wildcard);
  const plain = Object.entries(dictionary).map(([category, patterns]) => [category, [...new Set(patterns.filter((pattern) => !pattern.includes("*")).map(normalizeTerm).filter((term) => term !== ""))]] as const);
  const result = new Map<string, Map<string, number>>();
  for (const document of tokens.documents) {
    const text = texts.get(document.id);
    if (text === undefined) throw new Error(`document "${document.id}" of the tokens is not in the corpus given`);
    const spans = new Map<string, Array<[number, number]>>();
    const add = (category: string, start: number, end: number) => {
      const list = spans.get(category);
      if (list) list.push([start, end]);
      else spans.set(category, [[start, end]]);
    };
    document.termIds.forEach((id, index) => {
      for (const { category } of tokenMatches[id]) add(category, document.starts[index], document.starts[index] + tokens.vocabulary[id].length);
    });
    for (const [category, words] of plain) for (const word of words) for (const start of occurrences(text, word)) add(category, start, start + word.length);
    const counts = new Map<string, number>();
    for (const [category, list] of spans) {
      list.sort((left, right) => left[0] - right[0] || right[1] - left[1]);
      let count = 0;
      let reached = -1;
      for (const [start, end] of list) {
        if (start < reached) continue;
        count++;
        reached = end;
      }
      counts.set(category, count);
    }
    result.set(document.id, counts);
  }
  return result;
}

/**
 * Category counts per document (`by: "document"`), per metadata group, or for the whole corpus.
 * With `corpus`, words written out are counted in the text (a phrase jieba split counts in full),
 * wildcard patterns still against tokens; without it, everything against tokens.
 */
export function dictionaryCounts(tokens: Tokens, dictionary: Dictionary, options: { by?: string; corpus?: Corpus } = {}): DictionaryRow[] {
  if (options.by !== undefined) checkGroupField(tokens, options.by);
  const inText = options.corpus ? textCategoryCounts(options.corpus, tokens, dictionary) : undefined;
  const matches = inText ? [] : matchVocabulary(tokens, dictionary);
  const categories = Object.keys(dictionary);
  const groups = new Map<string, { tokens: number; counts: Map<string, number>; documents: Map<string, number> }>();
  for (const document of tokens.documents) {
    const key = options.by === undefined ? "" : groupOf(document, options.by);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tokens: 0, counts: new Map(), documents: new Map() }));
    group.tokens += document.termIds.length;
    const inDocument = new Set<string>();
    if (inText) {
      for (const [category, count] of inText.get(document.id)!) {
        group.counts.set(category, (group.counts.get(category) ?? 0) + count);
        if (count > 0) inDocument.add(category);
      }
    } else {
      for (const id of document.termIds) {
        for (const { category } of matches[id]) {
          group.counts.set(category, (group.counts.get(category) ?? 0) + 1);
          inDocument.add(category);
        }
      }
    }
    for (const category of inDocument) group.documents.set(category, (group.documents.get(category) ?? 0) + 1);
  }
  const keys = [...groups.keys()];
  if (options.by !== "document") keys.sort(compareText);
  return keys.flatMap((key) => {
    const group = groups.get(key)!;
    return categories.map((category) => {
      const count = group.counts.get(category) ?? 0;
      return { group: key, category, count, per10k: group.tokens === 0 ? 0 : (count / group.tokens) * 10_000, documents: group.documents.get(category) ?? 0 };
    });
  });
}

/** Which tokens each pattern matched, and how often: the audit of dictionaryCounts. */
export function dictionaryMatches(tokens: Tokens, dictionary: Dictionary): DictionaryMatchRow[] {
  const matches = matchVocabulary(tokens, dictionary);
  const counts = new Int32Array(tokens.vocabulary.length);
  for (const document of tokens.documents) for (const id of document.termIds) counts[id]++;
  const rows: DictionaryMatchRow[] = [];
  matches.forEach((found, id) => {
    for (const { category, pattern } of found) if (counts[id] > 0) rows.push({ category, pattern, term: tokens.vocabulary[id], count: counts[id] });
  });
  return rows.sort((left, right) => compareText(left.category, right.category) || right.count - left.count || compareText(left.term, right.term));
}

/** YAML reads `- *化` as an alias: say how to write a word that starts with *. */
function aliasHint(message: string): string {
  return /alias/i.test(message) && !/excessive/i.test(message) ? ' (in YAML a word starting with * must be quoted: - "*化")' : "";
}

/** A dictionary's categories with their words, from any parsed value of the shape { category: [words] } (a single word may stand alone). */
function dictionaryFromValue(value: unknown, file: string): Dictionary {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`${file}: expected categories, each with a list of words ({"category": ["word", "改革*"]})`);
  // No prototype: a category may be called "constructor", "toString" or "__proto__".
  const dictionary: Dictionary = Object.create(null) as Dictionary;
  for (const [category, words] of Object.entries(value as Record<string, unknown>)) {
    const list = typeof words === "string" || typeof words === "number" ? [String(words)] : words;
    if (!Array.isArray(list) || !list.every((word) => typeof word === "string" || typeof word === "number")) {
      throw new Error(`${file}: category "${category}" must be a list of words (or one word), got ${words === null ? "nothing" : Array.isArray(words) ? "a list holding something other than words" : typeof words}`);
    }
    const clean = list.map((word) => String(word).trim()).filter((word) => word !== "");
    if (category.trim() === "" || clean.length === 0) throw new Error(`${file}: empty category or word list in "${category}"`);
    dictionary[category.trim()] = clean;
  }
  return dictionary;
}

/**
 * Reads a dictionary: JSON ({"category": ["word", "改革*"]}), YAML of the same shape (parsed by
 * the yaml library, YAML 1.2; aliases are limited, so an alias bomb is an error), or CSV lines
 * `category,word` (a header `category,word` is skipped). A category may hold a single word
 * (`改革: 改革开放`). Lines starting with # are comments in YAML and CSV.
 */
export function loadDictionary(file: string): Dictionary {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read dictionary "${file}": ${(error as Error).message}`);
  }
  content = content.replace(/^\ufeff/, "");
  const extension = path.extname(file).toLowerCase();
  if (extension === ".json") {
    if (jsonNestsDeeperThan(content, maxJsonDepth)) throw new Error(`${file}: JSON nested more than ${maxJsonDepth} levels deep`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
    return dictionaryFromValue(parsed, file);
  }
  if (extension === ".csv" || extension === ".tsv") {
    const dictionary: Dictionary = Object.create(null) as Dictionary;
    content.split(/\r?\n/).forEach((raw, index) => {
      const text = raw.trim();
      if (text === "" || text.startsWith("#") || (index === 0 && /^category[,\t]word$/i.test(text))) return;
      const parts = text.split(extension === ".tsv" ? "\t" : ",").map((part) => part.trim().replace(/^["']|["']$/g, ""));
      if (parts.length !== 2 || parts[0] === "" || parts[1] === "") throw new Error(`${file}:${index + 1}: expected "category,word", got "${text}"`);
      (dictionary[parts[0]] ??= []).push(parts[1]);
    });
    return dictionary;
  }
  const document = parseDocument(content, { uniqueKeys: true, prettyErrors: true });
  const problem = document.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    throw new Error(`${file}${line !== undefined ? `:${line}` : ""}: not a dictionary in YAML: ${problem.message.split("\n")[0]}${aliasHint(problem.message)}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    throw new Error(`${file}: not a dictionary in YAML: ${message}${aliasHint(message)}`);
  }
  return dictionaryFromValue(value, file);
}

/** The example dictionary shipped with wenxi (written for this project: MIT like the code). */
export const exampleDictionaryPath = path.resolve(__dirname, "../../data/dictionaries/public-security.yaml");
