// One document's cleaning pipeline, pure: decoded text in, cleaned text, title, metadata, log
// and flags out. Steps: line endings → NFKC + white space → inline pinyin → metadata lines →
// web debris → Traditional→Simplified → variant characters (variants.ts). Each step but line endings can be switched off.
import { breadcrumbSegments, defaultDebrisRules, isNonSentenceLine, matchDebrisRule, type DebrisRule } from "./debris";
import { readMetadataLine, type MetadataFields } from "./metadata";
import { collapseWhitespace, normalizeLineEndings, normalizeNumeralZero, normalizeUnicode, removeInlinePinyin, type StepResult } from "./normalize";
import { qualityFlags } from "./quality";
import { detectScript, toSimplified } from "./script";
import { foldVariants } from "./variants";
import { joinTracked, sliceTracked, splitTrackedLines, trackText, transformTracked, type TrackedText } from "./tracked-text";
import type { CleaningLogEntry, CleaningStep, QualityFlag, Script } from "./types";

export interface CleaningOptions {
  /** Unicode NFKC and white-space folding. Default true. */
  normalize?: boolean;
  /** Remove inline pinyin annotations (責(zé)任 → 責任). Default true. */
  pinyin?: boolean;
  /** Move metadata lines (来源, 发布时间, 作者, 责任编辑 …) into `meta`. Default true. */
  metadata?: boolean;
  /** Remove web debris lines. Default true. */
  debris?: boolean;
  /** The debris rules to apply, in order. Default `defaultDebrisRules`. */
  debrisRules?: DebrisRule[];
  /** Convert Traditional to Simplified in `text` (never in `original`). Default true. */
  toSimplified?: boolean;
}

export interface CleanedText {
  title: string;
  text: string;
  sourceMap: Int32Array;
  script: Script;
  metadata: MetadataFields;
  log: CleaningLogEntry[];
  flags: QualityFlag[];
}

/** 1-based line numbers of offsets in a text whose lines end in \n, \r\n or \r. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === "\n" || (character === "\r" && text[index + 1] !== "\n")) starts.push(index + 1);
  }
  return (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

interface Line {
  tracked: TrackedText;
  /** Simplified form, the one rules and metadata are matched against. */
  simplified: string;
  number: number;
  /** Why the line was removed, when it was. */
  removedBy?: { step: CleaningStep; rule: string };
}

function logCount(log: CleaningLogEntry[], step: CleaningStep, rule: string, result: StepResult): TrackedText {
  if (result.count > 0) {
    log.push({ step, rule, count: result.count, ...(result.examples.length > 0 ? { text: result.examples.join(" ") } : {}) });
  }
  return result.result;
}

/** Strips an image credit at the end of a caption line: …工作。西双版纳州公安局供图 → …工作。 */
function stripTrailingCredit(line: Line): { line: Line; credit?: string } {
  const match = /(?<=[。.!?])\s*([^。,!?\s]{2,24}(?:供图|摄|\/图))$/u.exec(line.simplified);
  if (!match) return { line };
  const cut = match.index;
  // `simplified` is the trimmed line: measure the credit from the end of the tracked line, which
  // may keep leading white space when normalization is off.
  const keep = line.tracked.text.trimEnd().length - (line.simplified.length - cut);
  return { line: { ...line, tracked: sliceTracked(line.tracked, 0, keep), simplified: line.simplified.slice(0, cut) }, credit: match[1] };
}

export function cleanText(original: string, options: CleaningOptions = {}): CleanedText {
  const log: CleaningLogEntry[] = [];
  const lineOfOffset = lineLocator(original);
  let tracked = logCount(log, "line-endings", "line-endings", normalizeLineEndings(trackText(original)));
  if (options.normalize !== false) {
    tracked = logCount(log, "nfkc", "nfkc", normalizeUnicode(tracked));
    tracked = logCount(log, "nfkc", "numeral-zero", normalizeNumeralZero(tracked));
    tracked = logCount(log, "whitespace", "whitespace", collapseWhitespace(tracked));
  }
  if (options.pinyin !== false) tracked = logCount(log, "pinyin", "pinyin-annotation", removeInlinePinyin(tracked));

  const { script } = detectScript(tracked.text);
  const simplify = (text: string) => (script === "simplified" ? text : toSimplified(text));

  const lines: Line[] = splitTrackedLines(tracked)
    .filter((line) => line.text.trim() !== "")
    .map((line) => ({ tracked: line, simplified: simplify(line.text.trim()), number: lineOfOffset(line.origin[0] ?? 0) }));

  const metadata: MetadataFields = {};
  const rules = options.debrisRules ?? defaultDebrisRules;
  const removeLine = (line: Line, step: CleaningStep, rule: string) => {
    line.removedBy = { step, rule };
    log.push({ step, rule, line: line.number, text: line.tracked.text.trim() });
  };
  let previousLine: string | undefined;
  let endOfArticle = -1;
  const crumbs = new Set<string>();
  lines.forEach((current, index) => {
    let line = current;
    if (options.metadata !== false) {
      const fields = readMetadataLine(line.simplified);
      if (fields) {
        for (const [key, value] of Object.entries(fields) as Array<[keyof MetadataFields, string]>) metadata[key] ??= value;
        removeLine(line, "metadata", Object.keys(fields).join("+"));
        if (fields.editor !== undefined) endOfArticle = index;
        return;
      }
    }
    if (options.debris !== false) {
      const stripped = stripTrailingCredit(line);
      if (stripped.credit !== undefined) {
        log.push({ step: "debris", rule: "image-credit", line: line.number, text: stripped.credit });
        line = lines[index] = stripped.line;
      }
      const rule = matchDebrisRule(line.simplified, rules, { previousLine });
      if (rule) {
        removeLine(line, "debris", rule.name);
        if (rule.name === "breadcrumb") for (const segment of breadcrumbSegments(line.simplified)) crumbs.add(segment);
        if (rule.name === "end-marker") endOfArticle = index;
        return;
      }
    }
    previousLine = lines[index].simplified;
  });

  if (options.debris !== false) {
    // A masthead: the site's name alone on a line, as named in a breadcrumb or the source (人民网).
    const sourceRoot = metadata.source?.split(/[-—–·|]/)[0]?.trim();
    if (sourceRoot) crumbs.add(sourceRoot);
    for (const line of lines) {
      if (!line.removedBy && line.simplified.length <= 15 && crumbs.has(line.simplified)) removeLine(line, "debris", "masthead");
    }
    // The footer zone: after the editor line or an end marker, short lines with no sentence in
    // them (关于, site links) are page furniture, provided no real sentence follows.
    if (endOfArticle >= 0) {
      const after = lines.slice(endOfArticle + 1).filter((line) => !line.removedBy);
      if (after.length <= 12 && after.every((line) => isNonSentenceLine(line.simplified))) {
        for (const line of after) removeLine(line, "debris", "footer-zone");
      }
    }
  }

  const keptLines = lines.filter((line) => !line.removedBy);
  const kept = keptLines.map((line) => line.tracked);
  const title = kept[0]?.text.trim() ?? "";
  let keptText = joinTracked(kept, "\n");
  if (options.toSimplified !== false && script !== "simplified") {
    // Each line's Simplified form was made for matching rules: reuse it where the line is as
    // trimmed as that form (always, unless normalization is off).
    const converted = joinTracked(
      keptLines.map((line) => transformTracked(line.tracked, (text) => (text === text.trim() ? line.simplified : toSimplified(text)))),
      "\n",
    );
    let changed = 0;
    const comparable = converted.text.length === keptText.text.length;
    for (let index = 0; comparable && index < converted.text.length; index++) if (converted.text[index] !== keptText.text[index]) changed++;
    if (converted.text !== keptText.text) log.push({ step: "script", rule: "traditional-to-simplified", count: comparable ? changed : undefined });
    keptText = converted;
  }
  if (options.toSimplified !== false) {
    // Variant characters OpenCC leaves (劒, 疎, 鴈) folded to the standard one, in any script.
    let folded = 0;
    const standard = transformTracked(keptText, (text) => {
      const result = foldVariants(text);
      folded = result.count;
      return result.text;
    });
    if (folded > 0) {
      log.push({ step: "script", rule: "variant-characters", count: folded });
      keptText = standard;
    }
  }

  // Counts first (whole-text steps), then removed lines in the order they stood.
  log.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  const flags = qualityFlags({ text: keptText.text, original, sourceMap: keptText.origin, script, lineOfOffset });
  return { title, text: keptText.text, sourceMap: keptText.origin, script, metadata, log, flags };
}
