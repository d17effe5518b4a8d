// Dictionary measures, as quanteda's dictionaries: categories of words (a `*` matches any
// characters: 改革* = every token starting with 改革, *化 = every token ending in 化) counted per
// document or group, each category's share per 10,000 tokens, and which tokens matched, so every
// count can be checked in a concordance. A token matching several categories counts in each;
// within one category it counts once.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { toSimplified } from "../corpus/script";
import type { Tokens } from "../text/tokenize";
import { compareText } from "./order";
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

function patternMatcher(pattern: string): (term: string) => boolean {
  const written = toSimplified(pattern.normalize("NFKC").trim());
  if (!written.includes("*")) return (term) => term === written;
  const expression = new RegExp(`^${written.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "u");
  return (term) => expression.test(term);
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

/** Category counts per document (`by: "document"`), per metadata group, or for the whole corpus. */
export function dictionaryCounts(tokens: Tokens, dictionary: Dictionary, options: { by?: string } = {}): DictionaryRow[] {
  if (options.by !== undefined) checkGroupField(tokens, options.by);
  const matches = matchVocabulary(tokens, dictionary);
  const categories = Object.keys(dictionary);
  const groups = new Map<string, { tokens: number; counts: Map<string, number>; documents: Map<string, number> }>();
  for (const document of tokens.documents) {
    const key = options.by === undefined ? "" : groupOf(document, options.by);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tokens: 0, counts: new Map(), documents: new Map() }));
    group.tokens += document.termIds.length;
    const inDocument = new Set<string>();
    for (const id of document.termIds) {
      for (const { category } of matches[id]) {
        group.counts.set(category, (group.counts.get(category) ?? 0) + 1);
        inDocument.add(category);
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

/**
 * Reads a dictionary: JSON ({"category": ["word", "改革*"]}), YAML of the same shape (a key per
 * line ending in ":", its words as "- word" lines or an inline [a, b] list), or CSV lines
 * `category,word` (a header `category,word` is skipped). Lines starting with # are comments.
 */
export function loadDictionary(file: string): Dictionary {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read dictionary "${file}": ${(error as Error).message}`);
  }
  const extension = path.extname(file).toLowerCase();
  const dictionary: Dictionary = {};
  const add = (category: string, word: string, line: number) => {
    const cleanCategory = category.trim().replace(/^["']|["']$/g, "");
    const cleanWord = word.trim().replace(/^["']|["']$/g, "");
    if (cleanCategory === "" || cleanWord === "") throw new Error(`${file}:${line}: empty category or word`);
    (dictionary[cleanCategory] ??= []).push(cleanWord);
  };
  if (extension === ".json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file}: expected an object of category → list of words`);
    for (const [category, words] of Object.entries(parsed as Record<string, unknown>)) {
      if (!Array.isArray(words) || !words.every((word) => typeof word === "string")) throw new Error(`${file}: category "${category}" must be a list of words`);
      for (const word of words as string[]) add(category, word, 0);
    }
    return dictionary;
  }
  const lines = content.replace(/^\ufeff/, "").split(/\r?\n/);
  if (extension === ".csv" || extension === ".tsv") {
    lines.forEach((raw, index) => {
      const text = raw.trim();
      if (text === "" || text.startsWith("#") || (index === 0 && /^category[,\t]word$/i.test(text))) return;
      const parts = text.split(extension === ".tsv" ? "\t" : ",");
      if (parts.length !== 2) throw new Error(`${file}:${index + 1}: expected "category,word", got "${text}"`);
      add(parts[0], parts[1], index + 1);
    });
    return dictionary;
  }
  let category: string | undefined;
  lines.forEach((raw, index) => {
    const text = raw.replace(/\s+#.*$/, "").trimEnd();
    if (text.trim() === "" || text.trim().startsWith("#")) return;
    const key = /^([^\s-][^:]*):\s*(.*)$/.exec(text);
    if (key) {
      category = key[1].trim();
      const inline = key[2].trim();
      if (inline.startsWith("[") && inline.endsWith("]")) for (const word of inline.slice(1, -1).split(",")) if (word.trim()) add(category, word, index + 1);
      else if (inline !== "") throw new Error(`${file}:${index + 1}: after "${category}:" give a [list] or "- word" lines`);
      return;
    }
    const item = /^\s*-\s+(.+)$/.exec(text);
    if (item && category !== undefined) add(category, item[1], index + 1);
    else throw new Error(`${file}:${index + 1}: expected "category:" or "- word", got "${text.trim()}"`);
  });
  return dictionary;
}

/** The example dictionary shipped with wenxi (written for this project: MIT like the code). */
export const exampleDictionaryPath = path.resolve(__dirname, "../../data/dictionaries/public-security.yaml");
