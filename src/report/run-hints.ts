// Hints one report run leaves for the next (how long each notebook took, which calls the notebooks
// made on the corpus): small JSON files under node_modules/.cache/wenxi, each a list of the most
// recent records, newest first. Never part of a report and never needed: a missing, unreadable or
// foreign file reads as no records, and a file that cannot be written is skipped.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** Records kept in a hints file: the most recent ones. */
const kept = 12;

/** The hints file `name` of the project at `projectRoot`. */
export function hintsFile(projectRoot: string, name: string): string {
  return path.join(projectRoot, "node_modules", ".cache", "wenxi", name);
}

/** The file's records that `accept` takes (it returns undefined for a record of the wrong shape), newest first. */
export function readHints<T>(file: string, accept: (record: unknown) => T | undefined): T[] {
  try {
    const runs = (JSON.parse(readFileSync(file, "utf8")) as { runs?: unknown } | null)?.runs;
    if (!Array.isArray(runs)) return [];
    return runs.flatMap((record: unknown) => {
      const accepted = accept(record);
      return accepted === undefined ? [] : [accepted];
    });
  } catch {
    return [];
  }
}

/** Writes `records` (newest first), the 12 first of them. */
export function writeHints<T>(file: string, records: T[]): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ runs: records.slice(0, kept) }, null, 1)}\n`);
  } catch {
    // Only a hint for the next run.
  }
}
