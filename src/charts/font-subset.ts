// A font cut down to the characters one chart uses, for PNG rendering. resvg shapes every text
// element against the whole font it is given, and with Noto Sans SC (10.5 MB) that costs about
// 12 ms a label (1.5 s for a chart of 100 labels). Cut by HarfBuzz's subsetter (harfbuzzjs, its
// WebAssembly build, loaded once per process, each font parsed once) to the chart's characters,
// with every layout feature kept, the same chart takes milliseconds and the same pixels. resvg
// reads fonts from files only: the cut font is written to a folder of its own (wenxi-font-<pid>-…),
// removed once the chart is drawn (one a SIGKILL leaves is removed by the next report run).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The HarfBuzz functions used here (harfbuzz-subset.wasm exports them, C names). */
interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, kind: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** The WebAssembly API of Node (its types come with the DOM library, which this project does not load). */
const webAssembly = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: object } } }).WebAssembly;

const memoryModeWritable = 2;
const layoutFeatureTags = 6;

let harfbuzz: HarfBuzz | undefined;
/** Parsed faces by font file: they stay in the WebAssembly memory for the process's life. */
const faces = new Map<string, number | undefined>();

function loadHarfBuzz(): HarfBuzz {
  if (!harfbuzz) {
    const bytes = readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
    const instance = new webAssembly.Instance(new webAssembly.Module(bytes), {});
    harfbuzz = instance.exports as unknown as HarfBuzz;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

/** The face of a single-font file (TTF or OTF), or undefined for a collection (TTC: which face resvg picks is its own choice). */
function faceOf(fontFile: string): number | undefined {
  if (faces.has(fontFile)) return faces.get(fontFile);
  const bytes = readFileSync(fontFile);
  let face: number | undefined;
  if (bytes.length >= 4 && bytes.toString("latin1", 0, 4) !== "ttcf") {
    const hb = loadHarfBuzz();
    const pointer = hb.malloc(bytes.length);
    new Uint8Array(hb.memory.buffer, pointer, bytes.length).set(bytes);
    const blob = hb.hb_blob_create(pointer, bytes.length, memoryModeWritable, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
  }
  faces.set(fontFile, face);
  return face;
}

/**
 * The font cut to `text`'s characters (glyphs, metrics and every layout feature among them), as
 * font file bytes; undefined for a font collection or when HarfBuzz cannot cut it.
 */
export function subsetFont(fontFile: string, text: string): Buffer | undefined {
  const face = faceOf(fontFile);
  if (face === undefined) return undefined;
  const hb = loadHarfBuzz();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) return undefined;
  let subset = 0;
  try {
    // Every layout feature kept (HarfBuzz keeps a default list only), so text is shaped as with the whole font.
    const features = hb.hb_subset_input_set(input, layoutFeatureTags);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const character of new Set(text)) hb.hb_set_add(unicodes, character.codePointAt(0)!);
    subset = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) return undefined;
  const blob = hb.hb_face_reference_blob(subset);
  try {
    const length = hb.hb_blob_get_length(blob);
    if (length === 0) return undefined;
    return Buffer.from(new Uint8Array(hb.memory.buffer, hb.hb_blob_get_data(blob, 0), length));
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  }
}

/** The characters an SVG can draw: its text, with character references decoded (ASCII always in). */
export function svgCharacters(svg: string): string {
  const references = [...svg.matchAll(/&#(x[0-9a-f]+|[0-9]+);/gi)].map((match) => {
    const code = match[1][0].toLowerCase() === "x" ? parseInt(match[1].slice(1), 16) : Number(match[1]);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
  let ascii = "";
  for (let code = 0x20; code < 0x7f; code++) ascii += String.fromCharCode(code);
  return [...new Set(svg + references.join("") + ascii)].join("");
}

/**
 * Calls `use` with the path of a file holding the font cut to `text` (or with the font itself when
 * it cannot be cut), and deletes that file afterwards.
 */
export function withSubsetFont<T>(fontFile: string, text: string, use: (file: string) => T): T {
  const bytes = subsetFont(fontFile, text);
  if (!bytes) return use(fontFile);
  // A folder per chart, removed at once: nothing outlives the call (a worker thread ends without "exit" events).
  const folder = mkdtempSync(path.join(tmpdir(), `wenxi-font-${process.pid}-`));
  try {
    const file = path.join(folder, "subset.ttf");
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
