// `wenxi report` / `npm run report`: executes every notebook fresh, in order, and publishes
// reports/<notebook>.ipynb, reports/<notebook>.html and reports/index.html. The new report is
// built in a sibling folder and swapped in only when every notebook ran; on a failure the last
// good report stays as it was and the failed build is kept in <out>.failed for inspection.
// Outputs are deterministic: no timestamps (unless `stamp`), no random ids, no absolute paths.
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { loadCorpus } from "../corpus/load";
import { corpusSummary } from "../corpus/summary";
import { indexPage, notebookPage, type IndexEntry } from "./html";
import { serializeNotebook, sourceText, type Notebook } from "./notebook-format";
import { runNotebook, type CellFailure } from "./run-notebook";

export interface ReportOptions {
  /** Folder of notebooks. Default `notebooks`. */
  notebookFolder?: string;
  /** Notebook names or paths to run (default: every .ipynb in the folder, in name order). */
  notebooks?: string[];
  /** Output folder. Default `reports`. */
  out?: string;
  /** A corpus for every notebook (injected as `corpusPath`), and for the index's summary. */
  corpus?: string;
  /** More parameters, injected after each notebook's `parameters` cell. */
  parameters?: Array<[string, string]>;
  /** Seconds per cell. Default 120. */
  timeout?: number;
  /** Put the run date in the pages (off by default, so that runs are byte-identical). */
  stamp?: Date;
  onProgress?: (event: ProgressEvent) => void;
  kernelArgv?: string[];
}

export type ProgressEvent =
  | { kind: "notebook"; index: number; count: number; name: string }
  | { kind: "cell"; index: number; count: number; name: string; cell: number; cells: number; elapsedSeconds: number }
  | { kind: "done"; index: number; count: number; name: string; ok: boolean; seconds: number };

export class ReportFailure extends Error {
  constructor(
    readonly notebook: string,
    readonly failure: CellFailure,
    readonly failedBuild: string,
  ) {
    super(`${notebook}: cell ${failure.cell} ${failure.timedOut ? "timed out" : "failed"}`);
    this.name = "ReportFailure";
  }
}

export interface ReportResult {
  out: string;
  entries: IndexEntry[];
}

function listNotebooks(folder: string, names?: string[]): string[] {
  if (names && names.length > 0) {
    return names.map((name) => {
      const candidates = [name, path.join(folder, name), path.join(folder, `${name}.ipynb`)];
      const found = candidates.find((candidate) => existsSync(candidate) && candidate.endsWith(".ipynb"));
      if (!found) throw new Error(`no notebook "${name}" (looked for ${candidates.join(", ")})`);
      return found;
    });
  }
  if (!existsSync(folder)) throw new Error(`notebook folder "${folder}" does not exist`);
  const found = readdirSync(folder).filter((name) => name.endsWith(".ipynb")).sort().map((name) => path.join(folder, name));
  if (found.length === 0) throw new Error(`no notebook (.ipynb) in "${folder}"`);
  return found;
}

function titleOf(notebook: Notebook, fallback: string): string {
  const firstMarkdown = notebook.cells.find((cell) => cell.cell_type === "markdown");
  const heading = firstMarkdown ? /^#\s+(.+)$/m.exec(sourceText(firstMarkdown)) : null;
  return heading ? heading[1].trim() : fallback;
}

function chartCount(notebook: Notebook): number {
  return notebook.cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.output_type === "display_data" && Object.keys(output.data).some((type) => type.startsWith("application/vnd.vega"))).length;
}

function footer(stamp?: Date): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require("../../package.json") as { version: string }).version;
  return `wenxi ${version}${stamp ? ` · ${stamp.toISOString().slice(0, 19).replace("T", " ")} UTC` : ""}`;
}

export async function buildReport(options: ReportOptions = {}): Promise<ReportResult> {
  const notebookFolder = options.notebookFolder ?? "notebooks";
  const out = path.resolve(options.out ?? "reports");
  const files = listNotebooks(notebookFolder, options.notebooks);
  const building = `${out}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const projectRoot = path.resolve(__dirname, "../..");
  const entries: IndexEntry[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const name = path.basename(file, ".ipynb");
      options.onProgress?.({ kind: "notebook", index: index + 1, count: files.length, name });
      const parameters: Array<[string, string]> = [];
      // The corpus path is given relative to the notebook's folder (its kernel's working
      // directory), so that no absolute path enters the report.
      if (options.corpus) parameters.push(["corpusPath", JSON.stringify(path.relative(path.dirname(path.resolve(file)), path.resolve(options.corpus)) || ".")]);
      parameters.push(...(options.parameters ?? []));
      const started = Date.now();
      const run = await runNotebook(file, {
        parameters,
        timeout: options.timeout,
        kernelArgv: options.kernelArgv,
        scrubPaths: [projectRoot, path.resolve(path.dirname(file))].sort((left, right) => right.length - left.length),
        onCell: (cell, cells) => options.onProgress?.({ kind: "cell", index: index + 1, count: files.length, name, cell, cells, elapsedSeconds: (Date.now() - started) / 1000 }),
      });
      const title = titleOf(run.notebook, name);
      const status = run.failure ? (run.failure.timedOut ? "timed-out" : "failed") : "ok";
      writeFileSync(path.join(building, `${name}.ipynb`), serializeNotebook(run.notebook));
      const codeCells = run.notebook.cells.filter((cell) => cell.cell_type === "code").length;
      writeFileSync(
        path.join(building, `${name}.html`),
        notebookPage(run.notebook, {
          title,
          subtitle: `${name}.ipynb · <span class="status ${status}">${status === "ok" ? "executed" : status}</span> · ${codeCells} code cells`,
          footer: footer(options.stamp),
          indexLink: true,
        }),
      );
      entries.push({ name: `${name}.ipynb`, title, html: `${name}.html`, ipynb: `${name}.ipynb`, status, cells: codeCells, charts: chartCount(run.notebook) });
      options.onProgress?.({ kind: "done", index: index + 1, count: files.length, name, ok: !run.failure, seconds: (Date.now() - started) / 1000 });
      if (run.failure) {
        const failed = `${out}.failed`;
        rmSync(failed, { recursive: true, force: true });
        renameSync(building, failed);
        throw new ReportFailure(`${name}.ipynb`, run.failure, failed);
      }
    }
    const corpus = await loadCorpus(options.corpus ?? path.join(projectRoot, "data", "corpus"));
    const rows = corpusSummary(corpus).map((row) => ({ ...row }));
    writeFileSync(
      path.join(building, "index.html"),
      indexPage(entries, rows, { title: "wenxi 报告 Report", subtitle: `${entries.length} notebooks · corpus of ${corpus.documents.length} documents${corpus.errors.length > 0 ? `, ${corpus.errors.length} file(s) not loaded` : ""}`, footer: footer(options.stamp) }),
    );
    // Swap: the old report leaves only once the new one is complete.
    const previous = `${out}.previous-${process.pid}`;
    if (existsSync(out)) renameSync(out, previous);
    renameSync(building, out);
    rmSync(previous, { recursive: true, force: true });
    rmSync(`${out}.failed`, { recursive: true, force: true });
    return { out, entries };
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}
