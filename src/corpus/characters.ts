// Character classes used by decoding, script detection and quality checks: Han characters;
// GB2312 level 1 (the 3,755 most-used characters of the standard, bytes B0A1–D7F9); every
// character of GB2312 (levels 1 and 2, the standard Simplified repertoire) and of Big5 (the
// standard Traditional one). Computed from iconv-lite at first use, so no table is shipped.
import * as iconv from "iconv-lite";

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

let gb2312: Set<string> | undefined;
let big5: Set<string> | undefined;

/** The 3,755 characters of GB2312 level 1 (rows B0–D7), the most used Simplified characters. */
export function gb2312LevelOne(): string {
  // D7FA–D7FE are unassigned.
  return [...decodeCodePage("gb18030", 0xb0, 0xd7, [[0xa1, 0xfe]], (lead, trail) => lead === 0xd7 && trail > 0xf9)].join("");
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
