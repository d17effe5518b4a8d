// The report on corpora of other shapes than the bundled one: 49 dated government reports named
// {year}政府工作报告_{speaker}.txt with datelines and no metadata lines, and a corpus of one
// document. Nothing of the bundled corpus may appear; the pages must read at phone width in a real
// browser, every table must be downloadable, and a run of one notebook keeps the other pages.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/report";
import { bundledCorpusStrings, writeReportsCorpus } from "../fixtures/reports-corpus";
import { projectTemporaryFolder } from "../helpers";
import { shippedCallsAdvice, shippedCallsFor, sortedCalls } from "./notebooks";

const folder = projectTemporaryFolder();
const reportsCorpus = path.join(folder, "reports-corpus");
writeReportsCorpus(reportsCorpus);
const out = path.join(folder, "reports-out");
const nameFields: [string, string] = ["nameFields", JSON.stringify("{year}政府工作报告_{speaker}")];

type Notebook = { cells: Array<{ cell_type: string; outputs?: Array<{ output_type: string; text?: string | string[]; data?: Record<string, unknown>; metadata?: Record<string, unknown> }> }> };
const readExecuted = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Notebook;
const outputsOf = (notebook: Notebook) => notebook.cells.flatMap((cell) => cell.outputs ?? []);
const outputText = (notebook: Notebook) =>
  outputsOf(notebook)
    .map((output) => [output.text, output.data?.["text/plain"], output.data?.["text/markdown"], output.data?.["text/csv"], JSON.stringify(output.data?.["application/vnd.vegalite.v5+json"] ?? "")].flat().join("\n"))
    .join("\n");
const specsOf = (notebook: Notebook) => outputsOf(notebook).map((output) => output.data?.["application/vnd.vegalite.v5+json"] as Record<string, any> | undefined).filter((spec): spec is Record<string, any> => spec !== undefined);

describe("a report on 49 dated reports", () => {
  beforeAll(async () => {
    await buildReport({ out, corpus: reportsCorpus, parameters: [nameFields], timeout: 240 });
  }, 300_000);

  it("runs every notebook, and no output names a document, place or term of the bundled corpus", () => {
    const notebooks = readdirSync(out).filter((name) => name.endsWith(".ipynb")).sort();
    expect(notebooks).toEqual(["01-corpus-overview.ipynb", "02-term-frequency.ipynb", "03-keywords.ipynb", "04-comparison.ipynb", "05-terms-in-context.ipynb", "06-structure.ipynb", "07-measures.ipynb", "08-over-time.ipynb"]);
    for (const name of notebooks) {
      const text = outputText(readExecuted(path.join(out, name)));
      for (const bundled of bundledCorpusStrings) expect(text.includes(bundled), `${name} mentions ${bundled}`).toBe(false);
    }
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    for (const bundled of bundledCorpusStrings) expect(index.includes(bundled), `index mentions ${bundled}`).toBe(false);
    expect(index).toContain("The corpus holds <strong>49 documents</strong>");
    expect(index).toContain("dated from 1954-03-15 to 2017-03-18");
  });

  it("labels documents uniquely by year and speaker, never by an id prefix", () => {
    const comparison = readExecuted(path.join(out, "04-comparison.ipynb"));
    const heatmap = specsOf(comparison).find((spec) => String(spec.title).startsWith("词语 × 文档"))!;
    const documents = new Set((heatmap.data.values as Array<{ document: string }>).map((cell) => cell.document));
    expect(documents.size).toBe(49);
    expect([...documents]).toContain("1954 周恩来 政府工作报告");
    expect([...documents]).toContain("2017 李克强 政府工作报告");
    expect([...documents].some((document) => /^\d{3}$/.test(document))).toBe(false);
  });

  it("compares decades in one overview instead of 49 charts, and draws heatmaps with real zeros", () => {
    const comparison = readExecuted(path.join(out, "04-comparison.ipynb"));
    const specs = specsOf(comparison);
    expect(specs.map((spec) => String(spec.title))).toEqual(["各组关键词 Key terms of 7 groups (log ratio)", "词语 × 文档 出现次数 count"]);
    const keywords = specsOf(readExecuted(path.join(out, "03-keywords.ipynb")));
    const tfidfCells = keywords.find((spec) => String(spec.title).startsWith("TF-IDF of"))!.data.values as Array<{ value: number }>;
    expect(tfidfCells.filter((cell) => cell.value === 0).length).toBeGreaterThan(100);
    expect(tfidfCells.length % 49).toBe(0);
  });

  it("draws change over time on a year axis, with the years without a report as gaps", () => {
    const overTime = readExecuted(path.join(out, "08-over-time.ipynb"));
    const chart = specsOf(overTime).find((spec) => String(spec.title).startsWith("词频随时间变化"))!;
    expect(chart.encoding.x).toMatchObject({ field: "year", type: "quantitative", title: "年份 year" });
    const values = chart.data.values as Array<{ year: number; per10k: number | null }>;
    expect(values.filter((row) => row.year === 1961).every((row) => row.per10k === null)).toBe(true);
    expect(values.filter((row) => row.year === 1954).every((row) => typeof row.per10k === "number")).toBe(true);
    expect(outputText(overTime)).toContain("49 of 49 documents are dated: 49 distinct years between 1954 and 2017 (a span of 64 years, 15 of them without a document).");
  });

  it("updates one page on a run of one notebook and keeps the others byte for byte", async () => {
    const kept = ["01-corpus-overview.html", "02-term-frequency.ipynb", "08-over-time.html"].map((name) => readFileSync(path.join(out, name)));
    await buildReport({ out, corpus: reportsCorpus, parameters: [nameFields], notebooks: ["05-terms-in-context"], timeout: 240 });
    expect(["01-corpus-overview.html", "02-term-frequency.ipynb", "08-over-time.html"].map((name, index) => readFileSync(path.join(out, name)).equals(kept[index]))).toEqual([true, true, true]);
    expect((readFileSync(path.join(out, "index.html"), "utf8").match(/class="cell notebook-summary"/g) ?? []).length).toBe(8);
  }, 120_000);
});

describe("a report on one document", () => {
  it("runs every notebook, each skipped section saying why", async () => {
    const single = path.join(folder, "single");
    mkdirSync(single);
    writeFileSync(path.join(single, "唯一.txt"), "唯一的文档\n农业合作化推进明显，粮食生产任务完成。钢铁工业规模扩大，基本建设成效明显。\n");
    const singleOut = path.join(folder, "single-out");
    const result = await buildReport({ out: singleOut, corpus: single, timeout: 240 });
    // The calls the notebooks made are those shipped for a first run without parameters.
    expect(sortedCalls(result.calls), shippedCallsAdvice).toEqual(shippedCallsFor([]));
    const text = (name: string) => outputText(readExecuted(path.join(singleOut, `${name}.ipynb`)));
    expect(text("04-comparison")).toContain("Keyness needs at least two documents to compare; this corpus has one");
    expect(text("08-over-time")).toContain("No document carries a date, so there is no change over time to show.");
    expect(text("02-term-frequency")).toContain("One document: nothing to compare it with.");
  }, 300_000);
});

const chromiumPath = "/usr/bin/chromium";
const available = existsSync(chromiumPath);
if (!available && process.env.CI) throw new Error("CI must have Chromium installed (apt-get install chromium): see .ci/run");

describe.skipIf(!available)("the 49-report corpus's report in headless Chromium", () => {
  let browser: import("playwright-core").Browser;
  beforeAll(async () => {
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  }, 60_000);
  afterAll(async () => browser?.close());

  it("reads at 390 px without sideways scrolling, offers every table as CSV, and links pages that exist", async () => {
    // In the test's own folder: reports/ is the report the browser test builds (and replaces).
    const screenshots = path.join(folder, "screenshots");
    mkdirSync(screenshots, { recursive: true });
    const pages = readdirSync(out).filter((name) => name.endsWith(".html")).sort();
    expect(pages).toHaveLength(9);
    for (const name of pages) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      await page.goto(pathToFileURL(path.join(out, name)).href, { waitUntil: "load" });
      await page.waitForTimeout(500);
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page, name).toBeLessThanOrEqual(widths.viewport);
      const tables = await page.locator(".html-output .wenxi-table").count();
      const downloads = await page.locator('.html-output a.download[download$=".csv"][href^="data:text/csv"]').count();
      expect(downloads, name).toBe(tables);
      for (const href of await page.locator("nav.pager a").evaluateAll((links) => links.map((link) => link.getAttribute("href")!))) {
        expect(existsSync(path.join(out, decodeURIComponent(href))), `${name} links ${href}`).toBe(true);
      }
      if (name !== "index.html") expect(await page.locator("nav.pager a").count(), name).toBeGreaterThanOrEqual(2);
      expect(errors, name).toEqual([]);
      await page.screenshot({ path: path.join(screenshots, `reports-corpus-${name.replace(".html", "")}-390.png`), fullPage: true });
      await page.close();
    }
  }, 180_000);
});
