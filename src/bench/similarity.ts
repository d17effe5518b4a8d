// `npm run bench` (third part): the top-10 nearest neighbours of every document of a corpus of
// short documents (40–120 characters, no dates: posts, comments, headlines), as
// `wenxi similarity FILE --neighbours 10` computes them, in a child process of its own so its
// peak memory is its own. Target (issue 20): 20,000 documents in under 10 s and 1 GB.
//   node dist/bench/similarity.js [--documents 20000]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { seededRandom } from "../shared/random";

const seedFolder = path.resolve(__dirname, "../../data/corpus");

/** Short documents of 40–120 characters, each a run of clauses drawn from the seed articles, as JSONL. */
export function shortDocuments(count: number, seed = 20261203): string {
  const clauses = readdirSync(seedFolder)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .flatMap((name) => readFileSync(path.join(seedFolder, name), "utf8").split(/[，。；！？\n]/))
    .map((clause) => clause.trim())
    .filter((clause) => clause.length >= 4);
  const next = seededRandom(seed);
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const target = 40 + Math.floor(next() * 81);
    let text = "";
    while (text.length < target) text += `${clauses[Math.floor(next() * clauses.length)]}，`;
    lines.push(JSON.stringify({ id: `p${String(index).padStart(6, "0")}`, text: `${text.slice(0, target)}。` }));
  }
  return `${lines.join("\n")}\n`;
}

function main(): void {
  const index = process.argv.indexOf("--documents");
  const count = index >= 0 ? Number(process.argv[index + 1]) : 20000;
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-bench-similarity-"));
  try {
    const file = path.join(folder, "posts.jsonl");
    writeFileSync(file, shortDocuments(count));
    const script = `
      const { loadCorpus } = require(${JSON.stringify(path.resolve(__dirname, "../corpus/load.js"))});
      const { tokenize } = require(${JSON.stringify(path.resolve(__dirname, "../text/tokenize.js"))});
      const { nearestNeighbours } = require(${JSON.stringify(path.resolve(__dirname, "../stats/similarity.js"))});
      (async () => {
        const started = performance.now();
        const corpus = await loadCorpus(${JSON.stringify(file)});
        const loaded = performance.now();
        const tokens = tokenize(corpus);
        const tokenized = performance.now();
        const rows = nearestNeighbours(tokens, { k: 10 });
        const done = performance.now();
        console.log(JSON.stringify({ documents: corpus.documents.length, rows: rows.length, load: (loaded - started) / 1000, tokenize: (tokenized - loaded) / 1000, neighbours: (done - tokenized) / 1000, total: (done - started) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024 }));
      })();`;
    const started = Date.now();
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(child.stderr);
    const result = JSON.parse(child.stdout) as Record<string, number>;
    const wall = (Date.now() - started) / 1000;
    console.log(`similarity: top-10 neighbours of ${result.documents.toLocaleString("en-US")} short documents (${result.rows.toLocaleString("en-US")} rows)`);
    console.log(`  load ${result.load.toFixed(2)} s, tokenize ${result.tokenize.toFixed(2)} s, neighbours ${result.neighbours.toFixed(2)} s; ${result.total.toFixed(2)} s in all (${wall.toFixed(2)} s with Node's start), peak RSS ${result.peakMiB.toFixed(0)} MiB`);
    console.log(`  target: under 10 s and 1 GB → ${result.total < 10 && result.peakMiB < 1024 ? "met" : "MISSED"}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) main();
