// An executed notebook → one self-contained HTML page: inline CSS, markdown rendered (raw HTML
// off), code in collapsible blocks, outputs in order. Charts appear twice: a static SVG (an <img>
// of the pre-rendered SVG, which shows everywhere and prints) and an interactive view that
// vega-embed draws from the spec; vega, vega-lite and vega-embed are inlined, nothing is fetched
// (a Content-Security-Policy forbids it). Everything from the notebook is escaped or sanitized.
import { libraryScript, scriptSafe } from "../charts/render";
import { escapeHtml, formatHtmlTable } from "../format/tables";
import { renderMarkdown, renderProse } from "../format/markdown";
import type { CellOutput } from "./kernel-client";
import { sourceText, type Notebook, type NotebookCell } from "./notebook-format";
import { sanitizeHtml } from "./sanitize";


/** Gives each <h2> an id (section-1, section-2 …) and lists them, for the page's contents. */
function numberSections(html: string): { html: string; sections: Array<{ id: string; title: string }> } {
  const sections: Array<{ id: string; title: string }> = [];
  const numbered = html.replace(/<h2>([\s\S]*?)<\/h2>/g, (_match, inner: string) => {
    const id = `section-${sections.length + 1}`;
    sections.push({ id, title: inner.replace(/<[^>]*>/g, "") });
    return `<h2 id="${id}">${inner}</h2>`;
  });
  return { html: numbered, sections };
}

/** A download link for bytes, as a data: URI (nothing is fetched). */
function downloadLink(label: string, file: string, mime: string, content: Buffer | string): string {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return `<a class="download" download="${escapeHtml(file)}" href="data:${mime};base64,${bytes.toString("base64")}">${escapeHtml(label)}</a>`;
}

/** The data a Vega-Lite spec draws: its inline values, and those of its layers. */
function chartData(spec: Record<string, unknown>): unknown[] {
  const found: unknown[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const data = record.data as { values?: unknown[] } | undefined;
    if (data && Array.isArray(data.values)) found.push(...data.values);
    for (const key of ["layer", "hconcat", "vconcat", "concat"]) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(visit);
    if (record.spec) visit(record.spec);
  };
  visit(spec);
  return found;
}

export const reportStyle = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#3b6ea5;--bad:#b42318;--soft:#f5f7fa}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);font:15px/1.65 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;background:#fff}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 28px}
header{padding-top:24px;border-bottom:1px solid var(--line)}
header nav a{color:var(--accent);text-decoration:none;font-size:14px}
h1{font-size:26px;margin:10px 0 6px}
.meta{color:var(--muted);font-size:13px;margin:0 0 16px}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#e3f1e8;color:#1d6b3a}
.status.failed,.status.timed-out{background:#fde8e7;color:var(--bad)}
.status.not-run{background:var(--soft);color:var(--muted)}
.cell{margin:18px 0}
.markdown h1{font-size:24px}.markdown h2{font-size:20px;margin-top:28px}.markdown code{background:var(--soft);padding:0 4px;border-radius:3px}
details.code{border-left:3px solid var(--line);padding-left:10px;margin:6px 0}
details.code summary{cursor:pointer;color:var(--muted);font-size:12px}
pre{margin:6px 0;padding:10px 12px;background:var(--soft);border-radius:6px;overflow-x:auto;font:13px/1.5 "Noto Sans Mono CJK SC",ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap}
pre.stderr,pre.error{background:#fff4f3;color:var(--bad)}
.not-run-note{color:var(--muted);font-style:italic;font-size:13px}
figure{margin:10px 0;overflow-x:auto}
figure img.static{max-width:100%;height:auto}
figure.embedded img.static{display:none}
figure .interactive:empty{display:none}
.wenxi-table table{border-collapse:collapse;font-size:13px;margin:6px 0}
.wenxi-table th,.wenxi-table td{border-bottom:1px solid var(--line);padding:3px 10px;text-align:left;vertical-align:top}
.wenxi-table th{background:var(--soft)}
.wenxi-table td.number{text-align:right;font-variant-numeric:tabular-nums}
.wenxi-table-note{color:var(--muted);font-size:12px;margin:2px 0}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);margin-top:40px;padding-top:10px;padding-bottom:30px}
.pager{display:flex;justify-content:space-between;gap:12px;margin:10px 0;font-size:14px}
.pager a,.contents a,.notebook-summary a{color:var(--accent);text-decoration:none}
.contents{font-size:14px;background:var(--soft);border-radius:6px;padding:6px 14px;margin:14px 0}
.contents ol{margin:4px 0;padding-left:22px}
.exports{font-size:12px;margin:2px 0 10px}
.exports a.download{color:var(--accent);text-decoration:none;border:1px solid var(--line);border-radius:4px;padding:0 6px;margin-right:4px}
details.more-rows summary{cursor:pointer;color:var(--accent);font-size:12px}
.markdown.finding{border-left:3px solid var(--accent);padding-left:10px}
.findings{margin:4px 0 14px;padding-left:20px}.findings p{margin:2px 0}
.wenxi-table{max-width:100%;overflow-x:auto}
main{overflow-wrap:break-word}
@media (max-width:600px){header,main,footer{padding:0 12px}h1{font-size:21px}body{font-size:14px}.wenxi-table table{font-size:12px}}
@media print{figure .interactive{display:none}figure.embedded img.static{display:block}details.code{display:none}}
`;

// No network of any kind; no <base> and no form may redirect what the page links to or sends.
const contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/** A link to a file beside the page: always relative ("./…"), so a file named "javascript:…" stays a file name. */
export function fileHref(file: string): string {
  return `./${encodeURIComponent(file)}`;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function text(value: unknown): string {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

class OutputRenderer {
  private specCount = 0;
  private chartCount = 0;
  private tableCount = 0;
  readonly specs: string[] = [];

  constructor(private readonly filePrefix = "output") {}

  render(output: CellOutput): string {
    if (output.output_type === "stream") return `<pre class="${output.name}">${escapeHtml(output.text)}</pre>`;
    if (output.output_type === "error") return `<pre class="error">${escapeHtml([`${output.ename}: ${output.evalue}`, ...output.traceback.slice(1)].join("\n"))}</pre>`;
    const data = output.data;
    const specType = Object.keys(data).find((type) => /^application\/vnd\.vega(lite)?\.v5\+json$/.test(type));
    // The SVG travels in wenxi's metadata (see notebook/display.ts), or in the bundle of older notebooks.
    const metadataSvg = ((output as { metadata?: { wenxi?: { svg?: unknown } } }).metadata ?? {}).wenxi?.svg;
    const svg = typeof metadataSvg === "string" ? metadataSvg : data["image/svg+xml"] !== undefined ? text(data["image/svg+xml"]) : undefined;
    if (specType || svg) {
      const label = escapeHtml(text(data["text/plain"]).replace(/^<|>$/g, "") || "chart");
      const image = svg ? `<img class="static" alt="${label}" src="data:image/svg+xml;base64,${base64(svg)}">` : "";
      let interactive = "";
      if (specType) {
        const id = `spec-${++this.specCount}`;
        const spec = typeof data[specType] === "string" ? JSON.parse(data[specType] as string) : data[specType];
        this.specs.push(`<script type="application/json" id="${id}">${scriptSafe(JSON.stringify(spec))}</script>`);
        interactive = `<div class="interactive" data-spec="${id}"></div>`;
      }
      const name = `${this.filePrefix}-chart-${++this.chartCount}`;
      const png = data["image/png"] !== undefined ? Buffer.from(text(data["image/png"]).replace(/\s/g, ""), "base64") : undefined;
      const spec = specType ? (typeof data[specType] === "string" ? JSON.parse(data[specType] as string) : data[specType]) : undefined;
      const links = [
        svg ? downloadLink("SVG", `${name}.svg`, "image/svg+xml", svg) : "",
        png ? downloadLink("PNG", `${name}.png`, "image/png", png) : "",
        spec ? downloadLink("data", `${name}.json`, "application/json", `${JSON.stringify(chartData(spec as Record<string, unknown>), null, 1)}\n`) : "",
      ].filter(Boolean);
      return `<figure class="chart">${image}${interactive}${links.length > 0 ? `<figcaption class="exports">${links.join(" ")}</figcaption>` : ""}</figure>`;
    }
    if (data["image/png"] !== undefined) return `<figure><img alt="image" src="data:image/png;base64,${escapeHtml(text(data["image/png"]).replace(/\s/g, ""))}"></figure>`;
    const wenxiMetadata = (output.metadata as { wenxi?: { finding?: boolean; prose?: unknown } } | undefined)?.wenxi;
    if (typeof wenxiMetadata?.prose === "string") return `<div class="markdown${wenxiMetadata.finding === true ? " finding" : ""}">${renderProse(wenxiMetadata.prose)}</div>`;
    if (data["text/html"] !== undefined) {
      const csv = data["text/csv"] !== undefined ? `<p class="exports">${downloadLink("CSV", `${this.filePrefix}-table-${++this.tableCount}.csv`, "text/csv;charset=utf-8", `\ufeff${text(data["text/csv"])}`)}</p>` : "";
      return `<div class="html-output">${sanitizeHtml(text(data["text/html"]))}${csv}</div>`;
    }
    if (data["text/markdown"] !== undefined) {
      const finding = (output.metadata as { wenxi?: { finding?: boolean } } | undefined)?.wenxi?.finding === true;
      return `<div class="markdown${finding ? " finding" : ""}">${renderProse(text(data["text/markdown"]))}</div>`;
    }
    if (data["text/plain"] !== undefined) return `<pre class="stdout">${escapeHtml(text(data["text/plain"]))}</pre>`;
    return "";
  }
}

function renderCell(cell: NotebookCell, outputs: OutputRenderer, index: number): string {
  const source = sourceText(cell);
  if (cell.cell_type === "markdown") return `<section class="cell markdown" id="cell-${index}">${renderMarkdown(source)}</section>`;
  if (cell.cell_type === "raw") return `<section class="cell raw" id="cell-${index}"><pre>${escapeHtml(source)}</pre></section>`;
  const status = (cell.metadata.wenxi as { status?: string } | undefined)?.status;
  const tags = cell.metadata.tags ?? [];
  const label = tags.includes("parameters") ? "parameters" : tags.includes("injected-parameters") ? "injected parameters" : `code [${cell.execution_count ?? " "}]`;
  const statusNote =
    status === "not-run"
      ? `<p class="not-run-note">Not run: an earlier cell failed.</p>`
      : status
        ? `<p><span class="status ${escapeHtml(status)}">${status === "timed-out" ? "timed out" : "failed"}</span></p>`
        : "";
  const open = status && status !== "not-run" ? " open" : "";
  return `<section class="cell code${status ? ` ${escapeHtml(status)}` : ""}" id="cell-${index}">
<details class="code"${open}><summary>${escapeHtml(label)}</summary><pre><code>${escapeHtml(source)}</code></pre></details>
${statusNote}${(cell.outputs ?? []).map((output) => outputs.render(output)).join("\n")}
</section>`;
}

export interface PageOptions {
  title: string;
  /** Line under the title: the notebook file, its status (HTML: escape what it quotes). */
  subtitle: string;
  /** Footer text (the wenxi version; a run date with --stamp). */
  footer: string;
  /** Link back to the index page. */
  indexLink?: boolean;
  /** The notebooks before and after this one, for links at the top and bottom. */
  previous?: { href: string; title: string };
  next?: { href: string; title: string };
  /** Name stem for downloaded files (charts, tables). */
  filePrefix?: string;
}

const embedScript = `
(function () {
  var views = document.querySelectorAll("[data-spec]");
  Array.prototype.forEach.call(views, function (element) {
    var spec = JSON.parse(document.getElementById(element.getAttribute("data-spec")).textContent);
    vegaEmbed(element, spec, { actions: false, renderer: "svg" }).then(function () {
      element.parentNode.classList.add("embedded");
    }).catch(function (error) {
      console.error("wenxi: interactive chart failed, the static one stays", error);
    });
  });
})();
`;

function pagerLinks(options: PageOptions): string {
  if (!options.previous && !options.next) return "";
  const link = (target: { href: string; title: string } | undefined, rel: "prev" | "next") =>
    target ? `<a rel="${rel}" href="${escapeHtml(fileHref(target.href))}">${rel === "prev" ? "← " : ""}${escapeHtml(target.title)}${rel === "next" ? " →" : ""}</a>` : "<span></span>";
  return `<nav class="pager">${link(options.previous, "prev")}${link(options.next, "next")}</nav>`;
}

export function page(body: string, options: PageOptions, scripts = ""): string {
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header>${options.indexLink ? `<nav><a href="./index.html">← 报告目录 Report index</a></nav>` : ""}
<h1>${escapeHtml(options.title)}</h1>
<p class="meta">${options.subtitle}</p>
${pagerLinks(options)}
</header>
<main>
${body}
${pagerLinks(options)}
</main>
<footer>${escapeHtml(options.footer)}</footer>
${scripts}
</body>
</html>
`;
}

/** The report page of one executed notebook. */
export function notebookPage(notebook: Notebook, options: PageOptions): string {
  const outputs = new OutputRenderer(options.filePrefix);
  const { html: cells, sections } = numberSections(notebook.cells.map((cell, index) => renderCell(cell, outputs, index + 1)).join("\n"));
  const contents =
    sections.length > 0
      ? `<nav class="contents"><details open><summary>本页目录 Contents</summary><ol>${sections.map((section) => `<li><a href="#${section.id}">${section.title}</a></li>`).join("")}</ol></details></nav>\n`
      : "";
  const body = contents + cells;
  const scripts =
    outputs.specs.length === 0
      ? ""
      : `${outputs.specs.join("\n")}
<script>${libraryScript("vega")}</script>
<script>${libraryScript("vega-lite")}</script>
<script>${libraryScript("vega-embed")}</script>
<script>${embedScript}</script>`;
  return page(body, options, scripts);
}

export interface IndexEntry {
  name: string;
  title: string;
  html: string;
  ipynb: string;
  status: "ok" | "failed" | "timed-out";
  cells: number;
  charts: number;
  /** The notebook's main findings (Markdown, from finding()). */
  findings?: string[];
  /** Where and why it failed: the cell (1-based, as written) and the first lines of the error. */
  failure?: { cell: number; message: string };
}

/** The findings a notebook displayed with finding(), in order. */
export function notebookFindings(notebook: Notebook): string[] {
  return notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.output_type === "display_data" && (output.metadata as { wenxi?: { finding?: boolean } } | undefined)?.wenxi?.finding === true)
    .map((output) => {
      const prose = ((output as { metadata?: { wenxi?: { prose?: unknown } } }).metadata ?? {}).wenxi?.prose;
      return typeof prose === "string" ? prose : text((output as { data: Record<string, unknown> }).data["text/markdown"]);
    });
}

/** The index page: a summary of the corpus, each notebook with its main findings, and the documents. */
export function indexPage(entries: IndexEntry[], corpusRows: Array<Record<string, string | number>>, options: PageOptions & { summary?: string }): string {
  const findings = entries
    .map((entry) => {
      const items = (entry.findings ?? []).map((finding) => `<li>${renderProse(finding)}</li>`).join("");
      const failure = entry.failure ? `<p class="failure">Cell ${entry.failure.cell} ${entry.status === "timed-out" ? "timed out" : "failed"}; the page shows the cells before it and marks the rest not run:</p><pre class="stderr">${escapeHtml(entry.failure.message)}</pre>` : "";
      return `<section class="cell notebook-summary"><h3><a href="${escapeHtml(fileHref(entry.html))}">${escapeHtml(entry.title)}</a> <span class="status ${escapeHtml(entry.status)}">${escapeHtml(entry.status)}</span></h3>${failure}${items ? `<ul class="findings">${items}</ul>` : ""}</section>`;
    })
    .join("\n");
  const overview = `${options.summary ? `<section class="cell markdown">${renderProse(options.summary)}</section>\n` : ""}<section class="cell"><h2>主要发现 Main findings</h2>\n${findings}</section>`;
  const list = entries
    .map(
      (entry) =>
        `<tr><td><a href="${escapeHtml(fileHref(entry.html))}">${escapeHtml(entry.title)}</a></td><td>${escapeHtml(entry.name)}</td><td><span class="status ${escapeHtml(entry.status)}">${escapeHtml(entry.status)}</span></td><td class="number">${entry.cells}</td><td class="number">${entry.charts}</td><td><a href="${escapeHtml(fileHref(entry.ipynb))}">.ipynb</a></td></tr>`,
    )
    .join("\n");
  const body = `${overview}
<section class="cell"><h2>Notebooks</h2><div class="wenxi-table"><table><thead><tr><th>title</th><th>notebook</th><th>status</th><th>code cells</th><th>charts</th><th>executed</th></tr></thead><tbody>
${list}
</tbody></table></div></section>
<section class="cell"><h2>Corpus 语料</h2>${formatHtmlTable(corpusRows, { maxRows: 50, maxRowsInPage: 500, fullTable: "wenxi corpus CORPUS --csv lists every document" })}</section>`;
  return page(body, options);
}
