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
import { big5Characters, gb2312Characters } from "./characters";
import type { Script } from "./types";

type Converter = (text: string) => string;

let phraseToSimplified: Converter | undefined;
let phraseToTraditional: Converter | undefined;

function simplifyPhrases(text: string): string {
  phraseToSimplified ??= OpenCC.ConverterFactory(OpenCC.Locale.from.hk, OpenCC.Locale.from.tw, OpenCC.Locale.to.cn);
  return phraseToSimplified(text);
}

/** Simplified → Traditional (OpenCC standard forms, Taiwan). */
export function toTraditional(text: string): string {
  phraseToTraditional ??= OpenCC.ConverterFactory(OpenCC.Locale.from.cn, OpenCC.Locale.to.tw);
  return phraseToTraditional(text);
}

const enum CharacterClass {
  Neutral = 0,
  Traditional = 1,
  Shared = 2,
  Simplified = 3,
}

let classes: Map<number, CharacterClass> | undefined;

/** Each Han code point's class, found by converting every BMP and Extension B–F character one at a time. */
function characterClasses(): Map<number, CharacterClass> {
  if (classes) return classes;
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
  classes = new Map();
  characters.forEach((character, index) => {
    if (simplified[index] !== character) classes!.set(codePoints[index], gb2312.has(character) ? CharacterClass.Shared : CharacterClass.Traditional);
    else if (traditional[index] !== character && !big5.has(character)) classes!.set(codePoints[index], CharacterClass.Simplified);
  });
  return classes;
}

function classOf(text: string, index: number, table: Map<number, CharacterClass>): CharacterClass {
  const code = text.charCodeAt(index);
  if (code < 0x3400) return CharacterClass.Neutral;
  return table.get(text.codePointAt(index)!) ?? CharacterClass.Neutral;
}

/**
 * Traditional (incl. HK/TW variants) → Simplified, phrase-level, converting only Traditional
 * characters: a text with no Traditional character is returned as it is (`toSimplified(s) === s`
 * for Simplified text, 显著 and 拚搏 included); a shared character (著) follows the nearest
 * script-specific character on its line.
 */
export function toSimplified(text: string): string {
  const table = characterClasses();
  let firstTraditional = -1;
  for (let index = 0; index < text.length; index++) {
    if (classOf(text, index, table) === CharacterClass.Traditional) {
      firstTraditional = index;
      break;
    }
  }
  if (firstTraditional < 0) return text;
  const converted = simplifyPhrases(text);
  if (converted.length !== text.length) {
    // A phrase changed length (rare): convert the Traditional characters one at a time instead.
    let result = "";
    for (const character of text) result += classOf(character, 0, table) === CharacterClass.Traditional ? simplifyPhrases(character) : character;
    return result;
  }
  // Nearest script-specific character to each side of every position, within the line.
  const leftClass = new Uint8Array(text.length);
  const leftDistance = new Int32Array(text.length);
  let lastClass = CharacterClass.Neutral;
  let lastAt = -1;
  for (let index = 0; index < text.length; index++) {
    const current = classOf(text, index, table);
    if (text[index] === "\n") lastClass = CharacterClass.Neutral;
    leftClass[index] = lastClass;
    leftDistance[index] = index - lastAt;
    if (current === CharacterClass.Traditional || current === CharacterClass.Simplified) {
      lastClass = current;
      lastAt = index;
    }
  }
  let result = "";
  let copiedUpTo = 0;
  let rightClass = CharacterClass.Neutral;
  let rightAt = text.length;
  const decisions: boolean[] = new Array(text.length).fill(false);
  for (let index = text.length - 1; index >= 0; index--) {
    const current = classOf(text, index, table);
    if (text[index] === "\n") rightClass = CharacterClass.Neutral;
    if (current === CharacterClass.Traditional) decisions[index] = true;
    else if (current === CharacterClass.Shared) {
      const fromLeft = leftClass[index] === CharacterClass.Neutral ? Infinity : leftDistance[index];
      const fromRight = rightClass === CharacterClass.Neutral ? Infinity : rightAt - index;
      const nearest = fromLeft <= fromRight ? leftClass[index] : rightClass;
      decisions[index] = nearest === CharacterClass.Traditional;
    }
    if (current === CharacterClass.Traditional || current === CharacterClass.Simplified) {
      rightClass = current;
      rightAt = index;
    }
  }
  for (let index = 0; index < text.length; index++) {
    if (!decisions[index] || converted[index] === text[index]) continue;
    result += text.slice(copiedUpTo, index) + converted[index];
    copiedUpTo = index + 1;
  }
  return result + text.slice(copiedUpTo);
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
