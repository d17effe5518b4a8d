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

export interface NumberRule {
  /** Smallest value allowed. Default 1. */
  min?: number;
  /** Only whole numbers. Default true. */
  integer?: boolean;
}

/** A numeric option: a whole number ≥ 1 unless the rule says otherwise (--top -1 is refused, not read as "all"). */
export function numberOption(parsed: ParsedArguments, name: string, fallback: number, rule: NumberRule = {}): number {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  const number = value.trim() === "" ? NaN : Number(value);
  const min = rule.min ?? 1;
  const integer = rule.integer ?? true;
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number)) || number < min) {
    throw new UsageError(`--${name} takes ${integer ? "a whole number" : "a number"} ≥ ${min}, got "${value}"`);
  }
  return number;
}

/** Writes rows as a table (default), `--csv` or `--json`. */
export function writeRows(parsed: ParsedArguments, output: Output, rows: Row[], columns?: string[]): void {
  if (parsed.options.has("json")) output.stdout(formatJson(rows));
  else if (parsed.options.has("csv")) output.stdout(formatCsv(rows, columns ?? Object.keys(rows[0] ?? {})));
  else output.stdout(`${rows.length === 0 ? "(no rows)" : formatTable(rows, columns)}\n`);
}
