// Small notebooks written on the fly for runner tests.
import { writeFileSync } from "node:fs";
import * as path from "node:path";

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
