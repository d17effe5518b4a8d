// `npm run kernel:install [-- --prefix DIR]`: writes a Jupyter kernelspec for this project's own
// tslab (no Python needed), so `jupyter lab` and `jupyter nbconvert` run the notebooks with the
// kernel that can import wenxi. Default location: the user's Jupyter data folder.
import { mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";

export const kernelName = "wenxi";

/** The user's Jupyter data folder, as Jupyter finds it ($JUPYTER_DATA_DIR first). */
export function userJupyterDataFolder(): string {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? homedir(), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(homedir(), ".local", "share"), "jupyter");
}

/** The kernel's command line: Node, wenxi's preload (see kernel-preload.ts), tslab. */
export function kernelArgv(projectRoot: string = path.resolve(__dirname, "../..")): string[] {
  return [
    process.execPath,
    "--require",
    path.join(projectRoot, "dist", "notebook", "kernel-preload.js"),
    path.join(projectRoot, "node_modules", "tslab", "bin", "tslab"),
    "kernel",
    "--config-path",
    "{connection_file}",
  ];
}

export function kernelSpec(projectRoot: string): object {
  return {
    argv: kernelArgv(projectRoot),
    display_name: "TypeScript (wenxi)",
    language: "typescript",
    metadata: { debugger: false },
  };
}

/** Writes <folder>/kernels/wenxi/kernel.json; `prefix` puts it under <prefix>/share/jupyter as Jupyter's --prefix does. */
export function installKernelSpec(options: { prefix?: string; projectRoot?: string } = {}): string {
  const projectRoot = options.projectRoot ?? path.resolve(__dirname, "../..");
  const dataFolder = options.prefix ? path.join(path.resolve(options.prefix), "share", "jupyter") : userJupyterDataFolder();
  const folder = path.join(dataFolder, "kernels", kernelName);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, "kernel.json");
  writeFileSync(file, `${JSON.stringify(kernelSpec(projectRoot), null, 2)}\n`);
  return file;
}

if (require.main === module) {
  const index = process.argv.indexOf("--prefix");
  const prefix = index >= 0 ? process.argv[index + 1] : undefined;
  if (index >= 0 && !prefix) {
    process.stderr.write("kernel:install: --prefix needs a folder\n");
    process.exitCode = 2;
  } else {
    const file = installKernelSpec({ prefix });
    process.stdout.write(`wrote ${file}\nJupyter finds it${prefix ? ` with JUPYTER_PATH=${path.join(path.resolve(prefix), "share", "jupyter")}` : ""}: the kernel is "TypeScript (wenxi)"\n`);
  }
}
