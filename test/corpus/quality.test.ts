// Garbled-span detection: mojibake is flagged, clean text with rare characters is not.
import * as iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { corpusFromTexts } from "../../src";
import { findGarbledSpans } from "../../src/corpus/quality";

describe("findGarbledSpans", () => {
  it("leaves lists of rare but valid characters in clean text alone", () => {
    const clean = [
      "治理淮河，根治沂、沭、汶、泗诸河的水患，兴修水利。",
      "攀枝花的钒、钛、镍、钴、铌等矿产资源得到综合利用。",
      "砥砺奋进，踔厉奋发，赓续红色血脉。",
    ];
    for (const text of clean) expect(findGarbledSpans(text), text).toEqual([]);
    const corpus = corpusFromTexts([{ id: "report", text: clean.join("\n") }]);
    expect(corpus.documents[0].flags).toEqual([]);
  });
  it("flags text decoded with the wrong encoding", () => {
    // UTF-8 bytes read as GBK: an unbroken run of rare characters.
    const utf8AsGbk = iconv.decode(Buffer.from("公安机关坚持党建引领，深入推进改革", "utf8"), "gbk");
    expect(findGarbledSpans(`正文：${utf8AsGbk}`)).toEqual([{ start: 3, end: 3 + utf8AsGbk.length }]);
    // Rare characters with the '?' and Latin letters a wrong decoding leaves (seed 001's kind).
    expect(findGarbledSpans("請談?wù)勀鷮ν暾麥?準確")).toHaveLength(1);
    // Private-use characters among rare ones.
    expect(findGarbledSpans("沂\ue000沭\ue001汶")).toHaveLength(1);
  });
});

describe("rare but valid characters of classical verse", () => {
  it("are not flagged side by side (鷓鴣, 髣髴, 鴈, 魑魅魍魉), while UTF-8 read as GBK still is", async () => {
    const { findGarbledSpans, looksMisdecoded } = await import("../../src/corpus/quality");
    const iconv = await import("iconv-lite");
    for (const line of ["越王勾踐破吳歸，鷓鴣飛鴈髣髴間", "髣髴鷓鴣鴈鶺鴒", "魑魅魍魉喜人過", "鸂鶒鷓鴣相對浴紅衣"]) expect(findGarbledSpans(line), line).toEqual([]);
    const garbled = iconv.decode(Buffer.from("公安机关坚持党建引领", "utf8"), "gbk");
    expect(looksMisdecoded(garbled)).toBe(true);
    const spans = findGarbledSpans(`正常的文字${garbled}正常的文字`);
    expect(spans).toHaveLength(1);
    expect(spans[0].start).toBe(5);
    expect(spans[0].end).toBeGreaterThanOrEqual(5 + garbled.length - 1);
  });
});
