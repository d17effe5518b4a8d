import * as iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/corpus/decode";

const simplified = "公安机关坚持党建引领，深入推进枫桥经验。";
const traditional = "公安機關堅持黨建引領，深入推進楓橋經驗。";

const withMark = (mark: number[], body: Buffer) => Buffer.concat([Buffer.from(mark), body]);

describe("decodeBytes", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    expect(decodeBytes(Buffer.from(simplified))).toEqual({ ok: true, text: simplified, encoding: "utf-8" });
    expect(decodeBytes(withMark([0xef, 0xbb, 0xbf], Buffer.from(simplified)))).toEqual({ ok: true, text: simplified, encoding: "utf-8" });
  });

  it("reads UTF-16 LE and BE with a byte-order mark", () => {
    expect(decodeBytes(withMark([0xff, 0xfe], iconv.encode(traditional, "utf-16le")))).toEqual({ ok: true, text: traditional, encoding: "utf-16le" });
    expect(decodeBytes(withMark([0xfe, 0xff], iconv.encode(traditional, "utf-16be")))).toEqual({ ok: true, text: traditional, encoding: "utf-16be" });
  });

  it("tells GB18030 from Big5 by the common characters each gives", () => {
    expect(decodeBytes(iconv.encode(simplified, "gb18030"))).toEqual({ ok: true, text: simplified, encoding: "gb18030" });
    expect(decodeBytes(iconv.encode(traditional, "big5"))).toEqual({ ok: true, text: traditional, encoding: "big5" });
    // GBK bytes of Traditional text are GB18030 too.
    expect(decodeBytes(iconv.encode(traditional, "gbk"))).toEqual({ ok: true, text: traditional, encoding: "gb18030" });
  });

  it("prefers UTF-8 for short text unless it yields no Han character at all", () => {
    // 说 in GBK is CB B5, which is also valid UTF-8 (˵).
    expect(decodeBytes(iconv.encode("说", "gbk"))).toEqual({ ok: true, text: "说", encoding: "gb18030" });
    expect(decodeBytes(Buffer.from("说"))).toEqual({ ok: true, text: "说", encoding: "utf-8" });
    expect(decodeBytes(Buffer.from("abc"))).toEqual({ ok: true, text: "abc", encoding: "utf-8" });
  });

  it("keeps CRLF line endings for the cleaning step to handle", () => {
    expect(decodeBytes(Buffer.from("第一行\r\n第二行\r\n"))).toEqual({ ok: true, text: "第一行\r\n第二行\r\n", encoding: "utf-8" });
  });

  it("honours a forced encoding and rejects an unknown one", () => {
    expect(decodeBytes(iconv.encode(traditional, "big5"), { encoding: "big5" })).toEqual({ ok: true, text: traditional, encoding: "big5" });
    expect(decodeBytes(Buffer.from("x"), { encoding: "klingon" })).toEqual({ ok: false, kind: "decode", reason: 'unknown encoding "klingon"' });
  });

  it("refuses empty, blank and binary input with a reason", () => {
    expect(decodeBytes(Buffer.alloc(0))).toEqual({ ok: false, kind: "empty", reason: "file is empty (0 bytes)" });
    expect(decodeBytes(Buffer.from(" \n\t\u3000\n"))).toMatchObject({ ok: false, kind: "empty" });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(decodeBytes(png)).toEqual({ ok: false, kind: "binary", reason: "binary file (contains NUL bytes)" });
    expect(decodeBytes(withMark([0xef, 0xbb, 0xbf], Buffer.from([0xc3, 0x28])))).toMatchObject({ ok: false, kind: "decode" });
  });

  it("refuses bytes that are neither UTF-8 nor Chinese in GB18030 or Big5", () => {
    // Shift-JIS Japanese without any Chinese reading.
    const bytes = iconv.encode("これは日本語のテキストです。ひらがなとカタカナ。", "shift_jis");
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, kind: "decode" });
  });
});
