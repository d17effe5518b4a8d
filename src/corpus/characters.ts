// Character classes used by decoding and quality checks: Han characters, and the "common" Han
// characters, defined as GB2312 level 1 (the 3,755 most-used characters of the standard, bytes
// B0A1–D7F9) together with their Traditional forms. Computed from iconv-lite and OpenCC at first use.
import * as iconv from "iconv-lite";
import { toTraditional } from "./script";

const hanPattern = /\p{Script=Han}/u;

export function isHanCharacter(character: string): boolean {
  return hanPattern.test(character);
}

let commonHan: Set<string> | undefined;

export function commonHanCharacters(): Set<string> {
  if (commonHan) return commonHan;
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xd7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      if (lead === 0xd7 && trail > 0xf9) break; // D7FA–D7FE are unassigned
      bytes.push(lead, trail);
    }
  }
  const levelOne = iconv.decode(Buffer.from(bytes), "gb18030");
  commonHan = new Set([...levelOne, ...toTraditional(levelOne)]);
  return commonHan;
}
