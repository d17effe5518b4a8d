// A cache for one report run: the notebooks of a report each load and tokenize the same corpus,
// and with WENXI_CACHE_DIR set (the report command sets it for its kernels, in a folder of its own
// that it removes at the end) the first does the work and the others read its result. Entries are
// keyed by a SHA-256 of everything that decides the result — the files (path, size, modification
// time), the options, the dictionaries, the documents' texts — so any change misses the cache.
// Values are stored with v8.serialize (typed arrays and Maps included), written atomically.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { deserialize, serialize } from "node:v8";

/** The cache folder of this process, when one is set. */
export function cacheFolder(): string | undefined {
  const folder = process.env.WENXI_CACHE_DIR;
  return folder && existsSync(folder) ? folder : undefined;
}

/** A stable text of any options object: keys sorted, functions and regular expressions by their source. */
export function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof RegExp) return `RegExp(${item.source}/${item.flags})`;
    if (typeof item === "function") return `function(${item.toString()})`;
    if (item && typeof item === "object" && !Array.isArray(item) && !(item instanceof Map) && !(item instanceof Set)) {
      return Object.fromEntries(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]));
    }
    if (item instanceof Set) return [...item].sort();
    return item;
  });
}

export function cacheKey(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("hex");
}

/** The cached value for a key, or undefined (no cache folder, a miss, or an unreadable entry). */
export function readCached<T>(kind: string, key: string): T | undefined {
  const folder = cacheFolder();
  if (!folder) return undefined;
  const file = path.join(folder, `${kind}-${key}.v8`);
  if (!existsSync(file)) return undefined;
  try {
    return deserialize(readFileSync(file)) as T;
  } catch {
    return undefined;
  }
}

/** Stores a value (written to a temporary name first, then renamed, so a reader never sees half of it). */
export function writeCached(kind: string, key: string, value: unknown): void {
  const folder = cacheFolder();
  if (!folder) return;
  const file = path.join(folder, `${kind}-${key}.v8`);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, serialize(value));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written is only a slower run.
  }
}
