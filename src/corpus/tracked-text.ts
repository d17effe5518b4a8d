// Text that remembers where each of its characters came from. Cleaning edits it (replace,
// cut into lines, join), and the result still maps every character back to `original`,
// which is how concordances show the source script around a match.

export interface TrackedText {
  text: string;
  /** `origin[i]` is the offset in the original string of `text[i]`. */
  origin: Int32Array;
}

export function trackText(original: string): TrackedText {
  const origin = new Int32Array(original.length);
  for (let index = 0; index < origin.length; index++) origin[index] = index;
  return { text: original, origin };
}

/** A replacement of `text[start, end)`; spans handed to `replaceSpans` are in order and do not overlap. */
export interface TrackedReplacement {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Replaces spans of the text. What a replacement shares with the start and end of its span maps
 * character by character (責(zé) → 責 keeps 責 exact); the changed middle spreads over the span. A
 * replacement as long as its span keeps the span's origins as they are, so a text whose every
 * replacement keeps length (full-width → half-width punctuation) shares its origin map.
 */
export function replaceSpans(tracked: TrackedText, spans: readonly TrackedReplacement[]): TrackedText {
  if (spans.length === 0) return tracked;
  const parts: string[] = [];
  // Pieces of the new origin map: runs of the old one (subarrays, no per-character push: this
  // runs over every character of a corpus) and the origins of replacements that change length.
  const pieces: Int32Array[] = [];
  let textCursor = 0;
  let originCursor = 0;
  for (const { start, end, replacement } of spans) {
    parts.push(tracked.text.slice(textCursor, start), replacement);
    textCursor = end;
    const matchedLength = end - start;
    if (replacement.length === matchedLength) continue;
    pieces.push(tracked.origin.subarray(originCursor, start));
    originCursor = end;
    let prefix = 0;
    while (prefix < replacement.length && prefix < matchedLength && replacement.charCodeAt(prefix) === tracked.text.charCodeAt(start + prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < replacement.length - prefix &&
      suffix < matchedLength - prefix &&
      replacement.charCodeAt(replacement.length - 1 - suffix) === tracked.text.charCodeAt(end - 1 - suffix)
    ) suffix++;
    const middleLength = replacement.length - prefix - suffix;
    const matchedMiddle = matchedLength - prefix - suffix;
    const replaced = new Int32Array(replacement.length);
    for (let index = 0; index < replacement.length; index++) {
      let source: number;
      if (index < prefix) source = index;
      else if (index >= replacement.length - suffix) source = matchedLength - (replacement.length - index);
      else source = prefix + Math.floor(((index - prefix) * Math.max(matchedMiddle, 1)) / Math.max(middleLength, 1));
      replaced[index] = tracked.origin[start + Math.min(source, matchedLength - 1)];
    }
    pieces.push(replaced);
  }
  parts.push(tracked.text.slice(textCursor));
  const text = parts.join("");
  if (pieces.length === 0) return { text, origin: tracked.origin };
  pieces.push(tracked.origin.subarray(originCursor));
  const origin = new Int32Array(text.length);
  let offset = 0;
  for (const piece of pieces) {
    origin.set(piece, offset);
    offset += piece.length;
  }
  return { text, origin };
}

/**
 * Replaces every match of a global regular expression (see `replaceSpans` for how origins map).
 * `onReplace` sees each match and returns the replacement (return the match to keep it).
 */
export function replaceTracked(
  tracked: TrackedText,
  pattern: RegExp,
  onReplace: (match: RegExpExecArray) => string,
): { result: TrackedText; replacements: number } {
  if (!pattern.global) throw new Error(`replaceTracked needs a global pattern, got ${pattern}`);
  const spans: TrackedReplacement[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(tracked.text); match !== null; match = pattern.exec(tracked.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const replacement = onReplace(match);
    if (replacement !== match[0]) spans.push({ start: match.index, end: match.index + match[0].length, replacement });
  }
  return { result: replaceSpans(tracked, spans), replacements: spans.length };
}

/** Applies a whole-string transformation that is expected to keep length (e.g. script conversion); otherwise spreads offsets proportionally. */
export function transformTracked(tracked: TrackedText, transform: (text: string) => string): TrackedText {
  const text = transform(tracked.text);
  if (text === tracked.text) return tracked;
  if (text.length === tracked.text.length) return { text, origin: tracked.origin };
  const origin = new Int32Array(text.length);
  for (let index = 0; index < text.length; index++) {
    origin[index] = tracked.origin[Math.floor((index * tracked.text.length) / text.length)];
  }
  return { text, origin };
}

/** A part of a tracked text; its origin map is a view of the whole one (origin maps are never written after they are made). */
export function sliceTracked(tracked: TrackedText, start: number, end = tracked.text.length): TrackedText {
  return { text: tracked.text.slice(start, end), origin: tracked.origin.subarray(start, end) };
}

export function splitTrackedLines(tracked: TrackedText): TrackedText[] {
  const lines: TrackedText[] = [];
  let start = 0;
  for (let index = 0; index <= tracked.text.length; index++) {
    if (index === tracked.text.length || tracked.text[index] === "\n") {
      lines.push(sliceTracked(tracked, start, index));
      start = index + 1;
    }
  }
  return lines;
}

/** Joins lines with a separator; each separator character maps to just after the end of the line before it. */
export function joinTracked(lines: TrackedText[], separator: string): TrackedText {
  const text = lines.map((line) => line.text).join(separator);
  const origin = new Int32Array(text.length);
  let offset = 0;
  lines.forEach((line, lineIndex) => {
    origin.set(line.origin, offset);
    offset += line.text.length;
    if (lineIndex < lines.length - 1) {
      const after = line.origin.length > 0 ? line.origin[line.origin.length - 1] + 1 : 0;
      for (let index = 0; index < separator.length; index++) origin[offset + index] = after;
      offset += separator.length;
    }
  });
  return { text, origin };
}
