// Character-level normalization steps, each on tracked text and each reporting what it changed:
// line endings, Unicode NFKC (２０２３ → 2023, ＡＰＰ → APP), white space, inline pinyin.
import { codePointLength } from "../shared/code-points";
import { findPinyinCandidates, isPinyinAnnotation } from "./pinyin";
import { replaceSpans, replaceTracked, type TrackedReplacement, type TrackedText } from "./tracked-text";

export interface StepResult {
  result: TrackedText;
  /** How many characters or annotations the step changed. */
  count: number;
  /** A few before → after examples, for the cleaning log. */
  examples: string[];
}

const maximumExamples = 5;

export function normalizeLineEndings(tracked: TrackedText): StepResult {
  const { result, replacements } = replaceTracked(tracked, /\r\n?|[\u2028\u2029\u0085]/g, () => "\n");
  return { result, count: replacements, examples: [] };
}

/** What NFKC does to each BMP code unit taken alone (1 = changes it) and which units are combining marks (\p{M}). */
interface NfkcTables {
  changes: Uint8Array;
  marks: Uint8Array;
}

let nfkcTables: NfkcTables | undefined;
const markPattern = /^\p{M}$/u;

function nfkcTablesOfBmp(): NfkcTables {
  if (nfkcTables) return nfkcTables;
  const changes = new Uint8Array(0x10000);
  const marks = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const character = String.fromCharCode(code);
    if (character.normalize("NFKC") !== character) changes[code] = 1;
    if (markPattern.test(character)) marks[code] = 1;
  }
  nfkcTables = { changes, marks };
  return nfkcTables;
}

/**
 * NFKC, applied per base character with its combining marks so that offsets stay exact: each unit
 * is a code point with the marks after it, except that ASCII and the unified Han blocks
 * (3400–4DBF, 4E00–9FFF), which NFKC never changes, form a unit only with a mark after them. The
 * units are those of /[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}*|[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}+/gu,
 * found by a scan over lookup tables (a test holds the two equal): a BMP character alone that NFKC
 * leaves as it is needs no call to `normalize`.
 */
export function normalizeUnicode(tracked: TrackedText): StepResult {
  const { changes, marks } = nfkcTablesOfBmp();
  const text = tracked.text;
  const isMarkAt = (index: number) => {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdbff) return marks[code] === 1;
    return codePointLength(text, index) === 2 && markPattern.test(text.slice(index, index + 2));
  };
  const examples: string[] = [];
  const spans: TrackedReplacement[] = [];
  for (let index = 0; index < text.length; ) {
    const code = text.charCodeAt(index);
    const length = codePointLength(text, index);
    let end = index + length;
    while (end < text.length && isMarkAt(end)) end += codePointLength(text, end);
    const start = index;
    index = end;
    if (end === start + length && length === 1 && changes[code] === 0) continue; // unchanged alone (ASCII and Han included)
    const inHanOrAscii = code <= 0x7f || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff);
    if (inHanOrAscii && end === start + length) continue;
    const unit = text.slice(start, end);
    const normalized = unit.normalize("NFKC");
    if (normalized === unit) continue;
    const example = `${unit}→${normalized}`;
    if (examples.length < maximumExamples && !/\s/.test(unit) && !examples.includes(example)) examples.push(example);
    spans.push({ start, end, replacement: normalized });
  }
  return { result: replaceSpans(tracked, spans), count: spans.length, examples };
}

/**
 * Chinese numerals written with a circle for zero: 一九五○年 (U+25CB WHITE CIRCLE) or ◯ (U+25EF)
 * where 〇 (U+3007) is meant, common in typed and OCR'd texts. Left as they are, the year falls
 * apart in segmentation (一九五 / ○ / 年) and no date is read. A circle is read as 〇 only inside
 * a run of Chinese digits that holds at least one other digit, so a bullet ○ stays a bullet.
 */
export function normalizeNumeralZero(tracked: TrackedText): StepResult {
  const examples: string[] = [];
  const { result, replacements } = replaceTracked(tracked, /[〇零一二三四五六七八九十○◯]{2,}/g, (match) => {
    const run = match[0];
    if (!/[○◯]/.test(run) || !/[〇零一二三四五六七八九十]/.test(run)) return run;
    const fixed = run.replace(/[○◯]/g, "〇");
    if (examples.length < maximumExamples) examples.push(`${run}→${fixed}`);
    return fixed;
  });
  return { result, count: replacements, examples };
}

/** Drops zero-width characters, folds runs of white space (incl. U+3000 and NBSP) to one space, trims each line. */
export function collapseWhitespace(tracked: TrackedText): StepResult {
  let count = 0;
  const dropped = replaceTracked(tracked, /[\u200b-\u200d\u2060\ufeff\u00ad]+/g, () => "");
  count += dropped.replacements;
  const folded = replaceTracked(dropped.result, /[^\S\n]{2,}|[^\S\n ]/g, () => " ");
  count += folded.replacements;
  const trimmed = replaceTracked(folded.result, /^ +| +$/gm, () => "");
  count += trimmed.replacements;
  return { result: trimmed.result, count, examples: [] };
}

/** Removes pinyin written inline after characters: 責(zé)任 → 責任. */
export function removeInlinePinyin(tracked: TrackedText): StepResult {
  const candidates = findPinyinCandidates(tracked.text);
  if (candidates.length === 0) return { result: tracked, count: 0, examples: [] };
  let toned = 0;
  for (const candidate of candidates) if (isPinyinAnnotation(candidate.hanBefore, candidate.annotation, false)) toned++;
  const textIsAnnotated = toned >= 3;
  const examples: string[] = [];
  const removals: TrackedReplacement[] = [];
  for (const candidate of candidates) {
    if (!isPinyinAnnotation(candidate.hanBefore, candidate.annotation, textIsAnnotated)) continue;
    const lastHan = [...candidate.hanBefore].pop() ?? "";
    if (examples.length < maximumExamples) examples.push(`${lastHan}(${candidate.annotation})→${lastHan}`);
    removals.push({ start: candidate.start, end: candidate.end, replacement: "" });
  }
  return { result: replaceSpans(tracked, removals), count: removals.length, examples };
}
