// Variant characters (异体字) folded to their standard form: 劒 → 剑, 疎 → 疏, 鴈 → 雁. OpenCC's
// Traditional → Simplified tables fold many variants (峯 → 峰, 羣 → 群) but leave others, and in
// classical texts those split one word's counts (劒 and 剑 as two terms; `kwic 剑` finding 4 of
// 200 swords). The table is data/variants.txt (from the 1955 第一批异体字整理表); every pair is
// one character to one character of the Basic Multilingual Plane, so offsets do not move and the
// original, where the variant stays, is reached through the same source map.
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const variantTablePath = path.resolve(__dirname, "../../data/variants.txt");

let table: Map<string, string> | undefined;

/** The variant → standard pairs of data/variants.txt. */
export function variantTable(): ReadonlyMap<string, string> {
  if (table) return table;
  const pairs = new Map<string, string>();
  readFileSync(variantTablePath, "utf8")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === "" || line.startsWith("#")) return;
      const [variant, standard] = line.split("\t");
      if (variant?.length !== 1 || standard?.length !== 1) throw new Error(`${variantTablePath}:${index + 1}: expected one character, a tab and one character, got "${line}"`);
      pairs.set(variant, standard);
    });
  table = pairs;
  return table;
}

let pattern: RegExp | undefined;

/** The text with every listed variant replaced by its standard character (same length), and how many were. */
export function foldVariants(text: string): { text: string; count: number } {
  const pairs = variantTable();
  pattern ??= new RegExp(`[${[...pairs.keys()].join("")}]`, "g");
  let count = 0;
  const folded = text.replace(pattern, (variant) => {
    count++;
    return pairs.get(variant)!;
  });
  return { text: folded, count };
}
