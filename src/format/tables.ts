// Result rows as text: aligned plain-text tables that count CJK characters as two columns, HTML
// tables with every cell escaped (corpus text is untrusted web content), CSV (RFC 4180) and JSON.
// Used by the CLI, the notebook display and the report.
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
  // A loop, not Math.max(...cells): spreading 125,000+ rows into arguments overflows the stack.
  const widths = columns.map((column, index) => cells.reduce((widest, line) => Math.max(widest, displayWidth(line[index])), displayWidth(column)));
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

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function htmlCell(value: Row[string]): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isInteger(value)) return escapeHtml(String(Number(value.toPrecision(6))));
  return escapeHtml(String(value));
}

export interface HtmlTableOptions {
  /** Rows shown; the rest is counted in a note. Default 20. */
  maxRows?: number;
  columns?: string[];
}

/** An HTML table of rows (numbers right-aligned), the first `maxRows` of them, with a row count. */
export function formatHtmlTable(rows: Row[], options: HtmlTableOptions = {}): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const shown = rows.slice(0, options.maxRows ?? 20);
  const numeric = columns.map((column) => shown.length > 0 && shown.every((row) => typeof row[column] === "number"));
  const head = columns.map((column) => `<th>${escapeHtml(column)}</th>`).join("");
  const body = shown
    .map((row) => `<tr>${columns.map((column, index) => `<td${numeric[index] ? ' class="number"' : ""}>${htmlCell(row[column])}</td>`).join("")}</tr>`)
    .join("\n");
  const note = rows.length > shown.length ? `${shown.length} of ${rows.length} rows` : `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  return `<div class="wenxi-table"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n<p class="wenxi-table-note">${note}</p></div>`;
}
