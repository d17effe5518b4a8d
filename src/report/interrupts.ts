// What a report run leaves behind if it is stopped: a kernel process (tslab treats SIGINT as
// "interrupt the cell" and keeps running), its connection folder (with the HMAC key) and a
// half-built report. Cleanups registered here run synchronously on SIGINT, SIGTERM or SIGHUP,
// after which the signal is raised again so the process ends as it would have. What a SIGKILL
// leaves is found by the next run: folders named after a process that no longer exists.
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Best effort: one failed cleanup must not keep the others from running.
    }
  }
  cleanups.clear();
  for (const name of signals) process.removeListener(name, onSignal);
  process.kill(process.pid, signal);
}

/** Runs `cleanup` if the process is interrupted before the returned function is called. */
export function cleanUpOnInterrupt(cleanup: Cleanup): () => void {
  if (cleanups.size === 0) for (const name of signals) process.on(name, onSignal);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const name of signals) process.removeListener(name, onSignal);
  };
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const kernelFolderPrefix = "wenxi-kernel-";

/** The prefix of a kernel folder made by this process: wenxi-kernel-<pid>-. */
export function kernelFolderPrefixOfThisProcess(): string {
  return `${kernelFolderPrefix}${process.pid}-`;
}

/**
 * Removes kernel folders (and report caches) left by processes that no longer exist, first ending
 * the kernel each started (its pid is in kernel.pid; it is ended only if its command line names
 * the folder).
 */
export function removeStaleKernelFolders(folder = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = /^wenxi-(?:kernel|cache)-(\d+)-/.exec(name);
    if (!match || processIsAlive(Number(match[1]))) continue;
    const stale = path.join(folder, name);
    try {
      const kernelPid = Number(readFileSync(path.join(stale, "kernel.pid"), "utf8"));
      const commandLine = readFileSync(`/proc/${kernelPid}/cmdline`, "utf8");
      if (commandLine.includes(stale)) process.kill(kernelPid, "SIGKILL");
    } catch {
      // No pid file, or the kernel is gone already.
    }
    rmSync(stale, { recursive: true, force: true });
    removed.push(stale);
  }
  return removed;
}
