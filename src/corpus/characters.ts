// Character classes used by decoding, script detection and quality checks: Han characters; the
// "common" Han characters (GB2312 level 1, the 3,755 most-used characters of the standard, bytes
// B0A1–D7F9, with their Traditional forms); every character of GB2312 (levels 1 and 2, the
// standard Simplified repertoire) and of Big5 (the standard Traditional one). Computed from
// iconv-lite and OpenCC at first use, so no table is shipped.
import * as iconv from "iconv-lite";
import { toTraditional } from "./script";

const hanPattern = /^\p{Script=Han}$/u;

let hanTable: Uint8Array | undefined;

/** Script=Han over the Basic Multilingual Plane, one byte per UTF-16 unit (1 = Han): a lookup per character of a corpus instead of a regular expression. */
export function hanTableOfBmp(): Uint8Array {
  if (hanTable) return hanTable;
  hanTable = new Uint8Array(0x10000);
  for (let code = 0x2e80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    if (hanPattern.test(String.fromCharCode(code))) hanTable[code] = 1;
  }
  return hanTable;
}

/** Length in UTF-16 units of the code point at `index`: 2 for a surrogate pair, else 1 (a lone surrogate too). */
export function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** Whether the code point written by `text[index]` (and the next unit, for a surrogate pair) is Han; a lone surrogate is not. */
export function isHanAtOffset(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return hanTableOfBmp()[code] === 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff && hanPattern.test(text.slice(index, index + 2));
}

/** Whether a character (one code point) is Han. */
export function isHanCharacter(character: string): boolean {
  return isHanAtOffset(character, 0);
}

/** Characters of a double-byte code page, decoding every lead byte in [firstLead, lastLead] with each trail byte range. */
function decodeCodePage(encoding: string, firstLead: number, lastLead: number, trailRanges: Array<[number, number]>, skip?: (lead: number, trail: number) => boolean): Set<string> {
  const bytes: number[] = [];
  for (let lead = firstLead; lead <= lastLead; lead++) {
    for (const [first, last] of trailRanges) for (let trail = first; trail <= last; trail++) if (!skip?.(lead, trail)) bytes.push(lead, trail);
  }
  const characters = new Set(iconv.decode(Buffer.from(bytes), encoding));
  characters.delete("\ufffd");
  return characters;
}

let commonHan: Set<string> | undefined;
let gb2312: Set<string> | undefined;
let big5: Set<string> | undefined;

export function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  // D7FA–D7FE are unassigned.
  const levelOne = [...decodeCodePage("gb18030", 0xb0, 0xd7, [[0xa1, 0xfe]], (lead, trail) => lead === 0xd7 && trail > 0xf9)].join("");
  commonHan = new Set([...levelOne, ...toTraditional(levelOne)]);
  return commonHan;
}

/** The 6,763 Han characters of GB2312 (rows B0–F7): what Simplified text is written with. */
export function gb2312Characters(): Set<string> {
  gb2312 ??= decodeCodePage("gb18030", 0xb0, 0xf7, [[0xa1, 0xfe]]);
  return gb2312;
}

/** The Han characters of Big5 (rows A4–F9): what Traditional text is written with. */
export function big5Characters(): Set<string> {
  big5 ??= decodeCodePage("big5", 0xa4, 0xf9, [[0x40, 0x7e], [0xa1, 0xfe]]);
  return big5;
}

/**
 * Code-point offsets of UTF-16 offsets into `text`, given in ascending order (as token starts
 * are): one walk over the text, counting every unit but the second half of a surrogate pair.
 * DuckDB, Spark and Python count characters so; JavaScript counts a character beyond U+FFFF twice.
 */
export function codePointOffsets(text: string, ascending: ArrayLike<number>): number[] {
  const result: number[] = [];
  let unit = 0;
  let codePoints = 0;
  for (let index = 0; index < ascending.length; index++) {
    for (const end = Math.min(ascending[index], text.length); unit < end; unit++) {
      const code = text.charCodeAt(unit);
      if (code < 0xdc00 || code > 0xdfff) codePoints++;
    }
    result.push(codePoints);
  }
  return result;
}
