// Parquet export read back by DuckDB (a real engine, @duckdb/node-api): the counts are exactly
// termFrequency's, the tokens are all there, and shards exported apart add up to the whole.
import { DuckDBInstance } from "@duckdb/node-api";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { exportParquet, loadCorpus, termFrequency, tokenCount, tokenize } from "../../src";
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
    const tokens = tokenize(corpus);
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
    const counted = await query(`SELECT term, CAST(SUM(count) AS INTEGER) AS count FROM read_parquet('${out}/doc_terms-*-of-003.parquet') GROUP BY term`);
    expect(new Map(counted.map((row) => [row.term as string, row.count as number]))).toEqual(expected);
    const [documents] = await query(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM read_parquet('${out}/documents-*.parquet')`);
    expect(documents.n).toBe(49);
    const byYear = await query(
      `SELECT d.year, t.term, CAST(SUM(t.count) AS INTEGER) AS n FROM read_parquet('${out}/doc_terms-*.parquet') t JOIN read_parquet('${out}/documents-*.parquet') d ON d.id = t.document WHERE d.year = 2017 GROUP BY ALL ORDER BY n DESC, t.term LIMIT 1`,
    );
    const in2017 = termFrequency(tokenize({ ...whole, documents: whole.documents.filter((document) => document.meta.year === "2017") }), { top: 1 })[0];
    expect(byYear).toEqual([{ year: 2017, term: in2017.term, n: in2017.count }]);
  }, 60_000);
});
