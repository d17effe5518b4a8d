// The Jupyter kernelspec of wenxi's kernel (`wenxi kernel install [--user | --prefix DIR]`): tslab
// run by this Node with wenxi's preload, every path resolved when the spec is written, so it
// works wherever npm put tslab (hoisted beside wenxi or nested under it) and needs no Python.
// A kernel.json that wenxi did not write is never overwritten.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { packageRoot, packageVersion } from "../shared/package-info";

export const kernelName = "wenxi";

/** The user's Jupyter data folder, as Jupyter finds it ($JUPYTER_DATA_DIR first). */
export function userJupyterDataFolder(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? homedir(), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), ".local", "share"), "jupyter");
}

/** The machine-wide Jupyter data folder (jupyter_core's first SYSTEM_JUPYTER_PATH entry). */
export function systemJupyterDataFolder(): string {
  if (process.platform === "win32") return path.join(process.env.PROGRAMDATA ?? "C:\\ProgramData", "jupyter");
  return "/usr/local/share/jupyter";
}

/** tslab's launcher script, wherever npm installed tslab. */
export function tslabScript(): string {
  return path.join(path.dirname(require.resolve("tslab/package.json")), "bin", "tslab");
}

/** The compiled preload (from the sources, as under the tests, the build's copy). */
function preloadScript(): string {
  return __filename.endsWith(".ts") ? path.resolve(__dirname, "../../dist/notebook/kernel-preload.js") : path.join(__dirname, "kernel-preload.js");
}

/** The kernel's command line: this Node, wenxi's preload (see kernel-preload.ts), tslab. */
export function kernelArgv(): string[] {
  return [process.execPath, "--require", preloadScript(), tslabScript(), "kernel", "--config-path", "{connection_file}"];
}

export function kernelSpec(): object {
  return {
    argv: kernelArgv(),
    display_name: "TypeScript (wenxi)",
    language: "typescript",
    metadata: { debugger: false, wenxi: { version: packageVersion(), package: packageRoot } },
  };
}

export interface KernelInstallOptions {
  /** Under <prefix>/share/jupyter, as Jupyter's --prefix. */
  prefix?: string;
  /** In the user's Jupyter data folder (default: the machine-wide one, as `jupyter kernelspec install`). */
  user?: boolean;
}

/** The folder a kernelspec goes to for these options. */
export function kernelSpecFolder(options: KernelInstallOptions = {}): string {
  const dataFolder = options.prefix ? path.join(path.resolve(options.prefix), "share", "jupyter") : options.user ? userJupyterDataFolder() : systemJupyterDataFolder();
  return path.join(dataFolder, "kernels", kernelName);
}

/**
 * Writes <folder>/kernels/wenxi/kernel.json and returns its path. An existing kernel.json is
 * replaced only when wenxi wrote it (its metadata says so); any other is an error naming it.
 */
export function installKernelSpec(options: KernelInstallOptions = {}): string {
  const folder = kernelSpecFolder(options);
  const file = path.join(folder, "kernel.json");
  if (existsSync(file)) {
    let ours = false;
    try {
      const existing = JSON.parse(readFileSync(file, "utf8")) as { metadata?: { wenxi?: unknown } };
      ours = typeof existing?.metadata?.wenxi === "object" && existing.metadata.wenxi !== null;
    } catch {
      ours = false;
    }
    if (!ours) throw new Error(`${file} exists and was not written by wenxi: it was left as it is (remove it, or install with --prefix DIR elsewhere)`);
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, `${JSON.stringify(kernelSpec(), null, 2)}\n`);
  return file;
}
