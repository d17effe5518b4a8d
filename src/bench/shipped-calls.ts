// `node dist/bench/shipped-calls.js`: writes notebooks/report-calls.json, the calls the bundled
// notebooks make on the corpus as loaded (report/prepare.ts), so that the first report after an
// install makes them ahead as later runs do. It runs the report on the bundled corpus without
// parameters (what `wenxi report --corpus PATH` gives) and with `npm run report`'s preset, and keeps
// each run's calls under the digest of the notebooks and parameters. Run it after changing a bundled
// notebook or the parameters it passes to tokenize or keywords; test/report/prepare.test.ts says
// when it is due. A developer's tool: not part of the package (dist/bench is left out of it).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { buildReport, shippedNotebookFolder } from "../report/report";
import { notebooksDigest, shippedCallParameters, shippedCallsFile, type CallsRecord } from "../report/prepare";
import { packageRoot } from "../shared/package-info";

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-shipped-calls-"));
  try {
    const notebooks = readdirSync(shippedNotebookFolder)
      .filter((name) => name.endsWith(".ipynb"))
      .sort()
      .map((name) => path.join(shippedNotebookFolder, name));
    const runs: CallsRecord[] = [];
    for (const [index, parameters] of shippedCallParameters.entries()) {
      const result = await buildReport({ out: path.join(folder, `report-${index}`), parameters: parameters.map(([name, value]) => [name, value]) });
      runs.push({ notebooks: notebooksDigest(notebooks, parameters), calls: result.calls });
      console.log(`${parameters.length === 0 ? "no parameters" : parameters.map(([name, value]) => `${name}=${value}`).join(" ")}: ${result.calls.length} calls`);
    }
    writeFileSync(shippedCallsFile(packageRoot), `${JSON.stringify({ runs }, null, 1)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), shippedCallsFile(packageRoot)) || shippedCallsFile(packageRoot)}`);
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
