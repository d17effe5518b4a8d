// `wenxi kernel install` registers wenxi's kernel with Jupyter; `wenxi init DIR` makes a folder of
// one's own: editable copies of the shipped notebooks reading a corpus of one's choice, a
// package.json and a README, ready for `wenxi report --notebooks notebooks`. Neither overwrites
// anything it did not write.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { installKernelSpec, kernelName } from "../notebook/kernelspec";
import { readNotebook, serializeNotebook, sourceText } from "../report/notebook-format";
import { shippedNotebookFolder } from "../report/report";
import { packageFolderFrom } from "../shared/package-lookup";
import { packageRoot, packageVersion } from "../shared/package-info";
import { UsageError } from "./arguments";
import { stringOption, type Command } from "./command";

export const kernelCommand: Command = {
  name: "kernel",
  summary: "register wenxi's TypeScript kernel with Jupyter (JupyterLab, Notebook, VS Code, nbconvert)",
  usage: "wenxi kernel install [--user | --prefix DIR]",
  valueOptions: ["prefix"],
  flagOptions: ["user"],
  examples: ["wenxi kernel install --user", "wenxi kernel install --prefix /tmp/jupyter-env"],
  async run(parsed, output) {
    if (parsed.positionals[0] !== "install" || parsed.positionals.length > 1) throw new UsageError(`kernel: the action is "install"\nusage: ${kernelCommand.usage}`);
    const prefix = stringOption(parsed, "prefix");
    if (prefix && parsed.options.has("user")) throw new UsageError("kernel install: --user and --prefix choose different places: give one");
    let file: string;
    try {
      file = installKernelSpec({ prefix, user: parsed.options.has("user") });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") throw new Error(`${(error as Error).message}: the machine-wide folder needs administrator rights; install for yourself with --user`);
      throw error;
    }
    output.stdout(
      `wrote ${file}\nJupyter lists the kernel as "TypeScript (wenxi)" (name ${kernelName})${prefix ? `; it finds it with JUPYTER_PATH=${path.join(path.resolve(prefix), "share", "jupyter")}` : ""}. It runs ${process.execPath} with the tslab and wenxi found now: install again after moving or updating them.\n`,
    );
    return 0;
  },
};

/** A package name npm accepts, from a folder name. */
function packageName(folder: string): string {
  const name = path.basename(path.resolve(folder)).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "");
  return name || "wenxi-analysis";
}

/** A path as a notebook's corpusPath: relative to the notebooks' folder, with forward slashes. */
function corpusPathFrom(notebookFolder: string, corpus: string): string {
  const relative = path.relative(notebookFolder, corpus);
  return (path.isAbsolute(relative) ? relative : relative || ".").split(path.sep).join("/");
}

function readme(name: string, corpusNote: string, version: string): string {
  return `# ${name}

An analysis made with wenxi ${version} (\`wenxi init\`). The notebooks in \`notebooks/\` are your
copies of wenxi's: edit them freely; \`wenxi report\` runs them fresh and writes the report.

## Run

    npx wenxi report --notebooks notebooks --out report

writes \`report/index.html\` (open it in a browser) and the executed notebooks beside it.
${corpusNote}

- Another corpus for one run: \`npx wenxi report --notebooks notebooks --corpus PATH\`.
- Each notebook's parameters (corpus, terms, topic count …) with their defaults:
  \`npx wenxi report --notebooks notebooks --help\`; set one with \`--param name=value\`.
- In JupyterLab or VS Code: \`npx wenxi kernel install --user\` once, then open a notebook and
  pick the kernel "TypeScript (wenxi)".

The notebooks import \`wenxi\` by name: it is found in \`node_modules/\` of this folder or of a
folder above it (\`npm install\` here installs the copy package.json names).
`;
}

export const initCommand: Command = {
  name: "init",
  summary: "make a folder with editable copies of the notebooks, a package.json and a README",
  usage: "wenxi init DIR [--corpus PATH]",
  valueOptions: ["corpus"],
  flagOptions: [],
  examples: ["wenxi init my-analysis --corpus ~/texts/weibo-posts", "wenxi init my-analysis"],
  async run(parsed, output) {
    const [target, ...extra] = parsed.positionals;
    if (!target || extra.length > 0) throw new UsageError(`init: give one folder\nusage: ${initCommand.usage}`);
    const folder = path.resolve(target);
    if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0)) {
      throw new Error(`init: "${target}" already exists and is not an empty folder: nothing was written (choose a new name)`);
    }
    const corpusOption = stringOption(parsed, "corpus");
    if (corpusOption !== undefined && !existsSync(corpusOption)) throw new Error(`init: the corpus "${corpusOption}" does not exist`);
    const version = packageVersion();
    const notebookFolder = path.join(folder, "notebooks");
    mkdirSync(notebookFolder, { recursive: true });
    let corpus: string;
    let corpusNote: string;
    if (corpusOption !== undefined) {
      corpus = path.resolve(corpusOption);
      corpusNote = `The notebooks read the corpus at \`${corpusPathFrom(notebookFolder, corpus)}\` (from \`notebooks/\`): change \`corpusPath\` in each notebook's first code cell, or pass --corpus.`;
    } else {
      corpus = path.join(folder, "corpus");
      cpSync(path.join(packageRoot, "data", "corpus"), corpus, { recursive: true });
      corpusNote = "The notebooks read `corpus/`, which holds wenxi's five example articles: put your own texts there (a folder of .txt files, a .jsonl or a .csv), or pass --corpus.";
    }
    const corpusPath = corpusPathFrom(notebookFolder, corpus);
    const copied: string[] = [];
    for (const name of readdirSync(shippedNotebookFolder).filter((entry) => entry.endsWith(".ipynb")).sort()) {
      const notebook = readNotebook(path.join(shippedNotebookFolder, name));
      for (const cell of notebook.cells) {
        if (cell.cell_type !== "code" || !(cell.metadata.tags ?? []).includes("parameters")) continue;
        cell.source = sourceText(cell).replace(/^(\s*const\s+corpusPath\s*(?::\s*string\s*)?=\s*)(.+?)(;?\s*)$/m, (_line, head: string, _value: string, tail: string) => `${head}${JSON.stringify(corpusPath)}${tail}`);
      }
      writeFileSync(path.join(notebookFolder, name), serializeNotebook(notebook));
      copied.push(name);
    }
    const manifest = {
      name: packageName(folder),
      private: true,
      description: `A corpus analysis made with wenxi ${version}`,
      scripts: { report: "wenxi report --notebooks notebooks --out report", "kernel:install": "wenxi kernel install --user" },
      dependencies: { wenxi: `file:${path.relative(folder, packageRoot).split(path.sep).join("/") || "."}` },
    };
    writeFileSync(path.join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(path.join(folder, "README.md"), readme(path.basename(folder), corpusNote, version));
    // The notebooks import "wenxi": link this copy when none is found from the new folder.
    let linked = false;
    if (packageFolderFrom(notebookFolder, "wenxi") === undefined) {
      mkdirSync(path.join(folder, "node_modules"), { recursive: true });
      symlinkSync(packageRoot, path.join(folder, "node_modules", "wenxi"), "junction");
      linked = true;
    }
    output.stdout(
      `wrote ${target}/: notebooks/ (${copied.length} notebooks reading ${corpusPath}), ${corpusOption === undefined ? "corpus/ (the example articles), " : ""}package.json, README.md${linked ? `, node_modules/wenxi (a link to ${packageRoot})` : ""}\nnext: cd ${target} && npx wenxi report --notebooks notebooks --out report\n`,
    );
    return 0;
  },
};
