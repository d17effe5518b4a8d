// Traditional and Simplified Chinese: which script a text is written in, and conversion to
// Simplified with OpenCC's phrase dictionaries (through opencc-js), Hong Kong and Taiwan
// variant forms included, so 公安機關, 公安机关 and 衞/卫 count as one.
import * as OpenCC from "opencc-js";
import type { Script } from "./types";

type Converter = (text: string) => string;

let toSimplifiedConverter: Converter | undefined;
let toTraditionalConverter: Converter | undefined;

/** Traditional (incl. HK/TW variants) → Simplified, phrase-level. Simplified text passes through unchanged. */
export function toSimplified(text: string): string {
  toSimplifiedConverter ??= OpenCC.ConverterFactory(OpenCC.Locale.from.hk, OpenCC.Locale.from.tw, OpenCC.Locale.to.cn);
  return toSimplifiedConverter(text);
}

/** Simplified → Traditional (OpenCC standard forms); used to tell the scripts apart. */
export function toTraditional(text: string): string {
  toTraditionalConverter ??= OpenCC.ConverterFactory(OpenCC.Locale.from.cn, OpenCC.Locale.to.tw);
  return toTraditionalConverter(text);
}

export interface ScriptEvidence {
  script: Script;
  /** Characters that change under Traditional→Simplified (written in Traditional forms). */
  traditionalCharacters: number;
  /** Characters that change under Simplified→Traditional (written in Simplified forms). */
  simplifiedCharacters: number;
}

function countChangedCharacters(text: string, converted: string): number {
  if (converted.length !== text.length) {
    // Phrase conversion changed the length (rare): fall back to character-by-character.
    let changed = 0;
    for (const character of text) if (character !== toSimplified(character) || character !== toTraditional(character)) changed++;
    return changed;
  }
  let changed = 0;
  for (let index = 0; index < text.length; index++) if (text[index] !== converted[index]) changed++;
  return changed;
}

/**
 * A text is Traditional when at least 90 % of its script-specific characters are Traditional
 * forms, Simplified when at most 10 % are, and mixed in between. A text with no script-specific
 * character at all (only shared forms such as 中国人民) counts as Simplified.
 */
export function detectScript(text: string): ScriptEvidence {
  const traditionalCharacters = countChangedCharacters(text, toSimplified(text));
  const simplifiedCharacters = countChangedCharacters(text, toTraditional(text));
  const total = traditionalCharacters + simplifiedCharacters;
  let script: Script = "simplified";
  if (total > 0) {
    const traditionalShare = traditionalCharacters / total;
    if (traditionalShare >= 0.9) script = "traditional";
    else if (traditionalShare > 0.1) script = "mixed";
  }
  return { script, traditionalCharacters, simplifiedCharacters };
}
