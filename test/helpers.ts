// Temporary folders for tests that build files on the fly.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll } from "vitest";

// Every folder made here is removed after the test file's last test, by one hook registered when
// this module loads (vitest loads it afresh for each test file): a hook registered inside a
// running test would never run, which left folders behind.
const created: string[] = [];
afterAll(() => {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
  try {
    rmdirSync(path.resolve(__dirname, ".tmp")); // only when empty: another file's tests may still use it
  } catch {
    // not empty, or gone
  }
});

export function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "wenxi-test-"));
  created.push(folder);
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
 * A temporary folder inside the project (test/.tmp/run-…), for notebooks: a kernel resolves
 * `import … from "wenxi"` (and tslab its types) from the notebook's folder upwards, so it holds
 * node_modules/wenxi, a link to the project.
 */
export function projectTemporaryFolder(): string {
  const base = path.resolve(__dirname, ".tmp");
  mkdirSync(base, { recursive: true });
  const folder = mkdtempSync(path.join(base, "run-"));
  created.push(folder);
  // Notebooks import "wenxi" by name, found in node_modules from their folder upwards (as in a
  // folder made by `wenxi init`): link the project there.
  mkdirSync(path.join(folder, "node_modules"));
  symlinkSync(path.resolve(__dirname, ".."), path.join(folder, "node_modules", "wenxi"));
  return folder;
}

/**
 * Runs a program and resolves with its exit status and output, without blocking the event loop
 * (spawnSync of a long program starves vitest's own messages: "Timeout calling onTaskUpdate").
 */
export function runProgram(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
