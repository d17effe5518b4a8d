// Folders wenxi writes and may later replace (a report, a Parquet export). Each holds a marker
// file listing every entry wenxi wrote in it: only a folder whose every entry is on its list is
// replaced or removed, and only the listed entries are deleted, so a user's file copied into a
// report folder, or a look-alike folder, is never touched. A new version is built in a sibling
// `<target>.building-<pid>` and swapped in by two renames (target → `<target>.previous-<pid>`,
// building → target); at every instant a complete version sits at target or at the `.previous`
// folder, and the next run finishes a swap that a `kill -9` interrupted (`recoverInterrupted`).
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync, copyFileSync } from "node:fs";
import * as path from "node:path";
import { cleanUpOnInterrupt } from "./interrupts";

/** What kind of folder: its marker file's name, and a word for messages and the marker's content. */
export interface FolderKind {
  marker: string;
  /** "report", "Parquet export" … */
  what: string;
}

export class OwnedFolderError extends Error {
  override name = "OwnedFolderError";
}

export type FolderState =
  | { kind: "absent" }
  | { kind: "empty" }
  | { kind: "owned"; entries: string[]; content: Record<string, unknown> }
  | { kind: "foreign"; reason: string };

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The marker's content, or why there is none that wenxi can trust. */
function readMarker(folder: string, kind: FolderKind): { content: Record<string, unknown>; entries: string[] } | string {
  const file = path.join(folder, kind.marker);
  const stats = lstatOrUndefined(file);
  if (!stats) return `it holds files wenxi did not write (no ${kind.marker} listing them)`;
  if (!stats.isFile()) return `its ${kind.marker} is not a regular file`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return `its ${kind.marker} holds no list of the files wenxi wrote (an older wenxi wrote it, or someone else): remove the folder yourself if it holds nothing you need`;
  }
  const content = parsed as { wenxi?: unknown; entries?: unknown };
  if (!content || typeof content !== "object" || content.wenxi !== kind.what || !Array.isArray(content.entries) || !content.entries.every((entry) => typeof entry === "string")) {
    return `its ${kind.marker} is not a ${kind.what} marker written by wenxi`;
  }
  return { content: parsed as Record<string, unknown>, entries: content.entries as string[] };
}

/**
 * Whether `folder` is absent, empty, a folder of wenxi's of this kind whose every entry it wrote
 * (owned), or anything else (foreign, with the reason). Entries that are folders must be owned
 * folders of the same kind themselves; a listed name that became a link is foreign.
 */
export function folderState(folder: string, kind: FolderKind): FolderState {
  const stats = lstatOrUndefined(folder);
  if (!stats) return { kind: "absent" };
  if (stats.isSymbolicLink()) return { kind: "foreign", reason: "it is a symbolic link" };
  if (!stats.isDirectory()) return { kind: "foreign", reason: "it is not a folder" };
  const names = readdirSync(folder);
  if (names.length === 0) return { kind: "empty" };
  const marker = readMarker(folder, kind);
  if (typeof marker === "string") return { kind: "foreign", reason: marker };
  const listed = new Set(marker.entries);
  // A listed entry being replaced has siblings `<entry>.building-<pid>` / `<entry>.previous-<pid>` for a moment.
  const inFlight = (name: string) => {
    const match = /^(.*)\.(?:building|previous)-\d+$/.exec(name);
    return match !== null && listed.has(match[1]);
  };
  const unlisted = names.filter((name) => name !== kind.marker && !listed.has(name) && !inFlight(name)).sort();
  if (unlisted.length > 0) {
    const shown = unlisted.slice(0, 5).map((name) => `"${name}"`).join(", ");
    return { kind: "foreign", reason: `it holds ${unlisted.length} file(s) wenxi did not write (${shown}${unlisted.length > 5 ? ", …" : ""})` };
  }
  for (const name of marker.entries) {
    const entry = lstatOrUndefined(path.join(folder, name));
    if (!entry) continue;
    if (entry.isDirectory()) {
      const inner = folderState(path.join(folder, name), kind);
      if (inner.kind === "foreign") return { kind: "foreign", reason: `its folder "${name}": ${inner.reason}` };
    } else if (!entry.isFile()) return { kind: "foreign", reason: `"${name}" is no longer the file wenxi wrote (a link or special file)` };
  }
  return { kind: "owned", entries: marker.entries, content: marker.content };
}

/** Throws unless `target` may be replaced: absent, empty, or owned; never the working directory, the root or a parent of either. */
export function checkReplaceable(target: string, kind: FolderKind, what = "--out"): void {
  const resolved = path.resolve(target);
  const workingDirectory = process.cwd();
  if (resolved === path.parse(resolved).root || isInsideOrSame(resolved, workingDirectory)) {
    throw new OwnedFolderError(`${what} "${target}" is the working directory or one of its parents: give a folder of its own, such as reports`);
  }
  const state = folderState(resolved, kind);
  if (state.kind === "foreign") throw new OwnedFolderError(`${what} "${target}" cannot be replaced: ${state.reason}. wenxi replaces only a ${kind.what} it wrote; choose another path`);
}

/** Whether `inner` is `outer` or lies inside it (paths resolved, not followed). */
export function isInsideOrSame(outer: string, inner: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Deletes an owned folder: its listed entries, its marker, then the folder itself. Does nothing
 * to an absent folder; throws (deleting nothing) for a foreign one.
 */
export function removeOwned(folder: string, kind: FolderKind): void {
  const state = folderState(folder, kind);
  if (state.kind === "absent") return;
  if (state.kind === "foreign") throw new OwnedFolderError(`"${folder}" was left as it is: ${state.reason}`);
  if (state.kind === "owned") {
    for (const name of state.entries) {
      const entry = path.join(folder, name);
      const stats = lstatOrUndefined(entry);
      if (!stats) continue;
      if (stats.isDirectory()) removeOwned(entry, kind);
      else unlinkSync(entry);
    }
    unlinkSync(path.join(folder, kind.marker));
  }
  rmdirSync(folder);
}

/**
 * Writes a folder's marker: its kind, what else describes it, and the entries wenxi wrote (or may
 * write) there, sorted, so the same content always gives the same bytes.
 */
export function writeMarker(folder: string, kind: FolderKind, content: Record<string, unknown>, entries: Iterable<string>): void {
  const body = { wenxi: kind.what, note: "wenxi wrote this folder and may replace it; it deletes only the entries listed here.", ...content, entries: [...entries].sort() };
  writeFileSync(path.join(folder, kind.marker), `${JSON.stringify(body, null, 1)}\n`);
}

function checkEntryName(name: string, kind: FolderKind): void {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\\") || name.includes("\0") || name === kind.marker) {
    throw new Error(`"${name}" is not a file name wenxi may write into a ${kind.what}`);
  }
}

/**
 * A new version of an owned folder, built beside its target. Every file goes through `write`
 * (created exclusively, never through a link) and is listed in the marker at once, so even a
 * build that a `kill -9` interrupts can be removed by the next run without touching anything else.
 */
export class FolderBuild {
  readonly folder: string;
  private readonly entries = new Set<string>();
  private content: Record<string, unknown> = {};
  private readonly forgetCleanup: () => void;

  constructor(
    readonly target: string,
    readonly kind: FolderKind,
  ) {
    this.folder = `${path.resolve(target)}.building-${process.pid}`;
    // A leftover of an earlier process with this same id (ids are reused): removed only if owned.
    removeOwned(this.folder, kind);
    mkdirSync(path.dirname(this.folder), { recursive: true });
    mkdirSync(this.folder);
    this.saveMarker();
    // Stopped by a signal, the build is removed (only what it wrote); the target stays as it was.
    this.forgetCleanup = cleanUpOnInterrupt(() => removeOwned(this.folder, this.kind));
  }

  /** More fields for the marker (kept across saves). */
  describe(content: Record<string, unknown>): void {
    this.content = { ...this.content, ...content };
    this.saveMarker();
  }

  private saveMarker(): void {
    writeMarker(this.folder, this.kind, this.content, this.entries);
  }

  /** Lists a name before anything is written under it (so an interrupted write is still wenxi's to remove). */
  private claim(name: string): string {
    checkEntryName(name, this.kind);
    if (!this.entries.has(name)) {
      this.entries.add(name);
      this.saveMarker();
    }
    return path.join(this.folder, name);
  }

  write(name: string, data: string | Uint8Array): string {
    const fresh = !this.entries.has(name);
    const file = this.claim(name);
    // A first write creates the file ("wx": it fails rather than follow anything put there meanwhile).
    try {
      writeFileSync(file, data, { flag: fresh ? "wx" : "w" });
    } catch (error) {
      throw new Error(`cannot write "${name}" of the ${this.kind.what} for "${this.target}": ${(error as Error).message}; what was at "${this.target}" is left as it was`);
    }
    return file;
  }

  copy(from: string, name: string): string {
    const file = this.claim(name);
    copyFileSync(from, file);
    return file;
  }

  /** Deletes the build (only what it wrote). */
  abandon(): void {
    this.forgetCleanup();
    removeOwned(this.folder, this.kind);
  }

  /**
   * Puts the build at its target: target → `<target>.previous-<pid>`, build → target, then the
   * previous version removed. Checked again first: the target may have changed meanwhile.
   * Returns whether a previous version was replaced.
   */
  commit(what = "--out"): boolean {
    return this.moveTo(this.target, what);
  }

  /** Like commit, to another path (a failed run's folder). */
  moveTo(destination: string, what = "--out"): boolean {
    const resolved = path.resolve(destination);
    checkReplaceable(resolved, this.kind, what);
    this.forgetCleanup();
    const previous = `${resolved}.previous-${process.pid}`;
    removeOwned(previous, this.kind);
    const existed = lstatOrUndefined(resolved) !== undefined;
    if (existed) renameSync(resolved, previous);
    renameSync(this.folder, resolved);
    if (existed) removeOwned(previous, this.kind);
    return existed;
  }
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

/**
 * Finishes what runs that no longer exist left beside `target`: with the target missing, a
 * `.previous-<pid>` folder is the last complete version and is put back; otherwise it was
 * already replaced and is removed, as are half-built `.building-<pid>` folders. Only owned
 * folders are touched; anything else is reported and left. Returns what was done, for the user.
 */
export function recoverInterrupted(target: string, kind: FolderKind): string[] {
  const resolved = path.resolve(target);
  const parent = path.dirname(resolved);
  const base = path.basename(resolved);
  const notes: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return notes;
  }
  const leftovers = names
    .map((name) => ({ name, match: name.startsWith(`${base}.`) ? /^\.(building|previous)-(\d+)$/.exec(name.slice(base.length)) : null }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null && !processIsAlive(Number(entry.match[2])))
    // The previous versions first: one may have to be put back before the rest are removed.
    .sort((left, right) => (left.match[1] === right.match[1] ? left.name.localeCompare(right.name) : left.match[1] === "previous" ? -1 : 1));
  for (const { name, match } of leftovers) {
    const folder = path.join(parent, name);
    const state = folderState(folder, kind);
    if (state.kind === "foreign") {
      notes.push(`left "${folder}" as it is: ${state.reason}`);
      continue;
    }
    try {
      if (match[1] === "previous" && lstatOrUndefined(resolved) === undefined && state.kind === "owned") {
        renameSync(folder, resolved);
        notes.push(`put back the last complete ${kind.what} from "${folder}" (a run was stopped while replacing it)`);
      } else {
        removeOwned(folder, kind);
        notes.push(`removed "${folder}", left by a stopped run`);
      }
    } catch (error) {
      notes.push(`could not tidy "${folder}": ${(error as Error).message}`);
    }
  }
  return notes;
}
