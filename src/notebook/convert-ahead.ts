// Cells converted ahead, for `wenxi report` on its first run after an install or a change of the
// notebooks: tslab type-checks and compiles every cell in each kernel, and each kernel first parses
// Node's and the ES library's declarations (~1.1 s). One process converts the cells of the
// notebooks that wait for a kernel, in the order they will run, into the conversion cache
// (conversion-cache.ts) under the keys their kernels look up: a cell, the declarations before it
// (tslab's `prevDecl`, the declarations of the cells before it), the notebook's folder. A kernel
// that finds its cells there parses no library at all; one that comes first converts them itself.
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { installConversionCache, tslabFolder } from "./conversion-cache";

/** This module, for the runner to start as a process of its own. */
export const convertAheadModule = __filename;

/** What the process is given: the conversion cache and, in run order, each notebook's folder (its kernel's working directory) and code cells as the kernel receives them. */
export interface ConvertAheadInput {
  cache: string;
  notebooks: Array<{ folder: string; sources: string[] }>;
}

/** Converts each notebook's cells as tslab's executor would, up to its first cell with a diagnostic; `stopped` is asked between cells. */
export async function convertAhead(input: ConvertAheadInput, stopped: () => boolean = () => false): Promise<void> {
  const createConverter = installConversionCache(input.cache);
  const { getCodeMetadata } = require(path.join(tslabFolder(), "dist", "metadata.js")) as { getCodeMetadata: (src: string) => { module?: string; mode?: string } };
  // One converter per folder, made there: the cache's key holds the working directory, as a kernel's does.
  const folders = [...new Set(input.notebooks.map((notebook) => notebook.folder))];
  for (const folder of folders) {
    process.chdir(folder);
    // The options tslab's kernel (not jslab) gives its Node converter.
    const converter = createConverter({ isJS: false, isBrowser: false });
    for (const notebook of input.notebooks.filter((each) => each.folder === folder)) {
      let prevDecl = "";
      for (const source of notebook.sources) {
        if (stopped()) return;
        const metadata = getCodeMetadata(source);
        if (metadata.module || metadata.mode === "browser") break;
        const conversion = converter.convert(prevDecl, source);
        if (conversion.diagnostics.length > 0) break;
        prevDecl = conversion.declOutput || "";
        // Let a SIGTERM in between cells.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    converter.close();
  }
}

if (require.main === module) {
  let stop = false;
  process.on("SIGTERM", () => (stop = true));
  convertAhead(JSON.parse(readFileSync(process.argv[2], "utf8")) as ConvertAheadInput, () => stop).then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
