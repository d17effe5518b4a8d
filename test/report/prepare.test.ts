// The calls a report run makes ahead (report/prepare.ts): what the notebooks' kernels record, what
// a run keeps for the next one, and the preparing process's entries being the ones a kernel reads.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keywords, loadCorpus, tokenize } from "../../src";
import { readRecordedCalls, recordedCallsFile } from "../../src/shared/cache";
import { notebooksDigest, Preparation, readPreparedCalls, shippedCallParameters, shippedCallsFile, writePreparedCalls } from "../../src/report/prepare";
import { temporaryFolder, writeFiles } from "../helpers";
import { shippedCallsAdvice, shippedCallsFor } from "./notebooks";

afterEach(() => {
  delete process.env.WENXI_CACHE_DIR;
});

const texts = {
  "texts/a.txt": "公安机关坚持党建引领，深入推进社会治安防控体系建设。群众的安全感不断提升。",
  "texts/b.txt": "市场经济体制改革不断深化，城乡居民收入稳步增长，社会保障体系更加健全。",
  "texts/c.txt": "科技创新能力显著增强，生态环境持续改善，人民生活水平进一步提高。",
};

describe("recorded calls", () => {
  it("records tokenize and nodejieba keywords on the corpus as loaded, once each, and nothing on a derived corpus or options JSON cannot carry", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, { ...texts, "cache/.keep": "" });
    const cache = path.join(folder, "cache");
    process.env.WENXI_CACHE_DIR = cache;
    const corpus = await loadCorpus(path.join(folder, "texts"));
    tokenize(corpus, { classical: "auto" });
    tokenize(corpus, { classical: "auto" });
    tokenize(corpus, { pos: true });
    keywords(corpus, { method: "jieba-tfidf", top: 5 });
    keywords(corpus, { method: "tfidf", top: 5 }); // corpus TF-IDF: its tokenize is what is recorded
    tokenize({ ...corpus, documents: corpus.documents.slice(0, 2) }); // a subset: not the corpus of the run
    tokenize(corpus, { stopwords: new Set(["公安"]) }); // a Set: not carried by JSON
    expect(readFileSync(recordedCallsFile(cache), "utf8").trim().split("\n")).toHaveLength(5);
    expect(readRecordedCalls(cache)).toEqual([
      { call: "tokenize", options: { classical: "auto" } },
      { call: "tokenize", options: { pos: true } },
      { call: "keywords", options: { method: "jieba-tfidf", top: 5 } },
      { call: "tokenize", options: {} },
    ]);
  });

  it("records nothing outside a report run", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, texts);
    const corpus = await loadCorpus(path.join(folder, "texts"));
    tokenize(corpus);
    expect(readdirSync(folder)).toEqual(["texts"]);
  });

  it("keeps each set of notebooks' calls, the 12 most recent sets", () => {
    const root = temporaryFolder();
    const calls = (top: number) => [{ call: "keywords" as const, options: { method: "textrank", top } }];
    for (let index = 0; index < 14; index++) writePreparedCalls(root, `notebooks-${index}`, calls(index));
    expect(readPreparedCalls(root, "notebooks-13")).toEqual(calls(13));
    expect(readPreparedCalls(root, "notebooks-2")).toEqual(calls(2));
    expect(readPreparedCalls(root, "notebooks-1")).toEqual([]); // the oldest two dropped
    expect(readPreparedCalls(root, "notebooks-0")).toEqual([]);
    writePreparedCalls(root, "notebooks-2", calls(99));
    expect(readPreparedCalls(root, "notebooks-2")).toEqual(calls(99));
  });

  it("tells notebooks apart by their names, contents and the parameters given, not by their folder", () => {
    const folder = temporaryFolder();
    writeFiles(folder, { "a.ipynb": "{}", "b.ipynb": "{}", "elsewhere/a.ipynb": "{}", "elsewhere/b.ipynb": "{}", "renamed/a.ipynb": "{}", "renamed/c.ipynb": "{}" });
    const files = [path.join(folder, "a.ipynb"), path.join(folder, "b.ipynb")];
    const digest = notebooksDigest(files, []);
    expect(notebooksDigest(files, [])).toBe(digest);
    // The same notebooks in another folder (the package installed elsewhere): the same digest.
    expect(notebooksDigest([path.join(folder, "elsewhere", "a.ipynb"), path.join(folder, "elsewhere", "b.ipynb")], [])).toBe(digest);
    expect(notebooksDigest([path.join(folder, "renamed", "a.ipynb"), path.join(folder, "renamed", "c.ipynb")], [])).not.toBe(digest);
    expect(notebooksDigest(files, [["preset", '"public-security"']])).not.toBe(digest);
    expect(notebooksDigest(files.slice(0, 1), [])).not.toBe(digest);
    writeFiles(folder, { "b.ipynb": '{"cells": []}' });
    expect(notebooksDigest(files, [])).not.toBe(digest);
  });

  it("before any run of the notebooks, takes the calls shipped for them; a run's own record comes first", () => {
    const root = temporaryFolder();
    const shipped = [{ call: "tokenize" as const, options: { preset: "" } }];
    writeFiles(root, { "notebooks/report-calls.json": JSON.stringify({ runs: [{ notebooks: "bundled", calls: shipped }] }) });
    expect(shippedCallsFile(root)).toBe(path.join(root, "notebooks", "report-calls.json"));
    expect(readPreparedCalls(root, "bundled")).toEqual(shipped);
    expect(readPreparedCalls(root, "other notebooks")).toEqual([]);
    const recorded = [{ call: "keywords" as const, options: { method: "textrank", top: 8 } }];
    writePreparedCalls(root, "bundled", recorded);
    expect(readPreparedCalls(root, "bundled")).toEqual(recorded);
    // The shipped record is read, never written.
    expect(JSON.parse(readFileSync(shippedCallsFile(root), "utf8"))).toEqual({ runs: [{ notebooks: "bundled", calls: shipped }] });
  });

  it("ships the calls of the bundled notebooks as they are, without parameters and with npm run report's preset", () => {
    expect(shippedCallParameters).toEqual([[], [["preset", '"public-security"']]]);
    for (const parameters of shippedCallParameters) {
      const calls = shippedCallsFor(parameters);
      expect(calls, shippedCallsAdvice).toBeDefined();
      // Each set segments the corpus as the notebooks do and asks nodejieba for keywords.
      expect(calls!.map((call) => call.call).sort()).toEqual(["keywords", "keywords", "tokenize", "tokenize", "tokenize"]);
    }
    // In the package: the record goes with the notebooks.
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] }).files).toContain("notebooks/report-calls.json");
  });
});

describe("the preparing process", () => {
  it("makes the recorded calls into the run's cache, under the keys a notebook's own calls read", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, { ...texts, "cache/.keep": "" });
    const cache = path.join(folder, "cache");
    const source = path.join(folder, "texts");
    // What a notebook computes outside any run.
    const expectedTokens = tokenize(await loadCorpus(source), { classical: "auto" });
    const expectedKeywords = keywords(await loadCorpus(source), { method: "textrank", top: 4 });
    const preparation = new Preparation(cache, {
      corpus: source,
      loadOptions: {},
      calls: [
        { call: "tokenize", options: { classical: "auto" } },
        { call: "keywords", options: { method: "textrank", top: 4 } },
      ],
    });
    await preparation.finished;
    const entries = () => readdirSync(cache).filter((name) => name.endsWith(".v8")).sort();
    const prepared = entries();
    expect(prepared.map((name) => name.split("-")[0])).toEqual(["corpus", "keywords", "script", "tokens"]);
    const stamps = prepared.map((name) => statSync(path.join(cache, name)).mtimeMs);
    // A notebook's calls read those entries: no entry is added or written again, and the values are the ones computed without a cache.
    process.env.WENXI_CACHE_DIR = cache;
    const corpus = await loadCorpus(source);
    expect(tokenize(corpus, { classical: "auto" })).toEqual(expectedTokens);
    expect(keywords(corpus, { method: "textrank", top: 4 })).toEqual(expectedKeywords);
    expect(entries()).toEqual(prepared);
    expect(prepared.map((name) => statSync(path.join(cache, name)).mtimeMs)).toEqual(stamps);
    // The preparing process recorded nothing itself: only the notebook's calls are.
    expect(readRecordedCalls(cache)).toEqual([
      { call: "tokenize", options: { classical: "auto" } },
      { call: "keywords", options: { method: "textrank", top: 4 } },
    ]);
  }, 60_000);

  it("can be stopped while at work, leaving no claim that would keep a notebook waiting", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, { ...texts, "cache/.keep": "" });
    const cache = path.join(folder, "cache");
    const preparation = new Preparation(cache, { corpus: path.join(folder, "texts"), loadOptions: {}, calls: [{ call: "tokenize", options: {} }] });
    // Stopped while it holds the tokens' claim (nodejieba loading takes a second or so).
    const claimed = () => readdirSync(cache).some((name) => name.startsWith("tokens-") && name.endsWith(".claim"));
    for (let waited = 0; !claimed() && waited < 20_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(claimed()).toBe(true);
    await preparation.stop();
    expect(claimed()).toBe(true); // left behind, held by a process that is gone
    process.env.WENXI_CACHE_DIR = cache;
    const corpus = await loadCorpus(path.join(folder, "texts"));
    expect(tokenize(corpus).documents).toHaveLength(3);
  }, 60_000);
});
