// Every notebook under notebooks/ executed by Jupyter's own client (Debian's jupyter-nbconvert)
// with the kernelspec from `npm run kernel:install`: no cell fails, and every chart output
// carries both the interactive spec and the pre-rendered SVG. CI installs Jupyter (.ci/run); on
// a machine without it the test is skipped, except under CI, where it must run.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { installKernelSpec } from "../../src/notebook/kernelspec";
import { runProgram, temporaryFolder } from "../helpers";

const jupyter = "/usr/bin/jupyter";
const available = existsSync(jupyter) && spawnSync(jupyter, ["nbconvert", "--version"]).status === 0;
if (!available && process.env.CI) throw new Error("CI must have Jupyter (jupyter-nbconvert) installed: see .ci/run");

type Output = { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> };
type Notebook = { cells: Array<{ cell_type: string; outputs?: Output[]; metadata: { tags?: string[] } }> };

describe.skipIf(!available)("notebooks under Jupyter's own client", () => {
  const prefix = temporaryFolder();
  installKernelSpec({ prefix });
  const notebooks = readdirSync("notebooks").filter((name) => name.endsWith(".ipynb")).sort();

  it("finds the eight notebooks, each with a parameters cell first", () => {
    expect(notebooks).toHaveLength(8);
    for (const name of notebooks) {
      const notebook = JSON.parse(readFileSync(path.join("notebooks", name), "utf8")) as Notebook;
      const firstCode = notebook.cells.find((cell) => cell.cell_type === "code")!;
      expect(firstCode.metadata.tags, name).toContain("parameters");
    }
  });

  it.each(notebooks)("%s executes without a failing cell; charts carry Vega JSON and SVG", async (name) => {
    const output = path.join(prefix, name);
    // Asynchronously: a synchronous run of a minute blocks vitest's worker and its reports to the main process.
    const run = await runProgram(jupyter, ["nbconvert", "--to", "notebook", "--execute", name, "--output", output, "--ExecutePreprocessor.timeout=300"], {
      cwd: "notebooks",
      env: { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") },
    });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const executed = JSON.parse(readFileSync(output, "utf8")) as Notebook;
    const outputs = executed.cells.flatMap((cell) => cell.outputs ?? []);
    expect(outputs.filter((item) => item.name === "stderr")).toEqual([]);
    for (const item of outputs.filter((candidate) => candidate.output_type === "display_data")) {
      const types = Object.keys(item.data ?? {});
      if (types.some((type) => type.startsWith("application/vnd.vega"))) {
        // A PNG for front ends without Vega (and nbconvert --to html), no SVG it would pick and strip.
        expect(types).toContain("image/png");
        expect(types).not.toContain("image/svg+xml");
        const spec = item.data![types.find((type) => type.startsWith("application/vnd.vega"))!];
        expect(typeof spec).toBe("object");
      }
    }
    if (name !== "01-corpus-overview.ipynb") expect(outputs.some((item) => Object.keys(item.data ?? {}).includes("application/vnd.vegalite.v5+json"))).toBe(true);
  }, 300_000);
});
