// `node dist/bench/shipped-hints.js`: writes the hints shipped with the bundled notebooks, so that
// the first report after an install runs as later runs do:
// - notebooks/report-calls.json, the calls the notebooks make on the corpus as loaded
//   (report/prepare.ts), made ahead by one process: from the report on the bundled corpus without
//   parameters (what `wenxi report --corpus PATH` gives) and with `npm run report`'s preset, each
//   kept under the digest of the notebooks and those parameters;
// - notebooks/report-timings.json, the seconds each notebook took on the benchmark's 49 long reports
//   (bench/reports-corpus.ts, 3 MB) in the second of two runs with the default jobs (as a later run
//   finds them: calls made ahead, the longest first), by which a first run with several jobs starts
//   the longest first too. Alone (one job) they mislead: the notebook that runs first waits for the
//   corpus to be cut and seems the longest.
// Run it after changing a bundled notebook; test/report/prepare.test.ts says when it is due. A
// developer's tool, not part of the package (dist/bench is left out of it).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { notebooksDigest, readCallsRecords, shippedCallParameters, shippedCallsFile, type CallsRecord } from "../report/prepare";
import { stableText, type RecordedCall } from "../shared/cache";
import { buildReport, listNotebooks, shippedNotebookFolder, shippedTimingsFile } from "../report/report";
import { packageRoot } from "../shared/package-info";
import { writeReportsCorpus } from "./reports-corpus";

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-shipped-hints-"));
  try {
    const notebooks = listNotebooks(shippedNotebookFolder);
    const runs: CallsRecord[] = [];
    const shipped = readCallsRecords(shippedCallsFile(packageRoot));
    const sameCalls = (left: RecordedCall[], right: RecordedCall[]) => stableText(left.map(stableText).sort()) === stableText(right.map(stableText).sort());
    for (const [index, parameters] of shippedCallParameters.entries()) {
      const result = await buildReport({ out: path.join(folder, `report-${index}`), parameters: parameters.map(([name, value]) => [name, value]) });
      const notebooksRun = notebooksDigest(notebooks, parameters);
      // The order calls are first made in varies with the kernels' timing: a record holding the same calls is kept as it is.
      const earlier = shipped.find((record) => record.notebooks === notebooksRun);
      runs.push({ notebooks: notebooksRun, calls: earlier && sameCalls(earlier.calls, result.calls) ? earlier.calls : result.calls });
      console.log(`${parameters.length === 0 ? "no parameters" : parameters.map(([name, value]) => `${name}=${value}`).join(" ")}: ${result.calls.length} calls`);
    }
    writeFileSync(shippedCallsFile(packageRoot), `${JSON.stringify({ runs }, null, 1)}\n`);
    const corpus = path.join(folder, "reports");
    writeReportsCorpus(corpus, { sentences: 600 });
    await buildReport({ out: path.join(folder, "report-timed"), corpus, timeout: 600 });
    const timed = await buildReport({ out: path.join(folder, "report-timed"), corpus, timeout: 600 });
    const seconds = Object.fromEntries(Object.entries(timed.seconds).map(([name, value]) => [name, Math.round(value * 10) / 10]));
    writeFileSync(shippedTimingsFile(packageRoot), `${JSON.stringify({ runs: [{ corpus: "49 generated government reports (bench/reports-corpus.ts, 600 sentences), second run", seconds }] }, null, 1)}\n`);
    console.log(`seconds on 49 long reports: ${Object.entries(seconds).map(([name, value]) => `${name} ${value}`).join(", ")}`);
    console.log(`wrote ${shippedCallsFile(packageRoot)} and ${shippedTimingsFile(packageRoot)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
