// Where a notebook finds a package it imports by name: node_modules/<name> in its folder or a
// folder above (Node's and TypeScript's node_modules lookup). `require.resolve` cannot answer
// this from inside wenxi: a package resolves its own name from its own files whatever the folder.
import { existsSync } from "node:fs";
import * as path from "node:path";

/** The folder of package `name` seen from `start` upwards, or undefined. */
export function packageFolderFrom(start: string, name: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    const candidate = path.join(folder, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}
