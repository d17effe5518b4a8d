// Parquet export read back by DuckDB (a real engine, @duckdb/node-api): the counts are exactly
// termFrequency's, the tokens are all there, and shards exported apart add up to the whole.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFromTexts, exportParquet, loadCorpus, termFrequency, tokenCount, tokenize } from "../../src";
import { writeReportsCorpus } from "../fixtures/reports-corpus";
import { temporaryFolder } from "../helpers";

async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects() as Array<Record<string, unknown>>;
}

const folder = temporaryFolder();

describe("exportParquet", () => {
  it("writes documents, doc_terms and tokens that DuckDB reads back to termFrequency's counts", async () => {
    const corpus = await loadCorpus("data/corpus");
    const tokens = tokenize(corpus, { preset: "public-security" });
    const out = path.join(folder, "bundled");
    const result = await exportParquet(corpus, tokens, out, { tokens: true });
    expect(result.files.map((file) => path.basename(file))).toEqual(["documents.parquet", "doc_terms.parquet", "tokens.parquet"]);
    const counted = await query(`SELECT term, CAST(SUM(count) AS INTEGER) AS count FROM read_parquet('${out}/doc_terms.parquet') GROUP BY term`);
    const expected = new Map(termFrequency(tokens).map((row) => [row.term, row.count]));
    expect(counted).toHaveLength(expected.size);
    expect(new Map(counted.map((row) => [row.term as string, row.count as number]))).toEqual(expected);
    const [tokenRows] = await query(`SELECT CAST(COUNT(*) AS INTEGER) AS n, CAST(COUNT(DISTINCT document) AS INTEGER) AS documents FROM read_parquet('${out}/tokens.parquet')`);
    expect(tokenRows).toEqual({ n: tokenCount(tokens), documents: 5 });
    const first = await query(`SELECT term, start FROM read_parquet('${out}/tokens.parquet') WHERE document = '000_cc917116ad61b671' ORDER BY position LIMIT 3`);
    expect(first).toEqual(Array.from({ length: 3 }, (_, index) => ({ term: tokens.vocabulary[tokens.documents[0].termIds[index]], start: tokens.documents[0].starts[index] })));
    const documents = await query(`SELECT id, date, year, source FROM read_parquet('${out}/documents.parquet') ORDER BY id`);
    expect(documents[0]).toEqual({ id: "000_cc917116ad61b671", date: "2022-09-27", year: 2022, source: "人民公安报" });
    expect(documents[1]).toEqual({ id: "001_9b22334ce759c9d2", date: null, year: null, source: null });
    const manifest = JSON.parse(readFileSync(result.manifest, "utf8"));
    expect(manifest).toMatchObject({ wenxi: "0.1.0", nodejieba: "3.5.8", writer: "hyparquet-writer 0.17.0", rows: { documents: 5, docTerms: result.rows.docTerms, tokens: tokenCount(tokens) }, stopwords: { count: tokens.settings.stopwordCount } });
    expect(manifest.stopwords.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.dictionaries.map((entry: { file: string }) => entry.file)).toContain("userdict.txt");
  }, 60_000);

  it("exports shards of a folder that add up to the whole, and a top-terms-by-year query runs over them", async () => {
    const corpusFolder = path.join(folder, "reports");
    writeReportsCorpus(corpusFolder, { sentences: 8 });
    const out = path.join(folder, "shards");
    for (let index = 1; index <= 3; index++) {
      const share = await loadCorpus(corpusFolder, { shard: { index, count: 3 } });
      await exportParquet(share, tokenize(share), out, { shard: { index, count: 3 } });
    }
    const whole = await loadCorpus(corpusFolder);
    const expected = new Map(termFrequency(tokenize(whole)).map((row) => [row.term, row.count]));
    const counted = await query(`SELECT term, CAST(SUM(count) AS INTEGER) AS count FROM read_parquet('${out}/shard-*-of-003/doc_terms.parquet') GROUP BY term`);
    expect(new Map(counted.map((row) => [row.term as string, row.count as number]))).toEqual(expected);
    const [documents] = await query(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM read_parquet('${out}/shard-*/documents.parquet')`);
    expect(documents.n).toBe(49);
    const byYear = await query(
      `SELECT d.year, t.term, CAST(SUM(t.count) AS INTEGER) AS n FROM read_parquet('${out}/shard-*/doc_terms.parquet') t JOIN read_parquet('${out}/shard-*/documents.parquet') d ON d.id = t.document WHERE d.year = 2017 GROUP BY ALL ORDER BY n DESC, t.term LIMIT 1`,
    );
    const in2017 = termFrequency(tokenize({ ...whole, documents: whole.documents.filter((document) => document.meta.year === "2017") }), { top: 1 })[0];
    expect(byYear).toEqual([{ year: 2017, term: in2017.term, n: in2017.count }]);
  }, 60_000);

  it("never writes into someone else's folder, never follows a link, and never mixes a whole export with shards", async () => {
    const corpus = await loadCorpus("data/corpus");
    const tokens = tokenize(corpus);
    // A folder of the user's own Parquet files and manifest: refused, untouched.
    const theirs = path.join(folder, "theirs");
    mkdirSync(theirs);
    writeFileSync(path.join(theirs, "documents.parquet"), "their data");
    writeFileSync(path.join(theirs, "manifest.json"), "{}");
    await expect(exportParquet(corpus, tokens, theirs)).rejects.toThrow("holds files wenxi did not write");
    expect(readFileSync(path.join(theirs, "documents.parquet"), "utf8")).toBe("their data");
    expect(readdirSync(theirs).sort()).toEqual(["documents.parquet", "manifest.json"]);
    // A manifest.json that links outside: refused (a foreign folder), the file outside untouched.
    const outside = path.join(folder, "outside.txt");
    writeFileSync(outside, "precious");
    const linked = path.join(folder, "linked");
    mkdirSync(linked);
    symlinkSync(outside, path.join(linked, "manifest.json"));
    await expect(exportParquet(corpus, tokens, linked)).rejects.toThrow("cannot be written");
    expect(readFileSync(outside, "utf8")).toBe("precious");
    // An export of wenxi's whose manifest was swapped for a link: no longer wenxi's own, refused.
    const owned = path.join(folder, "owned");
    await exportParquet(corpus, tokens, owned);
    const { rmSync } = await import("node:fs");
    rmSync(path.join(owned, "manifest.json"));
    symlinkSync(outside, path.join(owned, "manifest.json"));
    await expect(exportParquet(corpus, tokens, owned)).rejects.toThrow("no longer the file wenxi wrote");
    expect(readFileSync(outside, "utf8")).toBe("precious");
    // A whole export and shards never share a folder; nor do shards of two splits.
    const whole = path.join(folder, "whole");
    await exportParquet(corpus, tokens, whole);
    await expect(exportParquet(corpus, tokens, whole, { shard: { index: 1, count: 2 } })).rejects.toThrow("holds a whole export");
    const sharded = path.join(folder, "sharded");
    await exportParquet(corpus, tokens, sharded, { shard: { index: 1, count: 2 } });
    await expect(exportParquet(corpus, tokens, sharded)).rejects.toThrow("holds shards of 2");
    await expect(exportParquet(corpus, tokens, sharded, { shard: { index: 1, count: 3 } })).rejects.toThrow("not of 3");
    expect(readdirSync(sharded).sort()).toEqual([".wenxi-export", "shard-001-of-002"]);
  }, 60_000);

  it("leaves the last complete export as it was when writing fails half-way (a full disk, an error)", async () => {
    const corpus = await loadCorpus("data/corpus");
    const tokens = tokenize(corpus);
    const out = path.join(folder, "atomic");
    await exportParquet(corpus, tokens, out, { tokens: true });
    const before = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
    // The manifest is written last, after every table: fail there, as a full disk would.
    const other = tokenize({ ...corpus, documents: corpus.documents.slice(0, 2) });
    const failing = Object.defineProperty({ ...other }, "settings", { get: () => { throw new Error("ENOSPC: no space left on device"); } }) as typeof tokens;
    await expect(exportParquet(corpus, failing, out, { tokens: true })).rejects.toThrow("ENOSPC");
    const after = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
    expect(after).toEqual(before);
    expect(readdirSync(folder).filter((name) => name.startsWith("atomic."))).toEqual([]);
    expect(existsSync(path.join(out, "tokens.parquet"))).toBe(true);
  }, 60_000);

  it("gives token starts in code points (as DuckDB, Spark and Python count), and in UTF-16 units beside them", async () => {
    const corpus = corpusFromTexts([{ id: "astral", text: "𠮷野家的𩸽鱼在北京开店。北京的人很多。" }]);
    const tokens = tokenize(corpus);
    const out = path.join(folder, "astral");
    await exportParquet(corpus, tokens, out, { tokens: true });
    const rows = await query(`SELECT term, start, start_utf16 FROM read_parquet('${out}/tokens.parquet') ORDER BY position`);
    const text = corpus.documents[0].text;
    const characters = [...text];
    expect(rows.length).toBe(tokens.documents[0].termIds.length);
    for (const row of rows) {
      expect(characters.slice(row.start as number, (row.start as number) + [...(row.term as string)].length).join("")).toBe(row.term);
      expect(text.slice(row.start_utf16 as number, (row.start_utf16 as number) + (row.term as string).length)).toBe(row.term);
    }
    // DuckDB's own substring agrees: it counts characters as code points.
    const [check] = await query(`SELECT CAST(COUNT(*) AS INTEGER) AS wrong FROM read_parquet('${out}/tokens.parquet') WHERE substring('${text}', start + 1, length(term)) <> term`);
    expect(check.wrong).toBe(0);
    expect(rows.some((row) => row.start !== row.start_utf16)).toBe(true);
  }, 60_000);

  it("runs every SQL query of the README against a whole export and against shards", async () => {
    const corpusFolder = path.join(folder, "readme-corpus");
    writeReportsCorpus(corpusFolder, { sentences: 8 });
    const whole = await loadCorpus(corpusFolder);
    const wholeFolder = path.join(folder, "readme-whole");
    await exportParquet(whole, tokenize(whole), wholeFolder);
    const shardsFolder = path.join(folder, "readme-shards");
    for (let index = 1; index <= 2; index++) {
      const share = await loadCorpus(corpusFolder, { shard: { index, count: 2 } });
      await exportParquet(share, tokenize(share), shardsFolder, { shard: { index, count: 2 } });
    }
    const readme = readFileSync("README.md", "utf8");
    const queries = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(queries.length).toBeGreaterThanOrEqual(2);
    for (const sql of queries) {
      const rows = await query(sql.split("out/parquet").join(wholeFolder).split("out/shards").join(shardsFolder));
      expect(rows.length, sql).toBeGreaterThan(0);
    }
    const topTen = await query(queries[1].split("out/shards").join(shardsFolder));
    const expected = termFrequency(tokenize(whole), { top: 10 });
    expect(topTen.map((row) => [row.term, Number(row.n)])).toEqual(expected.map((row) => [row.term, row.count]));
  }, 60_000);
});
