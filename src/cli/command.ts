// What every CLI command is made of, and the shared output step (table, CSV or JSON).
import { formatCsv, formatJson, formatTable, type Row } from "../format/tables";
import { UsageError, type ParsedArguments } from "./arguments";

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Options that take a value. */
  valueOptions: string[];
  /** Options that are switches. */
  flagOptions: string[];
  /** Returns the exit code. */
  run: (parsed: ParsedArguments, output: Output) => Promise<number>;
}

export const formatFlags = ["json", "csv"];

export function checkOptions(command: Command, parsed: ParsedArguments): void {
  const known = new Set([...command.valueOptions, ...command.flagOptions, "help"]);
  for (const [name, value] of parsed.options) {
    if (!known.has(name)) throw new UsageError(`${command.name}: unknown option --${name}\nusage: ${command.usage}`);
    if (command.valueOptions.includes(name) && value === true) throw new UsageError(`${command.name}: --${name} needs a value`);
  }
}

export function stringOption(parsed: ParsedArguments, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === "string" ? value : undefined;
}

export function numberOption(parsed: ParsedArguments, name: string, fallback: number): number {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new UsageError(`--${name} takes a number, got "${value}"`);
  return number;
}

/** Writes rows as a table (default), `--csv` or `--json`. */
export function writeRows(parsed: ParsedArguments, output: Output, rows: Row[], columns?: string[]): void {
  if (parsed.options.has("json")) output.stdout(formatJson(rows));
  else if (parsed.options.has("csv")) output.stdout(formatCsv(rows, columns ?? Object.keys(rows[0] ?? {})));
  else output.stdout(`${rows.length === 0 ? "(no rows)" : formatTable(rows, columns)}\n`);
}
