// Traditional and Simplified Chinese: which script a text is written in, and conversion to
// Simplified with OpenCC's phrase dictionaries (through opencc-js), Hong Kong and Taiwan
// variant forms included, so 公安機關, 公安机关 and 衞/卫 count as one.
//
// OpenCC's Traditional→Simplified tables are not a fixed point on Simplified text (显著→显着,
// 拚搏→拼搏), so conversion touches only what is Traditional. Each character falls in one class:
//   traditional — OpenCC simplifies it and it is not in GB2312 (顯, 機, 關): always converted;
//   shared      — OpenCC simplifies it but GB2312 has it too (著, 拚, 乾, 於, 後): converted only
//                 when the nearest script-specific character on its line is Traditional;
//   simplified  — OpenCC makes it Traditional and Big5 lacks it (显, 机, 关);
//   anything else is written alike in both scripts and never changes.
import * as OpenCC from "opencc-js";
import { phraseConverter, phraseOnlyCharacters, simplifyPhrases, type DictionaryGroup } from "./conversion";
import { big5Characters, gb2312Characters, gb2312LevelOne } from "./characters";
import type { Script } from "./types";
import { cacheKey, computeCached } from "../shared/cache";

let phraseToTraditional: ((text: string) => string) | undefined;
let commonHan: Set<string> | undefined;

/** Simplified → Traditional (OpenCC standard forms, Taiwan). */
export function toTraditional(text: string): string {
  phraseToTraditional ??= phraseConverter(OpenCC.Locale.from.cn as DictionaryGroup[], OpenCC.Locale.to.tw as DictionaryGroup[]);
  return phraseToTraditional(text);
}

/** The "common" Han characters: GB2312 level 1 with their Traditional forms. */
export function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  const levelOne = gb2312LevelOne();
  commonHan = new Set([...levelOne, ...toTraditional(levelOne)]);
  return commonHan;
}

const enum CharacterClass {
  Neutral = 0,
  Traditional = 1,
  Shared = 2,
  Simplified = 3,
}

interface ClassTable {
  /** Basic Multilingual Plane: one byte per UTF-16 code unit. */
  bmp: Uint8Array;
  /** Characters beyond U+FFFF, by code point. */
  astral: Map<number, CharacterClass>;
}

let classes: ClassTable | undefined;

/** Each Han code point's class, found by converting every BMP and Extension B–F character one at a time. */
function characterClasses(): ClassTable {
  // Within a report run the first kernel builds the table (OpenCC over 100,000 characters, ~0.4 s) and the others read it.
  return (classes ??= computeCached("script-classes", cacheKey("character-classes"), buildCharacterClasses));
}

function buildCharacterClasses(): ClassTable {
  const codePoints: number[] = [];
  for (const [first, last] of [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
    [0x20000, 0x2fa1f],
  ]) {
    for (let codePoint = first; codePoint <= last; codePoint++) codePoints.push(codePoint);
  }
  // One character per line, so no phrase spans two of them.
  const characters = codePoints.map((codePoint) => String.fromCodePoint(codePoint));
  const simplified = simplifyPhrases(characters.join("\n")).split("\n");
  const traditional = toTraditional(characters.join("\n")).split("\n");
  const gb2312 = gb2312Characters();
  const big5 = big5Characters();
  // Those that change only inside a phrase (瞭解 → 了解) are shared: converted where the nearest
  // script-specific character says the line is Traditional, never in Simplified text (瞭望 stays).
  const phraseOnly = phraseOnlyCharacters();
  const table: ClassTable = { bmp: new Uint8Array(0x10000), astral: new Map() };
  characters.forEach((character, index) => {
    let found = CharacterClass.Neutral;
    if (simplified[index] !== character) found = gb2312.has(character) ? CharacterClass.Shared : CharacterClass.Traditional;
    else if (traditional[index] !== character && !big5.has(character)) found = CharacterClass.Simplified;
    else if (phraseOnly.has(character)) found = CharacterClass.Shared;
    if (found === CharacterClass.Neutral) return;
    if (codePoints[index] < 0x10000) table.bmp[codePoints[index]] = found;
    else table.astral.set(codePoints[index], found);
  });
  return table;
}

function classOf(text: string, index: number, table: ClassTable): CharacterClass {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return table.bmp[code];
  return table.astral.get(text.codePointAt(index)!) ?? CharacterClass.Neutral;
}

interface Scratch {
  kinds: Uint8Array;
  left: Uint8Array;
  leftDistance: Int32Array;
  output: Uint16Array;
}

function newScratch(length: number): Scratch {
  const size = Math.max(1024, 2 ** Math.ceil(Math.log2(length)));
  return { kinds: new Uint8Array(size), left: new Uint8Array(size), leftDistance: new Int32Array(size), output: new Uint16Array(size) };
}

let scratch = newScratch(0);

/**
 * Traditional (incl. HK/TW variants) → Simplified, phrase-level, converting only Traditional
 * characters: a text with no Traditional character is returned as it is (`toSimplified(s) === s`
 * for Simplified text, 显著 and 拚搏 included); a shared character (著) follows the nearest
 * script-specific character on its line.
 */
export function toSimplified(text: string): string {
  const table = characterClasses();
  const length = text.length;
  // Most lines of a mixed text have no Traditional character: find one before doing any work.
  let first = 0;
  while (first < length && classOf(text, first, table) !== CharacterClass.Traditional) first++;
  if (first === length) return text;
  // Classes, and for each character the nearest script-specific class to its left on its line
  // (and how far back), in one pass, into scratch arrays reused across calls (this runs once per
  // line of a Traditional text).
  if (scratch.kinds.length < length) scratch = newScratch(length);
  const { kinds, left, leftDistance } = scratch;
  let lastKind = CharacterClass.Neutral;
  let lastAt = -1;
  for (let index = 0; index < length; index++) {
    if (text.charCodeAt(index) === 10) lastKind = CharacterClass.Neutral;
    left[index] = lastKind;
    leftDistance[index] = index - lastAt;
    const kind = classOf(text, index, table);
    kinds[index] = kind;
    if (kind === CharacterClass.Traditional || kind === CharacterClass.Simplified) {
      lastKind = kind;
      lastAt = index;
    }
  }
  const converted = simplifyPhrases(text);
  if (converted.length !== length) {
    // A phrase changed length (rare): convert the Traditional characters one at a time instead.
    let result = "";
    for (const character of text) result += classOf(character, 0, table) === CharacterClass.Traditional ? simplifyPhrases(character) : character;
    return result;
  }
  // Right to left: a Traditional character takes its converted form; a shared one does when the
  // nearest script-specific character on its line, left or right, is Traditional. The result is
  // written into one UTF-16 buffer (no string built a piece at a time).
  const output = scratch.output.subarray(0, length);
  let rightKind = CharacterClass.Neutral;
  let rightAt = length;
  for (let index = length - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (code === 10) rightKind = CharacterClass.Neutral;
    const kind = kinds[index];
    let convert = kind === CharacterClass.Traditional;
    if (kind === CharacterClass.Shared) {
      const fromLeft = left[index] === CharacterClass.Neutral ? Infinity : leftDistance[index];
      const fromRight = rightKind === CharacterClass.Neutral ? Infinity : rightAt - index;
      convert = (fromLeft <= fromRight ? left[index] : rightKind) === CharacterClass.Traditional;
    }
    output[index] = convert ? converted.charCodeAt(index) : code;
    // A character beyond U+FFFF is classed at its first half: its second half goes with it.
    if (convert && code >= 0xd800 && code <= 0xdbff && index + 1 < length) output[index + 1] = converted.charCodeAt(index + 1);
    if (kind === CharacterClass.Traditional || kind === CharacterClass.Simplified) {
      rightKind = kind;
      rightAt = index;
    }
  }
  return Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString("utf16le");
}

/** A term a user types (a query, a dictionary word), normalised as cleaned text is: NFKC, Simplified, trimmed. */
export function normalizeTerm(term: string): string {
  return toSimplified(term.normalize("NFKC").trim());
}

export interface ScriptEvidence {
  script: Script;
  /** Characters written in Traditional-only forms (顯, 機). */
  traditionalCharacters: number;
  /** Characters written in Simplified-only forms (显, 机). */
  simplifiedCharacters: number;
}

/**
 * A text is Traditional when at least 90 % of its script-specific characters are Traditional
 * forms, Simplified when at most 10 % are, and mixed in between. Characters both scripts use
 * (中国人民, and 著, 後 which GB2312 and Big5 share) are not evidence; a text with no
 * script-specific character counts as Simplified.
 */
export function detectScript(text: string): ScriptEvidence {
  const table = characterClasses();
  let traditionalCharacters = 0;
  let simplifiedCharacters = 0;
  for (let index = 0; index < text.length; index++) {
    const current = classOf(text, index, table);
    if (current === CharacterClass.Traditional) traditionalCharacters++;
    else if (current === CharacterClass.Simplified) simplifiedCharacters++;
  }
  const total = traditionalCharacters + simplifiedCharacters;
  let script: Script = "simplified";
  if (total > 0) {
    const traditionalShare = traditionalCharacters / total;
    if (traditionalShare >= 0.9) script = "traditional";
    else if (traditionalShare > 0.1) script = "mixed";
  }
  return { script, traditionalCharacters, simplifiedCharacters };
}
