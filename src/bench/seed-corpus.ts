// Generated corpora for the benchmarks, from the bundled articles' raw lines (metadata lines, web
// debris, inline pinyin kept): news-sized files for the pipeline and report benchmarks.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { toTraditional } from "../corpus/script";
import { seededRandom } from "../shared/random";

const seedFolder = path.resolve(__dirname, "../../data/corpus");

/** News-sized files (3–15 KB) from the raw seed lines: a header of the seed's first lines, shuffled body lines, its last lines. */
export function newsFiles(folder: string, megabytes: number): { files: number; bytes: number } {
  const seeds = readdirSync(seedFolder).filter((name) => name.endsWith(".txt")).sort().map((name) => readFileSync(path.join(seedFolder, name), "utf8").split("\n"));
  const bodyLines = seeds.flatMap((lines) => lines.slice(3, -3)).filter((line) => line.trim().length > 20);
  const next = seededRandom(20261123);
  mkdirSync(folder);
  let bytes = 0;
  let files = 0;
  while (bytes < megabytes * 1024 * 1024) {
    const seed = seeds[Math.floor(next() * seeds.length)];
    const target = 3000 + Math.floor(next() * 12000);
    const lines = seed.slice(0, 3);
    let size = 0;
    while (size < target) {
      const line = bodyLines[Math.floor(next() * bodyLines.length)];
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    lines.push(...seed.slice(-3));
    let text = lines.join("\n");
    if (next() < 0.25) text = toTraditional(text);
    writeFileSync(path.join(folder, `${String(files).padStart(6, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
    files++;
  }
  return { files, bytes };
}
