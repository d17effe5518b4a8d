// `node dist/bench/report.js [--shape short|reports|news] [--documents N] [--mb N] [--cold]`: the whole
// report (`wenxi report`, default jobs) on a generated corpus, timed, with the peak memory of the
// runner and its kernels together (their resident sets summed, sampled every 0.2 s from /proc) and
// the size of each written page. Shapes: `short` — N documents of 40–120 characters, no dates
// (posts, comments) in one JSONL file; `reports` — the 49 generated government reports of the
// tests (1954–2017, vocabulary shifting by era; the default 600 sentences make them 3.2 MB); `news` —
// news-sized files adding up to N MB, as the pipeline benchmark builds them. Targets (issue 20): 20,000
// short documents under 90 s, 100,000 under 5 minutes, 49 long documents (3 MB) under 30 s, 500 MB
// of news under 15 minutes and 3 GB; no page past 5 MB.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { packageRoot } from "../shared/package-info";
import { writeReportsCorpus } from "./reports-corpus";
import { newsFiles } from "./seed-corpus";
import { shortDocuments } from "./similarity";

/** The resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Issue 20's targets for a run of this shape and size, each said met or missed (none for sizes the issue names no target for). */
export function targetVerdicts(
  run: { shape: string; documents: number; megabytes: number },
  result: { ok: boolean; seconds: number; peakBytes: number; largestPage: number },
): string[] {
  const verdict = (met: boolean) => (met && result.ok ? "met" : "MISSED");
  const lines: string[] = [];
  const seconds =
    run.shape === "reports" ? 30 : run.shape === "short" && run.documents === 20_000 ? 90 : run.shape === "short" && run.documents === 100_000 ? 300 : run.shape === "news" && run.megabytes === 500 ? 900 : undefined;
  if (seconds !== undefined) lines.push(`target: under ${seconds} s — ${verdict(result.seconds < seconds)}`);
  if (run.shape === "news" && run.megabytes === 500) lines.push(`target: peak memory under 3 GB (3 × 10⁹ bytes) — ${verdict(result.peakBytes < 3e9)}`);
  lines.push(`target: no page past 5 MB — ${verdict(result.largestPage <= 5e6)}`);
  return lines;
}

async function main(): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : fallback;
  };
  const shape = option("shape", "short");
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-bench-report-"));
  try {
    let corpus: string;
    let described: string;
    if (shape === "short") {
      const documents = Number(option("documents", "20000"));
      corpus = path.join(folder, "posts.jsonl");
      writeFileSync(corpus, shortDocuments(documents));
      described = `${documents.toLocaleString("en-US")} short documents (${(statSync(corpus).size / 1048576).toFixed(1)} MB)`;
    } else if (shape === "reports") {
      corpus = path.join(folder, "reports");
      writeReportsCorpus(corpus, { sentences: Number(option("sentences", "600")) });
      const bytes = readdirSync(corpus).reduce((sum, name) => sum + statSync(path.join(corpus, name)).size, 0);
      described = `49 generated government reports (${(bytes / 1048576).toFixed(1)} MB)`;
    } else if (shape === "news") {
      const megabytes = Number(option("mb", "500"));
      corpus = path.join(folder, "news");
      const { files, bytes } = newsFiles(corpus, megabytes);
      described = `${files.toLocaleString("en-US")} news-sized files (${(bytes / 1048576).toFixed(0)} MB)`;
    } else throw new Error(`--shape takes short, reports or news, got "${shape}"`);
    const out = path.join(folder, "report");
    // --cold: as the first run after an install, without what earlier runs kept in wenxi's own
    // caches (the conversions of cells, the calls the notebooks made, their timings); what is
    // shipped with the notebooks (notebooks/report-*.json) is there, as in an installed package.
    const cold = process.argv.includes("--cold");
    if (cold) {
      rmSync(path.join(packageRoot, "node_modules", ".cache", "wenxi", "tslab"), { recursive: true, force: true });
      rmSync(path.join(packageRoot, "node_modules", ".cache", "wenxi", "report-calls.json"), { force: true });
      rmSync(path.join(packageRoot, "node_modules", ".cache", "wenxi", "report-timings.json"), { force: true });
    }
    const started = Date.now();
    const child = spawn(process.execPath, [path.resolve(__dirname, "../cli/main.js"), "report", "--corpus", corpus, "--out", out, "--timeout", "1800"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-20000)));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 200);
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    console.log(`report on ${described}${cold ? " (cold: as after an install, nothing kept by earlier runs)" : ""}: ${status === 0 ? "written" : `FAILED (exit ${status})`} in ${seconds.toFixed(1)} s, peak memory of the runner and its kernels ${(peak / 1048576).toFixed(0)} MiB`);
    if (status !== 0) console.log(stderr);
    const timings = [...stderr.matchAll(/\] (\S+): (?:done|FAILED) in ([\d.]+) s/g)].map((match) => `${match[1]} ${match[2]} s`);
    console.log(`  notebooks: ${timings.join(", ")}`);
    const pages = readdirSync(out).filter((name) => name.endsWith(".html")).sort();
    console.log(`  pages: ${pages.map((name) => `${name} ${(statSync(path.join(out, name)).size / 1048576).toFixed(2)} MB`).join(", ")}`);
    const largest = Math.max(0, ...pages.map((name) => statSync(path.join(out, name)).size));
    for (const line of targetVerdicts({ shape, documents: Number(option("documents", "20000")), megabytes: Number(option("mb", "500")) }, { ok: status === 0, seconds, peakBytes: peak, largestPage: largest })) console.log(`  ${line}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
