// Phrase-level script conversion with OpenCC's dictionaries (as the opencc-js package ships them),
// applied by our own scan: each dictionary group is one pass of greedy longest match from left to
// right, as OpenCC converts. Lookups go through tables over the BMP instead of a trie of Maps, and
// a pass whose keys start with no character of the text is skipped; a test holds the result equal
// to opencc-js's own converter.
import * as OpenCC from "opencc-js";
import { codePointLength } from "../shared/code-points";

/** One dictionary group: its entries, and the longest key (UTF-16 units) starting with each character. */
interface ConversionPass {
  /** Length-1 keys (BMP): value by code unit. */
  single: Array<string | undefined>;
  /** Keys of more than one unit (phrases, and characters beyond U+FFFF). */
  longer: Map<string, string>;
  /** Every beginning of two or more units of those keys: the walk along the text stops at the first that is not one. */
  beginnings: Set<string>;
  /** The second units of those keys, by first unit: most walks stop there, without making a string. */
  secondUnits: Array<Set<number> | undefined>;
  /** For each BMP code unit: the longest key starting with it, in units (0 = none). */
  longest: Uint8Array;
  /** The same for keys starting with a character beyond U+FFFF, by code point. */
  longestAstral: Map<number, number>;
}

export type DictionaryGroup = Array<string | Array<[string, string]>>;

/** Builds a pass as opencc-js builds its trie: dictionaries of a group loaded last to first, later entries replacing earlier ones. */
function buildPass(group: DictionaryGroup): ConversionPass {
  const entries = new Map<string, string>();
  for (const dictionary of [...group].reverse()) {
    const pairs = typeof dictionary === "string" ? dictionary.split("|").map((entry) => entry.split(" ") as [string, string]) : dictionary;
    for (const [key, value] of pairs) entries.set(key, value);
  }
  const pass: ConversionPass = { single: new Array<string | undefined>(0x10000).fill(undefined), longer: new Map(), beginnings: new Set(), secondUnits: new Array<Set<number> | undefined>(0x10000).fill(undefined), longest: new Uint8Array(0x10000), longestAstral: new Map() };
  for (const [key, value] of entries) {
    if (key.length === 1) pass.single[key.charCodeAt(0)] = value;
    else {
      pass.longer.set(key, value);
      for (let length = 2; length <= key.length; length++) pass.beginnings.add(key.slice(0, length));
      (pass.secondUnits[key.charCodeAt(0)] ??= new Set()).add(key.charCodeAt(1));
    }
    const first = key.codePointAt(0)!;
    if (first < 0x10000) pass.longest[first] = Math.max(pass.longest[first], Math.min(key.length, 255));
    else pass.longestAstral.set(first, Math.max(pass.longestAstral.get(first) ?? 0, key.length));
  }
  return pass;
}

/** Operands of an ideographic description character (U+2FF0–U+2FFF), 0 for any other character. */
function descriptionArity(codePoint: number): number {
  if (codePoint >= 0x2ff0 && codePoint <= 0x2ff1) return 2;
  if (codePoint >= 0x2ff2 && codePoint <= 0x2ff3) return 3;
  if (codePoint >= 0x2ff4 && codePoint <= 0x2fff) return 2;
  return 0;
}

/** End of a complete ideographic description sequence starting at `index` (⿰氵青), or 0: OpenCC leaves such a sequence whole. */
function descriptionEnd(text: string, index: number): number {
  const arity = descriptionArity(text.codePointAt(index)!);
  if (arity === 0) return 0;
  let at = index + codePointLength(text, index);
  for (let operand = 0; operand < arity; operand++) {
    if (at >= text.length) return 0;
    at = descriptionEnd(text, at) || at + codePointLength(text, at);
  }
  return at;
}

let output = new Uint16Array(4096);

/** One pass over the text: at each position the longest key that starts there is replaced; elsewhere the text is kept. */
function convertPass(text: string, pass: ConversionPass): string {
  const { single, longer, beginnings, secondUnits, longest, longestAstral } = pass;
  // The result is written unit by unit into one buffer (a replacement every few characters in
  // Traditional text makes a list of pieces costlier); the text itself comes back when no
  // replacement changed anything (many entries map a phrase to itself, to shield it).
  if (output.length < 2 * text.length + 16) output = new Uint16Array(4 * text.length + 16);
  let written = 0;
  let changed = false;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const units = codePointLength(text, index);
    const reach = units === 1 ? longest[code] : (longestAstral.get(text.codePointAt(index)!) ?? 0);
    if (reach === 0 && (code < 0x2ff0 || code > 0x2fff)) {
      output[written++] = code;
      if (units === 2) output[written++] = text.charCodeAt(index + 1);
      index += units;
      continue;
    }
    let replacement: string | undefined;
    let matched = 0;
    // Longest key from here: walk forward while the text still begins some key (as a trie walk would).
    const limit = Math.min(reach, text.length - index);
    const seconds = limit >= 2 ? secondUnits[code] : undefined;
    for (let length = 2; length <= limit && seconds !== undefined && seconds.has(text.charCodeAt(index + 1)); length++) {
      const beginning = text.slice(index, index + length);
      if (!beginnings.has(beginning)) break;
      const value = longer.get(beginning);
      if (value !== undefined) {
        replacement = value;
        matched = length;
      }
    }
    if (replacement === undefined && units === 1 && reach >= 1) {
      replacement = single[code];
      matched = 1;
    }
    if (replacement === undefined) {
      const end = descriptionEnd(text, index);
      const next = end > index ? end : index + units;
      for (; index < next; index++) output[written++] = text.charCodeAt(index);
      continue;
    }
    // Room for the replacement and for the rest of the text kept as it is.
    if (written + replacement.length + (text.length - index) > output.length) {
      const grown = new Uint16Array(2 * (written + replacement.length + text.length - index));
      grown.set(output.subarray(0, written));
      output = grown;
    }
    for (let unit = 0; unit < replacement.length; unit++) {
      const replaced = replacement.charCodeAt(unit);
      if (!changed && (matched !== replacement.length || replaced !== text.charCodeAt(index + unit))) changed = true;
      output[written++] = replaced;
    }
    index += matched;
  }
  return changed ? Buffer.from(output.buffer, output.byteOffset, written * 2).toString("utf16le") : text;
}

/** A converter from dictionary groups applied in order (as OpenCC.ConverterFactory(...locales)). */
export function phraseConverter(...locales: DictionaryGroup[][]): (text: string) => string {
  const passes = locales.flat().map(buildPass);
  return (text) => passes.reduce((current, pass) => convertPass(current, pass), text);
}

let toSimplifiedPasses: ((text: string) => string) | undefined;

/** Hong Kong and Taiwan variants, then Traditional → Simplified (OpenCC's hk → cn and tw → cn in one chain). */
export function simplifyPhrases(text: string): string {
  toSimplifiedPasses ??= phraseConverter(OpenCC.Locale.from.hk as DictionaryGroup[], OpenCC.Locale.from.tw as DictionaryGroup[], OpenCC.Locale.to.cn as DictionaryGroup[]);
  return toSimplifiedPasses(text);
}

/**
 * Characters that the Traditional → Simplified phrase tables change only inside phrases (瞭 in
 * 瞭解 → 了解, 覆 in 反覆 → 反复, 藉 in 藉口 → 借口, 彷 in 彷彿 → 仿佛): converted one at a
 * time they stay as they are, so a class made from single characters misses them.
 */
export function phraseOnlyCharacters(): Set<string> {
  const found = new Set<string>();
  const groups = [OpenCC.Locale.from.hk, OpenCC.Locale.from.tw, OpenCC.Locale.to.cn] as DictionaryGroup[][];
  for (const group of groups.flat()) {
    for (const dictionary of group) {
      const pairs = typeof dictionary === "string" ? dictionary.split("|").map((entry) => entry.split(" ") as [string, string]) : (dictionary as Array<[string, string]>);
      for (const [key] of pairs) {
        const characters = [...key];
        if (characters.length < 2) continue;
        const converted = [...simplifyPhrases(key)];
        if (converted.length !== characters.length) continue;
        characters.forEach((character, index) => {
          if (converted[index] !== character && simplifyPhrases(character) === character) found.add(character);
        });
      }
    }
  }
  return found;
}
