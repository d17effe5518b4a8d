// Rendering any chart spec without a browser: Vega-Lite is compiled to Vega, run in a headless
// View, and written as SVG; resvg turns SVG into PNG with a CJK font loaded, so Chinese labels are
// glyphs, not boxes. Headless Vega has no canvas to measure text, so CJK text is measured here at
// full width (textMetrics.width, the hook vl-convert uses too), and random layouts are seeded.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { escapeHtml } from "../format/tables";
import { textWidth } from "../text/width";
import { seededRandom } from "../shared/random";
import { chineseFontFamily, type VegaLiteSpec } from "./theme";
import { svgCharacters, withSubsetFont } from "./font-subset";

type TextItem = { text?: unknown; fontSize?: number };

// vega's type declarations omit textMetrics and setRandom, which it exports.
type Vega = typeof import("vega") & {
  textMetrics: { width: (item: TextItem, text?: unknown) => number };
  setRandom: (random: () => number) => void;
};

let libraries: { vega: Vega; vegaLite: typeof import("vega-lite") } | undefined;

/** Vega and Vega-Lite, loaded on the first rendering (not at start-up), with CJK text measured at full width. */
function vegaLibraries(): { vega: Vega; vegaLite: typeof import("vega-lite") } {
  if (libraries) return libraries;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require("vega") as Vega;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vegaLite = require("vega-lite") as typeof import("vega-lite");
  vega.textMetrics.width = (item, text) => {
    const value = text ?? item.text;
    const content = value === null || value === undefined ? "" : Array.isArray(value) ? value.join(" ") : String(value);
    return textWidth(content, item.fontSize ?? 11);
  };
  libraries = { vega, vegaLite };
  return libraries;
}

export function isVegaLite(spec: VegaLiteSpec): boolean {
  return typeof spec.$schema === "string" ? spec.$schema.includes("vega-lite") : !("marks" in spec);
}

export interface CompileResult {
  vega: object;
  warnings: string[];
}

/** Vega-Lite → Vega (a Vega spec passes through), collecting the compiler's warnings. */
export function compileToVega(input: VegaLiteSpec): CompileResult {
  // Vega tags the objects of inline data (Symbol(vega_id)): work on a copy, never on the caller's spec.
  const spec = JSON.parse(JSON.stringify(input)) as VegaLiteSpec;
  if (!isVegaLite(spec)) return { vega: spec, warnings: [] };
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...message: unknown[]) => {
      throw new Error(`vega-lite: ${message.join(" ")}`);
    },
    warn: (...message: unknown[]) => {
      warnings.push(message.join(" "));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vegaLibraries().vegaLite.compile(spec as never, { logger: logger as never });
  return { vega: compiled.spec, warnings };
}

export interface RenderOptions {
  /** Seed for random layouts (word cloud). Default 42. */
  seed?: number;
}

/** Any Vega or Vega-Lite spec → SVG text, headless. */
export async function toSVG(spec: VegaLiteSpec, options: RenderOptions = {}): Promise<string> {
  const { vega: vegaSpec } = compileToVega(spec);
  const { vega } = vegaLibraries();
  vega.setRandom(seededRandom(options.seed ?? 42));
  try {
    const view = new vega.View(vega.parse(vegaSpec as never), { renderer: "none" });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  } finally {
    vega.setRandom(Math.random);
  }
}

/** Fonts the system may have, in the order tried after the packaged one. */
const systemFontCandidates = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
  "/System/Library/Fonts/PingFang.ttc",
  "C:\\Windows\\Fonts\\msyh.ttc",
];

/** The npm package that carries Noto Sans SC as TrueType (an optional dependency of wenxi). */
export const fontPackage = "@expo-google-fonts/noto-sans-sc";

/** Noto Sans SC Regular from the optional font package, when it is installed. */
function packagedFont(): string | undefined {
  try {
    return require.resolve(`${fontPackage}/400Regular/NotoSansSC_400Regular.ttf`);
  } catch {
    return undefined;
  }
}

/**
 * The CJK font file for PNG rendering: the option, $WENXI_CJK_FONT, Noto Sans SC from the font
 * package wenxi installs (the same font on every machine, so PNGs come out alike), or a known
 * system font. None found is an error that says how to get one.
 */
export function findCjkFont(fontFile?: string): string {
  const chosen = fontFile ?? process.env.WENXI_CJK_FONT;
  if (chosen !== undefined) {
    if (!existsSync(chosen)) throw new Error(`CJK font "${chosen}" does not exist`);
    return chosen;
  }
  const found = packagedFont() ?? systemFontCandidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `no CJK font for PNG rendering: the optional dependency ${fontPackage} is not installed and no system font was found (looked for ${systemFontCandidates.join(", ")}). Install one: npm install ${fontPackage}, or (Debian) apt-get install fonts-noto-cjk; or pass { fontFile } or set WENXI_CJK_FONT. Without it Chinese labels would render as boxes`,
    );
  }
  return found;
}

export interface PngOptions extends RenderOptions {
  /** Pixel scale. Default 2. */
  scale?: number;
  /** A font file covering Chinese (TTF, OTF or TTC). */
  fontFile?: string;
}

/** Any spec → PNG bytes, with a CJK font loaded (system fonts are not used, so output is reproducible). */
export async function toPNG(spec: VegaLiteSpec, options: PngOptions = {}): Promise<Buffer> {
  return svgToPNG(await toSVG(spec, options), options);
}

export function svgToPNG(svg: string, options: { scale?: number; fontFile?: string } = {}): Buffer {
  const fontFile = findCjkFont(options.fontFile);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  // The font cut to the SVG's characters: the same pixels, and milliseconds instead of ~12 ms a label.
  return withSubsetFont(fontFile, svgCharacters(svg), (file) => {
    const resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: options.scale ?? 2 },
      background: "#ffffff",
      // The one font loaded is used for every family the SVG names (resvg falls back to it).
      font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: "Noto Sans SC", sansSerifFamily: "Noto Sans SC" },
    });
    return resvg.render().asPng();
  });
}

/** The minified browser build of a Vega library, read from its package folder (its exports map hides build/). */
export function libraryScript(name: "vega" | "vega-lite" | "vega-embed"): string {
  let folder = path.dirname(require.resolve(name));
  while (!existsSync(path.join(folder, "build", `${name}.min.js`))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`cannot find the package folder of ${name}`);
    folder = parent;
  }
  return readFileSync(path.join(folder, "build", `${name}.min.js`), "utf8");
}

/** Text safe inside an HTML <script> element (no "</script", no HTML comment openers). */
export function scriptSafe(text: string): string {
  return text.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}


/** A standalone HTML page: the chart as static SVG, made interactive by vega-embed (all inlined, no network). */
export async function toHTML(spec: VegaLiteSpec, options: RenderOptions = {}): Promise<string> {
  const svg = await toSVG(spec, options);
  const title = typeof spec.title === "string" ? spec.title : ((spec.title as { text?: string } | undefined)?.text ?? "wenxi chart");
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:${escapeHtml(chineseFontFamily)};margin:24px}</style>
<script>${libraryScript("vega")}</script>
<script>${libraryScript("vega-lite")}</script>
<script>${libraryScript("vega-embed")}</script>
</head>
<body>
<div id="chart">${svg}</div>
<script>
(function () {
  var spec = ${scriptSafe(JSON.stringify(spec))};
  vegaEmbed("#chart", spec, { actions: false, renderer: "svg" }).catch(function (error) { console.error(error); });
})();
</script>
</body>
</html>
`;
}

/** Writes a chart by extension: .svg, .png, .vl.json/.vg.json/.json (the spec), .html (standalone). */
export async function saveChart(spec: VegaLiteSpec, file: string, options: PngOptions = {}): Promise<void> {
  const lower = file.toLowerCase();
  let content: string | Buffer;
  if (lower.endsWith(".svg")) content = await toSVG(spec, options);
  else if (lower.endsWith(".png")) content = await toPNG(spec, options);
  else if (lower.endsWith(".json")) content = `${JSON.stringify(spec, null, 2)}\n`;
  else if (lower.endsWith(".html")) content = await toHTML(spec, options);
  else throw new Error(`saveChart: cannot tell the format of "${file}" (use .svg, .png, .vl.json or .html)`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Write then rename, so a failure never leaves half a file where a good one was.
  const temporary = `${file}.partial-${process.pid}`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
