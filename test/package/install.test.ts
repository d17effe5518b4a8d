// The package as a researcher gets it: `npm pack`, then `npm install ./wenxi-*.tgz` in an empty
// folder (from the npm registry, as any user), and the commands run there with no clone:
// report on their own corpus with the shipped notebooks, kernel install, init, the report of an
// init'd folder; the public API and its `wenxi/report` entry; toDataFrame without danfojs-node.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runProgram, temporaryFolder } from "../helpers";

const root = path.resolve(__dirname, "../..");
const folder = temporaryFolder();
const project = path.join(folder, "project");
const environment = { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false", JUPYTER_DATA_DIR: path.join(folder, "jupyter-data") };
delete environment.npm_config_yes; // as on this machine: npm's yes=false must not stop the install

async function npx(args: string[], cwd = project) {
  return runProgram(path.join(project, "node_modules", ".bin", "wenxi"), args, { cwd, env: environment });
}

describe("npm pack, then npm install of the tarball in an empty folder", () => {
  let tarball = "";
  beforeAll(async () => {
    // dist/ is built by `pretest`; --ignore-scripts skips building it again.
    const packed = await runProgram("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", folder], { cwd: root, env: environment });
    expect(packed.status, packed.stderr).toBe(0);
    tarball = path.join(folder, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
    mkdirSync(project);
    const installed = await runProgram("npm", ["install", "--no-package-lock", tarball], { cwd: project, env: environment });
    expect(installed.status, installed.stderr.slice(-3000)).toBe(0);
  }, 600_000);

  it("ships the notebooks, the example corpus, the licence; no test, bench or link", async () => {
    const installedRoot = path.join(project, "node_modules", "wenxi");
    expect(readdirSync(path.join(installedRoot, "notebooks")).filter((name) => name.endsWith(".ipynb"))).toHaveLength(8);
    expect(existsSync(path.join(installedRoot, "notebooks", "node_modules"))).toBe(false);
    expect(existsSync(path.join(installedRoot, "data", "corpus"))).toBe(true);
    expect(readFileSync(path.join(installedRoot, "LICENSE"), "utf8")).toContain("MIT License");
    expect(existsSync(path.join(installedRoot, "test"))).toBe(false);
    expect(existsSync(path.join(installedRoot, "dist", "bench"))).toBe(false);
    // danfojs-node (and TensorFlow) are not installed: an optional peer dependency.
    expect(existsSync(path.join(project, "node_modules", "danfojs-node"))).toBe(false);
    expect(existsSync(path.join(project, "node_modules", "@tensorflow"))).toBe(false);
  });

  it("exposes the public API and wenxi/report, and nothing else by path; toDataFrame says how to get danfojs-node", async () => {
    const script = [
      'const w = require("wenxi"); const r = require("wenxi/report");',
      'let deep = "exported"; try { require("wenxi/dist/corpus/load"); } catch (error) { deep = error.code; }',
      'let frame = ""; try { w.toDataFrame([{ a: 1 }]); } catch (error) { frame = error.message; }',
      "console.log(JSON.stringify({ values: Object.keys(w).length, report: Object.keys(r).sort(), deep, frame }));",
    ].join("\n");
    const ran = await runProgram(process.execPath, ["-e", script], { cwd: project, env: environment });
    expect(ran.status, ran.stderr).toBe(0);
    const result = JSON.parse(ran.stdout) as { values: number; report: string[]; deep: string; frame: string };
    expect(result.values).toBe(69);
    expect(result.report).toEqual(["KernelClient", "ReportFailure", "ReportOutputError", "buildReport", "injectParameters", "installKernelSpec", "kernelName", "readNotebook", "runNotebook", "serializeNotebook", "userJupyterDataFolder"]);
    expect(result.deep).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    expect(result.frame).toContain("npm install danfojs-node@1.1.2 @tensorflow/tfjs@3.21.0");
  });

  it("wenxi kernel install --user writes a kernelspec whose paths exist where npm put them", async () => {
    const ran = await npx(["kernel", "install", "--user"]);
    expect(ran.status, ran.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(path.join(folder, "jupyter-data", "kernels", "wenxi", "kernel.json"), "utf8")) as { argv: string[]; metadata: { wenxi: { version: string } } };
    expect(spec.argv[0]).toBe(process.execPath);
    expect(spec.argv[2]).toBe(path.join(project, "node_modules", "wenxi", "dist", "notebook", "kernel-preload.js"));
    expect(spec.argv[3]).toBe(path.join(project, "node_modules", "tslab", "bin", "tslab")); // hoisted beside wenxi
    for (const file of spec.argv.slice(2, 4)) expect(existsSync(file), file).toBe(true);
    expect(spec.metadata.wenxi.version).toBe("0.1.0");
    // A kernel.json wenxi did not write is left alone.
    writeFileSync(path.join(folder, "jupyter-data", "kernels", "wenxi", "kernel.json"), '{"argv": ["python"], "display_name": "mine"}\n');
    const refused = await npx(["kernel", "install", "--user"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("was not written by wenxi");
    expect(readFileSync(path.join(folder, "jupyter-data", "kernels", "wenxi", "kernel.json"), "utf8")).toContain('"mine"');
  });

  it("wenxi report --help lists the shipped notebooks' parameters; a misspelt one is refused", async () => {
    const help = await npx(["report", "--help"]);
    expect(help.status).toBe(0);
    for (const name of ["corpusPath", "nameFields", "topN", "keyTermCount", "compareBy", "topicCount", "networkTerms", "period", "dictionaryPath"]) expect(help.stdout).toContain(`  ${name}: `);
    const wrong = await npx(["report", "--corpus", "texts", "--param", "topicCont=3"]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('no notebook declares a parameter "topicCont"');
    expect(wrong.stderr).toContain("topicCount");
  });

  it("wenxi init makes a folder whose notebooks run with wenxi report --notebooks, on the user's corpus", async () => {
    const texts = path.join(project, "texts");
    mkdirSync(texts);
    for (const name of readdirSync(path.join(root, "data", "corpus")).sort().slice(0, 2)) copyFileSync(path.join(root, "data", "corpus", name), path.join(texts, name));
    const init = await npx(["init", "my-analysis", "--corpus", "texts"]);
    expect(init.status, init.stderr).toBe(0);
    const analysis = path.join(project, "my-analysis");
    expect(readdirSync(path.join(analysis, "notebooks")).filter((name) => name.endsWith(".ipynb"))).toHaveLength(8);
    expect(readFileSync(path.join(analysis, "notebooks", "06-structure.ipynb"), "utf8")).toContain('const corpusPath = \\"../../texts\\";');
    expect(readFileSync(path.join(analysis, "README.md"), "utf8")).toContain("npx wenxi report --notebooks notebooks --out report");
    expect((JSON.parse(readFileSync(path.join(analysis, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies.wenxi).toBe("file:../node_modules/wenxi");
    // A second init into the same folder writes nothing.
    const again = await npx(["init", "my-analysis"]);
    expect(again.status).toBe(1);
    const report = await npx(["report", "--notebooks", "notebooks", "--out", "report", "--jobs", "2"], analysis);
    expect(report.status, report.stderr.slice(-3000)).toBe(0);
    expect(report.stdout).toMatch(/wrote report\/index\.html: 8 notebooks, \d+ charts/);
    const index = readFileSync(path.join(analysis, "report", "index.html"), "utf8");
    expect(index).toContain("2 documents");
    // The charts have their PNG copy (the packaged font), so nbconvert and GitHub show them.
    const executed = JSON.parse(readFileSync(path.join(analysis, "report", "02-term-frequency.ipynb"), "utf8")) as { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> };
    expect(executed.cells.flatMap((cell) => cell.outputs ?? []).filter((output) => output.data?.["image/png"]).length).toBeGreaterThan(0);
  }, 600_000);
});
