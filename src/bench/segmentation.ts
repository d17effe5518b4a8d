// `npm run bench`: segmentation speed and memory on a ≥50 MB corpus built from data/ (sentences
// of the cleaned seed articles, shuffled with a fixed seed). Each measurement runs in a child
// process of its own so that its peak memory is its own:
//   baseline  a bare loop over nodejieba.cut(text, true) (HMM on): the ceiling of one core
//   wenxi     tokenize + termFrequency on the same texts, one thread
//   parallel  tokenizeParallel (a worker per core, start-up included) + termFrequency
//   python    Python jieba 0.42 (Debian python3-jieba), when installed, on the first 10 MB
// Targets: wenxi ≥ 0.8 × baseline; parallel ≥ 1.5 × baseline on 2 cores; wenxi's memory beyond
// the loaded dictionaries < 2 × the corpus.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import * as nodejieba from "nodejieba";
import { seededRandom } from "../shared/random";
import { loadCorpus } from "../corpus/load";
import { termFrequency } from "../stats/frequency";
import { closeSegmenterPool, tokenizeParallel } from "../text/parallel";
import { addUserDictionary, ensureSegmenterLoaded } from "../text/segmenter";
import { presets } from "../text/presets";
import { defaultStopwords } from "../text/stopwords";
import { tokenize, type Tokens } from "../text/tokenize";

// Python jieba is given the same user dictionary: the public-security preset's (the seed articles' terms).
const presetDictionary = presets["public-security"].userDictionary!;

const targetBytes = 50 * 1024 * 1024;
const documentCharacters = 64 * 1024;
const pythonBytes = 10 * 1024 * 1024;

async function buildCorpus(folder: string): Promise<{ documents: number; bytes: number }> {
  const corpus = await loadCorpus(path.resolve(__dirname, "../../data/corpus"));
  const sentences = corpus.documents.flatMap((document) => document.text.split(/(?<=[。!?])|\n/u)).filter((sentence) => sentence.trim() !== "");
  const next = seededRandom(20241122);
  const texts: string[] = [];
  let bytes = 0;
  let current = "";
  while (bytes < targetBytes) {
    const sentence = sentences[Math.floor(next() * sentences.length)];
    current += sentence;
    bytes += Buffer.byteLength(sentence);
    if (current.length >= documentCharacters) {
      texts.push(current);
      current = "";
    }
  }
  if (current !== "") texts.push(current);
  mkdirSync(folder);
  texts.forEach((text, index) => writeFileSync(path.join(folder, `${String(index).padStart(5, "0")}.txt`), text));
  return { documents: texts.length, bytes };
}

interface PhaseResult {
  phase: string;
  seconds: number;
  tokens: number;
  bytes: number;
  /** RSS after the dictionaries were loaded, before the corpus was read (MiB). */
  rssAfterDictionary: number;
  /** RSS after the corpus texts were read (MiB). */
  rssAfterTexts: number;
  /** Peak RSS of the process (MiB). */
  peakRss: number;
  /** Bytes held by the Tokens arrays and vocabulary (MiB). */
  tokensSize?: number;
}

const mebibytes = (bytes: number) => bytes / 1024 / 1024;

function tokensSize(tokens: Tokens): number {
  let bytes = tokens.vocabulary.reduce((sum, term) => sum + 2 * term.length + 32, 0);
  for (const document of tokens.documents) bytes += document.termIds.byteLength + document.starts.byteLength + (document.tagIds?.byteLength ?? 0) + 96;
  return bytes;
}

function readTexts(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .map((name) => readFileSync(path.join(folder, name), "utf8"));
}

async function runPhase(phase: string, folder: string): Promise<PhaseResult> {
  // Every phase starts with its main-thread dictionary loaded, outside the timing, as the bare
  // loop does; the worker pool's start-up is inside the timing of the parallel phase.
  if (phase === "baseline") {
    nodejieba.load({ userDict: presetDictionary });
  } else {
    addUserDictionary(presetDictionary);
    ensureSegmenterLoaded();
    defaultStopwords();
  }
  const rssAfterDictionary = mebibytes(process.memoryUsage().rss);
  const texts = readTexts(folder);
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const rssAfterTexts = mebibytes(process.memoryUsage().rss);
  const started = process.hrtime.bigint();
  let tokenCount = 0;
  let size: number | undefined;
  if (phase === "baseline") {
    for (const text of texts) tokenCount += nodejieba.cut(text, true).length;
  } else {
    const documents = texts.map((text, index) => ({ id: String(index).padStart(5, "0"), text }));
    const tokens = phase === "wenxi" ? tokenize(documents) : await tokenizeParallel(documents);
    const rows = termFrequency(tokens);
    tokenCount = tokens.documents.reduce((sum, document) => sum + document.tokensBeforeFiltering, 0);
    size = mebibytes(tokensSize(tokens));
    if (rows.length === 0) throw new Error("no terms counted");
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (phase === "parallel") await closeSegmenterPool();
  return { phase, seconds, tokens: tokenCount, bytes, rssAfterDictionary, rssAfterTexts, peakRss: process.resourceUsage().maxRSS / 1024, tokensSize: size };
}

function runPython(folder: string, workFolder: string): PhaseResult | { phase: string; skipped: string } {
  const python = "/usr/bin/python3";
  if (!existsSync(python) || spawnSync(python, ["-c", "import jieba"], { stdio: "ignore" }).status !== 0) {
    return { phase: "python", skipped: "Python jieba is not installed (Debian: apt-get install python3-jieba)" };
  }
  const texts = readTexts(folder);
  const chosen: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    if (bytes >= pythonBytes) break;
    chosen.push(text);
    bytes += Buffer.byteLength(text);
  }
  const textFile = path.join(workFolder, "python.txt");
  writeFileSync(textFile, chosen.join("\n"));
  const script = `
import jieba, json, logging, resource, sys, time
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
jieba.load_userdict(sys.argv[2])
texts = open(sys.argv[1], encoding="utf-8").read().split("\\n")
start = time.perf_counter()
tokens = 0
for text in texts:
    tokens += sum(1 for _ in jieba.cut(text, HMM=True))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "tokens": tokens, "peakRss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
  const output = execFileSync(python, ["-c", script, textFile, presetDictionary], { encoding: "utf8", maxBuffer: 1 << 20 });
  const result = JSON.parse(output.trim().split("\n").pop()!) as { seconds: number; tokens: number; peakRss: number };
  return { phase: "python", ...result, bytes, rssAfterDictionary: 0, rssAfterTexts: 0 };
}

function childPhase(phase: string, file: string): PhaseResult {
  const child = spawnSync(process.execPath, [__filename, "--phase", phase, file], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as PhaseResult;
}

const format = (value: number, digits = 2) => value.toFixed(digits);

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf("--phase");
  if (phaseIndex >= 0) {
    const result = await runPhase(process.argv[phaseIndex + 1], process.argv[phaseIndex + 2]);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const workFolder = mkdtempSync(path.join(tmpdir(), "wenxi-bench-"));
  try {
    const file = path.join(workFolder, "corpus");
    const built = await buildCorpus(file);
    console.log(`corpus: ${built.documents} documents, ${format(mebibytes(built.bytes), 1)} MiB UTF-8 (shuffled sentences of data/corpus, seed 20241122); ${availableParallelism()} cores; Node ${process.version}`);
    const results: Array<PhaseResult | { phase: string; skipped: string }> = [];
    for (const phase of ["baseline", "wenxi", "parallel"]) results.push(childPhase(phase, file));
    results.push(runPython(file, workFolder));
    const baseline = results[0] as PhaseResult;
    console.log("");
    console.log("phase       MiB/s   Mtokens/s   seconds   × baseline   peak RSS MiB");
    for (const result of results) {
      if ("skipped" in result) {
        console.log(`${result.phase.padEnd(10)}  skipped: ${result.skipped}`);
        continue;
      }
      const speed = mebibytes(result.bytes) / result.seconds;
      const ratio = speed / (mebibytes(baseline.bytes) / baseline.seconds);
      console.log(
        `${result.phase.padEnd(10)}  ${format(speed).padStart(5)}   ${format(result.tokens / result.seconds / 1e6, 3).padStart(9)}   ${format(result.seconds).padStart(7)}   ${format(ratio).padStart(10)}   ${format(result.peakRss, 0).padStart(12)}`,
      );
    }
    const wenxi = results[1] as PhaseResult;
    const parallel = results[2] as PhaseResult;
    const corpusMiB = mebibytes(wenxi.bytes);
    const beyond = wenxi.peakRss - wenxi.rssAfterDictionary;
    const speedOf = (result: PhaseResult) => result.bytes / result.seconds;
    console.log("");
    const bareBeyond = baseline.peakRss - baseline.rssAfterDictionary;
    console.log(
      `memory beyond the loaded dictionaries (peak RSS): wenxi ${format(beyond, 0)} MiB = ${format(beyond / corpusMiB)} × the corpus; ` +
        `the bare loop on the same texts ${format(bareBeyond, 0)} MiB = ${format(bareBeyond / corpusMiB)} × (the texts ${format(wenxi.rssAfterTexts - wenxi.rssAfterDictionary, 0)} MiB, the rest V8's headroom for cut()'s arrays); ` +
        `wenxi adds ${format(beyond - bareBeyond, 0)} MiB = ${format((beyond - bareBeyond) / corpusMiB)} ×, of which Tokens ${format(wenxi.tokensSize ?? 0, 1)} MiB`,
    );
    const checks = [
      [`wenxi single-threaded ≥ 0.8 × baseline`, speedOf(wenxi) / speedOf(baseline), 0.8],
      [`worker threads ≥ 1.5 × baseline (start-up included)`, speedOf(parallel) / speedOf(baseline), 1.5],
      [`memory beyond dictionaries < 2 × corpus`, 2 - beyond / corpusMiB, 0],
    ] as const;
    for (const [label, value, threshold] of checks) {
      const met = label.startsWith("memory") ? value > threshold : value >= threshold;
      console.log(`${met ? "met    " : "MISSED "} ${label}: ${label.startsWith("memory") ? `${format(beyond / corpusMiB)} ×` : `${format(value)} ×`}`);
    }
    const python = results[3];
    if (!("skipped" in python)) console.log(`wenxi single-threaded is ${format(speedOf(wenxi) / speedOf(python), 1)} × Python jieba`);
  } finally {
    rmSync(workFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exitCode = 1;
});
