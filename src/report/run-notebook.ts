// Executing one notebook from scratch in a fresh tslab kernel, cell by cell, like papermill: the
// first failing cell (tslab reports failures only through the reply status and stderr text) stops
// the run; it gets an `error` output, and the cells after it are marked as not run.
import * as path from "node:path";
import { KernelClient, type CellOutput, type ExecutionResult } from "./kernel-client";
import { injectParameters, readNotebook, sourceText, type Notebook } from "./notebook-format";
import { notebookParameters, parameterAnnotation } from "./parameters";

export interface CellFailure {
  /** 1-based position of the cell in the notebook as written (an injected parameters cell not counted). */
  cell: number;
  /** The cell's id. */
  id: string;
  source: string;
  /** What went wrong: the cell's stderr, or the timeout. */
  message: string;
  timedOut: boolean;
}

export interface NotebookRun {
  file: string;
  notebook: Notebook;
  failure?: CellFailure;
}

export interface RunOptions {
  parameters?: Array<[string, string]>;
  /** Seconds a cell may run. Default 120. */
  timeout?: number;
  /** Kernel command line (default: this project's tslab). */
  kernelArgv?: string[];
  onCell?: (cell: number, cells: number) => void;
  /** Absolute paths replaced in outputs, so reports do not depend on where they were made. */
  scrubPaths?: string[];
  /** More environment variables for the kernel. */
  env?: Record<string, string>;
  /** A kernel started beforehand (with this notebook's folder as its working directory), used instead of starting one. */
  kernel?: Promise<KernelClient>;
}

/** Joins consecutive stream outputs of the same name, as Jupyter front ends show them. */
function coalesce(outputs: CellOutput[]): CellOutput[] {
  const result: CellOutput[] = [];
  for (const output of outputs) {
    const last = result[result.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) last.text += output.text;
    else result.push(output.output_type === "stream" ? { ...output } : output);
  }
  return result;
}

function scrub(outputs: CellOutput[], paths: string[]): CellOutput[] {
  if (paths.length === 0) return outputs;
  const clean = (text: string) => paths.reduce((result, absolute) => result.split(`${absolute}${path.sep}`).join("").split(absolute).join("."), text);
  return outputs.map((output) => {
    if (output.output_type === "stream") return { ...output, text: clean(output.text) };
    if (output.output_type === "error") return { ...output, evalue: clean(output.evalue), traceback: output.traceback.map(clean) };
    return output;
  });
}

function failureMessage(result: ExecutionResult, timeout: number): string {
  if (result.status === "timeout") return `the cell did not finish within ${timeout} s`;
  const stderr = result.outputs.filter((output) => output.output_type === "stream" && output.name === "stderr").map((output) => (output as { text: string }).text).join("");
  const errors = result.outputs.filter((output) => output.output_type === "error").map((output) => `${(output as { ename: string }).ename}: ${(output as { evalue: string }).evalue}`).join("\n");
  return (errors || stderr || "the cell failed (no error text)").trim();
}

/** The notebook as it runs: the given parameters injected after its parameters cell, each declared with the type of the notebook's parameter (parameters.ts). */
export function notebookToRun(file: string, parameters: Array<[string, string]>): Notebook {
  const original = readNotebook(file);
  const declared = new Map(notebookParameters(original).map((parameter) => [parameter.name, parameter]));
  const annotations = new Map(parameters.flatMap(([name]) => {
    const annotation = parameterAnnotation(declared.get(name));
    return annotation ? [[name, annotation] as [string, string]] : [];
  }));
  return injectParameters(original, parameters, annotations);
}

export async function runNotebook(file: string, options: RunOptions = {}): Promise<NotebookRun> {
  const timeout = options.timeout ?? 120;
  const notebook = notebookToRun(file, options.parameters ?? []);
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === "code");
  const kernel = await (options.kernel ?? KernelClient.start({ cwd: path.dirname(path.resolve(file)), argv: options.kernelArgv, env: options.env }));
  let failure: CellFailure | undefined;
  let count = 0;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const { wenxi: _previous, ...metadata } = cell.metadata;
      cell.metadata = metadata;
      if (failure) {
        cell.outputs = [];
        cell.execution_count = null;
        cell.metadata = { ...cell.metadata, wenxi: { status: "not-run" } };
        continue;
      }
      count++;
      options.onCell?.(count, codeCells.length);
      const source = sourceText(cell);
      const result = await kernel.execute(source, timeout);
      const outputs = scrub(coalesce(result.outputs), options.scrubPaths ?? []);
      cell.outputs = outputs;
      cell.execution_count = count;
      if (result.status !== "ok") {
        // Built from the scrubbed outputs, so the message holds no absolute path either.
        const message = failureMessage({ status: result.status, outputs }, timeout);
        const position = notebook.cells.slice(0, index + 1).filter((candidate) => !(candidate.metadata.tags ?? []).includes("injected-parameters")).length;
        failure = { cell: position, id: cell.id, source, message, timedOut: result.status === "timeout" };
        outputs.push({ output_type: "error", ename: result.status === "timeout" ? "Timeout" : "CellError", evalue: message.split("\n")[0], traceback: message.split("\n") });
        cell.metadata = { ...cell.metadata, wenxi: { status: result.status === "timeout" ? "timed-out" : "failed" } };
      }
    }
  } finally {
    await kernel.shutdown();
  }
  return { file, notebook, failure };
}
