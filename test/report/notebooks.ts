// Small notebooks written on the fly for runner tests, and the calls shipped with the bundled ones.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { notebooksDigest, readCallsRecords, shippedCallsFile } from "../../src/report/prepare";
import { listNotebooks, shippedNotebookFolder } from "../../src/report/report";
import { stableText, type RecordedCall } from "../../src/shared/cache";
import { packageRoot } from "../../src/shared/package-info";

export function writeNotebook(folder: string, name: string, cells: Array<{ code?: string; markdown?: string; tags?: string[] }>): string {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "wenxi", display_name: "TypeScript (wenxi)", language: "typescript" } },
    cells: cells.map((cell, index) =>
      cell.markdown !== undefined
        ? { cell_type: "markdown", id: `m${index}`, metadata: {}, source: cell.markdown }
        : { cell_type: "code", id: `c${index}`, metadata: cell.tags ? { tags: cell.tags } : {}, source: cell.code, outputs: [], execution_count: null },
    ),
  };
  const file = path.join(folder, `${name}.ipynb`);
  writeFileSync(file, JSON.stringify(notebook, null, 1));
  return file;
}

/**
 * The calls the record shipped with the bundled notebooks holds for them with `parameters`
 * (report/prepare.ts), sorted as `sortedCalls` sorts: with several kernels the order a run records
 * them in varies, the set does not.
 */
export function shippedCallsFor(parameters: ReadonlyArray<readonly [string, string]>): RecordedCall[] | undefined {
  const bundled = listNotebooks(shippedNotebookFolder);
  const record = readCallsRecords(shippedCallsFile(packageRoot)).find((candidate) => candidate.notebooks === notebooksDigest(bundled, parameters));
  return record && sortedCalls(record.calls);
}

/** Calls in one order (by their JSON with sorted keys). */
export function sortedCalls(calls: RecordedCall[]): RecordedCall[] {
  return [...calls].sort((left, right) => stableText(left).localeCompare(stableText(right)));
}

/** What to do when the shipped record is out of step with the bundled notebooks. */
export const shippedCallsAdvice = "notebooks/report-calls.json is out of step with the bundled notebooks: run `npm run build && node dist/bench/shipped-hints.js`";
