// `npm run bench` (second part): the whole pipeline a user waits for — load (decode + clean) →
// tokenize → count — on a corpus of news-sized files built from the raw seed articles (metadata
// lines, web debris, inline pinyin; a quarter of the files in Traditional script), beside Python
// jieba + collections.Counter on the same files. Each phase runs in a child process of its own
// (its own peak memory); the loading phase is profiled to show each cleaning stage's share.
//   node dist/bench/pipeline.js [--mb 200] [--skip-python] [--corpus DIR]
// --corpus DIR keeps the generated corpus in DIR (or measures the one already there) between runs.
// --stream-only runs only the streaming count on all cores, for corpora past memory (--mb 2048).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { loadCorpus } from "../corpus/load";
import { newsFiles } from "./seed-corpus";
import { termFrequency } from "../stats/frequency";
import { frequencyFromCounts, streamTermCounts } from "../stats/stream";
import { addUserDictionary, ensureSegmenterLoaded } from "../text/segmenter";
import { presets } from "../text/presets";
import { defaultStopwords } from "../text/stopwords";
import { tokenizeParallel } from "../text/parallel";
import { tokenize } from "../text/tokenize";

// Python jieba is given the same user dictionary: the public-security preset's (the seed articles' terms).
const presetDictionary = presets["public-security"].userDictionary!;

interface PhaseResult {
  phase: string;
  seconds: number;
  bytes: number;
  peakRss: number;
  documents: number;
  terms?: number;
}

async function runPhase(phase: string, folder: string): Promise<PhaseResult> {
  const bytes = readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
  // The clock includes loading the dictionaries, on this thread and on every worker, as a user of
  // `wenxi freq` waits for them (Python's jieba.initialize() is timed too).
  const started = process.hrtime.bigint();
  if (!phase.startsWith("load")) {
    addUserDictionary(presetDictionary);
    ensureSegmenterLoaded();
    defaultStopwords();
  }
  let documents = 0;
  let terms: number | undefined;
  // "-1" phases keep to this thread; "-all" ones use a worker per further core, for loading and cutting.
  const loadWorkers = phase.endsWith("-all") ? availableParallelism() - 1 : 0;
  if (phase.startsWith("load")) documents = (await loadCorpus(folder, { workers: loadWorkers })).documents.length;
  else if (phase.startsWith("in-memory")) {
    const corpus = await loadCorpus(folder, { workers: loadWorkers });
    documents = corpus.documents.length;
    terms = termFrequency(phase === "in-memory-all" ? await tokenizeParallel(corpus) : tokenize(corpus)).length;
  } else {
    const counted = await streamTermCounts(folder, { workers: phase === "stream-1" ? 0 : undefined });
    documents = counted.documents;
    terms = frequencyFromCounts(counted).length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { phase, seconds, bytes, peakRss: process.resourceUsage().maxRSS / 1024, documents, terms };
}

function runPython(folder: string): PhaseResult | undefined {
  const python = "/usr/bin/python3";
  if (!existsSync(python) || spawnSync(python, ["-c", "import jieba"], { stdio: "ignore" }).status !== 0) return undefined;
  const script = `
import collections, jieba, json, logging, os, resource, sys, time
jieba.setLogLevel(logging.WARNING)
start = time.perf_counter()
jieba.initialize()
jieba.load_userdict(sys.argv[2])
folder = sys.argv[1]
counts = collections.Counter()
size = 0
names = sorted(os.listdir(folder))
for name in names:
    data = open(os.path.join(folder, name), "rb").read()
    size += len(data)
    counts.update(jieba.cut(data.decode("utf-8"), HMM=True))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "bytes": size, "documents": len(names), "terms": len(counts), "peakRss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
  const output = execFileSync(python, ["-c", script, folder, presetDictionary], { encoding: "utf8", maxBuffer: 1 << 20 });
  return { phase: "python", ...(JSON.parse(output.trim().split("\n").pop()!) as Omit<PhaseResult, "phase">) };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Inclusive time of the cleaning stages, from a V8 CPU profile of the load phase. */
function stageShares(profileFile: string): Array<[string, number]> {
  const profile = JSON.parse(readFileSync(profileFile, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const stages = new Map<string, string>(Object.entries({
    readFileBytes: "reading files",
    decodeBytes: "decoding",
    normalizeUnicode: "NFKC",
    collapseWhitespace: "white space",
    removeInlinePinyin: "inline pinyin",
    detectScript: "script detection",
    toSimplified: "Traditional → Simplified",
    readMetadataLine: "metadata lines",
    matchDebrisRule: "debris rules",
    qualityFlags: "quality flags",
    findDateline: "datelines",
    listFolder: "listing the folder",
  }));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    total += delta;
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const stage = stages.get(byId.get(current)!.callFrame.functionName);
      if (stage && !seen.has(stage)) {
        seen.add(stage);
        time.set(stage, (time.get(stage) ?? 0) + delta);
      }
    }
  });
  return [...time].sort((left, right) => right[1] - left[1]).map(([stage, micro]) => [stage, micro / total]);
}

function childPhase(phase: string, folder: string, profileFolder?: string): PhaseResult {
  const flags = profileFolder ? ["--cpu-prof", `--cpu-prof-dir=${profileFolder}`] : [];
  const child = spawnSync(process.execPath, [...flags, __filename, "--phase", phase, folder], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as PhaseResult;
}

const format = (value: number, digits = 2) => value.toFixed(digits);
const mebibytesPerSecond = (result: PhaseResult) => result.bytes / 1024 / 1024 / result.seconds;

async function main(): Promise<void> {
  const phaseIndex = process.argv.indexOf("--phase");
  if (phaseIndex >= 0) {
    process.stdout.write(`${JSON.stringify(await runPhase(process.argv[phaseIndex + 1], process.argv[phaseIndex + 2]))}\n`);
    return;
  }
  const sizeIndex = process.argv.indexOf("--mb");
  const megabytes = sizeIndex >= 0 ? Number(process.argv[sizeIndex + 1]) : 200;
  const work = mkdtempSync(path.join(tmpdir(), "wenxi-pipeline-"));
  try {
    const corpusIndex = process.argv.indexOf("--corpus");
    const folder = corpusIndex >= 0 ? path.resolve(process.argv[corpusIndex + 1]) : path.join(work, "corpus");
    const built = existsSync(folder)
      ? { files: readdirSync(folder).length, bytes: readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0) }
      : newsFiles(folder, megabytes);
    console.log(`pipeline corpus: ${built.files} news-sized files, ${format(built.bytes / 1024 / 1024, 1)} MiB (raw seed lines with metadata, debris and pinyin, a quarter Traditional; seed 20261123); ${availableParallelism()} cores`);
    if (process.argv.includes("--stream-only")) {
      const streamed = childPhase("stream-all", folder);
      console.log(`streamTermCounts, all ${availableParallelism()} cores: ${format(mebibytesPerSecond(streamed))} MiB/s, ${format(streamed.seconds)} s, ${streamed.documents} documents, ${streamed.terms} terms`);
      console.log(`${streamed.peakRss < 1536 ? "met    " : "MISSED "} streaming peak RSS < 1.5 GiB on ${format(streamed.bytes / 1024 / 1024 / 1024)} GiB: ${format(streamed.peakRss, 0)} MiB`);
      return;
    }
    const profiles = path.join(work, "profiles");
    mkdirSync(profiles);
    // The profiler slows what it watches: the load is timed in a run of its own, then profiled in another.
    const load = childPhase("load-1", folder);
    childPhase("load-1", folder, profiles);
    const phases = ["load-all", "in-memory-1", "in-memory-all", "stream-1", "stream-all"];
    const results = [load, ...phases.map((phase) => childPhase(phase, folder))];
    const python = process.argv.includes("--skip-python") ? undefined : runPython(folder);
    if (python) results.push(python);
    console.log("");
    console.log("phase                                         MiB/s   seconds   peak RSS MiB   documents");
    const names: Record<string, string> = {
      "load-1": "loadCorpus, one thread",
      "load-all": `loadCorpus, all ${availableParallelism()} cores`,
      "in-memory-1": "load + tokenize + termFrequency, one",
      "in-memory-all": `the same, all ${availableParallelism()} cores (tokenizeParallel)`,
      "stream-1": "streamTermCounts, one thread",
      "stream-all": `streamTermCounts, all ${availableParallelism()} cores`,
      python: "Python jieba + Counter (one core)",
    };
    for (const result of results) {
      console.log(`${names[result.phase].padEnd(44)}  ${format(mebibytesPerSecond(result)).padStart(6)}   ${format(result.seconds).padStart(7)}   ${format(result.peakRss, 0).padStart(12)}   ${String(result.documents).padStart(9)}`);
    }
    const profile = readdirSync(profiles).find((name) => name.endsWith(".cpuprofile"));
    if (profile) {
      console.log("");
      console.log("loadCorpus: share of its time per stage (V8 CPU profile, inclusive)");
      for (const [stage, share] of stageShares(path.join(profiles, profile))) console.log(`  ${stage.padEnd(26)} ${format(100 * share, 1).padStart(5)} %`);
    }
    const rate = (phase: string) => mebibytesPerSecond(results.find((result) => result.phase === phase)!);
    const all = results.find((result) => result.phase === "stream-all")!;
    const checks: Array<[string, number, number]> = [[`loadCorpus ≥ 25 MiB/s on one core`, mebibytesPerSecond(load), 25]];
    for (const [path, label] of [["stream", "streaming"], ["in-memory", "in memory"]]) {
      if (python) checks.push([`${label}, all cores ≥ 6 × Python jieba + Counter`, rate(`${path}-all`) / mebibytesPerSecond(python), 6]);
      checks.push([`${label}, all cores ≥ 1.7 × one core`, rate(`${path}-all`) / rate(`${path}-1`), 1.7]);
    }
    console.log("");
    for (const [label, value, threshold] of checks) console.log(`${value >= threshold ? "met    " : "MISSED "} ${label}: ${format(value)}`);
    console.log(`${all.peakRss < 1536 ? "met    " : "MISSED "} streaming peak RSS < 1.5 GiB on this corpus: ${format(all.peakRss, 0)} MiB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exitCode = 1;
});
