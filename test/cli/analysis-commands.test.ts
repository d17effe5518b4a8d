import { afterAll, describe, expect, it } from "vitest";
import { parseSelector, tokensOf } from "../../src/cli/analysis-commands";
import { cooccurrenceNetwork, loadCorpus, tokenize } from "../../src";
import { closeSegmenterPool } from "../../src/text/parallel";
import { runCli } from "../../src/cli/main";
import { readFileSync } from "node:fs";
import { temporaryFolder, writeFiles } from "../helpers";

// The seed corpus's figures are those of its preset (public-security), as its report uses it.
async function json(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const preset = ["corpus", "report", "export"].includes(argv[0]) ? [] : ["--preset", "public-security"];
  const code = await runCli([...argv, ...preset, "--json"], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, rows: code === 0 ? JSON.parse(stdout) : [], stderr };
}

describe("analysis commands on the seed corpus", () => {
  it("freq: the library's rows and field names", async () => {
    const { code, rows } = await json("freq", "--top", "3");
    expect(code).toBe(0);
    expect(rows.map((row: { term: string; count: number }) => [row.term, row.count])).toEqual([["公安", 97], ["工作", 65], ["公安机关", 64]]);
    expect(Object.keys(rows[0])).toEqual(["term", "count", "per10k", "documentFrequency", "range"]);
  });
  it("freq --by a metadata field", async () => {
    const { rows } = await json("freq", "--by", "source", "--top", "1");
    expect(rows.map((row: { group: string; term: string }) => [row.group, row.term])).toEqual([
      ["(none)", "兵团"], ["人民公安报", "新疆"], ["人民网-云南频道", "公安"], ["新乡日报", "公安"], ["自治区公安厅", "全区"],
    ]);
  });
  it("keywords by each method: the library's rows for that method, each method its own weights", async () => {
    const { keywords } = await import("../../src");
    const corpus = await loadCorpus("data/corpus");
    const weights: number[] = [];
    for (const method of ["tfidf", "jieba-tfidf", "textrank"] as const) {
      const { rows } = await json("keywords", "--method", method, "--top", "1");
      expect(rows.map((row: { term: string }) => row.term)[1], method).toBe("兵团");
      expect(rows, method).toEqual(keywords(corpus, { method, top: 1, tokenize: { preset: "public-security" } }));
      expect(new Set(rows.map((row: { method: string }) => row.method)), method).toEqual(new Set([method]));
      weights.push(rows[1].weight);
    }
    // 兵团's weight differs by method (corpus IDF, jieba's table over its word count, TextRank's scores).
    expect(new Set(weights).size).toBe(3);
  });
  it("kwic, keyness and collocations", async () => {
    expect((await json("kwic", "--term", "枫桥经验")).rows).toHaveLength(4);
    const keyness = (await json("keyness", "--target", "001_9b22334ce759c9d2", "--top", "1")).rows;
    expect(keyness.map((row: { term: string; direction: string }) => [row.term, row.direction])).toEqual([["兵团", "positive"], ["全区", "negative"]]);
    const collocates = (await json("collocations", "--term", "电信网络诈骗", "--top", "2")).rows;
    expect(collocates[0]).toMatchObject({ term1: "电信网络诈骗", term2: "防范", count: 4, left: 2, right: 2, span: 84 });
    // 打击 stands before two occurrences five tokens apart in 002 (打击治理电信网络诈骗犯罪…破获电信网络诈骗): one token, counted once.
    expect(collocates[1]).toMatchObject({ term1: "电信网络诈骗", term2: "打击", count: 5, left: 4, right: 1 });
    expect((await json("ngrams", "--top", "1")).rows).toEqual([{ ngram: "公安 工作", count: 24, documentFrequency: 4 }]);
  });
  it("names missing or wrong options with exit code 2", async () => {
    expect((await json("kwic")).stderr).toContain("kwic needs --term");
    expect((await json("keyness", "--target", "nope")).stderr).toContain('no document with id "nope"');
    expect((await json("collocations", "--sort", "bogus")).code).toBe(2);
  });
  it("refuses numbers out of range instead of reading --top -1 as a count", async () => {
    for (const [option, value] of [["--top", "-1"], ["--top", "0"], ["--top", "2.5"], ["--min-length", "x"], ["--top", ""]]) {
      const { code, stderr } = await json("freq", option, value);
      expect(code, `${option} ${value}`).toBe(2);
      expect(stderr).toContain(`${option} takes a whole number ≥ 1, got "${value}"`);
    }
    let stderr = "";
    const code = await runCli(["report", "--param", 'terms=["公安",'], { stdout: () => undefined, stderr: (text) => (stderr += text) });
    expect(code).toBe(2);
    expect(stderr).toContain("--param terms: the value looks like JSON but does not parse");
  });
});

describe("progress of long runs", () => {
  it("freq --stream reports files and bytes counted; export names each stage", async () => {
    const streamed = { stdout: "", stderr: "" };
    expect(await runCli(["freq", "--stream", "--top", "1"], { stdout: (text) => (streamed.stdout += text), stderr: (text) => (streamed.stderr += text) })).toBe(0);
    expect(streamed.stderr).toMatch(/^counted 5\/5 files \(\d+ of \d+ kB, 100 %\)\n$/);
    const folder = temporaryFolder();
    const exported = { stdout: "", stderr: "" };
    expect(await runCli(["export", "--parquet", `${folder}/out`], { stdout: (text) => (exported.stdout += text), stderr: (text) => (exported.stderr += text) })).toBe(0);
    expect(exported.stderr).toBe(`loading data/corpus…\nsegmenting 5 documents…\nwriting Parquet to ${folder}/out…\n`);
  }, 60_000);
});

describe("commands beyond counting, on the seed corpus", () => {
  it("network, similarity, topics, entities, dictionary and profile give the library's rows", async () => {
    const seeds = await loadCorpus("data/corpus");
    const { modularity } = cooccurrenceNetwork(seeds, tokenize(seeds, { preset: "public-security" }));
    expect(modularity).toBeGreaterThan(0.3);
    expect((await json("network", "--top", "1")).rows).toEqual([{ source: "新", target: "时代", count: 21, weight: 21 / 36, modularity }]);
    expect((await json("network", "--nodes", "--top", "2")).rows.map((row: { modularity: number }) => row.modularity)).toEqual([modularity, modularity]);
    const [pair] = (await json("similarity", "--top", "1")).rows;
    expect([pair.document1, pair.document2]).toEqual(["003_c02badad5088874c", "004_ca7bdd51d57b8ec5"]);
    expect(pair.similarity).toBeCloseTo(0.284227, 5);
    expect((await json("entities", "--type", "place", "--top", "1")).rows).toMatchObject([{ entity: "新疆", type: "place", count: 31, documentFrequency: 2 }]);
    // Words written out counted in the text (治安 inside 夏季治安打击整治 too): 76, where the tokens alone give 57.
    expect((await json("dictionary", "--top", "1")).rows).toMatchObject([{ category: "治安防控", count: 76, documents: 5 }]);
    expect((await json("profile", "--top", "1")).rows).toMatchObject([{ document: "000_cc917116ad61b671", tokens: 852, types: 596 }]);
    const topics = (await json("topics", "--k", "3", "--top", "2", "--iterations", "50")).rows;
    expect(topics.map((row: { topic: number; rank: number }) => [row.topic, row.rank])).toEqual([[1, 1], [1, 2], [2, 1], [2, 2], [3, 1], [3, 2]]);
    expect((await json("topics", "--k", "3", "--top", "2", "--iterations", "50")).rows).toEqual(topics);
    expect((await json("network", "--unit", "chapter")).code).toBe(2);
  });
});

describe("help, version and empty matches", () => {
  const run = async (...argv: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  };
  it("prints the version and each command's options, defaults and examples", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) expect(await run(flag)).toEqual({ code: 0, stdout: `wenxi ${version}\n`, stderr: "" });
    const help = await run("collocations", "-h");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("  --over               collocation windows over the tokens kept after filtering (kept, default) or all tokens (all)\n");
    expect(help.stdout).toContain("examples:\n  wenxi collocations --term 改革 --window 5 --sort pmi\n");
    for (const command of ["corpus", "freq", "keywords", "kwic", "keyness", "collocations", "ngrams", "report"]) {
      const text = (await run(command, "--help")).stdout;
      expect(text, command).toContain("examples:");
      expect(text.split("\n").filter((line) => /^ {2}--\S+\s*$/.test(line)), `${command}: options without a description`).toEqual([]);
    }
  });
  it("names the pattern that matched nothing and suggests one that would", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, { "a.md": "第一篇", "b.md": "第二篇", "c.docx": "x" });
    const { code, stderr } = await run("freq", folder);
    expect(code).toBe(1);
    expect(stderr).toBe(`wenxi: the pattern "**/*.txt" matched no file in ${folder} (it holds 2 .md, 1 .docx); try --pattern "**/*.md"\n`);
  });
});

describe("parseSelector", () => {
  it("reads ids or field=value lists", () => {
    expect(parseSelector("a, b")).toEqual(["a", "b"]);
    expect(parseSelector("source=人民网,新乡日报")).toEqual({ field: "source", value: ["人民网", "新乡日报"] });
  });
});

describe("tokensOf", () => {
  afterAll(() => closeSegmenterPool());
  // Past the threshold the commands cut on every core: the tokens must be those of one thread.
  it("gives tokenize's tokens when it cuts on every core", async () => {
    const corpus = await loadCorpus("data/corpus");
    for (const options of [{}, { stopwords: "none" as const, minLength: 2 }]) {
      const parallel = await tokensOf(corpus, options, 0);
      const alone = tokenize(corpus, options);
      expect(parallel.vocabulary).toEqual(alone.vocabulary);
      expect(parallel.documents.map((document) => [...document.termIds])).toEqual(alone.documents.map((document) => [...document.termIds]));
    }
  }, 120_000);
});
