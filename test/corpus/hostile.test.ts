// Hostile and outsized input: every file gets a result or an error naming it, nothing escapes the
// corpus folder unless asked, and no input makes V8 abort the process.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import * as iconv from "iconv-lite";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFromTexts, cut, loadCorpus, termFrequency, tokenize } from "../../src";
import { formatTable } from "../../src/format/tables";
import { resolveSettings, type Tokens } from "../../src/text/tokenize";
import { temporaryFolder, writeFiles } from "../helpers";

const folder = temporaryFolder();
const good = "公安机关坚持党建引领，深入推进改革。";

describe("links", () => {
  const root = path.join(folder, "links");
  writeFiles(root, { "a.txt": good, "inside/b.txt": good });
  writeFileSync(path.join(folder, "outside.txt"), "外面的文件");
  symlinkSync("/etc/passwd", path.join(root, "passwd.txt"));
  symlinkSync("/", path.join(root, "everything"));
  symlinkSync(path.join(folder, "outside.txt"), path.join(root, "outside.txt"));
  symlinkSync(path.join(root, "inside", "b.txt"), path.join(root, "c.txt"));

  it("stay inside the corpus folder, each link out reported", async () => {
    const corpus = await loadCorpus(root);
    expect(corpus.documents.map((document) => document.id)).toEqual(["a", "b", "c"]);
    expect(corpus.errors.map((error) => [error.path.split("/").pop(), error.kind])).toEqual([
      ["everything", "read"],
      ["outside.txt", "read"],
      ["passwd.txt", "read"],
    ]);
    expect(corpus.errors[0].reason).toContain('a link to /, outside the corpus folder: skipped (followLinks: "all" follows it)');
  });
  it("are followed out when asked, and a special file cannot block the load", async () => {
    const asked = path.join(folder, "asked");
    writeFiles(asked, { "a.txt": good });
    symlinkSync(path.join(folder, "outside.txt"), path.join(asked, "outside.txt"));
    if (existsSync("/proc/kmsg")) symlinkSync("/proc/kmsg", path.join(asked, "kmsg.txt"));
    const corpus = await loadCorpus(asked, { followLinks: "all" });
    expect(corpus.documents.map((document) => document.id)).toEqual(["a", "outside"]);
    // /proc/kmsg says it holds 0 bytes and blocks when read: only its stated size is read.
    if (existsSync("/proc/kmsg")) expect(corpus.errors.map((error) => [error.path.split("/").pop(), error.kind])).toEqual([["kmsg.txt", "empty"]]);
  }, 20_000);
});

describe("size", () => {
  it("reports a file over the size limit and loads the one beside it", async () => {
    const sized = path.join(folder, "sized");
    writeFiles(sized, { "small.txt": good });
    const huge = path.join(sized, "huge.txt");
    writeFileSync(huge, "");
    truncateSync(huge, 300 * 1024 * 1024); // 300 MB, sparse: nothing is written or read
    const corpus = await loadCorpus(sized);
    expect(corpus.documents.map((document) => document.id)).toEqual(["small"]);
    expect(corpus.errors).toEqual([
      { path: `${sized}/huge.txt`, kind: "too-large", reason: "is 300.0 MB, over the 256.0 MB limit for one file (maxFileBytes, --max-file-mb): split it, or raise the limit if memory allows" },
    ]);
    expect((await loadCorpus(sized, { maxFileBytes: 10 })).errors.map((error) => error.path.split("/").pop())).toEqual(["huge.txt", "small.txt"]);
  });
  it("stops loading files before the heap runs out, naming each one left out, instead of aborting", () => {
    const many = path.join(folder, "many");
    const text = `${good}\n`.repeat(20_000); // 0.56 MB each
    writeFiles(many, Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`doc${String(index).padStart(2, "0")}.txt`, text])));
    const script = `require(${JSON.stringify(path.resolve("dist/index.js"))}).loadCorpus(${JSON.stringify(many)}).then((corpus) => console.log(JSON.stringify({ documents: corpus.documents.length, errors: corpus.errors.map((error) => error.kind) })))`;
    const run = spawnSync(process.execPath, ["--max-old-space-size=64", "-e", script], { encoding: "utf8" });
    expect(run.stderr).not.toContain("FATAL");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { documents: number; errors: string[] };
    expect(result.documents).toBeGreaterThan(0);
    expect(result.documents + result.errors.length).toBe(40);
    expect(new Set(result.errors)).toEqual(new Set(["too-large"]));
  }, 60_000);
  it("streams under the same per-file memory budget as loading: a file too large to clean is named, the rest counted", () => {
    const mixed = path.join(folder, "stream-budget");
    // 3 MB of short lines: cleaning needs ~40 bytes of heap per byte, past a 64 MB heap.
    writeFiles(mixed, { "big.txt": `${good}\n`.repeat(110_000), "small.txt": good });
    for (const workers of [0, 1]) {
      const script = `const w = require(${JSON.stringify(path.resolve("dist/index.js"))}); w.streamTermCounts(${JSON.stringify(mixed)}, { workers: ${workers} }).then((counted) => console.log(JSON.stringify({ documents: counted.documents, errors: counted.errors.map((error) => [error.path.split("/").pop(), error.kind]) })))`;
      const run = spawnSync(process.execPath, ["--max-old-space-size=64", "-e", script], { encoding: "utf8" });
      expect(run.stderr).not.toContain("FATAL");
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ documents: 1, errors: [["big.txt", "too-large"]] });
    }
  }, 120_000);
  it("refuses one JSONL line nested 5,000 deep, naming its line, and loads the others (also streaming)", async () => {
    const file = path.join(folder, "deep.jsonl");
    const deep = `{"text":"深",${"[".repeat(5000)}${"]".repeat(5000)}}`.replace(`"深",`, `"深","nested":`);
    writeFileSync(file, [`{"text":"${good}"}`, deep, `{"text":"${good}","note":"[not nesting]"}`].join("\n"));
    const corpus = await loadCorpus(file);
    expect(corpus.documents).toHaveLength(2);
    expect(corpus.errors).toEqual([{ path: file, line: 2, kind: "parse", reason: "JSON nested more than 256 levels deep: line skipped" }]);
    const { streamTermCounts } = await import("../../src");
    const counted = await streamTermCounts(file, { workers: 0 });
    expect(counted.documents).toBe(2);
    expect(counted.errors.map((error) => error.line)).toEqual([2]);
  });
  it("names a FIFO or socket that matches the pattern instead of skipping it silently", async () => {
    const special = path.join(folder, "special");
    writeFiles(special, { "a.txt": good });
    const made = spawnSync("mkfifo", [path.join(special, "pipe.txt")]);
    expect(made.status).toBe(0);
    const corpus = await loadCorpus(special);
    expect(corpus.documents.map((document) => document.id)).toEqual(["a"]);
    expect(corpus.errors).toEqual([{ path: `${special}/pipe.txt`, kind: "read", reason: "not a regular file (a named pipe): skipped" }]);
  });
  it("reports the files of a batch whose worker thread died, and finishes the rest", async () => {
    const { runBatches } = await import("../../src/shared/worker-pool");
    const script = path.join(folder, "dying-worker.js");
    writeFileSync(
      script,
      `const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ index, request }) => { if (request === "die") process.exit(3); parentPort.postMessage({ index, result: request.toUpperCase() }); });`,
    );
    const results: string[] = [];
    const lost: Array<[number, string]> = [];
    await runBatches({ script, batches: ["a", "die", "c", "d", "e"], workers: 1, here: (request: string) => (request === "die" ? "?" : `here:${request}`), onResult: (_index, result: string) => results.push(result), onLostBatch: (index, reason) => lost.push([index, reason]) });
    expect(lost.map(([index]) => index)).toContain(1);
    expect(lost[0][1]).toBe("exited with code 3");
    expect(results.length + lost.length).toBe(5);
    // Without onLostBatch the run fails instead of waiting for ever.
    await expect(runBatches({ script, batches: ["a", "die", "c"], workers: 2, here: (request: string) => request, onResult: () => undefined })).rejects.toThrow("a worker thread stopped: exited with code 3");
  });
  it("reports 200,000 JSONL rows without a text field once, with the fields they have", async () => {
    const file = path.join(folder, "no-text.jsonl");
    writeFileSync(file, Array.from({ length: 200_000 }, (_, index) => `{"id":${index},"body":"正文"}`).join("\n"));
    const corpus = await loadCorpus(file);
    expect(corpus.documents).toEqual([]);
    expect(corpus.errors).toEqual([{ path: file, line: 1, kind: "parse", reason: 'no "text" field in any of its 200000 row(s); their fields: "body", "id". Name the text\'s field with textField (--text-field NAME; a dotted path reaches inside objects)' }]);
  }, 30_000);
  it("tabulates over 128,000 distinct terms and 130,000 rows", () => {
    const size = 150_000;
    const vocabulary = Array.from({ length: size }, (_, index) => `词${index}`);
    const tokens: Tokens = {
      vocabulary,
      termIndex: new Map(vocabulary.map((term, index) => [term, index])),
      tags: [],
      documents: [{ id: "d", meta: { encoding: "utf-8", script: "simplified" }, termIds: Int32Array.from(vocabulary.keys()), starts: new Int32Array(size), positions: Int32Array.from(vocabulary.keys()), tokensBeforeFiltering: size }],
      settings: resolveSettings({}),
    };
    const rows = termFrequency(tokens);
    expect(rows).toHaveLength(size);
    expect(formatTable(rows.slice(0, 130_000)).split("\n")).toHaveLength(130_002);
  });
  it("cuts a document of over a million characters in pieces, with the words of one cut", () => {
    const text = Array.from({ length: 40_000 }, (_, index) => `第${index}条：${good}`).join("\n");
    expect(text.length).toBeGreaterThan(1_000_000);
    const tokens = tokenize(corpusFromTexts([{ id: "long", text }], { normalize: false }), { stopwords: "none", removePunctuation: false, removeNumbers: false });
    const words = cut(text, "precise", true).filter((word) => word.trim() !== "");
    expect(tokens.documents[0].termIds.length).toBe(words.length);
    expect(Array.from(tokens.documents[0].termIds.slice(-5), (id) => tokens.vocabulary[id])).toEqual(words.slice(-5));
  }, 60_000);
});

describe("damaged and foreign files", () => {
  it("loads a file whose name is not UTF-8 (GBK from a zip file)", async () => {
    const named = path.join(folder, "named");
    mkdirSync(named);
    writeFileSync(Buffer.concat([Buffer.from(`${named}/`), iconv.encode("公安.txt", "gbk")]), good);
    const corpus = await loadCorpus(named);
    expect(corpus.errors).toEqual([]);
    expect(corpus.documents.map((document) => [document.id, document.text])).toEqual([["公安", good.replace("，", ",")]]);
  });
  it("keeps both columns of a CSV that repeats a column name, and says so", async () => {
    const file = path.join(folder, "twice.csv");
    writeFileSync(file, "id,text,text\n1,第一列的文本,第二列的文本\n");
    const corpus = await loadCorpus(file);
    expect(corpus.documents.map((document) => [document.id, document.text, document.meta["text~2"]])).toEqual([["1", "第一列的文本", "第二列的文本"]]);
    expect(corpus.errors).toEqual([{ path: file, line: 1, kind: "parse", reason: 'column "text" appears 2 times (columns 2, 3): the first is read as "text", the others are kept as "text~2"' }]);
  });
  it("loads every line of a JSONL file with one bad byte, flagging that line's document", async () => {
    const file = path.join(folder, "damaged.jsonl");
    const lines = ['{"id":"a","text":"\\u516c\\u5b89\\u673a\\u5173"}', '{"id":"b","text":"坏', '字节"}', '{"id":"c","text":"深入推进"}'];
    writeFileSync(file, Buffer.concat([Buffer.from(`${lines[0]}\n${lines[1]}`), Buffer.from([0xff]), Buffer.from(`${lines[2]}\n${lines[3]}\n`)]));
    const corpus = await loadCorpus(file);
    expect(corpus.errors).toEqual([]);
    expect(corpus.documents.map((document) => [document.id, document.flags.map((flag) => flag.kind)])).toEqual([
      ["a", []],
      ["b", ["replacement-character"]],
      ["c", []],
    ]);
  });
  it("refuses Korean in EUC-KR, whose bytes also read as Chinese", async () => {
    const korean = path.join(folder, "korean");
    writeFiles(korean, {
      "ko.txt": iconv.encode("대한민국 경찰청은 오늘 새로운 범죄 예방 정책을 발표했다. 시민들의 안전을 위해 노력하겠다고 밝혔다.", "euc-kr"),
      "zh.txt": iconv.encode("公安 机关 坚持 党建 引领 , 深入 推进 改革 , 全力 维护 社会 稳定 。 新疆 公安 机关 共有 集体 受到 表彰", "gbk"),
    });
    const corpus = await loadCorpus(korean);
    expect(corpus.documents.map((document) => [document.id, document.meta.encoding])).toEqual([["zh", "gb18030"]]);
    expect(corpus.errors.map((error) => [error.path.split("/").pop(), error.kind, error.reason.slice(0, 36)])).toEqual([["ko.txt", "decode", "looks like Korean in EUC-KR (its Han"]]);
  });
});
