import * as iconv from "iconv-lite";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusLoadError, corpusFromTexts, loadCorpus } from "../../src";
import { temporaryFolder, writeFiles } from "../helpers";

const folder = temporaryFolder();
const mixed = path.join(folder, "mixed");
writeFiles(mixed, {
  "a-gb.txt": iconv.encode("新疆公安:忠诚担当\n来源:人民公安报 发布时间: 2022-09-27 11:18:26\n全区公安机关坚持党建引领。", "gb18030"),
  "b-big5.txt": iconv.encode("雲南公安黨旗紅\n2022年09月23日08:22 | 來源:人民網-雲南頻道\n公安機關堅持黨建引領。\n返回頂部", "big5"),
  "c-utf16.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("公安机关\r\n深入推进", "utf-16le")]),
  "d-bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("带字节序标记的文本")]),
  "e-crlf.txt": "第一行\r\n\r\n第二行\r\n",
  "f-binary.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x03]),
  "g-empty.txt": "",
  "h-blank.txt": "  \n\u3000\n",
  "notes.md": "不是 txt 文件",
  "sub/a-gb.txt": "同名的文件在子文件夹里",
});

describe("loadCorpus on a folder of mixed files", () => {
  it("loads the good files, decoded, and reports each bad one by path and reason", async () => {
    const corpus = await loadCorpus(mixed);
    expect(corpus.documents.map((document) => [document.id, document.meta.encoding])).toEqual([
      ["a-gb", "gb18030"],
      ["b-big5", "big5"],
      ["c-utf16", "utf-16le"],
      ["d-bom", "utf-8"],
      ["e-crlf", "utf-8"],
      ["sub/a-gb", "utf-8"],
    ]);
    expect(corpus.errors).toEqual([
      { path: `${mixed}/f-binary.txt`, kind: "binary", reason: "binary file (contains NUL bytes)" },
      { path: `${mixed}/g-empty.txt`, kind: "empty", reason: "file is empty (0 bytes)" },
      { path: `${mixed}/h-blank.txt`, kind: "empty", reason: "file is blank (only white space, utf-8)" },
    ]);
    const byId = Object.fromEntries(corpus.documents.map((document) => [document.id, document]));
    expect(byId["a-gb"].text).toBe("新疆公安:忠诚担当\n全区公安机关坚持党建引领。");
    expect(byId["a-gb"].meta).toMatchObject({ date: "2022-09-27", source: "人民公安报" });
    expect(byId["b-big5"].text).toBe("云南公安党旗红\n公安机关坚持党建引领。");
    expect(byId["b-big5"].original).toContain("公安機關");
    expect(byId["b-big5"].meta).toMatchObject({ date: "2022-09-23", source: "人民网-云南频道", script: "traditional" });
    expect(byId["c-utf16"].text).toBe("公安机关\n深入推进");
    expect(byId["d-bom"].text).toBe("带字节序标记的文本");
    expect(byId["e-crlf"].text).toBe("第一行\n第二行");
    expect(byId["e-crlf"].original).toBe("第一行\r\n\r\n第二行\r\n");
  });

  it("throws one error listing every problem when strict", async () => {
    const failure = await loadCorpus(mixed, { strict: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CorpusLoadError);
    expect((failure as CorpusLoadError).errors).toHaveLength(3);
    expect((failure as Error).message).toContain("f-binary.txt: binary file (contains NUL bytes)");
  });

  it("takes files by glob or by extension", async () => {
    expect((await loadCorpus(mixed, { pattern: "*.md" })).documents.map((document) => document.id)).toEqual(["notes"]);
    expect((await loadCorpus(mixed, { pattern: "sub/**" })).documents.map((document) => document.id)).toEqual(["a-gb"]);
    expect((await loadCorpus(mixed, { extensions: ["md"] })).documents.map((document) => document.id)).toEqual(["notes"]);
  });

  it("loads a single file, and names a missing source", async () => {
    const corpus = await loadCorpus(path.join(mixed, "d-bom.txt"));
    expect(corpus.documents.map((document) => document.id)).toEqual(["d-bom"]);
    await expect(loadCorpus(path.join(folder, "nowhere"))).rejects.toThrow(/nowhere" does not exist/);
  });

  it("forces an encoding for every file", async () => {
    const corpus = await loadCorpus(path.join(mixed, "b-big5.txt"), { encoding: "big5" });
    expect(corpus.documents[0].meta.encoding).toBe("big5");
  });
});

describe("loadCorpus on damaged input", () => {
  it("keeps a UTF-8 file with a corrupt byte or a cut last character, flagged, and reports a dangling link", async () => {
    const damaged = path.join(folder, "damaged");
    const text = Buffer.from("公安机关坚持党建引领，深入推进枫桥经验。".repeat(10));
    writeFiles(damaged, {
      "corrupt.txt": Buffer.concat([text.subarray(0, 150), Buffer.from([0xff]), text.subarray(150)]),
      "cut.txt": text.subarray(0, text.length - 1),
    });
    const { symlinkSync } = await import("node:fs");
    symlinkSync(path.join(damaged, "missing-target.txt"), path.join(damaged, "dangling.txt"));
    const corpus = await loadCorpus(damaged);
    expect(corpus.documents.map((document) => [document.id, document.meta.encoding, document.flags.map((flag) => flag.kind)])).toEqual([
      ["corrupt", "utf-8", ["replacement-character"]],
      ["cut", "utf-8", ["replacement-character"]],
    ]);
    expect(corpus.documents[0].text).toContain("枫桥经验");
    expect(corpus.errors).toEqual([{ path: `${damaged}/dangling.txt`, kind: "read", reason: "a link that leads nowhere" }]);
  });
});

describe("loadCorpus on JSONL and CSV", () => {
  writeFiles(folder, {
    "news.jsonl": [
      JSON.stringify({ id: "x2", text: "公安機關坚持党建引领", source: "人民网", date: "2022年9月3日", tags: ["a", "b"] }),
      "",
      "{not json",
      JSON.stringify({ id: "x1", body: "没有 text 字段" }),
      JSON.stringify({ text: "   " }),
      "[1, 2]",
      JSON.stringify({ text: "无编号的文档", title: "自定标题" }),
    ].join("\n"),
    "news.csv": 'id,title,text,region\r\nn1,标题一,"第一篇,含逗号\n和换行",新疆\r\nn2,标题二,"第二篇 ""引号""",云南\r\nn3,缺列\r\n',
    "custom.csv": "编号,正文\nk1,自定义的正文列\n",
  });

  it("reads one document per JSON line, other properties as metadata, and names bad lines", async () => {
    const corpus = await loadCorpus(path.join(folder, "news.jsonl"));
    expect(corpus.documents.map((document) => [document.id, document.title, document.text])).toEqual([
      ["news-7", "自定标题", "无编号的文档"],
      ["x2", "公安機關坚持党建引领", "公安机关坚持党建引领"],
    ]);
    expect(corpus.documents[1].meta).toMatchObject({ source: "人民网", date: "2022-09-03", tags: '["a","b"]', line: "1" });
    expect(corpus.errors.map((error) => [error.line, error.kind])).toEqual([
      [3, "parse"],
      [4, "parse"],
      [5, "empty"],
      [6, "parse"],
    ]);
    expect(corpus.errors[1].reason).toMatch(/^no "text" field in 1 of 4 rows \(the first: line 4\); their fields: "body", "id"\. Name/);
  });

  it("reads CSV with quoted commas, line breaks and quotes, and names rows of the wrong width", async () => {
    const corpus = await loadCorpus(path.join(folder, "news.csv"));
    expect(corpus.documents.map((document) => [document.id, document.title, document.text, document.meta.region])).toEqual([
      ["n1", "标题一", "第一篇,含逗号\n和换行", "新疆"],
      ["n2", "标题二", '第二篇 "引号"', "云南"],
    ]);
    expect(corpus.errors).toEqual([{ path: `${folder}/news.csv`, line: 5, kind: "parse", reason: "has 2 fields, the header has 4" }]);
  });

  it("takes the text and id from columns the user names", async () => {
    const corpus = await loadCorpus(path.join(folder, "custom.csv"), { textField: "正文", idField: "编号" });
    expect(corpus.documents.map((document) => [document.id, document.text])).toEqual([["k1", "自定义的正文列"]]);
  });
});

describe("corpusFromTexts", () => {
  it("cleans texts in memory and makes repeated ids unique with a flag", () => {
    const corpus = corpusFromTexts([
      { id: "b", text: "第二篇" },
      { id: "a", text: "第一篇" },
      { id: "a", text: "又一篇" },
    ]);
    expect(corpus.documents.map((document) => document.id)).toEqual(["a", "a~2", "b"]);
    expect(corpus.documents[1].flags).toEqual([{ kind: "duplicate-id", message: 'id "a" is used by another document; renamed to "a~2"' }]);
  });
});

describe("loadCorpus on worker threads", () => {
  it("gives the same documents, ids and errors with workers as on this thread alone", async () => {
    const parallel = path.join(folder, "parallel");
    const seeds = readdirSync(path.resolve("data/corpus")).sort().map((name) => readFileSync(path.join(path.resolve("data/corpus"), name), "utf8"));
    const files: Record<string, string | Buffer> = {};
    // About 2.6 MB in 41 files, so that the 1 MB batches go to more than one thread.
    // Each stem twice (a/doc00, b/doc00) and doc00 once more at the top: ids fall back to relative paths.
    for (let index = 0; index < 36; index++) files[`${index < 18 ? "a" : "b"}/doc${String(index % 18).padStart(2, "0")}.txt`] = `${seeds[index % seeds.length]}\n`.repeat(10);
    files["doc00.txt"] = seeds[0];
    files["binary.txt"] = Buffer.from([0x89, 0x50, 0x00, 0x01]);
    files["gbk.txt"] = iconv.encode("新疆公安:忠诚担当\n全区公安机关坚持党建引领。", "gb18030");
    files["rows.jsonl"] = '{"id":"same","text":"公安机关坚持党建引领。"}\n{"id":"same","text":"深入推进改革。"}\nnot json\n';
    files["empty.txt"] = "";
    writeFiles(parallel, files);
    const options = { extensions: [".txt", ".jsonl"] };
    const alone = await loadCorpus(parallel, { ...options, workers: 0 });
    const shared = await loadCorpus(parallel, { ...options, workers: 2 });
    expect(alone.documents.length).toBe(40);
    expect(alone.documents.filter((document) => document.id.endsWith("doc00")).map((document) => document.id)).toEqual(["a/doc00", "b/doc00", "doc00"]);
    expect(alone.errors.map((error) => error.kind).sort()).toEqual(["binary", "empty", "parse"]);
    expect(alone.documents.filter((document) => document.id.startsWith("same")).map((document) => document.id)).toEqual(["same", "same~2"]);
    expect(shared).toEqual(alone);
  }, 60_000);
});
