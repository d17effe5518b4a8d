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

/**
 * What a CSV cell that a spreadsheet would read as a formula becomes. `escape` (default): a text
 * cell starting with = + - @ tab or carriage return gets a leading apostrophe and quotes, as OWASP
 * recommends against CSV injection (Excel and LibreOffice show the text, run nothing); numbers are
 * written as numbers. `keep`: every cell as it is, quoted per RFC 4180 only where needed.
 */
export type CsvFormulas = "escape" | "keep";

const formulaStart = /^[=+\-@\t\r]/;

function csvField(value: Row[string], formulas: CsvFormulas): string {
  const text = value === null || value === undefined ? "" : String(value);
  if (formulas === "escape" && typeof value === "string" && formulaStart.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv(rows: Row[], columns: string[] = Object.keys(rows[0] ?? {}), options: { formulas?: CsvFormulas } = {}): string {
  const formulas = options.formulas ?? "escape";
  return [columns.map((column) => csvField(column, formulas)).join(","), ...rows.map((row) => columns.map((column) => csvField(row[column], formulas)).join(","))].join("\r\n") + "\r\n";
}

export function formatJson(rows: unknown[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * A number for reading: whole numbers as they are, others to a precision that suits their size
 * (1234.5, 12.35, 0.0123, 2.1e-7). CSV and JSON keep full precision.
 */
export function readableNumber(value: number): string {
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 100) return value.toFixed(1);
  if (size >= 1) return value.toFixed(2);
  if (size >= 0.001) return String(Number(value.toPrecision(3)));
  return value.toExponential(1);
}

const headerNames: Record<string, string> = {
  per10k: "per 10k tokens",
  documentFrequency: "documents",
  logLikelihood: "G²",
  logLikelihoodP: "p (G²)",
  chiSquare: "χ²",
  chiSquareP: "p (χ²)",
  logRatio: "log ratio",
  tScore: "t-score",
  pmi: "PMI",
  tfidf: "TF-IDF",
  idf: "IDF",
  tf: "TF",
  dp: "DP",
  dpNorm: "DP norm",
  juillandD: "Juilland's D",
  targetCount: "target count",
  referenceCount: "reference count",
  targetPer10k: "target per 10k",
  referencePer10k: "reference per 10k",
  charactersBefore: "characters before",
  charactersAfter: "characters after",
  linesRemoved: "lines removed",
};

/** A column name for reading: known statistics by their usual names, camelCase split into words. */
export function readableHeader(column: string): string {
  return headerNames[column] ?? column.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/([a-zA-Z])(\d)/g, "$1 $2").toLowerCase();
}

function htmlCell(value: Row[string]): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return escapeHtml(readableNumber(value));
  return escapeHtml(String(value));
}

export interface HtmlTableOptions {
  /** Rows shown at first; the others are one click away. Default 20. */
  maxRows?: number;
  /** Rows in the page at most (the CSV download holds more). Default 2,000. */
  maxRowsInPage?: number;
  /** Rows the CSV beside the table holds, when not all (the note says so). */
  csvRows?: number;
  /** Where every row is, for a table with no CSV beside it (the note names it). */
  fullTable?: string;
  columns?: string[];
}

/**
 * An HTML table of rows (numbers right-aligned and rounded for reading, headers in words): the first
 * `maxRows`, then the rest (up to `maxRowsInPage`) in a <details> to open, never cut silently.
 */
export function formatHtmlTable(rows: Row[], options: HtmlTableOptions = {}): string {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const maxRows = options.maxRows ?? 20;
  const inPage = rows.slice(0, Math.max(maxRows, options.maxRowsInPage ?? 2000));
  const numeric = columns.map((column) => inPage.length > 0 && inPage.every((row) => typeof row[column] === "number" || row[column] === null || row[column] === undefined) && inPage.some((row) => typeof row[column] === "number"));
  const head = `<thead><tr>${columns.map((column) => `<th title="${escapeHtml(column)}">${escapeHtml(readableHeader(column))}</th>`).join("")}</tr></thead>`;
  const body = (part: Row[]) => part.map((row) => `<tr>${columns.map((column, index) => `<td${numeric[index] ? ' class="number"' : ""}>${htmlCell(row[column])}</td>`).join("")}</tr>`).join("\n");
  const first = inPage.slice(0, maxRows);
  const rest = inPage.slice(maxRows);
  const more =
    rest.length > 0
      ? `\n<details class="more-rows"><summary>show ${rest.length} more row${rest.length === 1 ? "" : "s"}</summary><table>\n${head}\n<tbody>\n${body(rest)}\n</tbody>\n</table></details>`
      : "";
  const csvRows = options.csvRows ?? rows.length;
  const csvNote = options.fullTable ?? (csvRows >= rows.length ? "the CSV has all" : `the CSV has the first ${csvRows}`);
  const note =
    rows.length > inPage.length
      ? `${inPage.length} of ${rows.length} rows in the page (${csvNote})`
      : rows.length > first.length
        ? `${first.length} of ${rows.length} rows shown${csvRows < rows.length ? ` (${csvNote})` : ""}`
        : `${rows.length} row${rows.length === 1 ? "" : "s"}${csvRows < rows.length ? ` (${csvNote})` : ""}`;
  return `<div class="wenxi-table"><table>\n${head}\n<tbody>\n${body(first)}\n</tbody>\n</table>${more}\n<p class="wenxi-table-note">${note}</p></div>`;
}
