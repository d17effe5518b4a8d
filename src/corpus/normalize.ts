// Character-level normalization steps, each on tracked text and each reporting what it changed:
// line endings, Unicode NFKC (２０２３ → 2023, ＡＰＰ → APP), white space, inline pinyin.
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

/**
 * NFKC, applied per base character with its combining marks so that offsets stay exact. Han
 * characters of the unified blocks (3400–4DBF, 4E00–9FFF) are never changed by NFKC, so they are
 * not visited unless a combining mark follows them: most of a Chinese text is skipped.
 */
export function normalizeUnicode(tracked: TrackedText): StepResult {
  if (tracked.text.normalize("NFKC") === tracked.text) return { result: tracked, count: 0, examples: [] };
  const examples: string[] = [];
  const { result, replacements } = replaceTracked(tracked, /[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}*|[\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]\p{M}+/gu, (match) => {
    const normalized = match[0].normalize("NFKC");
    const example = `${match[0]}→${normalized}`;
    if (normalized !== match[0] && examples.length < maximumExamples && !/\s/.test(match[0]) && !examples.includes(example)) {
      examples.push(example);
    }
    return normalized;
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
