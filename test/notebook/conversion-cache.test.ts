// The kept conversions of cells (notebook/conversion-cache.ts), in the real tslab kernel: a cell
// is converted again whenever anything that decided it changed, and a type error is never kept.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { claimLifetimeMilliseconds, conversionClaimFile, conversionFile, conversionKey, kernelConverterOptions, parameterTemplate } from "../../src/notebook/conversion-cache";
import { convertAheadModule, firstCellClaim, releaseClaimsOf, releaseStaleClaims, type ConvertAheadInput } from "../../src/notebook/convert-ahead";
import { HelperProcess } from "../../src/report/helper-process";
import { notebookToRun, runNotebook } from "../../src/report/run-notebook";
import { sourceText } from "../../src/report/notebook-format";
import { projectTemporaryFolder, temporaryFolder } from "../helpers";
import { writeNotebook } from "../report/notebooks";

const folder = projectTemporaryFolder();

describe("the injected parameters cell", () => {
  it("is kept without its values only when each line declares a string, number or boolean of that type", () => {
    expect(parameterTemplate('// Parameters injected by wenxi report\nconst corpusPath: string = "../语料";\nconst topN: number = 5;\nconst on: boolean = false;')).toEqual({
      template: "// Parameters injected by wenxi report\nconst corpusPath: string = ⟨0⟩;\nconst topN: number = ⟨1⟩;\nconst on: boolean = ⟨2⟩;",
      lines: [
        { name: "corpusPath", value: '"../语料"' },
        { name: "topN", value: "5" },
        { name: "on", value: "false" },
      ],
    });
    expect(parameterTemplate('// Parameters injected by wenxi report\nconst topN: number = "5";')).toBeUndefined(); // a type error: converted for real
    expect(parameterTemplate('// Parameters injected by wenxi report\nconst style: "a" | "b" = "c";')).toBeUndefined(); // a type the value may not have
    expect(parameterTemplate('// Parameters injected by wenxi report\nconst options = {"a":1};')).toBeUndefined();
    expect(parameterTemplate('const corpusPath: string = "x";')).toBeUndefined();
  });
});

describe("kept conversions", () => {
  it("are used again, converted anew when a declaration file they read changes, and never kept with a type error", async () => {
    const cache = path.join(temporaryFolder(), "tslab");
    const env = { WENXI_CONVERSION_CACHE: cache };
    writeFileSync(path.join(folder, "measure.js"), "exports.measure = () => 42;\n");
    writeFileSync(path.join(folder, "measure.d.ts"), "export declare function measure(): number;\n");
    const file = writeNotebook(folder, "kept", [
      { code: 'const label = "次数";', tags: ["parameters"] },
      { code: 'import { measure } from "./measure";\nconst count: number = measure();\nconsole.log(label, count);' },
    ]);
    const first = await runNotebook(file, { env, timeout: 60, parameters: [["label", '"第一次"']] });
    expect(first.failure).toBeUndefined();
    const kept = readdirSync(cache).filter((name) => !name.startsWith("inputs-")).length;
    expect(kept).toBe(3); // the parameters cell, the injected one, the measuring one
    // Another value of the parameter: the same entries, the new value in the output.
    const second = await runNotebook(file, { env, timeout: 60, parameters: [["label", '"第二次"']] });
    expect(second.notebook.cells[2].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "第二次 42\n" }]);
    expect(readdirSync(cache).filter((name) => !name.startsWith("inputs-")).length).toBe(kept);
    // The declaration the cell was checked against changes: the kept conversion no longer holds, and the type error is reported.
    writeFileSync(path.join(folder, "measure.d.ts"), "export declare function measure(): string;\n");
    const third = await runNotebook(file, { env, timeout: 60, parameters: [["label", '"第三次"']] });
    expect(third.failure?.message).toMatch(/Type 'string' is not assignable to type 'number'/);
    // Put back: kept again, and the error is not.
    writeFileSync(path.join(folder, "measure.d.ts"), "export declare function measure(): number;\n");
    const fourth = await runNotebook(file, { env, timeout: 60 });
    expect(fourth.failure).toBeUndefined();
    expect(fourth.notebook.cells[1].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "次数 42\n" }]);
  }, 120_000);
});

describe("cells converted ahead", () => {
  it("by a process of their own are the very entries the notebook's kernel looks up, up to the first cell with a type error", async () => {
    const cache = path.join(temporaryFolder(), "tslab");
    const ahead = path.join(folder, "ahead");
    mkdirSync(ahead);
    writeFileSync(path.join(ahead, "measure.js"), "exports.measure = () => 42;\n");
    writeFileSync(path.join(ahead, "measure.d.ts"), "export declare function measure(): number;\n");
    const file = writeNotebook(ahead, "ahead", [
      { code: 'const label = "次数";', tags: ["parameters"] },
      { code: 'import { measure } from "./measure";\nconst count: number = measure();' },
      { code: "console.log(label, count * 2);" },
    ]);
    const parameters: Array<[string, string]> = [["label", '"预先"']];
    const sources = notebookToRun(file, parameters).cells.filter((cell) => cell.cell_type === "code").map(sourceText);
    expect(sources).toHaveLength(4); // with the injected parameters
    const input: ConvertAheadInput = { cache, notebooks: [{ folder: ahead, sources }] };
    await new HelperProcess(convertAheadModule, path.join(temporaryFolder(), "input.json"), input).finished;
    const entries = () => readdirSync(cache).filter((name) => !name.startsWith("inputs-")).sort();
    const made = entries();
    expect(made).toHaveLength(4);
    // The kernel finds every cell: it writes no entry of its own (a key of another shape would add one).
    const run = await runNotebook(file, { env: { WENXI_CONVERSION_CACHE: cache }, timeout: 60, parameters });
    expect(run.failure).toBeUndefined();
    expect(run.notebook.cells[3].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "预先 84\n" }]);
    expect(entries()).toEqual(made);
    // A type error: converted ahead no further, and reported by the kernel.
    const failing = writeNotebook(ahead, "ahead-failing", [{ code: 'const wrong: number = "一";' }, { code: "console.log(wrong);" }]);
    const failingSources = notebookToRun(failing, []).cells.map(sourceText);
    await new HelperProcess(convertAheadModule, path.join(temporaryFolder(), "input.json"), { cache, notebooks: [{ folder: ahead, sources: failingSources }] }).finished;
    expect(entries()).toEqual(made);
    const failed = await runNotebook(failing, { env: { WENXI_CONVERSION_CACHE: cache }, timeout: 60 });
    expect(failed.failure?.message).toMatch(/Type 'string' is not assignable to type 'number'/);
  }, 120_000);
});

describe("a cell another process claimed", () => {
  it("is waited for and taken from that process's entry; converted by the kernel itself when the claim's process is gone", async () => {
    const claimed = path.join(folder, "claimed");
    mkdirSync(claimed);
    const file = writeNotebook(claimed, "claimed", [{ code: 'console.log("内核自己转换");' }]);
    const sources = notebookToRun(file, []).cells.map(sourceText);
    const key = conversionKey(kernelConverterOptions, realpathSync(claimed), "", sources[0]);
    // The cell's conversion, made ahead into another folder, then altered so that its use shows.
    const elsewhere = path.join(temporaryFolder(), "tslab");
    await new HelperProcess(convertAheadModule, path.join(temporaryFolder(), "input.json"), { cache: elsewhere, notebooks: [{ folder: realpathSync(claimed), sources }] }).finished;
    const entry = JSON.parse(readFileSync(conversionFile(elsewhere, key), "utf8")) as { inputs: string; conversion: { output: string } };
    expect(entry.conversion.output).toContain("内核自己转换");
    entry.conversion.output = entry.conversion.output.replace("内核自己转换", "取自另一进程");
    // A live process holds the cell's claim: the kernel reaches the cell and waits; the entry is
    // written and the claim released half a second later.
    const cache = path.join(temporaryFolder(), "tslab");
    mkdirSync(cache);
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(conversionClaimFile(cache, key), String(holder.pid));
      expect(firstCellClaim(cache, realpathSync(claimed), sources)).toBe(conversionClaimFile(cache, key));
      let reached: () => void = () => undefined;
      const cellReached = new Promise<void>((resolve) => (reached = resolve));
      const running = runNotebook(file, { env: { WENXI_CONVERSION_CACHE: cache }, timeout: 60, onCell: () => reached() });
      await cellReached;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(readdirSync(cache)).toEqual([path.basename(conversionClaimFile(cache, key))]); // nothing converted meanwhile
      writeFileSync(path.join(cache, `inputs-${entry.inputs}.json`), readFileSync(path.join(elsewhere, `inputs-${entry.inputs}.json`)));
      writeFileSync(conversionFile(cache, key), JSON.stringify(entry));
      unlinkSync(conversionClaimFile(cache, key));
      const waited = await running;
      expect(waited.failure).toBeUndefined();
      expect(waited.notebook.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "取自另一进程\n" }]);
      expect(firstCellClaim(cache, realpathSync(claimed), sources)).toBeUndefined(); // kept: nothing to claim
    } finally {
      holder.kill();
    }
    // A claim whose process is gone: the kernel converts the cell itself and clears the claim.
    const gone = path.join(temporaryFolder(), "tslab");
    mkdirSync(gone);
    const finished = spawnSync(process.execPath, ["-e", ""]);
    writeFileSync(conversionClaimFile(gone, key), String(finished.pid));
    const own = await runNotebook(file, { env: { WENXI_CONVERSION_CACHE: gone }, timeout: 60 });
    expect(own.notebook.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "内核自己转换\n" }]);
    expect(existsSync(conversionClaimFile(gone, key))).toBe(false);
    expect(existsSync(conversionFile(gone, key))).toBe(true);
    // A claim older than a claim lives (its process id could be another process's now): the same.
    const stale = path.join(temporaryFolder(), "tslab");
    mkdirSync(stale);
    writeFileSync(conversionClaimFile(stale, key), String(process.pid));
    const longAgo = (Date.now() - claimLifetimeMilliseconds - 60_000) / 1000;
    utimesSync(conversionClaimFile(stale, key), longAgo, longAgo);
    const afterStale = await runNotebook(file, { env: { WENXI_CONVERSION_CACHE: stale }, timeout: 60 });
    expect(afterStale.notebook.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "内核自己转换\n" }]);
    expect(existsSync(conversionClaimFile(stale, key))).toBe(false);
  }, 120_000);
});

describe("conversion claims", () => {
  it("left by a run that was killed are removed before a run writes its own; a live process's fresh claim is not", () => {
    const cache = temporaryFolder();
    const finished = spawnSync(process.execPath, ["-e", ""]);
    writeFileSync(path.join(cache, "live.claim"), String(process.pid));
    writeFileSync(path.join(cache, "gone.claim"), String(finished.pid));
    writeFileSync(path.join(cache, "old.claim"), String(process.pid));
    const longAgo = (Date.now() - claimLifetimeMilliseconds - 60_000) / 1000;
    utimesSync(path.join(cache, "old.claim"), longAgo, longAgo);
    writeFileSync(path.join(cache, "entry.json"), "{}");
    releaseStaleClaims(cache);
    expect(readdirSync(cache).sort()).toEqual(["entry.json", "live.claim"]);
    releaseClaimsOf(cache, process.pid);
    expect(readdirSync(cache)).toEqual(["entry.json"]);
  });
});
