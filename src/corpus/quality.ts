// Quality flags: what a reader of a cleaned document should be warned about. Garbled spans
// (mojibake: text once decoded with the wrong encoding) show as clusters of rare Han characters
// together with the debris of a wrong decoding: stray '?', foreign letters between Han
// characters, private-use characters, U+FFFD (bytes that did not decode), or an unbroken run of
// rare characters whose GBK or Big5 bytes read as UTF-8 Chinese. Rare characters alone, set apart
// by punctuation (沂、沭、汶、泗; 钒、钛、镍), or side by side in classical verse (鷓鴣, 髣髴), are valid text.
import * as iconv from "iconv-lite";
import { hanTableOfBmp, isHanAtOffset, isHanCharacter } from "./characters";
import { commonHanCharacters } from "./script";
import type { QualityFlag, Script } from "./types";

export interface TextSpan {
  start: number;
  end: number;
}

const cjkPunctuation = /[\u3000-\u303f\uff00-\uffef\u2010-\u206f\u00b7\u00d7\u2460-\u24ff\u25a0-\u25ff\u2600-\u26ff]/u;

const enum Suspicion {
  None = 0,
  /** A rare Han character: suspicious only in company. */
  RareHan = 1,
  /** Debris only a wrong decoding leaves: '?', a foreign letter or symbol between Han characters, private use, U+FFFD. */
  Debris = 2,
}

let commonTable: Uint8Array | undefined;
let spaceTable: Uint8Array | undefined;

/** What /\s/ matches, as a table over the Basic Multilingual Plane (1 = white space). */
function whiteSpaceTable(): Uint8Array {
  if (spaceTable) return spaceTable;
  spaceTable = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) if (/\s/.test(String.fromCharCode(code))) spaceTable[code] = 1;
  return spaceTable;
}

/** The common Han characters as a table over the Basic Multilingual Plane (1 = common), for a lookup per character. */
function commonHanTable(): Uint8Array {
  if (commonTable) return commonTable;
  commonTable = new Uint8Array(0x10000);
  for (const character of commonHanCharacters()) if (character.length === 1) commonTable[character.charCodeAt(0)] = 1;
  return commonTable;
}

function suspicionOf(text: string, index: number, common: Uint8Array): Suspicion {
  const code = text.charCodeAt(index);
  if (code < 0x80) return code === 0x3f && (isHanAt(text, index - 1) || isHanAt(text, index + 1)) ? Suspicion.Debris : Suspicion.None;
  if (code >= 0x4e00 && code <= 0x9fff) return common[code] === 1 ? Suspicion.None : Suspicion.RareHan;
  const character = text[index];
  if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff)) return Suspicion.Debris;
  if (code >= 0xd800 && code <= 0xdfff) return Suspicion.None; // astral characters are not judged
  if (isHanCharacter(character)) return common[code] === 1 ? Suspicion.None : Suspicion.RareHan;
  const before = text[index - 1] ?? "";
  const after = text[index + 1] ?? "";
  const besideHan = isHanCharacter(before) || isHanCharacter(after);
  if (character === "?") return besideHan ? Suspicion.Debris : Suspicion.None;
  if (code < 0x80 || cjkPunctuation.test(character)) return Suspicion.None;
  return besideHan && /\p{L}|\p{So}/u.test(character) ? Suspicion.Debris : Suspicion.None;
}

/** Rare Han characters in an unbroken run that no clean text writes (mojibake of UTF-8 read as GBK: 鍏畨鏈哄叧). */
const rareRunLength = 4;

/**
 * Finds garbled spans: at least three suspicious characters (rare Han characters outside
 * GB2312 level 1 and its Traditional forms, '?' or non-Chinese letters next to Han characters,
 * private-use characters, U+FFFD) with gaps of at most four characters between them, of which
 * at least one is such debris or four rare characters stand side by side. Two rare characters
 * side by side (砥砺) are ordinary literary Chinese, and so is a list of rare ones (沂、沭、汶).
 */
function isHanAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && isHanCharacter(text[index]);
}

/**
 * Whether rare characters are the trace of a wrong decoding: written back in GBK or Big5, their
 * bytes read as UTF-8 Chinese (鍏畨鏈哄叧 → 公安机关). Rare but valid characters side by side
 * (鷓鴣, 髣髴, 鴈 in classical verse) give bytes that are no UTF-8 text.
 */
export function looksMisdecoded(span: string): boolean {
  for (const encoding of ["gb18030", "big5"]) {
    const bytes = iconv.encode(span, encoding);
    if (encoding === "big5" && iconv.decode(bytes, encoding) !== span) continue; // not all in Big5
    const decoded = new TextDecoder("utf-8").decode(bytes);
    let han = 0;
    let broken = 0;
    for (const character of decoded) {
      if (character === "\ufffd") broken++;
      else if (isHanCharacter(character)) han++;
    }
    if (han >= 2 && broken * 2 <= han) return true;
  }
  return false;
}

export function findGarbledSpans(text: string): TextSpan[] {
  const common = commonHanTable();
  const spans: TextSpan[] = [];
  let clusterStart = -1;
  let clusterEnd = -1;
  let clusterSize = 0;
  let hasDebris = false;
  let rareRun = 0;
  let longestRareRun = 0;
  const close = () => {
    if (clusterSize >= 3 && (hasDebris || (longestRareRun >= rareRunLength && looksMisdecoded(text.slice(clusterStart, clusterEnd + 1))))) spans.push({ start: clusterStart, end: clusterEnd + 1 });
    clusterSize = 0;
    hasDebris = false;
    longestRareRun = 0;
  };
  for (let index = 0; index < text.length; index++) {
    const suspicion = suspicionOf(text, index, common);
    rareRun = suspicion === Suspicion.RareHan ? rareRun + 1 : 0;
    if (suspicion === Suspicion.None) continue;
    if (clusterSize > 0 && index - clusterEnd > 5) close();
    if (clusterSize === 0) clusterStart = index;
    clusterEnd = index;
    clusterSize++;
    if (suspicion === Suspicion.Debris) hasDebris = true;
    longestRareRun = Math.max(longestRareRun, rareRun);
  }
  close();
  return spans;
}

export interface QualityInput {
  text: string;
  original: string;
  sourceMap: Int32Array;
  script: Script;
  lineOfOffset: (offset: number) => number;
}

function excerptOf(input: QualityInput, span: TextSpan, margin = 6): { line: number; excerpt: string } {
  // The margin is counted in cleaned characters, so annotations removed from the text do not eat it.
  const from = input.sourceMap[Math.max(0, span.start - margin)] ?? 0;
  const last = Math.min(input.text.length, span.end + margin) - 1;
  const to = (input.sourceMap[last] ?? from) + 1;
  return { line: input.lineOfOffset(input.sourceMap[span.start] ?? from), excerpt: input.original.slice(from, to).replace(/\s+/g, " ") };
}

export function qualityFlags(input: QualityInput): QualityFlag[] {
  const flags: QualityFlag[] = [];
  const { text } = input;
  if (text.trim() === "") {
    flags.push({ kind: "empty-after-cleaning", message: "no text is left after cleaning" });
    return flags;
  }
  for (const span of findGarbledSpans(text)) {
    flags.push({ kind: "garbled", message: `garbled span of ${span.end - span.start} characters (mis-decoded text)`, ...excerptOf(input, span) });
  }
  const replacementCount = text.includes("\ufffd") ? [...text.matchAll(/\ufffd/g)].length : 0;
  if (replacementCount > 0) {
    const first = text.indexOf("\ufffd");
    flags.push({
      kind: "replacement-character",
      message: `${replacementCount} U+FFFD replacement character(s): bytes that did not decode`,
      ...excerptOf(input, { start: first, end: first + 1 }),
    });
  }
  let han = 0;
  let visible = 0;
  const space = whiteSpaceTable();
  const hanTable = hanTableOfBmp();
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (space[code] === 1) continue;
    visible++;
    if (code < 0xd800 || code > 0xdbff) {
      han += hanTable[code];
      continue;
    }
    if (isHanAtOffset(text, index)) han++;
    const next = text.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) index++; // one code point
  }
  if (visible > 0 && han / visible < 0.3) {
    flags.push({ kind: "low-han-share", message: `only ${Math.round((100 * han) / visible)} % of characters are Han: is this Chinese text?` });
  }
  if (input.script === "mixed") {
    flags.push({ kind: "mixed-script", message: "the text mixes Traditional and Simplified characters" });
  }
  return flags;
}
