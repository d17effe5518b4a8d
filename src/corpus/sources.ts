// Finding the files of a corpus source: a folder (recursive, by glob or extension), a single
// file, or a JSONL/CSV file of many documents. I/O lives here and in load.ts only.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as iconv from "iconv-lite";
import picomatch from "picomatch";
import { compareText } from "../shared/order";
import { unsupportedFormats } from "./extract";

/** How a file is read: by its extension (formatOfPath), or as the user says. */
export type SourceFormat = "text" | "jsonl" | "json" | "csv" | "html" | "docx" | "pdf" | "unsupported";

/**
 * A matcher for a glob over '/'-separated relative paths, by picomatch (the matcher of micromatch,
 * chokidar and fast-glob): `*`, `**`, `?`, `[abc]`, `{a,b}` (nested), `!` negation, extglobs.
 * Hidden files are skipped by the listing itself.
 */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  return picomatch(glob, { dot: true });
}

export function formatOfPath(filePath: string): SourceFormat {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".json") return "json";
  if (extension === ".html" || extension === ".htm" || extension === ".xhtml") return "html";
  if (extension === ".docx") return "docx";
  if (extension === ".pdf") return "pdf";
  if (unsupportedFormats.has(extension)) return "unsupported";
  if (extension === ".csv" || extension === ".tsv") return "csv";
  return "text";
}

export interface ListedFile {
  /** The path as the user would write it: the source joined with the relative path. */
  path: string;
  /** The path to open: a Buffer when a name on the way is not valid UTF-8 (a GBK name from a zip file). */
  absolutePath: string | Buffer;
  /** Relative to the source folder, '/'-separated (the file name for a single file). */
  relativePath: string;
}

export interface ListOptions {
  /** Follow symbolic links that lead outside the folder (`"all"`), or report and skip them (`"inside"`, default). */
  followLinks?: "inside" | "all";
}

/** A file name as bytes → text: UTF-8 when valid, else GB18030 (Chinese names from Windows zip files), else UTF-8 with U+FFFD. */
export function decodeFileName(name: Buffer): string {
  const utf8 = name.toString("utf8");
  if (Buffer.from(utf8, "utf8").equals(name)) return utf8;
  const chinese = iconv.decode(name, "gb18030");
  return chinese.includes("\ufffd") ? utf8 : chinese;
}

function joinPath(folder: Buffer, name: Buffer): Buffer {
  return Buffer.concat([folder, Buffer.from(path.sep), name]);
}

/** A Buffer path as a string when it is valid UTF-8 (so Node's string APIs see the same file), else the Buffer. */
function usablePath(bytes: Buffer): string | Buffer {
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? text : bytes;
}

function specialKind(entry: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (entry.isFIFO()) return "a named pipe";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  return "a special file";
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}

/**
 * Lists the files under a folder that match, sorted; hidden files and folders are skipped. A
 * subfolder that cannot be read, a matching link that leads nowhere or out of the folder, is
 * reported through `onProblem` and the listing goes on. Names that are not valid UTF-8 are
 * read as bytes, so such files load instead of failing as "not found".
 */
export async function listFolder(
  folder: string,
  matches: (relativePath: string) => boolean,
  onProblem: (path: string, reason: string) => void = () => undefined,
  options: ListOptions = {},
): Promise<ListedFile[]> {
  const found: ListedFile[] = [];
  const visited = new Set<string>();
  const shown = (relativePath: string) => path.posix.join(folder.split(path.sep).join("/"), relativePath);
  const root = await fs.realpath(path.resolve(folder));
  async function walk(absoluteFolder: Buffer, relativeFolder: string): Promise<void> {
    let entries;
    try {
      const real = (await fs.realpath(absoluteFolder, { encoding: "buffer" })).toString("latin1");
      if (visited.has(real)) return; // a symbolic link loop
      visited.add(real);
      entries = await fs.readdir(absoluteFolder, { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      if (relativeFolder === "") throw error;
      onProblem(shown(relativeFolder), `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    const named = entries.map((entry) => ({ entry, name: decodeFileName(entry.name as unknown as Buffer) }));
    named.sort((left, right) => compareText(left.name, right.name));
    for (const { entry, name } of named) {
      if (name.startsWith(".")) continue;
      const relativePath = relativeFolder === "" ? name : `${relativeFolder}/${name}`;
      const absolutePath = joinPath(absoluteFolder, entry.name as unknown as Buffer);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(absolutePath).catch(() => undefined);
        if (!target) {
          if (matches(relativePath)) onProblem(shown(relativePath), "a link that leads nowhere");
          continue;
        }
        const real = await fs.realpath(absolutePath).catch(() => "");
        if ((options.followLinks ?? "inside") === "inside" && !isInside(root, real)) {
          if (target.isDirectory() || matches(relativePath)) onProblem(shown(relativePath), `a link to ${real}, outside the corpus folder: skipped (followLinks: "all" follows it)`);
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) await walk(absolutePath, relativePath);
      else if (isFile && matches(relativePath)) found.push({ path: shown(relativePath), absolutePath: usablePath(absolutePath), relativePath });
      else if (!isFile && matches(relativePath)) onProblem(shown(relativePath), `not a regular file (${specialKind(entry)}): skipped`);
    }
  }
  await walk(Buffer.from(path.resolve(folder)), "");
  return found;
}
