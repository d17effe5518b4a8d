// `wenxi report` / `npm run report`: executes every notebook fresh, in order, and publishes
// reports/<notebook>.ipynb, reports/<notebook>.html and reports/index.html. The new report is
// built in a sibling folder and swapped in only when every notebook ran; on a failure the last
// good report stays as it was and the failed build is kept in <out>.failed for inspection.
// Outputs are deterministic: no timestamps (unless `stamp`), no random ids, no absolute paths.
// wenxi replaces only folders it wrote: each report holds a marker file, and an output path that
// is anything else (a file, a folder of other files, the working directory) is refused.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { loadCorpus, type LoadOptions } from "../corpus/load";
import { claim, readRecordedCalls, type RecordedCall } from "../shared/cache";
import { notebooksDigest, Preparation, readPreparedCalls, writePreparedCalls } from "./prepare";
import { hintsFile, readHints, writeHints } from "./run-hints";
import type { Corpus } from "../corpus/types";
import { describeCorpus } from "../corpus/describe";
import { corpusSummary } from "../corpus/summary";
import { escapeHtml } from "../format/tables";
import { indexPage, notebookFindings, notebookPage, type IndexEntry } from "./html";
import { readNotebook, serializeNotebook, sourceText, type Notebook } from "./notebook-format";
import { cleanUpOnInterrupt } from "../shared/interrupts";
import { checkReplaceable as checkOwnedReplaceable, FolderBuild, folderState, isInsideOrSame, OwnedFolderError, recoverInterrupted, removeOwned, type FolderKind } from "../shared/owned-folder";
import { KernelClient } from "./kernel-client";
import { notebookToRun, runNotebook, type CellFailure } from "./run-notebook";
import { HelperProcess } from "./helper-process";
import { convertAheadModule, firstCellClaim, releaseClaimsOf, releaseStaleClaims, type ConvertAheadInput } from "../notebook/convert-ahead";
import { usableCores } from "../shared/cores";
import { isJsonObject } from "../shared/json-depth";
import { checkParameters, parametersOfFiles, type NotebookParameter } from "./parameters";
import { findCjkFont } from "../charts/render";
import { packageFolderFrom } from "../shared/package-lookup";
import { packageRoot, packageVersion } from "../shared/package-info";

/** The file that marks a folder as a wenxi report and lists what wenxi wrote in it (shared/owned-folder.ts). */
export const reportMarker = ".wenxi-report";
export const reportFolderKind: FolderKind = { marker: reportMarker, what: "report" };

export class ReportOutputError extends Error {
  override name = "ReportOutputError";
}

/** Throws unless `target` is absent, an empty folder, or a report wenxi wrote that holds nothing else (and not one the run lives in). */
export function checkReplaceable(target: string, what = "--out"): void {
  try {
    checkOwnedReplaceable(target, reportFolderKind, what);
  } catch (error) {
    if (error instanceof OwnedFolderError) throw new ReportOutputError(error.message);
    throw error;
  }
}

/** Refuses an output folder that holds, or lies inside, the corpus or the notebooks: replacing it would delete them. */
function checkApart(out: string, other: string, what: string): void {
  let real = path.resolve(other);
  try {
    real = realpathSync(other);
  } catch {
    // absent: compare the path as given
  }
  for (const candidate of new Set([path.resolve(other), real])) {
    if (isInsideOrSame(out, candidate) || isInsideOrSame(candidate, out)) {
      throw new ReportOutputError(
        `--out "${path.relative(process.cwd(), out) || "."}" ${isInsideOrSame(out, candidate) ? "holds" : "lies inside"} the ${what} ("${other}"): a report folder is replaced on every run, so it must be apart from its inputs; choose another --out`,
      );
    }
  }
}

/** A digest of the corpus a report describes (ids and cleaned texts), to tell whether a partial run would mix corpora. */
function corpusDigest(documents: Array<{ id: string; text: string }>): string {
  const hash = createHash("sha256");
  for (const document of documents) hash.update(`${document.id}\u0000${document.text}\u0000`);
  return hash.digest("hex");
}

export interface ReportOptions {
  /** Folder of notebooks. Default: the notebooks shipped with wenxi (`shippedNotebookFolder`). */
  notebookFolder?: string;
  /** Notebook names or paths to run (default: every .ipynb in the folder, in name order). */
  notebooks?: string[];
  /** Output folder. Default `reports`. */
  out?: string;
  /**
   * A corpus for every notebook (injected as `corpusPath`), and for the index's summary. Default:
   * the `corpusPath` the first notebook declares, relative to its folder.
   */
  corpus?: string;
  /**
   * More parameters, injected after each notebook's `parameters` cell: each must be declared by
   * one of the notebooks run, with a value of its type (else a ParameterError).
   */
  parameters?: Array<[string, string]>;
  /** Seconds per cell. Default 120. */
  timeout?: number;
  /** Put the run date in the pages (off by default, so that runs are byte-identical). */
  stamp?: Date;
  onProgress?: (event: ProgressEvent) => void;
  kernelArgv?: string[];
  /**
   * Notebooks run at once, each in its own kernel. Default: the number of cores, at most 4. The
   * pages do not depend on it (each notebook runs alone in its kernel; the shared cache holds
   * only what a notebook would compute itself).
   */
  jobs?: number;
}

/**
 * How long each notebook took on earlier runs, kept beside the project's other caches
 * (node_modules/.cache/wenxi/report-timings.json) and outside the report, whose bytes it never
 * touches: with several jobs, the longest notebooks start first. Kept per corpus (its digest), for
 * the last 12 corpora: a run on a corpus not seen before takes the record of the run whose
 * notebooks worked longest (on a tiny corpus every notebook takes its kernel's start-up, which
 * says nothing of their order on a large one). Before any run, the seconds shipped with the bundled
 * notebooks (notebooks/report-timings.json: a run on the 49 long reports of the benchmark, written
 * by `node dist/bench/shipped-hints.js`), by file name. A missing or unreadable file only
 * means notebook order.
 */
function timingsFile(projectRoot: string): string {
  return hintsFile(projectRoot, "report-timings.json");
}

/** The seconds shipped with the bundled notebooks of the package at `projectRoot`, by notebook file name. */
export function shippedTimingsFile(projectRoot: string): string {
  return path.join(projectRoot, "notebooks", "report-timings.json");
}

interface TimingRecord {
  corpus: string;
  seconds: Record<string, number>;
}

function readTimingRecords(file: string): TimingRecord[] {
  return readHints(file, (run) => {
    const record = run as Partial<TimingRecord> | null;
    if (!record || typeof record.corpus !== "string" || !record.seconds || typeof record.seconds !== "object") return undefined;
    const seconds = Object.fromEntries(Object.entries(record.seconds).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1])));
    return { corpus: record.corpus, seconds };
  });
}

/** The seconds of each notebook (by its absolute path) to order the run of `files` on `corpus` by. */
export function readTimings(projectRoot: string, corpus: string, files: string[] = []): Record<string, number> {
  const records = readTimingRecords(timingsFile(projectRoot));
  const total = (record: TimingRecord) => Object.values(record.seconds).reduce((sum, value) => sum + value, 0);
  const earlier = records.find((record) => record.corpus === corpus) ?? [...records].sort((left, right) => total(right) - total(left))[0];
  if (earlier) return earlier.seconds;
  const shipped = readTimingRecords(shippedTimingsFile(projectRoot))[0]?.seconds ?? {};
  return Object.fromEntries(files.flatMap((file) => (Object.hasOwn(shipped, path.basename(file)) ? [[path.resolve(file), shipped[path.basename(file)]]] : [])));
}

export function writeTimings(projectRoot: string, corpus: string, timings: Record<string, number>): void {
  const records = readTimingRecords(timingsFile(projectRoot));
  const earlier = records.find((record) => record.corpus === corpus)?.seconds ?? {};
  writeHints(timingsFile(projectRoot), [{ corpus, seconds: { ...earlier, ...timings } }, ...records.filter((record) => record.corpus !== corpus)]);
}

/** The order notebooks start in: longest last time first (unknown ones in notebook order, before known ones), ties in notebook order. */
export function startOrder(files: string[], timings: Record<string, number>): number[] {
  const seconds = (index: number) => timings[path.resolve(files[index])] ?? Infinity;
  return files.map((_, index) => index).sort((left, right) => seconds(right) - seconds(left) || left - right);
}

/** Default number of notebooks run at once: one per core, at most 4 (each kernel holds its own dictionaries, ~0.5 GB). */
export function defaultReportJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
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
    /** Whether a report was at the output folder (and stays there); if not, the new report, failed pages marked, is at the output folder. */
    readonly previousReport: boolean,
    /** How many notebooks failed. */
    readonly failedNotebooks = 1,
  ) {
    super(`${notebook}: cell ${failure.cell} ${failure.timedOut ? "timed out" : "failed"}`);
    this.name = "ReportFailure";
  }
}

export interface ReportResult {
  out: string;
  entries: IndexEntry[];
  /** What was found and tidied from runs that were stopped (a report put back, a half-built one removed). */
  notes: string[];
  /** The calls the notebooks made on the corpus as loaded (report/prepare.ts): what the next run of them makes ahead. */
  calls: RecordedCall[];
  /** How long each notebook run took, in seconds, by its file name (never written into the report). */
  seconds: Record<string, number>;
}

/** The notebooks named (as given, in the folder, or with .ipynb added), else every .ipynb of the folder in name order. */
export function listNotebooks(folder: string, names?: string[]): string[] {
  if (names && names.length > 0) {
    return names.map((name) => {
      const candidates = [name, path.join(folder, name), path.join(folder, `${name}.ipynb`)];
      const found = candidates.find((candidate) => existsSync(candidate) && candidate.endsWith(".ipynb"));
      if (!found) throw new Error(`no notebook "${name}" (looked for ${candidates.join(", ")})`);
      return found;
    });
  }
  if (!existsSync(folder)) throw new Error(`notebook folder "${folder}" does not exist`);
  const found = readdirSync(folder)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(folder, name));
  if (found.length === 0) throw new Error(`no notebook (.ipynb) in "${folder}"`);
  return found;
}

function titleOf(notebook: Notebook, fallback: string): string {
  const firstMarkdown = notebook.cells.find((cell) => cell.cell_type === "markdown");
  const heading = firstMarkdown ? /^#\s+(.+)$/m.exec(sourceText(firstMarkdown)) : null;
  return heading ? heading[1].trim() : fallback;
}

function chartCount(notebook: Notebook): number {
  return notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.output_type === "display_data" && Object.keys(output.data).some((type) => type.startsWith("application/vnd.vega"))).length;
}

function footer(stamp?: Date): string {
  return `wenxi ${packageVersion()}${stamp ? ` · ${stamp.toISOString().slice(0, 19).replace("T", " ")} UTC` : ""}`;
}

/** The manifest of a report: its notebooks with status, counts and main findings (for other tools; wenxi reads the notebooks). */
export const reportManifest = "report.json";

function entryOf(name: string, notebook: Notebook, status: IndexEntry["status"]): IndexEntry {
  return {
    name: `${name}.ipynb`,
    title: titleOf(notebook, name),
    html: `${name}.html`,
    ipynb: `${name}.ipynb`,
    status,
    cells: notebook.cells.filter((cell) => cell.cell_type === "code").length,
    charts: chartCount(notebook),
    findings: notebookFindings(notebook),
  };
}

function titleOfFile(file: string): string {
  try {
    return titleOf(readNotebook(file), path.basename(file, ".ipynb"));
  } catch {
    return path.basename(file, ".ipynb");
  }
}

/** The notebooks wenxi ships (in the package, and in a clone of the repository). */
export const shippedNotebookFolder = path.join(packageRoot, "notebooks");

/**
 * Notebooks import the package by name, which Node and tslab resolve from the notebook's folder
 * upwards: say so before any kernel starts, rather than as a type error in every first cell.
 */
function checkWenxiReachable(files: string[]): void {
  for (const folder of new Set(files.map((file) => path.dirname(path.resolve(file))))) {
    const importing = files.filter((file) => path.dirname(path.resolve(file)) === folder && /from\s+\\?"wenxi(\/[^"\\]*)?\\?"/.test(readFileSync(file, "utf8")));
    if (importing.length === 0) continue;
    if (packageFolderFrom(folder, "wenxi") === undefined) {
      throw new Error(
        `${path.basename(importing[0])} (in ${folder}) imports "wenxi", which cannot be found from that folder: install wenxi in the folder's project (npm install wenxi, or the tarball), or make the folder with \`wenxi init\`, which links it`,
      );
    }
  }
}

/** The corpus the notebooks declare by default (`corpusPath` of the first that has one), resolved from its folder. */
function declaredCorpus(byFile: Map<string, NotebookParameter[]>): string | undefined {
  for (const [file, parameters] of byFile) {
    const declared = parameters.find((parameter) => parameter.name === "corpusPath" && parameter.type === "string");
    if (declared) return path.resolve(path.dirname(path.resolve(file)), JSON.parse(declared.defaultValue) as string);
  }
  return undefined;
}

export async function buildReport(options: ReportOptions = {}): Promise<ReportResult> {
  const notebookFolder = options.notebookFolder ?? shippedNotebookFolder;
  const out = path.resolve(options.out ?? "reports");
  const files = listNotebooks(notebookFolder, options.notebooks);
  const parametersByFile = parametersOfFiles(files);
  const checkedParameters = checkParameters(parametersByFile, options.parameters ?? []);
  checkWenxiReachable(files);
  // Every notebook of the folder, in order: the report's pages and their previous/next links.
  const everyFile = existsSync(notebookFolder) ? listNotebooks(notebookFolder) : files;
  const ordered = [...everyFile, ...files.filter((file) => !everyFile.some((other) => path.resolve(other) === path.resolve(file)))];
  const partial = options.notebooks !== undefined && options.notebooks.length > 0;
  const corpusSource = options.corpus ?? declaredCorpus(parametersByFile) ?? path.join(packageRoot, "data", "corpus");
  // The output folder is replaced on every run: it must hold nothing but an earlier report, and
  // neither hold nor lie inside the corpus or the notebooks.
  checkApart(out, corpusSource, "corpus");
  checkApart(out, notebookFolder, "notebook folder");
  for (const file of files) checkApart(out, file, "notebook");
  const notes = [...recoverInterrupted(out, reportFolderKind), ...recoverInterrupted(`${out}.failed`, reportFolderKind)];
  try {
    findCjkFont();
  } catch (error) {
    notes.push(`charts have no PNG copy in the executed notebooks (the HTML pages draw them from the spec): ${(error as Error).message}`);
  }
  checkReplaceable(out);
  checkReplaceable(`${out}.failed`, "the failed-run folder");
  // The runner loads the corpus as the notebooks do: past maxMegabytes, the same seeded sample of files.
  const valueOf = (name: string): unknown => {
    const given = checkedParameters.find(([parameter]) => parameter === name);
    const declared = [...parametersByFile.values()].flat().find((parameter) => parameter.name === name);
    try {
      return JSON.parse(given ? given[1] : (declared?.defaultValue ?? "null")) as unknown;
    } catch {
      return undefined;
    }
  };
  const maxMegabytes = valueOf("maxMegabytes");
  const sampleSeed = valueOf("sampleSeed");
  const nameFields = valueOf("nameFields");
  const loadOptions = valueOf("loadOptions");
  // One cache for the run (shared/cache.ts): the corpus loaded here goes into it, so that the
  // notebooks, loading it with the same options, read it back; the first notebook that tokenizes
  // claims the tokens and the others wait for them.
  const cache = mkdtempSync(path.join(tmpdir(), `wenxi-cache-${process.pid}-`));
  const forgetCleanup = cleanUpOnInterrupt(() => rmSync(cache, { recursive: true, force: true }));
  let abandonBuild: (() => void) | undefined;
  const jobs = Math.max(1, Math.min(files.length, Math.floor(options.jobs ?? defaultReportJobs())));
  // Each kernel its share of the cores, for the worker threads it starts (shared/cores.ts).
  // And the conversions of cells made by earlier runs (notebook/conversion-cache.ts), beside the timings.
  const kernelEnv = {
    WENXI_CACHE_DIR: cache,
    WENXI_CORES: String(Math.max(1, Math.floor(usableCores() / jobs))),
    WENXI_CONVERSION_CACHE: path.join(packageRoot, "node_modules", ".cache", "wenxi", "tslab"),
  };
  // A kernel takes two seconds or more to start (tslab parses its type libraries): the first
  // `jobs` start while the corpus loads here, in the folder of the first notebook, and serve the
  // first notebooks of that folder; their first cell waits for the corpus this process claimed.
  const kernelFolder = path.dirname(path.resolve(files[0]));
  const startKernel = () => {
    const started = KernelClient.start({ cwd: kernelFolder, argv: options.kernelArgv, env: kernelEnv });
    started.catch(() => undefined); // a kernel that cannot start fails the notebook that takes it
    return started;
  };
  const spareKernels = Array.from({ length: jobs }, startKernel);
  // Notebooks of that folder not yet given a kernel: while more remain than spare kernels, taking
  // one starts another, so that the next notebook finds its kernel ready (one idle kernel at most,
  // ~230 MB). Not on a corpus of 4 million characters or more, nor one past maxMegabytes (sampled):
  // there notebooks take a minute or more, a kernel's start is nothing beside them, and the memory
  // counts (100,000 short documents peaked at 4.2 GB with it, the 500 MB benchmark near 3 GB).
  let waitingInFolder = files.filter((file) => path.dirname(path.resolve(file)) === kernelFolder).length;
  let keepSpare = true;
  const takeKernel = (file: string) => {
    if (path.dirname(path.resolve(file)) !== kernelFolder) return undefined;
    waitingInFolder--;
    const kernel = spareKernels.shift();
    if (keepSpare && waitingInFolder > spareKernels.length) spareKernels.push(startKernel());
    return kernel;
  };
  const runLoadOptions: LoadOptions = {
    ...(typeof nameFields === "string" && nameFields !== "" ? { nameFields } : {}),
    ...(isJsonObject(loadOptions) ? (loadOptions as LoadOptions) : {}),
    ...(typeof maxMegabytes === "number" && maxMegabytes > 0 ? { sample: { megabytes: maxMegabytes, seed: typeof sampleSeed === "number" ? sampleSeed : 1 } } : {}),
  };
  const notebooks = notebooksDigest(files, checkedParameters);
  let preparation: Preparation | undefined;
  let conversionsAhead: HelperProcess | undefined;
  // The parameters a notebook is given: the corpus path relative to the notebook's folder (its
  // kernel's working directory), so that no absolute path enters the report, and of the others
  // those it declares (another notebook's would be an unused constant).
  const parametersOf = (file: string): Array<[string, string]> => {
    const parameters: Array<[string, string]> = [];
    if (options.corpus) parameters.push(["corpusPath", JSON.stringify(path.relative(path.dirname(path.resolve(file)), path.resolve(options.corpus)) || ".")]);
    const declared = new Set((parametersByFile.get(file) ?? []).map((parameter) => parameter.name));
    for (const parameter of checkedParameters) if (declared.has(parameter[0]) || declared.size === 0) parameters.push(parameter);
    return parameters;
  };
  try {
    let corpus: Corpus;
    const cacheBefore = process.env.WENXI_CACHE_DIR;
    try {
      process.env.WENXI_CACHE_DIR = cache;
      corpus = await loadCorpus(corpusSource, runLoadOptions);
    } finally {
      if (cacheBefore === undefined) delete process.env.WENXI_CACHE_DIR;
      else process.env.WENXI_CACHE_DIR = cacheBefore;
    }
    keepSpare = corpus.sample === undefined && corpus.documents.reduce((sum, document) => sum + document.text.length, 0) < 4_000_000;
    // On such a corpus, the calls the last run of these notebooks made on it (their segmentations,
    // nodejieba's keywords) are made now in one process (prepare.ts), which loads nodejieba's
    // dictionaries once for them all; past it, notebooks that work a minute each gain nothing from it.
    const preparedCalls = keepSpare ? readPreparedCalls(packageRoot, notebooks) : [];
    if (preparedCalls.length > 0) preparation = new Preparation(cache, { corpus: corpusSource, loadOptions: runLoadOptions, calls: preparedCalls });
    const run = { corpus: { documents: corpus.documents.length, sha256: corpusDigest(corpus.documents) }, parameters: checkedParameters.map(([name, value]) => [name, value]) };
    // The order notebooks start in (with several jobs, the longest first).
    const order = jobs > 1 ? startOrder(files, readTimings(packageRoot, run.corpus.sha256, files)) : files.map((_, index) => index);
    // The cells of the notebooks are converted by one process (notebook/convert-ahead.ts), which
    // parses TypeScript's libraries once for them all, in run order, while kernels wait for the
    // cells it claimed: on the first run after an install or a change of the notebooks (later runs
    // find every cell kept, and nothing is claimed). Not with another kernel than tslab's (its
    // conversions would not be this one's), nor where a spare kernel is not kept either (there a
    // kernel's start is nothing beside its notebook).
    if (keepSpare && !options.kernelArgv) {
      // A notebook that cannot be read is left to its own run, which reports it.
      const notebooksToConvert = order.flatMap((index) => {
        try {
          return [{ folder: realpathSync(path.dirname(path.resolve(files[index]))), sources: notebookToRun(files[index], parametersOf(files[index])).cells.filter((cell) => cell.cell_type === "code").map(sourceText) }];
        } catch {
          return [];
        }
      });
      const conversions = kernelEnv.WENXI_CONVERSION_CACHE;
      const converter = new HelperProcess(convertAheadModule, path.join(cache, "convert-ahead.json"), { cache: conversions, notebooks: notebooksToConvert } satisfies ConvertAheadInput);
      conversionsAhead = converter;
      // Its claims on the notebooks' first cells, written before any notebook starts (a kernel
      // reaching an unclaimed cell converts it itself); released when it converted them, or when
      // its process is gone.
      if (converter.pid !== undefined) {
        try {
          mkdirSync(conversions, { recursive: true });
          releaseStaleClaims(conversions);
          for (const { folder, sources } of notebooksToConvert) {
            const file = firstCellClaim(conversions, folder, sources);
            if (file) claim(file, converter.pid);
          }
        } catch {
          // Unclaimed cells are converted by their kernels.
        }
      }
    }
    // A run of some notebooks keeps the other pages of the existing report: only if that report was
    // made from the same corpus and parameters, or the pages would describe different corpora.
    const existing = folderState(out, reportFolderKind);
    if (partial && existing.kind === "owned") {
      const made = existing.content.run as typeof run | undefined;
      if (JSON.stringify(made) !== JSON.stringify(run)) {
        const describe = (what: typeof run | undefined) =>
          what
            ? `a corpus of ${what.corpus.documents} documents (sha256 ${what.corpus.sha256.slice(0, 12)}…)${what.parameters.length > 0 ? ` with ${what.parameters.map(([name, value]) => `${name}=${value}`).join(", ")}` : ""}`
            : "an unknown corpus";
        throw new ReportOutputError(
          `the report in "${options.out ?? "reports"}" was made from ${describe(made)}; this run uses ${describe(run)}. Re-running only ${files.map((file) => path.basename(file)).join(", ")} would mix the two in one report: run every notebook (no notebook names), or give another --out`,
        );
      }
    }
    const build = new FolderBuild(out, reportFolderKind);
    abandonBuild = () => {
      if (existsSync(build.folder)) build.abandon();
    };
    build.describe({ run });
    const titles = new Map(ordered.map((file) => [path.basename(file, ".ipynb"), titleOfFile(file)]));
    const names = ordered.map((file) => path.basename(file, ".ipynb"));
    const neighbours = (name: string) => {
      const at = names.indexOf(name);
      const link = (index: number) => (index >= 0 && index < names.length ? { href: `${names[index]}.html`, title: titles.get(names[index]) ?? names[index] } : undefined);
      return { previous: link(at - 1), next: link(at + 1) };
    };
    const previousEntries = new Map<string, IndexEntry>();
    if (partial && existing.kind === "owned") {
      // Each kept page's entry is read back from its executed notebook (a report holds only runs that succeeded).
      for (const name of names) {
        if (files.some((file) => path.basename(file, ".ipynb") === name)) continue;
        const html = path.join(out, `${name}.html`);
        const ipynb = path.join(out, `${name}.ipynb`);
        if (!existing.entries.includes(`${name}.html`) || !existing.entries.includes(`${name}.ipynb`)) continue;
        let executed: Notebook;
        try {
          executed = readNotebook(ipynb);
        } catch {
          continue;
        }
        build.copy(html, `${name}.html`);
        build.copy(ipynb, `${name}.ipynb`);
        previousEntries.set(name, entryOf(name, executed, "ok"));
      }
    }
    const entries = new Map<string, IndexEntry>();
    {
      const failures: Array<{ index: number; name: string; failure: CellFailure }> = [];
      const runOne = async (index: number, file: string) => {
        const name = path.basename(file, ".ipynb");
        options.onProgress?.({ kind: "notebook", index: index + 1, count: files.length, name });
        const started = Date.now();
        const run = await runNotebook(file, {
          parameters: parametersOf(file),
          timeout: options.timeout,
          kernelArgv: options.kernelArgv,
          env: kernelEnv,
          kernel: takeKernel(file),
          scrubPaths: [packageRoot, path.resolve(path.dirname(file))].sort((left, right) => right.length - left.length),
          onCell: (cell, cells) => options.onProgress?.({ kind: "cell", index: index + 1, count: files.length, name, cell, cells, elapsedSeconds: (Date.now() - started) / 1000 }),
        });
        const title = titleOf(run.notebook, name);
        const status = run.failure ? (run.failure.timedOut ? "timed-out" : "failed") : "ok";
        build.write(`${name}.ipynb`, serializeNotebook(run.notebook));
        const codeCells = run.notebook.cells.filter((cell) => cell.cell_type === "code").length;
        build.write(
          `${name}.html`,
          notebookPage(run.notebook, {
            title,
            subtitle: `${escapeHtml(name)}.ipynb · <span class="status ${status}">${status === "ok" ? "executed" : status}</span> · ${codeCells} code cells`,
            footer: footer(options.stamp),
            indexLink: true,
            filePrefix: name,
            ...neighbours(name),
          }),
        );
        entries.set(name, {
          ...entryOf(name, run.notebook, status),
          ...(run.failure ? { failure: { cell: run.failure.cell, message: run.failure.message.split("\n").slice(0, 12).join("\n") } } : {}),
        });
        const seconds = (Date.now() - started) / 1000;
        options.onProgress?.({ kind: "done", index: index + 1, count: files.length, name, ok: !run.failure, seconds });
        if (run.failure) failures.push({ index, name, failure: run.failure });
        return seconds;
      };
      // A pool of `jobs` runners takes the notebooks in start order. A failing notebook costs only its
      // own page: the others still run. After an error (a kernel that cannot start) no new one starts.
      const timings: Record<string, number> = {};
      let nextIndex = 0;
      const errors: Array<{ index: number; error: unknown }> = [];
      const runner = async () => {
        while (nextIndex < order.length && errors.length === 0) {
          const index = order[nextIndex++];
          try {
            timings[path.resolve(files[index])] = await runOne(index, files[index]);
          } catch (error) {
            errors.push({ index, error });
          }
        }
      };
      await Promise.all(Array.from({ length: jobs }, runner));
      writeTimings(packageRoot, run.corpus.sha256, timings);
      const calls = readRecordedCalls(cache);
      writePreparedCalls(packageRoot, notebooks, calls);
      if (errors.length > 0) throw errors.sort((left, right) => left.index - right.index)[0].error;
      const allEntries = names.map((name) => entries.get(name) ?? previousEntries.get(name)).filter((entry): entry is IndexEntry => entry !== undefined);
      build.write(reportManifest, `${JSON.stringify({ entries: allEntries }, null, 1)}\n`);
      const rows = corpusSummary(corpus).map((row) => ({ ...row }));
      build.write(
        "index.html",
        indexPage(allEntries, rows, {
          title: "wenxi 报告 Report",
          subtitle: `${allEntries.length} notebooks · corpus of ${corpus.documents.length} documents${corpus.errors.length > 0 ? `, ${corpus.errors.length} file(s) not loaded` : ""}`,
          footer: footer(options.stamp),
          summary: describeCorpus(corpus),
        }),
      );
      if (failures.length > 0) {
        // The report is whole (every other page, the index marking the failed one), and the run
        // fails. A complete earlier report is not replaced by one with a failed page: the new one goes
        // to <out>.failed. With no earlier report, the new one is the report.
        const first = failures.sort((left, right) => left.index - right.index)[0];
        const hadReport = folderState(out, reportFolderKind).kind === "owned";
        const destination = hadReport ? `${out}.failed` : out;
        build.moveTo(destination, hadReport ? "the failed-run folder" : "--out");
        throw new ReportFailure(`${first.name}.ipynb`, first.failure, destination, hadReport, failures.length);
      }
      // Swap: the old report leaves only once the new one is complete (checked again: it may have changed meanwhile).
      build.commit();
      try {
        // The record of an earlier failure, if wenxi wrote it (removeOwned leaves anything else as it is).
        removeOwned(`${out}.failed`, reportFolderKind);
      } catch {
        // Someone else's files there: left alone.
      }
      return { out, entries: allEntries, notes, calls, seconds: Object.fromEntries(Object.entries(timings).map(([file, seconds]) => [path.basename(file), seconds])) };
    }
  } catch (error) {
    abandonBuild?.();
    throw error;
  } finally {
    // Kernels started early and never used (a run that failed before its notebooks).
    await Promise.all(spareKernels.splice(0).map((kernel) => kernel.then((client) => client.shutdown()).catch(() => undefined)));
    await preparation?.stop();
    await conversionsAhead?.stop();
    if (conversionsAhead?.pid !== undefined) releaseClaimsOf(kernelEnv.WENXI_CONVERSION_CACHE, conversionsAhead.pid);
    rmSync(cache, { recursive: true, force: true });
    forgetCleanup();
  }
}
