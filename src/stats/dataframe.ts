// Result rows → a danfojs-node DataFrame. danfojs loads lazily (about 1 s and a large module),
// only when a DataFrame is asked for: counting never touches it.
import type { DataFrame } from "danfojs-node";

type Row = Record<string, unknown>;

export function toDataFrame(rows: readonly Row[]): DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const danfo = require("danfojs-node") as typeof import("danfojs-node");
  if (rows.length === 0) return new danfo.DataFrame([]);
  const columns = Object.keys(rows[0]);
  // Arrays (e.g. an n-gram's terms) become text so every column is a plain series.
  const plain = rows.map((row) => Object.fromEntries(columns.map((column) => {
    const value = row[column];
    return [column, Array.isArray(value) ? value.join(" ") : value ?? null];
  })));
  return new danfo.DataFrame(plain, { columns });
}
