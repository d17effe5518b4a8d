// What a report run leaves behind if it is stopped: a kernel process (tslab treats SIGINT as
// "interrupt the cell" and keeps running) and its connection folder (with the HMAC key); cleanups
// run on SIGINT, SIGTERM or SIGHUP (shared/interrupts.ts). What a SIGKILL leaves is found by the
// next run: folders named after a process that no longer exists.
import { lstatSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { processIsAlive } from "../shared/owned-folder";

export const kernelFolderPrefix = "wenxi-kernel-";

/** The prefix of a kernel folder made by this process: wenxi-kernel-<pid>-. */
export function kernelFolderPrefixOfThisProcess(): string {
  return `${kernelFolderPrefix}${process.pid}-`;
}

/**
 * Removes kernel folders (and report caches, and chart fonts: charts/font-subset.ts) left by processes that no longer exist, first ending
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
  const me = process.getuid?.();
  for (const name of names) {
    const match = /^wenxi-(?:kernel|cache|font)-(\d+)-/.exec(name);
    if (!match || processIsAlive(Number(match[1]))) continue;
    const stale = path.join(folder, name);
    // Another user's folder in a shared temporary folder is theirs to remove: left alone.
    try {
      const stats = lstatSync(stale);
      if (!stats.isDirectory() || (me !== undefined && stats.uid !== me)) continue;
    } catch {
      continue;
    }
    try {
      const kernelPid = Number(readFileSync(path.join(stale, "kernel.pid"), "utf8"));
      const commandLine = readFileSync(`/proc/${kernelPid}/cmdline`, "utf8");
      // The kernel leads its own process group (see kernel-client.ts): the group goes, with what its cells started.
      if (commandLine.includes(stale)) killGroup(kernelPid);
    } catch {
      // No pid file, or the kernel is gone already.
    }
    try {
      rmSync(stale, { recursive: true, force: true });
      removed.push(stale);
    } catch {
      // Not ours to remove after all (permissions): it does not stop a report.
    }
  }
  return removed;
}

/** SIGKILL to a process group (a kernel and what its cells started), else to the process alone. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
}
