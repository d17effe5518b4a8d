// show(x) in a tslab notebook: a chart becomes one display output carrying the interactive spec
// (application/vnd.vegalite.v5+json or application/vnd.vega.v5+json, rendered by JupyterLab and
// VS Code), a pre-rendered SVG (for classic Notebook, GitHub and reports) and plain text; rows or
// a DataFrame become an escaped HTML table and a text table. Outside a kernel it prints the text.
import { svgToPNG, toSVG } from "../charts/render";
import { rowsOf, type VegaLiteSpec } from "../charts/theme";
import { formatCsv, formatHtmlTable, formatTable, type Row } from "../format/tables";
import { renderProse } from "../format/markdown";

export type MimeBundle = Record<string, unknown>;

export interface ShowOptions {
  /** Table rows shown (the rest is counted). Default 20. */
  maxRows?: number;
}

function isChartSpec(value: unknown): value is VegaLiteSpec {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const schema = (value as { $schema?: unknown }).$schema;
  return typeof schema === "string" && /vega(-lite)?\/v5/.test(schema);
}

/** A danfojs DataFrame (or anything shaped like one): columns, and rows through toJSON(). */
function isDataFrame(value: unknown): value is { columns: string[]; toJSON: () => unknown } {
  return value !== null && typeof value === "object" && Array.isArray((value as { columns?: unknown }).columns) && typeof (value as { toJSON?: unknown }).toJSON === "function";
}

function plainRows(rows: object[]): Row[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, value === null || ["string", "number", "boolean", "undefined"].includes(typeof value) ? (value as Row[string]) : Array.isArray(value) ? value.join(" ") : JSON.stringify(value)]),
    ),
  );
}

function chartTitle(spec: VegaLiteSpec): string {
  const title = spec.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") return (title as { text: string }).text;
  return "chart";
}

let warnedNoPng = false;

/**
 * A PNG of the SVG when a CJK font is at hand (nbconvert's HTML export strips inline SVG but keeps
 * PNG), else none, with a warning on stderr (once per kernel: the cell shows it) saying why.
 */
function pngOf(svg: string): string | undefined {
  try {
    return svgToPNG(svg, { scale: 1.5 }).toString("base64");
  } catch (error) {
    if (!warnedNoPng) {
      warnedNoPng = true;
      process.stderr.write(`wenxi: charts are shown without their PNG copy (classic Notebook, GitHub and nbconvert's HTML show no chart without it): ${(error as Error).message}\n`);
    }
    return undefined;
  }
}

/**
 * A chart's display output. The bundle holds the spec (JupyterLab and VS Code draw it), a PNG
 * (classic Notebook, GitHub, and `nbconvert --to html`, which prefers `image/svg+xml` over PNG
 * and then strips the SVG's content: with an SVG in the bundle every chart came out blank) and
 * text. The SVG goes in the output's metadata (`wenxi.svg`), where the report takes it for its
 * static image and download; only without a CJK font for the PNG is the SVG in the bundle itself.
 */
export async function chartOutput(value: VegaLiteSpec): Promise<{ bundle: MimeBundle; metadata: object }> {
  const isVega = String(value.$schema).includes("/vega/v5");
  // The static copy is an image (the report's <img>, the PNG), where no reader reaches a mark's
  // ARIA label: drawn without them (Vega-Lite's config.aria), a heatmap's SVG is a third of the
  // size (595 KB → 177 KB for 49 documents). The spec, the live chart, keeps them.
  const svg = await toSVG(isVega ? value : { ...value, config: { ...((value.config as object | undefined) ?? {}), aria: false } });
  const png = pngOf(svg);
  return {
    bundle: {
      [isVega ? "application/vnd.vega.v5+json" : "application/vnd.vegalite.v5+json"]: value,
      ...(png ? { "image/png": png } : { "image/svg+xml": svg }),
      "text/plain": `<${isVega ? "Vega" : "Vega-Lite"} chart: ${chartTitle(value)}>`,
    },
    metadata: { wenxi: { svg } },
  };
}

/** Rows of a table in the page (the first `maxRows` shown, the others one click away). */
const tableRowsInPage = 500;

/**
 * A table's CSV, every row while it stays under `budget` bytes (600 KB), else its first rows that
 * fit: a table goes into the notebook and the report's page twice (HTML, and CSV as a base64 link:
 * 800 KB), and 5,000 near-duplicate pairs with their excerpts made a 25 MB page.
 */
export function boundedCsv(rows: Row[], budget = 600_000): { text: string; rows: number } {
  let count = rows.length;
  let text = formatCsv(rows);
  while (count > 0 && Buffer.byteLength(text) > budget) {
    count = Math.min(count - 1, Math.floor((count * budget) / Buffer.byteLength(text) * 0.95));
    text = formatCsv(rows.slice(0, count), Object.keys(rows[0] ?? {}));
  }
  return { text, rows: count };
}

/** The MIME bundle for a value (pure apart from rendering the SVG and PNG). */
export async function mimeBundle(value: unknown, options: ShowOptions = {}): Promise<MimeBundle> {
  if (isChartSpec(value)) return (await chartOutput(value)).bundle;
  let rows: Row[] | undefined;
  if (isDataFrame(value)) rows = plainRows(rowsOf<object>(value));
  else if (Array.isArray(value) && value.every((item) => item !== null && typeof item === "object" && !Array.isArray(item))) rows = plainRows(value as object[]);
  if (rows) {
    const shown = rows.slice(0, options.maxRows ?? 20);
    const more = rows.length > shown.length ? `\n(${shown.length} of ${rows.length} rows)` : "";
    const csv = boundedCsv(rows);
    return {
      "text/html": formatHtmlTable(rows, { maxRows: options.maxRows, maxRowsInPage: tableRowsInPage, csvRows: csv.rows }),
      // Full precision, every row up to the byte budget: the report offers it as a download.
      "text/csv": csv.text,
      "text/plain": (rows.length === 0 ? "(no rows)" : formatTable(shown)) + more,
    };
  }
  return { "text/plain": typeof value === "string" ? value : JSON.stringify(value, null, 2) ?? String(value) };
}

type WriteDisplayData = (message: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

/** tslab's writer for the running cell (an internal of tslab, wrapped here and nowhere else). */
function tslabWriter(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

function display(bundle: MimeBundle, metadata: object = {}): void {
  const write = tslabWriter();
  if (write) write({ data: bundle, metadata, transient: {} }, false);
  else process.stdout.write(`${String(bundle["text/plain"])}\n`);
}

/** Displays a chart, a table (rows or DataFrame) or any value in the notebook: `await show(chart)`. */
export async function show(value: unknown, options: ShowOptions = {}): Promise<void> {
  if (isChartSpec(value)) {
    const { bundle, metadata } = await chartOutput(value);
    display(bundle, metadata);
  } else display(await mimeBundle(value, options));
}

/**
 * Prose as a display output: HTML rendered here from the Markdown (raw HTML shown as text, no links
 * or images: the prose quotes the corpus, whose text is untrusted), plain text, and the Markdown
 * itself in wenxi's metadata for the report. No `text/markdown`: Jupyter front ends and nbconvert
 * render it with raw HTML on, so a title holding <script> would run in an executed notebook.
 */
function prose(markdown: string, finding: boolean): { bundle: MimeBundle; metadata: object } {
  return {
    bundle: { "text/html": `<div class="wenxi-prose">${renderProse(markdown)}</div>`, "text/plain": markdown },
    metadata: { wenxi: finding ? { prose: markdown, finding: true } : { prose: markdown } },
  };
}

/** Displays text written in Markdown: prose whose facts are computed from the corpus (`say(\`${n} documents\`)`). */
export function say(markdown: string): void {
  const { bundle, metadata } = prose(markdown, false);
  display(bundle, metadata);
}

/** Like say(), and marked as one of the notebook's main findings: the report's index lists them. */
export function finding(markdown: string): void {
  const { bundle, metadata } = prose(markdown, true);
  display(bundle, metadata);
}

export { prose as proseBundle };
