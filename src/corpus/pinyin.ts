// Inline pinyin annotations such as 責(zé)任 or 枫桥经验(fēng qiáo jīng yàn): recognised only when
// every syllable is a well-formed pinyin syllable (initial + final) and there are no more
// syllables than Han characters just before the parenthesis, so (App), (中) or (2022) stay.
import { isHanAtOffset } from "./characters";

const toneMarks: Record<string, string> = {
  ā: "a", á: "a", ǎ: "a", à: "a",
  ē: "e", é: "e", ě: "e", è: "e", ê: "e",
  ī: "i", í: "i", ǐ: "i", ì: "i",
  ō: "o", ó: "o", ǒ: "o", ò: "o",
  ū: "u", ú: "u", ǔ: "u", ù: "u",
  ǖ: "v", ǘ: "v", ǚ: "v", ǜ: "v", ü: "v",
  ń: "n", ň: "n", ǹ: "n", ḿ: "m",
};

const syllablePattern =
  /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ve|vn|ue|a|o|e|i|u|v)[1-5]?$/;

export interface PinyinReading {
  syllables: number;
  /** Whether any syllable carries a tone mark or tone number. */
  toned: boolean;
}

/** Reads the inside of a parenthesis as pinyin, or returns undefined when it is not pinyin. */
/** What pinyin is written with (after lower-casing): letters, tone marks, tone numbers and separators. */
const pinyinCharacters = /^[\sa-z1-5'’āáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]*$/;

export function readPinyin(annotation: string): PinyinReading | undefined {
  const lower = annotation.trim().toLowerCase();
  // Any other character leaves some word that no syllable matches: refuse at once (most parentheses hold no pinyin).
  if (!pinyinCharacters.test(lower)) return undefined;
  const words = lower.split(/[\s'’]+/).filter((word) => word !== "");
  if (words.length === 0) return undefined;
  let syllables = 0;
  let toned = false;
  for (const word of words) {
    let plain = "";
    for (const character of word) {
      const base = toneMarks[character];
      if (base !== undefined && character !== "ü") toned = true;
      plain += base ?? character;
    }
    if (/[1-5]$/.test(plain)) toned = true;
    // A word may join several syllables (fēngqiáo): split greedily by trying the longest match first.
    const count = countSyllables(plain);
    if (count === undefined) return undefined;
    syllables += count;
  }
  return { syllables, toned };
}

function countSyllables(word: string): number | undefined {
  if (word === "") return 0;
  for (let end = Math.min(word.length, 7); end >= 1; end--) {
    if (syllablePattern.test(word.slice(0, end))) {
      const rest = countSyllables(word.slice(end));
      if (rest !== undefined) return rest + 1;
    }
  }
  return undefined;
}

/** Han characters immediately followed by a parenthesis whose content may be pinyin. */
// The definition: group 1 is the Han run before "(" (up to 12 characters), group 2 the annotation;
// the match itself is "(…)", what removal drops. `findPinyinCandidates` finds exactly its matches
// without the regular expression engine (whose lookbehind over \p{Script=Han} cost a tenth of a
// corpus load); a test holds the two equal.
export const pinyinAnnotationPattern = /(?<=(\p{Script=Han}{1,12}))\(([^()\n]{1,60})\)/gu;

export interface PinyinCandidate {
  /** Offset of "(". */
  start: number;
  /** Offset just after ")". */
  end: number;
  /** Up to 12 Han characters right before "(". */
  hanBefore: string;
  annotation: string;
}

/** The matches of `pinyinAnnotationPattern` in `text`, in order. */
export function findPinyinCandidates(text: string): PinyinCandidate[] {
  const candidates: PinyinCandidate[] = [];
  for (let open = text.indexOf("("); open !== -1; open = text.indexOf("(", open + 1)) {
    // Han characters before "(", walking back by code point.
    let hanStart = open;
    for (let count = 0; count < 12 && hanStart > 0; count++) {
      const code = text.charCodeAt(hanStart - 1);
      const high = hanStart >= 2 ? text.charCodeAt(hanStart - 2) : 0;
      const pair = code >= 0xdc00 && code <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
      if (!isHanAtOffset(text, hanStart - (pair ? 2 : 1))) break;
      hanStart -= pair ? 2 : 1;
    }
    if (hanStart === open) continue;
    // 1 to 60 code points other than ( ) and a line break, then ")".
    let close = open + 1;
    let codePoints = 0;
    for (; close < text.length && codePoints <= 60; codePoints++) {
      const code = text.charCodeAt(close);
      if (code === 0x29 || code === 0x28 || code === 10) break;
      const next = text.charCodeAt(close + 1);
      close += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    }
    if (codePoints < 1 || codePoints > 60 || text.charCodeAt(close) !== 0x29) continue;
    candidates.push({ start: open, end: close + 1, hanBefore: text.slice(hanStart, open), annotation: text.slice(open + 1, close) });
    open = close;
  }
  return candidates;
}

/**
 * Decides whether a match of `pinyinAnnotationPattern` is an annotation to drop. Toneless
 * syllables count only when the text elsewhere annotates with tones (`textIsAnnotated`), so that
 * a plain (an) or (da) in ordinary prose is never taken for pinyin.
 */
export function isPinyinAnnotation(hanBefore: string, annotation: string, textIsAnnotated: boolean): boolean {
  const reading = readPinyin(annotation);
  if (reading === undefined) return false;
  if (reading.syllables > [...hanBefore].length) return false;
  return reading.toned || textIsAnnotated;
}
