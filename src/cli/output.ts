// Writing result rows for a terminal: aligned tables that count CJK characters as two columns,
// CSV (RFC 4180) and JSON arrays with the library's field names.

export type Row = Record<string, string | number | boolean | null | undefined>;

/** Columns a character takes in a terminal: East Asian wide and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f)) continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0x303e) || (code >= 0x3041 && code <= 0x33ff) ||
      (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xa000 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

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
