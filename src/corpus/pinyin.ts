// Inline pinyin annotations such as 責(zé)任 or 枫桥经验(fēng qiáo jīng yàn): recognised only when
// every syllable is a well-formed pinyin syllable (initial + final) and there are no more
// syllables than Han characters just before the parenthesis, so (App), (中) or (2022) stay.

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
export function readPinyin(annotation: string): PinyinReading | undefined {
  const words = annotation.trim().toLowerCase().split(/[\s'’]+/).filter((word) => word !== "");
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
// Anchored on the parenthesis, with the Han characters before it in a lookbehind: the search jumps
// from "(" to "(" instead of trying a match at every Han character of the text. Group 1 is the Han
// run (up to 12 characters), group 2 the annotation; the match itself is "(…)", what removal drops.
export const pinyinAnnotationPattern = /(?<=(\p{Script=Han}{1,12}))\(([^()\n]{1,60})\)/gu;

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
