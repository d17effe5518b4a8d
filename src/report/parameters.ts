// A notebook's parameters, read from its cell tagged `parameters`: each `const name[: type] =
// value;` with the comment lines above it as its description. `wenxi report --help` lists them,
// and the values given with --param are checked against them (an unknown name or a value of the
// wrong type is an error naming the known parameters) and written as TypeScript of the right type.
import * as path from "node:path";
import { parameterLiteral, readNotebook, sourceText, type Notebook } from "./notebook-format";

export type ParameterType = "string" | "number" | "boolean" | "string[]" | "number[]" | "unknown";

export interface NotebookParameter {
  name: string;
  type: ParameterType;
  /** The default as written in the notebook (TypeScript source). */
  defaultValue: string;
  /** The type annotation written in the notebook, if any (`Record<string, unknown>`). */
  annotation?: string;
  description: string;
}

export class ParameterError extends Error {}

const declarationPattern = /^\s*(?:const|let)\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?);?\s*$/;

function typeOfValue(value: unknown): ParameterType {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string")) return "string[]";
    if (value.every((item) => typeof item === "number")) return "number[]";
  }
  return "unknown";
}

function typeOfAnnotation(annotation: string): ParameterType {
  const compact = annotation.replace(/\s+/g, "");
  const known: Record<string, ParameterType> = { string: "string", number: "number", boolean: "boolean", "string[]": "string[]", "Array<string>": "string[]", "number[]": "number[]", "Array<number>": "number[]" };
  return known[compact] ?? "unknown";
}

/** The parameters declared in a notebook's `parameters` cell, in order (none when it has no such cell). */
export function notebookParameters(notebook: Notebook): NotebookParameter[] {
  const cell = notebook.cells.find((candidate) => candidate.cell_type === "code" && (candidate.metadata.tags ?? []).includes("parameters"));
  if (!cell) return [];
  const parameters: NotebookParameter[] = [];
  let comments: string[] = [];
  for (const line of sourceText(cell).split("\n")) {
    const comment = /^\s*\/\/\s?(.*)$/.exec(line);
    if (comment) {
      // The cell's heading ("Parameters (the report command can replace them …)") describes no one parameter.
      if (!/^Parameters\b/.test(comment[1])) comments.push(comment[1].trim());
      continue;
    }
    const declaration = declarationPattern.exec(line);
    if (declaration) {
      const [, name, annotation, value] = declaration;
      let type: ParameterType = annotation ? typeOfAnnotation(annotation) : "unknown";
      if (type === "unknown") {
        try {
          type = typeOfValue(JSON.parse(value));
        } catch {
          type = "unknown";
        }
      }
      parameters.push({ name, type, defaultValue: value, ...(annotation ? { annotation: annotation.trim() } : {}), description: comments.join(" ") });
    }
    comments = [];
  }
  return parameters;
}

/**
 * The type a value given for a parameter is declared with in the injected cell: the notebook's
 * annotation, else the widened type of its default (`const style = "auto"` is a string, not the
 * type "auto": injected as the literal "modern", every `style === "auto"` after it failed to
 * type-check), else none (an object's properties are widened by TypeScript itself).
 */
export function parameterAnnotation(parameter: NotebookParameter | undefined): string | undefined {
  if (!parameter) return undefined;
  if (parameter.annotation) return parameter.annotation;
  return parameter.type === "unknown" ? undefined : parameter.type;
}

/** Each notebook file's parameters. */
export function parametersOfFiles(files: string[]): Map<string, NotebookParameter[]> {
  return new Map(files.map((file) => [file, notebookParameters(readNotebook(file))]));
}

function describeKnown(byFile: Map<string, NotebookParameter[]>): string {
  const names = [...new Set([...byFile.values()].flat().map((parameter) => parameter.name))].sort();
  return names.length > 0 ? `the notebooks' parameters are ${names.join(", ")} (wenxi report --help lists them)` : "these notebooks declare no parameters";
}

/**
 * Checks --param values against the notebooks' declarations and returns them as JSON text of
 * the declared type: a string parameter takes any text (quoted or not), a number a number, a
 * list a JSON list. An unknown name, or a value of another type, is a ParameterError.
 */
export function checkParameters(byFile: Map<string, NotebookParameter[]>, given: Array<[string, string]>): Array<[string, string]> {
  return given.map(([name, value]) => {
    const declared = [...byFile.entries()].flatMap(([file, parameters]) => parameters.filter((parameter) => parameter.name === name).map((parameter) => ({ file, parameter })));
    if (declared.length === 0) throw new ParameterError(`--param ${name}: no notebook declares a parameter "${name}"; ${describeKnown(byFile)}`);
    const types = [...new Set(declared.map(({ parameter }) => parameter.type))];
    const type = types.length === 1 ? types[0] : "unknown";
    if (type === "string") {
      // A quoted JSON string is taken as that string; any other text as it is.
      let text = value;
      try {
        const parsed = JSON.parse(value) as unknown;
        if (typeof parsed === "string") text = parsed;
      } catch {
        // not JSON: the text itself
      }
      return [name, JSON.stringify(text)];
    }
    const literal = parameterLiteral(value, name);
    if (type === "unknown") return [name, literal];
    const parsed = JSON.parse(literal) as unknown;
    let actual = typeOfValue(parsed);
    if (Array.isArray(parsed) && parsed.length === 0 && type.endsWith("[]")) actual = type;
    if (actual !== type) {
      const where = declared.map(({ file }) => path.basename(file)).join(", ");
      throw new ParameterError(`--param ${name}=${value.slice(0, 80)}: ${name} is a ${type} (declared in ${where}, default ${declared[0].parameter.defaultValue}), the value given is ${actual === "unknown" ? "of another type" : `a ${actual}`}`);
    }
    return [name, literal];
  });
}

/**
 * The parameters of the given notebooks as help text: each name once, with its type, default,
 * the notebooks that declare it ("every notebook" when all do) and its description.
 */
export function parameterHelp(byFile: Map<string, NotebookParameter[]>): string {
  const byName = new Map<string, Array<{ file: string; parameter: NotebookParameter }>>();
  for (const [file, parameters] of byFile) {
    for (const parameter of parameters) {
      const list = byName.get(parameter.name) ?? [];
      list.push({ file, parameter });
      byName.set(parameter.name, list);
    }
  }
  if (byName.size === 0) return "  (none: these notebooks have no cell tagged parameters)";
  const lines: string[] = [];
  for (const [name, declared] of byName) {
    const defaults = [...new Set(declared.map(({ parameter }) => parameter.defaultValue))];
    const types = [...new Set(declared.map(({ parameter }) => parameter.type))];
    const where = declared.length === byFile.size && byFile.size > 1 ? "every notebook" : declared.map(({ file }) => path.basename(file, ".ipynb")).join(", ");
    lines.push(`  ${name}: ${types.join(" | ")}, default ${defaults.length === 1 ? defaults[0] : declared.map(({ file, parameter }) => `${parameter.defaultValue} (${path.basename(file, ".ipynb")})`).join(", ")}; ${where}`);
    const description = declared.map(({ parameter }) => parameter.description).find((text) => text.length > 0);
    if (description) lines.push(`      ${description}`);
  }
  return lines.join("\n");
}
