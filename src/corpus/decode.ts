// Bytes → text. Detects UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, GB18030 (which
// includes GBK and GB2312) and Big5; chooses between GB18030 and Big5 by which decoding yields
// more common Han characters. Refuses empty, blank and binary input with a reason.
import { isUtf8 } from "node:buffer";
import * as iconv from "iconv-lite";
import { isHanCharacter } from "./characters";
import { commonHanCharacters } from "./script";

export type DecodeFailureKind = "empty" | "binary" | "decode";

export type DecodeOutcome =
  | { ok: true; text: string; encoding: string }
  | { ok: false; kind: DecodeFailureKind; reason: string };

export interface DecodeOptions {
  /** Force an encoding (any label iconv-lite knows: `gbk`, `big5`, `utf-16le`, …). */
  encoding?: string;
  /**
   * Many documents in one file (JSONL, CSV): a few broken bytes are judged against the whole
   * file, not its non-ASCII characters, since JSON may escape all its Chinese (\u516c) and one bad
   * byte would then reject every line. The line with the bad byte keeps U+FFFD, and is flagged.
   */
  structured?: boolean;
}


/** UTF-8 to text, or undefined when the bytes are not valid UTF-8 (a byte-order mark is kept as U+FEFF). */
function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  // Validation (simdutf) then Buffer's decoder: several times faster than a fatal TextDecoder, same result.
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

/** Control bytes other than tab, line feed, form feed, carriage return and escape: a sign of binary data. */
const controlBytes = Uint8Array.from({ length: 256 }, (_, byte) => (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b ? 1 : 0));

function controlByteShare(bytes: Uint8Array): { nul: boolean; share: number } {
  const sample = Math.min(bytes.length, 65536);
  // A plain Uint8Array view, so the loop sees one kind of array whatever the caller passed.
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, sample);
  let control = 0;
  for (let index = 0; index < sample; index++) control += controlBytes[view[index]];
  return { nul: view.indexOf(0) !== -1, share: sample === 0 ? 0 : control / sample };
}

interface CandidateScore {
  encoding: string;
  text: string;
  commonHan: number;
  /** U+FFFD, private-use and control characters: what a wrong decoding produces. */
  bad: number;
  nonAscii: number;
}

function scoreCandidate(encoding: string, bytes: Uint8Array): CandidateScore {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  const common = commonHanCharacters();
  let commonHan = 0;
  let bad = 0;
  let nonAscii = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    nonAscii++;
    if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0xf0000 && code <= 0x10ffff)) bad++;
    else if (isHanCharacter(character) && common.has(character)) commonHan++;
  }
  return { encoding, text, commonHan, bad, nonAscii };
}

function checkNotBlank(text: string, encoding: string): DecodeOutcome {
  if (text.trim() === "") return { ok: false, kind: "empty", reason: `file is blank (only white space, ${encoding})` };
  return { ok: true, text, encoding };
}

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodeOutcome {
  if (bytes.length === 0) return { ok: false, kind: "empty", reason: "file is empty (0 bytes)" };
  const mark = byteOrderMark(bytes);

  if (options.encoding !== undefined) {
    if (!iconv.encodingExists(options.encoding)) {
      return { ok: false, kind: "decode", reason: `unknown encoding "${options.encoding}"` };
    }
    const text = iconv.decode(Buffer.from(bytes), options.encoding, { stripBOM: true });
    return checkNotBlank(text, options.encoding.toLowerCase());
  }

  if (mark !== undefined) {
    const body = bytes.subarray(mark.length);
    if (mark.encoding === "utf-8") {
      const text = decodeUtf8Strict(body);
      if (text === undefined) return { ok: false, kind: "decode", reason: "has a UTF-8 byte-order mark but is not valid UTF-8" };
      return checkNotBlank(text, "utf-8");
    }
    if (body.length % 2 !== 0) return { ok: false, kind: "decode", reason: `has a ${mark.encoding.toUpperCase()} byte-order mark but an odd number of bytes` };
    return checkNotBlank(iconv.decode(Buffer.from(body), mark.encoding), mark.encoding);
  }

  const control = controlByteShare(bytes);
  if (control.nul || control.share > 0.05) {
    return { ok: false, kind: "binary", reason: control.nul ? "binary file (contains NUL bytes)" : "binary file (many control bytes)" };
  }

  const candidates = () => {
    const scored = ["gb18030", "big5"].map((encoding) => scoreCandidate(encoding, bytes));
    scored.sort((left, right) => right.commonHan - 4 * right.bad - (left.commonHan - 4 * left.bad));
    return scored;
  };

  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== undefined) {
    // Prefer UTF-8 when it decodes cleanly, except when it yields no Han character at all while a
    // legacy Chinese encoding reads every non-ASCII character as a common Han one (short GBK text
    // such as 说, CB B5, is also valid UTF-8: ˵).
    if (/[^\x00-\x7f]/.test(utf8) && !/\p{Script=Han}/u.test(utf8)) {
      const best = candidates()[0];
      if (best.nonAscii > 0 && best.bad === 0 && best.commonHan === best.nonAscii) return checkNotBlank(best.text, best.encoding);
    }
    return checkNotBlank(utf8, "utf-8");
  }

  // Mostly UTF-8 with a few broken bytes (a corrupt byte, a file cut mid-character): keep it as
  // UTF-8, whose U+FFFD characters the quality check then flags, rather than lose the document.
  const scored = candidates();
  const lenient = scoreCandidate("utf-8", bytes);
  const legacy = scored[0];
  if (lenient.nonAscii > 0 && lenient.bad / lenient.nonAscii <= 0.01 && lenient.commonHan - 4 * lenient.bad > legacy.commonHan - 4 * legacy.bad) {
    return checkNotBlank(lenient.text, "utf-8");
  }
  if (options.structured) {
    // Bad bytes on a few lines of a file of many records are damage to those lines, not another
    // encoding, unless the legacy reading is clean Chinese throughout.
    const lines = lenient.text.split("\n").filter((line) => line.trim() !== "");
    const damagedLines = lines.filter((line) => line.includes("\ufffd")).length;
    const legacyIsClean = legacy.bad === 0 && legacy.nonAscii > 0 && legacy.commonHan / legacy.nonAscii >= 0.9;
    if (!legacyIsClean && damagedLines <= Math.max(1, lines.length * 0.1)) return checkNotBlank(lenient.text, "utf-8");
  }
  const best = legacy;
  if (best.nonAscii > 0 && (best.bad / best.nonAscii > 0.02 || best.commonHan / best.nonAscii < 0.3)) {
    return {
      ok: false,
      kind: "decode",
      reason: "not valid UTF-8, and neither GB18030 nor Big5 gives Chinese text (binary, or another encoding: pass the encoding option)",
    };
  }
  if (looksKorean(bytes)) {
    return {
      ok: false,
      kind: "decode",
      reason: "looks like Korean in EUC-KR (its Hangul bytes also read as GB2312 Chinese characters, as nonsense): wenxi analyses Chinese; pass the encoding option to force one",
    };
  }
  return checkNotBlank(best.text, best.encoding);
}

/**
 * EUC-KR Hangul (rows B0–C8) are also GB2312 level-1 Han characters, so Korean reads as
 * common-looking Chinese. Korean is told by decoding cleanly as EUC-KR into mostly Hangul
 * syllables, with words separated by spaces, which Chinese text does not have between characters.
 */
function looksKorean(bytes: Uint8Array): boolean {
  const korean = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "euc-kr");
  let hangul = 0;
  let nonAscii = 0;
  let bad = 0;
  let spacedWords = 0;
  for (let index = 0; index < korean.length; index++) {
    const code = korean.charCodeAt(index);
    if (code < 0x80) {
      if (code === 0x20 && index > 0 && korean.charCodeAt(index - 1) >= 0xac00 && korean.charCodeAt(index - 1) <= 0xd7a3) spacedWords++;
      continue;
    }
    nonAscii++;
    if (code === 0xfffd) bad++;
    else if (code >= 0xac00 && code <= 0xd7a3) hangul++;
  }
  // GB2312 orders its level-1 characters by pinyin, and rows B0–C8 stop at about "r": Chinese
  // prose always has characters past them (是, 在, 中, 这), which EUC-KR reads as Hanja, not Hangul.
  return nonAscii >= 20 && bad === 0 && hangul / nonAscii >= 0.95 && spacedWords / hangul >= 0.05;
}
