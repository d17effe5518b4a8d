// Writing result rows for a terminal: aligned tables that count CJK characters as two columns,
// CSV (RFC 4180) and JSON arrays with the library's field names.
import { displayWidth } from "../text/width";

export { displayWidth };

export type Row = Record<string, string | number | boolean | null | undefined>;

function cellText(value: Row[string]): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isInteger(value)) return String(Number(value.toPrecision(6)));
  return String(value).replace(/\s+/g, " ");
}

function truncate(text: string, maximumWidth: number): string {
  if (displayWidth(text) <= maximumWidth) return text;
  let result = "";
  for (const character of text) {
    if (displayWidth(result + character) > maximumWidth - 1) break;
    result += character;
  }
  return `${result}…`;
}

export function formatTable(rows: Row[], columns: string[] = Object.keys(rows[0] ?? {}), maximumCellWidth = 40): string {
  const cells = rows.map((row) => columns.map((column) => truncate(cellText(row[column]), maximumCellWidth)));
  const widths = columns.map((column, index) => Math.max(displayWidth(column), ...cells.map((line) => displayWidth(line[index]))));
  const numeric = columns.map((column) => rows.length > 0 && rows.every((row) => typeof row[column] === "number"));
  const pad = (text: string, index: number) => {
    const fill = " ".repeat(widths[index] - displayWidth(text));
    return numeric[index] ? fill + text : text + fill;
  };
  const lines = [columns.map(pad).join("  "), widths.map((width) => "-".repeat(width)).join("  "), ...cells.map((line) => line.map(pad).join("  "))];
  return lines.map((line) => line.trimEnd()).join("\n");
}

function csvField(value: Row[string]): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv(rows: Row[], columns: string[] = Object.keys(rows[0] ?? {})): string {
  return [columns.map(csvField).join(","), ...rows.map((row) => columns.map((column) => csvField(row[column])).join(","))].join("\r\n") + "\r\n";
}

export function formatJson(rows: unknown[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
