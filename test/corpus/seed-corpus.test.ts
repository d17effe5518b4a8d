// Facts about the bundled corpus (data/corpus), the default data of everything.
import { beforeAll, describe, expect, it } from "vitest";
import { corpusFromTexts, loadCorpus, toSimplified, type Corpus, type Document } from "../../src";

let corpus: Corpus;
const byId = (prefix: string): Document => {
  const document = corpus.documents.find((candidate) => candidate.id.startsWith(prefix));
  if (!document) throw new Error(`no document ${prefix}`);
  return document;
};

beforeAll(async () => {
  corpus = await loadCorpus("data/corpus");
});

describe("the seed corpus", () => {
  it("loads five documents in id order, with no errors", () => {
    expect(corpus.documents.map((document) => document.id)).toEqual([
      "000_cc917116ad61b671",
      "001_9b22334ce759c9d2",
      "002_f5186662bd3c1b41",
      "003_c02badad5088874c",
      "004_ca7bdd51d57b8ec5",
    ]);
    expect(corpus.errors).toEqual([]);
    expect(byId("000").path).toBe("data/corpus/000_cc917116ad61b671.txt");
  });

  it("removes every inline pinyin annotation from 001 and logs the 220 it removed", () => {
    const document = byId("001");
    expect(document.original).toContain("責(zé)任");
    expect(document.text).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
    expect(document.text).toContain("政治责任");
    expect(document.log.find((entry) => entry.step === "pinyin")?.count).toBe(220);
    expect(document.title).toBe("扛起政治責任 忠誠履行職責使命");
  });

  it("converts 001 and 004 to Simplified in text and keeps Traditional in original", () => {
    for (const prefix of ["001", "004"]) {
      const document = byId(prefix);
      expect(document.meta.script).toBe("traditional");
      expect(document.text).toContain("公安机关");
      expect(document.text).not.toContain("公安機關");
      expect(document.original).toContain("公安機關");
    }
    expect(byId("001").text).toContain("新疆生产建设兵团");
    expect(byId("000").meta.script).toBe("simplified");
  });

  it("reads dates, sources, authors and editors off the metadata lines", () => {
    expect(byId("000").meta).toMatchObject({ date: "2022-09-27", source: "人民公安报", author: "马建华 朱祥明 李旭帅", editor: "马芳" });
    expect(byId("002").meta).toMatchObject({ date: "2023-10-10", source: "新乡日报", editor: "李昕" });
    expect(byId("004").meta).toMatchObject({ date: "2022-09-23", source: "人民网-云南频道", author: "李发兴", editor: "木胜玉、朱红霞" });
    expect(byId("003").meta).toMatchObject({ source: "自治区公安厅" });
    expect(byId("003").meta.date).toBeUndefined();
    expect(byId("001").meta.author).toBe("王琴 张宏疆");
    // Metadata lines leave the text.
    expect(byId("000").text).not.toContain("来源");
    expect(byId("000").text).not.toContain("责任编辑");
    expect(byId("004").text).not.toContain("责编");
  });

  it("removes web debris from text and names each removed line in the log", () => {
    const removed = (prefix: string, line: string) =>
      byId(prefix).log.some((entry) => entry.step === "debris" && entry.text === line && entry.line !== undefined);
    expect(byId("002").text.split("\n")).not.toContain("Array");
    expect(removed("002", "Array")).toBe(true);
    for (const line of ["返回頂部", "分享讓更多人看到", "小字號", "人民網>>雲南頻道>>時政", "人民網"]) {
      expect(removed("004", line)).toBe(true);
    }
    expect(removed("002", "©1997-2022 河南致晟提供技术支持")).toBe(true);
    expect(removed("002", "大河新乡网版权所有")).toBe(true);
    expect(removed("001", "-END-")).toBe(true);
    for (const document of corpus.documents) {
      expect(document.text).not.toMatch(/返回顶部|分享让更多人看到|版权所有|©|网站简介|违法不良信息举报|^-END-$/m);
      expect(document.text.split("\n")).not.toContain("Array");
    }
    // The caption printed twice in 004 is kept once, without its image credit.
    const caption = "李力(中)督导检查疫情防控、边境管控工作。";
    expect(byId("004").text.split("\n").filter((line) => line === caption)).toHaveLength(1);
  });

  it("gives the line number in original of each removed line", () => {
    for (const document of corpus.documents) {
      const lines = document.original.split("\n");
      for (const entry of document.log.filter((candidate) => candidate.line !== undefined && candidate.rule !== "image-credit")) {
        // The log shows the line after NFKC and white-space folding (a caption whose image
        // credit was logged on its own shows without it).
        const line = lines[entry.line! - 1].normalize("NFKC").replace(/\s+/g, " ").trim();
        if (entry.rule === "duplicate-line") expect(line.startsWith(entry.text!)).toBe(true);
        else expect(line).toBe(entry.text);
      }
    }
  });

  it("flags the two garbled spans of 001 (one around 嚴打) and nothing in the other articles", () => {
    const garbled = byId("001").flags.filter((flag) => flag.kind === "garbled");
    expect(garbled.map((flag) => flag.line)).toEqual([4, 22]);
    expect(garbled[1].excerpt).toContain("嚴(yán)打");
    for (const prefix of ["000", "002", "003", "004"]) expect(byId(prefix).flags).toEqual([]);
  });

  it("maps every character of text back into original", () => {
    for (const document of corpus.documents) {
      expect(document.sourceMap.length).toBe(document.text.length);
      expect(document.sourceMap).toBeInstanceOf(Uint16Array); // originals under 65,536 units: 2 bytes a character

      for (let index = 1; index < document.sourceMap.length; index++) {
        expect(document.sourceMap[index]).toBeGreaterThanOrEqual(document.sourceMap[index - 1]);
      }
    }
    // A document past 65,535 units keeps 32-bit offsets, and they reach its end.
    const long = corpusFromTexts([{ id: "long", text: `${"第一段文字。".repeat(12_000)}\n结尾` }]).documents[0];
    expect(long.sourceMap).toBeInstanceOf(Int32Array);
    expect(long.original.slice(long.sourceMap[long.text.length - 2])).toBe("结尾");
    const document = byId("004");
    const at = document.text.indexOf("公安机关");
    expect(document.original.slice(document.sourceMap[at], document.sourceMap[at + 3] + 1)).toBe("公安機關");
    // In 001, where pinyin was cut out, 实战 still maps onto 實 and 戰, not into (zhàn).
    const interview = byId("001");
    const practice = interview.text.indexOf("反恐实战");
    expect(interview.original.slice(interview.sourceMap[practice], interview.sourceMap[practice + 3] + 1)).toBe("反恐實戰");
  });

  it("maps every Han character of text onto the character it came from", () => {
    for (const document of corpus.documents) {
      let mismatches = 0;
      for (let index = 0; index < document.text.length; index++) {
        const character = document.text[index];
        if (!/\p{Script=Han}/u.test(character)) continue;
        // Conversion depends on the line (顯著 → 显著 by phrase; a shared 於 follows its neighbours):
        // compare with the converted line of the original.
        const at = document.sourceMap[index];
        const source = document.original[at];
        const lineStart = document.original.lastIndexOf("\n", at) + 1;
        const lineEnd = document.original.indexOf("\n", at) < 0 ? document.original.length : document.original.indexOf("\n", at);
        const convertedLine = toSimplified(document.original.slice(lineStart, lineEnd));
        if (source !== character && convertedLine[at - lineStart] !== character) mismatches++;
      }
      expect(mismatches, document.id).toBe(0);
    }
  });

  it("is deterministic", async () => {
    const again = await loadCorpus("data/corpus");
    expect(again.documents.map((document) => [document.text, document.log, document.flags])).toEqual(
      corpus.documents.map((document) => [document.text, document.log, document.flags]),
    );
  });
});
