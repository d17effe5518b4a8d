// Cells converted ahead, for `wenxi report` on its first run after an install or a change of the
// notebooks: tslab type-checks and compiles every cell in each kernel, and each kernel first parses
// Node's and the ES library's declarations (~1.1 s). One process converts the cells of the run's
// notebooks, in the order they will run, into the conversion cache (conversion-cache.ts) under the
// keys their kernels look up: a cell, the declarations before it (tslab's `prevDecl`, the
// declarations of the cells before it), the notebook's folder. It holds a claim on the cell of each
// notebook it will convert next (the runner writes the first cells' claims for it as it starts), so
// that a kernel reaching that cell waits for it instead of parsing the libraries a second time
// beside it; a kernel converts a cell itself when its claim is released without an entry (a type
// error) or this process is gone.
import * as path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { claim, claimOwner, release } from "../shared/cache";
import { claimedElsewhere, conversionClaimFile, conversionFile, conversionKey, installConversionCache, kernelConverterOptions, tslabFolder } from "./conversion-cache";

/** This module, for the runner to start as a process of its own. */
export const convertAheadModule = __filename;

/** What the process is given: the conversion cache and, in run order, each notebook's folder (its kernel's working directory) and code cells as the kernel receives them. */
export interface ConvertAheadInput {
  cache: string;
  notebooks: Array<{ folder: string; sources: string[] }>;
}

/** The claim file of the first cell of a notebook in `folder` (its real path, as its kernel's working directory reads), or undefined when that cell is kept already. */
export function firstCellClaim(cache: string, folder: string, sources: string[]): string | undefined {
  if (sources.length === 0) return undefined;
  const key = conversionKey(kernelConverterOptions, folder, "", sources[0]);
  return existsSync(conversionFile(cache, key)) ? undefined : conversionClaimFile(cache, key);
}

/** Removes the claims in `cache` that `remove` picks (given the claim file). */
function releaseClaims(cache: string, remove: (file: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(cache).filter((name) => name.endsWith(".claim"));
  } catch {
    return;
  }
  for (const name of names) if (remove(path.join(cache, name))) release(path.join(cache, name));
}

/** Removes the claims process `owner` left (stopped while at work). */
export function releaseClaimsOf(cache: string, owner: number): void {
  releaseClaims(cache, (file) => claimOwner(file) === owner);
}

/** Removes claims no process is at work on (left by a run that was killed): before new ones are written. */
export function releaseStaleClaims(cache: string): void {
  releaseClaims(cache, (file) => !claimedElsewhere(file));
}

/** Converts each notebook's cells as tslab's executor would, up to its first cell with a diagnostic; `stopped` is asked between cells. */
export async function convertAhead(input: ConvertAheadInput, stopped: () => boolean = () => false): Promise<void> {
  const createConverter = installConversionCache(input.cache);
  const { getCodeMetadata } = require(path.join(tslabFolder(), "dist", "metadata.js")) as { getCodeMetadata: (src: string) => { module?: string; mode?: string } };
  const convertible = (source: string) => {
    const metadata = getCodeMetadata(source);
    return !metadata.module && metadata.mode !== "browser";
  };
  // One converter per folder, made there: the cache's key holds the working directory, as a kernel's does.
  const folders = [...new Set(input.notebooks.map((notebook) => notebook.folder))];
  for (const folder of folders) {
    process.chdir(folder);
    const converter = createConverter(kernelConverterOptions);
    for (const notebook of input.notebooks.filter((each) => each.folder === folder)) {
      // The first cell's claim is this process's (the runner wrote it) when the cell was not kept.
      let held = firstCellClaim(input.cache, process.cwd(), notebook.sources);
      let prevDecl = "";
      for (const [index, source] of notebook.sources.entries()) {
        if (stopped()) return;
        if (!convertible(source)) break;
        let next: string | undefined;
        const conversion = converter.convert(prevDecl, source, (made) => {
          // Before this cell's entry is written, the next cell is claimed: its kernel, done with this one, waits for it.
          const following = notebook.sources[index + 1];
          if (made.diagnostics.length > 0 || following === undefined || !convertible(following)) return;
          const key = conversionKey(kernelConverterOptions, process.cwd(), made.declOutput || "", following);
          if (!existsSync(conversionFile(input.cache, key)) && claim(conversionClaimFile(input.cache, key))) next = conversionClaimFile(input.cache, key);
        });
        if (held) release(held);
        held = next;
        if (conversion.diagnostics.length > 0) break;
        prevDecl = conversion.declOutput || "";
        // Let a SIGTERM in between cells.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (held) release(held);
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
