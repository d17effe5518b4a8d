// A process of the run's own beside its kernels (making calls ahead, converting cells ahead): a
// built module of wenxi run with one JSON input file. It decides nothing a page shows: what it
// makes is what a notebook would make itself, and a notebook that does not find it makes it.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";

/** The built module for `moduleFile` (under a TypeScript runner, tests, a module is src/…/x.ts: run dist/…/x.js). */
function builtScript(moduleFile: string): string {
  if (!moduleFile.endsWith(".ts")) return moduleFile;
  const source = path.resolve(__dirname, "..");
  return path.join(path.resolve(source, "..", "dist"), path.relative(source, moduleFile)).replace(/\.ts$/, ".js");
}

/** The process, started at once; `stop` ends it if still at work and waits for it. */
export class HelperProcess {
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  /** Runs the built `moduleFile` with `input` written to `inputFile` (its first argument). */
  constructor(moduleFile: string, inputFile: string, input: unknown, options: { env?: Record<string, string>; cwd?: string } = {}) {
    writeFileSync(inputFile, JSON.stringify(input));
    this.child = spawn(process.execPath, [builtScript(moduleFile), inputFile], { stdio: "ignore", cwd: options.cwd, env: { ...process.env, ...options.env } });
    this.exited = new Promise((resolve) => {
      this.child.on("exit", () => resolve());
      this.child.on("error", () => resolve());
    });
  }

  /** The process's id (undefined when it could not be started). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Resolves when the process has ended, on its own or stopped. */
  get finished(): Promise<void> {
    return this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    await this.exited;
  }
}
