import { describe, expect, it } from "vitest";
import { removeInlinePinyin } from "../../src/corpus/normalize";
import { readPinyin } from "../../src/corpus/pinyin";
import { trackText } from "../../src/corpus/tracked-text";

const clean = (text: string) => removeInlinePinyin(trackText(text));

describe("readPinyin", () => {
  it("reads toned, numbered and joined syllables", () => {
    expect(readPinyin("zé")).toEqual({ syllables: 1, toned: true });
    expect(readPinyin("zhuang4")).toEqual({ syllables: 1, toned: true });
    expect(readPinyin("fēngqiáo jīngyàn")).toEqual({ syllables: 4, toned: true });
    expect(readPinyin("lǜ")).toEqual({ syllables: 1, toned: true });
    expect(readPinyin("de")).toEqual({ syllables: 1, toned: false });
  });
  it("rejects what is not pinyin", () => {
    for (const text of ["App", "2022", "xyz", "中", "GDP", "ok"]) expect(readPinyin(text)).toBeUndefined();
  });
});

describe("removeInlinePinyin", () => {
  it("removes annotations after the characters they read", () => {
    const result = clean("扛起政治責(zé)任 忠誠履行職責(zé)使命");
    expect(result.result.text).toBe("扛起政治責任 忠誠履行職責使命");
    expect(result.count).toBe(2);
    expect(result.examples).toEqual(["責(zé)→責", "責(zé)→責"]);
  });
  it("removes word-level annotations, not more syllables than characters", () => {
    expect(clean("枫桥经验(fēng qiáo jīng yàn)").result.text).toBe("枫桥经验");
    expect(clean("经(jīng yàn)").result.text).toBe("经(jīng yàn)");
  });
  it("keeps parentheses that are not pinyin", () => {
    for (const text of ["下载了App(App)", "李力(中)督导", "二十大(2022)", "警方(an)"]) expect(clean(text).result.text).toBe(text);
  });
  it("removes toneless syllables only where the text annotates with tones", () => {
    expect(clean("我的(de)书").result.text).toBe("我的(de)书");
    expect(clean("責(zé)任 職(zhí)責(zé) 我的(de)书").result.text).toBe("責任 職責 我的书");
  });
  it("keeps offsets into the original", () => {
    const { result } = clean("責(zé)任");
    expect(result.text).toBe("責任");
    expect([...result.origin]).toEqual([0, 5]);
  });
});
