// Temporary folders for tests that build files on the fly.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";

export function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-test-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

export function writeFiles(folder: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/**
 * A temporary folder inside the project (test/.tmp-…), for notebooks: a kernel resolves
 * `import … from "wenxi"` (and tslab its types) from the notebook's folder upwards.
 */
export function projectTemporaryFolder(): string {
  const base = path.resolve(__dirname, ".tmp");
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(path.join(base, "run-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
