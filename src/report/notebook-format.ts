// Notebooks as nbformat 4.5 JSON: reading with clear errors, papermill-style parameter injection
// (a cell tagged `injected-parameters` after the one tagged `parameters`), and writing with a
// stable key order so executed notebooks are byte-identical from run to run.
import { readFileSync } from "node:fs";
import type { CellOutput } from "./kernel-client";

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id: string;
  metadata: { tags?: string[]; [key: string]: unknown };
  source: string | string[];
  outputs?: CellOutput[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

export function readNotebook(file: string): Notebook {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not a readable notebook (${(error as Error).message})`);
  }
  const notebook = value as Notebook;
  if (!notebook || typeof notebook !== "object" || !Array.isArray(notebook.cells)) throw new Error(`${file}: not a notebook (no "cells" list)`);
  if (notebook.nbformat !== 4) throw new Error(`${file}: nbformat ${notebook.nbformat} is not supported (4 is)`);
  notebook.cells.forEach((cell, index) => {
    if (!["code", "markdown", "raw"].includes(cell.cell_type)) throw new Error(`${file}: cell ${index + 1} has unknown type "${cell.cell_type}"`);
    cell.id ??= `cell-${index + 1}`;
    cell.metadata ??= {};
  });
  return notebook;
}

/** A parameter value as TypeScript source: JSON for numbers, booleans, arrays and quoted strings; anything else as a string. */
/**
 * A parameter value as TypeScript: JSON when it parses (numbers, true, lists, objects, quoted
 * strings), else a string. A value that starts like JSON ({, [ or ") but does not parse is an
 * error naming the parameter, not silently a string. U+2028/U+2029 are escaped: Jupyter splits
 * cell sources at them, which would cut the literal in two.
 */
export function parameterLiteral(value: string, name = "parameter"): string {
  let literal: string;
  try {
    literal = JSON.stringify(JSON.parse(value) as unknown);
  } catch (error) {
    if (/^\s*[[{"]/.test(value)) throw new Error(`--param ${name}: the value looks like JSON but does not parse (${(error as Error).message}): ${value.slice(0, 80)}`);
    literal = JSON.stringify(value);
  }
  return literal.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function parseParameter(text: string): [string, string] {
  const equals = text.indexOf("=");
  const name = text.slice(0, equals).trim();
  if (equals <= 0 || !/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`--param takes name=value with a TypeScript name, got "${text}"`);
  const value = text.slice(equals + 1);
  parameterLiteral(value, name); // refuse broken JSON now, before any kernel starts
  return [name, value];
}

/**
 * Inserts a cell tagged `injected-parameters` right after the first code cell tagged
 * `parameters` (or at the top when there is none), declaring each parameter again; tslab lets a
 * later cell redeclare a const, so the new values win. Returns a new notebook.
 */
export function injectParameters(notebook: Notebook, parameters: Array<[string, string]>, annotations: ReadonlyMap<string, string> = new Map()): Notebook {
  if (parameters.length === 0) return notebook;
  const declare = (name: string) => (annotations.has(name) ? `${name}: ${annotations.get(name)}` : name);
  const lines = ["// Parameters injected by wenxi report", ...parameters.map(([name, value]) => `const ${declare(name)} = ${parameterLiteral(value, name)};`)];
  const injected: NotebookCell = { cell_type: "code", id: "injected-parameters", metadata: { tags: ["injected-parameters"] }, source: lines.join("\n"), outputs: [], execution_count: null };
  const cells = notebook.cells.filter((cell) => !(cell.metadata.tags ?? []).includes("injected-parameters"));
  const index = cells.findIndex((cell) => cell.cell_type === "code" && (cell.metadata.tags ?? []).includes("parameters"));
  cells.splice(index + 1, 0, injected);
  return { ...notebook, cells };
}

/** Sorts object keys recursively, so the same notebook always serializes to the same bytes. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** nbformat keeps multi-line strings as lists of lines. */
function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

export function serializeNotebook(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => {
    const base: Record<string, unknown> = { cell_type: cell.cell_type, id: cell.id, metadata: cell.metadata, source: splitLines(sourceText(cell)) };
    if (cell.cell_type === "code") {
      base.execution_count = cell.execution_count ?? null;
      base.outputs = (cell.outputs ?? []).map((output) => {
        if (output.output_type === "stream") return { ...output, text: splitLines(output.text) };
        if (output.output_type === "error") return output;
        const data = Object.fromEntries(
          Object.entries(output.data).map(([type, content]) => [type, typeof content === "string" && !type.endsWith("json") ? splitLines(content) : content]),
        );
        return { ...output, data };
      });
    }
    return base;
  });
  return `${JSON.stringify(sortKeys({ ...notebook, nbformat: 4, nbformat_minor: 5, cells }), null, 1)}\n`;
}
