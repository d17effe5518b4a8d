// Finding the files of a corpus source: a folder (recursive, by glob or extension), a single
// file, or a JSONL/CSV file of many documents. I/O lives here and in load.ts only.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { compareText } from "../stats/order";

export type SourceFormat = "text" | "jsonl" | "csv";

/** A glob over '/'-separated relative paths: `*` (not across /), `**` (any depth), `?`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index];
    if (character === "*") {
      if (glob[index + 1] === "*") {
        const slashAfter = glob[index + 2] === "/";
        pattern += slashAfter ? "(?:.*/)?" : ".*";
        index += slashAfter ? 2 : 1;
      } else pattern += "[^/]*";
    } else if (character === "?") pattern += "[^/]";
    else if (character === "{") {
      const close = glob.indexOf("}", index);
      if (close < 0) pattern += "\\{";
      else {
        pattern += `(?:${glob.slice(index + 1, close).split(",").map((part) => part.replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")).join("|")})`;
        index = close;
      }
    } else pattern += character.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`, "u");
}

export function formatOfPath(filePath: string): SourceFormat {
  const extension = path.extname(filePath).toLowerCase();
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  if (extension === ".csv" || extension === ".tsv") return "csv";
  return "text";
}

export interface ListedFile {
  /** The path as the user would write it: the source joined with the relative path. */
  path: string;
  absolutePath: string;
  /** Relative to the source folder, '/'-separated (the file name for a single file). */
  relativePath: string;
}

/**
 * Lists the files under a folder that match, sorted; hidden files and folders are skipped. A
 * subfolder that cannot be read, or a matching link that leads nowhere, is reported through
 * `onProblem` and the listing goes on.
 */
export async function listFolder(
  folder: string,
  matches: (relativePath: string) => boolean,
  onProblem: (path: string, reason: string) => void = () => undefined,
): Promise<ListedFile[]> {
  const found: ListedFile[] = [];
  const visited = new Set<string>();
  const shown = (relativePath: string) => path.posix.join(folder.split(path.sep).join("/"), relativePath);
  async function walk(absoluteFolder: string, relativeFolder: string): Promise<void> {
    let entries;
    try {
      const real = await fs.realpath(absoluteFolder);
      if (visited.has(real)) return; // a symbolic link loop
      visited.add(real);
      entries = await fs.readdir(absoluteFolder, { withFileTypes: true });
    } catch (error) {
      if (relativeFolder === "") throw error;
      onProblem(shown(relativeFolder), `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return;
    }
    entries.sort((left, right) => compareText(left.name, right.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const relativePath = relativeFolder === "" ? entry.name : `${relativeFolder}/${entry.name}`;
      const absolutePath = path.join(absoluteFolder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await fs.stat(absolutePath).catch(() => undefined);
        if (!target && matches(relativePath)) onProblem(shown(relativePath), "a link that leads nowhere");
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) await walk(absolutePath, relativePath);
      else if (isFile && matches(relativePath)) found.push({ path: shown(relativePath), absolutePath, relativePath });
    }
  }
  await walk(path.resolve(folder), "");
  return found;
}
