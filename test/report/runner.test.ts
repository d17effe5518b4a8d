// The notebook runner and the report against the real tslab kernel over ZeroMQ.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { injectParameters, readNotebook } from "../../src/report/notebook-format";
import { buildReport, ReportFailure } from "../../src/report/report";
import { runNotebook } from "../../src/report/run-notebook";
import { sanitizeHtml } from "../../src/report/sanitize";
import { listNotebooks, readTimings, shippedNotebookFolder, shippedTimingsFile, startOrder, writeTimings } from "../../src/report/report";
import { packageRoot } from "../../src/shared/package-info";
import { projectTemporaryFolder, temporaryFolder, writeFiles } from "../helpers";
import { writeNotebook } from "./notebooks";

const folder = projectTemporaryFolder();

describe("runNotebook", () => {
  it("collects stream output, display data and the last expression, and numbers the cells", async () => {
    const file = writeNotebook(folder, "small", [
      { markdown: "# Small" },
      { code: "const greeting = \"你好\";", tags: ["parameters"] },
      { code: 'console.log(greeting); console.log("第二行");\nconsole.error("a warning");' },
      { code: 'import * as wenxi from "wenxi";\nawait wenxi.show([{ term: "公安", count: 3 }]);' },
      { code: "1 + 2" },
    ]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure).toBeUndefined();
    const code = run.notebook.cells.filter((cell) => cell.cell_type === "code");
    expect(code.map((cell) => cell.execution_count)).toEqual([1, 2, 3, 4]);
    expect(code[1].outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "你好\n第二行\n" },
      { output_type: "stream", name: "stderr", text: "a warning\n" },
    ]);
    expect(code[2].outputs![0]).toMatchObject({ output_type: "display_data", data: { "text/plain": "term  count\n----  -----\n公安      3" } });
    expect(code[3].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "3\n" }]);
  }, 60_000);

  it("replaces a display on update_display_data instead of adding one (messaging spec)", async () => {
    const file = writeNotebook(folder, "updates", [
      {
        code: [
          'const write = require("tslab/dist/jupyter").lastWriteDisplayData;',
          'write({ data: { "text/plain": "first" }, metadata: {}, transient: { display_id: "progress" } }, false);',
          'write({ data: { "text/plain": "other" }, metadata: {}, transient: {} }, false);',
          'write({ data: { "text/plain": "second" }, metadata: {}, transient: { display_id: "progress" } }, true);',
          'write({ data: { "text/plain": "lost" }, metadata: {}, transient: { display_id: "never-shown" } }, true);',
        ].join("\n"),
      },
    ]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure).toBeUndefined();
    expect(run.notebook.cells[0].outputs!.map((output) => (output as { data: Record<string, unknown> }).data["text/plain"])).toEqual(["second", "other"]);
  }, 60_000);

  it("injects parameters after the parameters cell", async () => {
    const file = path.join(folder, "small.ipynb");
    const injected = injectParameters(readNotebook(file), [["greeting", '"再见"'], ["count", "3"]]);
    expect(injected.cells.map((cell) => cell.id)).toEqual(["m0", "c1", "injected-parameters", "c2", "c3", "c4"]);
    expect(injected.cells[2].source).toBe('// Parameters injected by wenxi report\nconst greeting = "再见";\nconst count = 3;');
    const run = await runNotebook(file, { parameters: [["greeting", "再见"]], timeout: 60 });
    expect(run.notebook.cells.find((cell) => cell.id === "c2")!.outputs![0]).toEqual({ output_type: "stream", name: "stdout", text: "再见\n第二行\n" });
  }, 60_000);

  it("declares each injected value with its parameter's type, not the literal's: a mode given as a parameter can still be compared with the others", async () => {
    const file = writeNotebook(folder, "typed", [
      { code: 'const style = "auto";\nconst topN = 20;\nconst options: Record<string, unknown> = {};\nconst names = ["甲"];', tags: ["parameters"] },
      { code: 'console.log(style === "auto" ? "自动" : style === "classical" ? "文言" : "现代", topN === 20 ? "默认" : topN, Object.keys(options).join(","), names.length);' },
    ]);
    const run = await runNotebook(file, { parameters: [["style", '"modern"'], ["topN", "5"], ["options", '{"a": 1}'], ["names", '["乙", "丙"]']], timeout: 60 });
    expect(run.failure).toBeUndefined();
    expect(run.notebook.cells[1].source).toBe('// Parameters injected by wenxi report\nconst style: string = "modern";\nconst topN: number = 5;\nconst options: Record<string, unknown> = {"a":1};\nconst names: string[] = ["乙","丙"];');
    expect(run.notebook.cells[2].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "现代 5 a 2\n" }]);
  }, 60_000);

  it("stops at the first failing cell, records its stderr and marks the rest not run", async () => {
    const file = writeNotebook(folder, "failing", [
      { code: 'console.log("before");' },
      { code: 'throw new Error("这一格失败了");' },
      { code: 'console.log("never");' },
    ]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure).toMatchObject({ cell: 2, timedOut: false, source: 'throw new Error("这一格失败了");' });
    expect(run.failure!.message).toContain("Error: 这一格失败了");
    const [first, second, third] = run.notebook.cells;
    expect(first.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "before\n" }]);
    expect(second.metadata.wenxi).toEqual({ status: "failed" });
    expect(second.outputs!.map((output) => output.output_type)).toEqual(["stream", "error"]);
    expect(third).toMatchObject({ outputs: [], execution_count: null, metadata: { wenxi: { status: "not-run" } } });
  }, 60_000);

  it("reports a type error the same way", async () => {
    const file = writeNotebook(folder, "typed", [{ code: 'const wrong: number = "text";' }]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure!.message).toContain("Type 'string' is not assignable to type 'number'");
  }, 60_000);

  it("times a cell out and shuts the kernel down", async () => {
    const file = writeNotebook(folder, "slow", [{ code: "await new Promise((resolve) => setTimeout(resolve, 60000));" }, { code: "1" }]);
    const started = Date.now();
    const run = await runNotebook(file, { timeout: 2 });
    expect(run.failure).toMatchObject({ cell: 1, timedOut: true, message: "the cell did not finish within 2 s" });
    expect(run.notebook.cells[1].metadata.wenxi).toEqual({ status: "not-run" });
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

describe("buildReport", () => {
  const notebooks = path.join(folder, "report-notebooks");
  const out = path.join(folder, "reports");

  it("writes an executed .ipynb and an HTML page per notebook and an index, the same bytes every run and for any --jobs", async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(notebooks);
    writeNotebook(notebooks, "a-first", [{ markdown: "# 第一 First" }, { code: 'const corpusPath = "../data";', tags: ["parameters"] }, { code: 'console.log("<b>not bold</b>")' }]);
    const corpusFromNotebooks = path.relative(notebooks, path.resolve("data/corpus")).split(path.sep).join("/");
    writeNotebook(notebooks, "b-second", [{ code: `import * as wenxi from "wenxi";\nconst corpus = await wenxi.loadCorpus("${corpusFromNotebooks}");\nawait wenxi.show(wenxi.topTermsChart(wenxi.termFrequency(wenxi.tokenize(corpus)), { top: 5 }));` }]);
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus", jobs: 2 });
    expect(readdirSync(out).sort()).toEqual([".wenxi-report", "a-first.html", "a-first.ipynb", "b-second.html", "b-second.ipynb", "index.html", "report.json"]);
    const first = readFileSync(path.join(out, "a-first.html"), "utf8");
    expect(first).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(first).toContain("injected parameters");
    const executed = JSON.parse(readFileSync(path.join(out, "a-first.ipynb"), "utf8"));
    expect(executed.nbformat).toBe(4);
    expect(executed.nbformat_minor).toBe(5);
    expect(executed.cells[2].source.join("")).toMatch(/^\/\/ Parameters injected by wenxi report\nconst corpusPath: string = "[^"]*data\/corpus";$/);
    const second = readFileSync(path.join(out, "b-second.html"), "utf8");
    expect(second).toContain('<img class="static"');
    expect(second).toContain('data-spec="spec-1"');
    expect(second).not.toContain(path.resolve("data"));
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    expect(index).toContain("第一 First");
    expect(index).toContain("001_9b22334ce759c9d2");
    const before = readdirSync(out).map((name) => readFileSync(path.join(out, name)));
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus", jobs: 1 });
    const after = readdirSync(out).map((name) => readFileSync(path.join(out, name)));
    expect(after.map((content, index) => content.equals(before[index]))).toEqual(before.map(() => true));
  }, 120_000);

  it("leaves the previous report intact when a notebook fails, and keeps the failed run aside", async () => {
    const previous = readFileSync(path.join(out, "index.html"));
    writeNotebook(notebooks, "c-broken", [{ code: 'throw new Error("broken on purpose")' }]);
    // Three kernels at once: the two good notebooks finish beside the broken one.
    const failure = await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus", jobs: 3 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReportFailure);
    expect((failure as ReportFailure).notebook).toBe("c-broken.ipynb");
    expect((failure as ReportFailure).failure.cell).toBe(1);
    expect(readFileSync(path.join(out, "index.html")).equals(previous)).toBe(true);
    expect(existsSync(path.join(out, "c-broken.html"))).toBe(false);
    const failedPage = readFileSync(path.join(`${out}.failed`, "c-broken.html"), "utf8");
    expect(failedPage).toContain("broken on purpose");
    expect(failedPage).toContain('class="status failed"');
    // The failed run is a whole report: every other page, and an index that marks the failed one with its cell and error.
    const failedIndex = readFileSync(path.join(`${out}.failed`, "index.html"), "utf8");
    expect(failedIndex).toContain("Cell 1 failed;");
    expect(failedIndex).toContain("broken on purpose");
    expect(readdirSync(`${out}.failed`).filter((name) => name.endsWith(".html")).length).toBe(readdirSync(notebooks).filter((name) => name.endsWith(".ipynb")).length + 1);
    expect(readdirSync(folder).filter((name) => name.includes(".building-"))).toEqual([]);
  }, 120_000);
  it("with no earlier report, writes the report with the failed page marked, every other notebook run, and fails", async () => {
    const fresh = path.join(folder, "first-report");
    // The broken notebook sorts first: the others still run after it.
    writeNotebook(notebooks, "0-broken", [{ code: 'throw new Error("broken first")' }]);
    const failure = await buildReport({ notebookFolder: notebooks, out: fresh, corpus: "data/corpus", jobs: 1 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReportFailure);
    expect((failure as ReportFailure).previousReport).toBe(false);
    expect((failure as ReportFailure).failedNotebooks).toBe(2);
    expect((failure as ReportFailure).notebook).toBe("0-broken.ipynb");
    const index = readFileSync(path.join(fresh, "index.html"), "utf8");
    expect(index).toContain("broken first");
    expect(index).toContain("broken on purpose");
    expect(readFileSync(path.join(fresh, "b-second.html"), "utf8")).toContain('class="status ok"');
    const { rmSync } = await import("node:fs");
    rmSync(path.join(notebooks, "0-broken.ipynb"));
  }, 120_000);
});

describe("executed notebooks against the nbformat schema", () => {
  // Debian's python3-nbformat (installed with jupyter-nbconvert in CI) validates them.
  const python = "/usr/bin/python3";
  const hasNbformat = existsSync(python) && spawnSync(python, ["-c", "import nbformat"]).status === 0;
  if (!hasNbformat && process.env.CI) throw new Error("CI must have python3-nbformat (installed with jupyter-nbconvert): see .ci/run");
  it.skipIf(!hasNbformat)("are valid nbformat 4.5, the failed run included", () => {
    const out = path.join(folder, "reports");
    const files = [...readdirSync(out).map((name) => path.join(out, name)), ...readdirSync(`${out}.failed`).map((name) => path.join(`${out}.failed`, name))].filter((file) => file.endsWith(".ipynb"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const script = "import nbformat, sys\nfor f in sys.argv[1:]:\n    nb = nbformat.read(f, as_version=nbformat.NO_CONVERT)\n    nbformat.validate(nb)\n    assert (nb.nbformat, nb.nbformat_minor) == (4, 5), f\nprint('valid', len(sys.argv) - 1)";
    const result = spawnSync(python, ["-c", script, ...files], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(`valid ${files.length}`);
  });
});

describe("startOrder", () => {
  it("starts notebooks not timed yet first, then the longest of the last run, ties in notebook order", () => {
    const files = ["n/a.ipynb", "n/b.ipynb", "n/c.ipynb", "n/d.ipynb", "n/e.ipynb"];
    const timings = { [path.resolve("n/a.ipynb")]: 2, [path.resolve("n/b.ipynb")]: 15, [path.resolve("n/d.ipynb")]: 2 };
    expect(startOrder(files, timings)).toEqual([2, 4, 1, 0, 3]);
    expect(startOrder(files, {})).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("notebook timings, kept per corpus", () => {
  it("gives a corpus its own record, merges a partial run into it, and lends a new corpus the record that worked longest", () => {
    const root = temporaryFolder();
    expect(readTimings(root, "unseen")).toEqual({});
    writeTimings(root, "large", { "a.ipynb": 30, "b.ipynb": 5 });
    writeTimings(root, "tiny", { "a.ipynb": 2, "b.ipynb": 3 });
    writeTimings(root, "large", { "b.ipynb": 6 });
    expect(readTimings(root, "tiny")).toEqual({ "a.ipynb": 2, "b.ipynb": 3 });
    expect(readTimings(root, "large")).toEqual({ "a.ipynb": 30, "b.ipynb": 6 });
    expect(readTimings(root, "unseen")).toEqual({ "a.ipynb": 30, "b.ipynb": 6 });
    // At most 12 corpora, the most recent kept.
    for (let index = 0; index < 12; index++) writeTimings(root, `corpus ${index}`, { "a.ipynb": 1 });
    expect(readTimings(root, "large")).toEqual({ "a.ipynb": 1 });
    // A file of the earlier, flat form is no record at all.
    writeFileSync(path.join(root, "node_modules", ".cache", "wenxi", "report-timings.json"), JSON.stringify({ "a.ipynb": 4 }));
    expect(readTimings(root, "large")).toEqual({});
  });

  it("before any run, orders by the seconds shipped with the notebooks, matched by file name wherever the notebooks are", () => {
    const root = temporaryFolder();
    writeFiles(root, { "notebooks/report-timings.json": JSON.stringify({ runs: [{ corpus: "shipped", seconds: { "a.ipynb": 3, "b.ipynb": 11, "gone.ipynb": 40 } }] }) });
    expect(shippedTimingsFile(root)).toBe(path.join(root, "notebooks", "report-timings.json"));
    const files = ["elsewhere/a.ipynb", "elsewhere/b.ipynb", "elsewhere/c.ipynb"];
    const timings = readTimings(root, "unseen", files);
    expect(timings).toEqual({ [path.resolve("elsewhere/a.ipynb")]: 3, [path.resolve("elsewhere/b.ipynb")]: 11 });
    expect(startOrder(files, timings)).toEqual([2, 1, 0]);
    // Any run's own record comes first.
    writeTimings(root, "tiny", { [path.resolve("elsewhere/a.ipynb")]: 2 });
    expect(readTimings(root, "unseen", files)).toEqual({ [path.resolve("elsewhere/a.ipynb")]: 2 });
  });

  it("ships the seconds of every bundled notebook", () => {
    const shipped = JSON.parse(readFileSync(shippedTimingsFile(packageRoot), "utf8")) as { runs: Array<{ seconds: Record<string, number> }> };
    const bundled = listNotebooks(shippedNotebookFolder).map((file) => path.basename(file)).sort();
    expect(Object.keys(shipped.runs[0].seconds).sort(), "run `npm run build && node dist/bench/shipped-hints.js`").toEqual(bundled);
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { files: string[] }).files).toContain("notebooks/report-timings.json");
  });
});

describe("sanitizeHtml", () => {
  it("keeps tables and classes, drops scripts, handlers and unknown tags", () => {
    expect(sanitizeHtml('<div class="wenxi-table"><table><tr><td class="number" onclick="x()">1</td></tr></table></div>')).toBe(
      '<div class="wenxi-table"><table><tr><td class="number">1</td></tr></table></div>',
    );
    expect(sanitizeHtml('a<script>alert(1)</script>b<img src=x onerror="alert(2)">c<a href="javascript:x">d</a><style>*{}</style><!-- hi -->e < f')).toBe("abcde &lt; f");
    expect(sanitizeHtml('<svg><script>alert(1)</script></svg><iframe src="x"></iframe>ok')).toBe("ok");
  });
});
