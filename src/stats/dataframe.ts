// Result rows → a danfojs-node DataFrame. danfojs-node is an optional peer dependency, loaded
// lazily (about 1 s and a large module) only when a DataFrame is asked for: counting never
// touches it, and without it everything but toDataFrame works.
import type { DataFrame } from "danfojs-node";

type Row = Record<string, unknown>;

/** How to install danfojs-node without its native TensorFlow download (the README's line). */
export const danfoInstall = `add "overrides": { "@tensorflow/tfjs-node": "npm:@tensorflow/tfjs@3.21.0" } to your package.json, then npm install danfojs-node@1.1.2 @tensorflow/tfjs@3.21.0`;

function loadDanfo(): typeof import("danfojs-node") {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("danfojs-node") as typeof import("danfojs-node");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    throw new Error(`toDataFrame needs danfojs-node, an optional peer dependency of wenxi that is not installed (every analysis returns plain rows without it). To install it without TensorFlow's native download: ${danfoInstall}`);
  }
}

export function toDataFrame(rows: readonly Row[]): DataFrame {
  const danfo = loadDanfo();
  if (rows.length === 0) return new danfo.DataFrame([]);
  const columns = Object.keys(rows[0]);
  // Arrays (e.g. an n-gram's terms) become text so every column is a plain series.
  const plain = rows.map((row) => Object.fromEntries(columns.map((column) => {
    const value = row[column];
    return [column, Array.isArray(value) ? value.join(" ") : value ?? null];
  })));
  return new danfo.DataFrame(plain, { columns });
}
