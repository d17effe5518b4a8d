// A report run never deletes what wenxi did not write, cleans up after an interrupt, survives a
// flood of output, and keeps hostile notebook names inert. Against the real tslab kernel.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, ReportFailure } from "../../src/report/report";
import { runNotebook } from "../../src/report/run-notebook";
import { defaultKernelArgv } from "../../src/report/kernel-client";
import { checkReplaceable } from "../../src/shared/owned-folder";
import { removeStaleKernelFolders } from "../../src/report/interrupts";
import { projectTemporaryFolder, runProgram } from "../helpers";
import { writeNotebook } from "./notebooks";

const folder = projectTemporaryFolder();
const cli = path.resolve("dist/cli/main.js");
const notebooks = path.join(folder, "notebooks");
mkdirSync(notebooks);
writeNotebook(notebooks, "only", [{ markdown: "# Only" }, { code: 'console.log("ran")' }]);

function runCli(args: string[], cwd = process.cwd()) {
  return runProgram(process.execPath, [cli, ...args], { cwd });
}

describe("wenxi report --out", () => {
  it("refuses a regular file, a folder of other files and the working directory, and leaves them as they were", async () => {
    const file = path.join(folder, "notes.txt");
    writeFileSync(file, "my notes");
    const theirs = path.join(folder, "theirs");
    mkdirSync(theirs);
    writeFileSync(path.join(theirs, "thesis.docx"), "chapter 1");
    for (const [target, message] of [
      [file, "it is not a folder"],
      [theirs, "it holds files wenxi did not write"],
    ] as const) {
      const run = await runCli(["report", "--notebooks", notebooks, "--out", target]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain(message);
    }
    expect(readFileSync(file, "utf8")).toBe("my notes");
    expect(readdirSync(theirs)).toEqual(["thesis.docx"]);
    const here = await runCli(["report", "--notebooks", notebooks, "--out", "."], theirs);
    expect(here.status).toBe(1);
    expect(here.stderr).toContain("is the working directory or one of its parents");
    expect(readdirSync(theirs)).toEqual(["thesis.docx"]);
    expect(() => checkReplaceable("/")).toThrow("working directory or one of its parents");
  });
  it("writes into an empty folder and replaces a folder it wrote, marker and all", async () => {
    const out = path.join(folder, "empty-then-report");
    mkdirSync(out);
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus" });
    expect(readdirSync(out).sort()).toEqual([".wenxi-report", "index.html", "only.html", "only.ipynb", "report.json"]);
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus" });
    expect(readdirSync(out).sort()).toEqual([".wenxi-report", "index.html", "only.html", "only.ipynb", "report.json"]);
  }, 120_000);
});

describe("progress on a terminal", () => {
  it("redraws one line per notebook on a terminal, and writes whole lines otherwise", async () => {
    const { runCli: runInProcess } = await import("../../src/cli/main");
    for (const interactive of [true, false]) {
      let stderr = "";
      const code = await runInProcess(["report", "--notebooks", notebooks, "--out", path.join(folder, `progress-${interactive}`)], { stdout: () => undefined, stderr: (text) => (stderr += text), interactive });
      expect(code).toBe(0);
      if (interactive) expect(stderr).toMatch(/\r\x1b\[K\[1\/1\] only: cell 1\/1 \(\d+\.\d s\)\r\x1b\[K\[1\/1\] only: done in/);
      else expect(stderr).not.toContain("\r");
    }
  }, 120_000);
});

describe("what a report run may delete", () => {
  const listing = (target: string) => readdirSync(target).sort();

  it("refuses a corpus inside the report folder (the form report --help once showed), and deletes none of its texts", async () => {
    const out = path.join(folder, "report-with-texts");
    const first = await runCli(["report", "--notebooks", notebooks, "--out", out]);
    expect(first.status, first.stderr).toBe(0);
    for (let index = 1; index <= 49; index++) writeFileSync(path.join(out, `${1954 + index}政府工作报告.txt`), "政府工作报告。");
    const before = listing(out);
    const run = await runCli(["report", "--notebooks", notebooks, "--out", out, "--corpus", out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`holds the corpus`);
    expect(listing(out)).toEqual(before);
    // Without --corpus, the texts are still someone else's files in the folder: refused, named.
    const again = await runCli(["report", "--notebooks", notebooks, "--out", out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("holds 49 file(s) wenxi did not write");
    expect(again.stderr).toContain("1955政府工作报告.txt");
    expect(listing(out)).toEqual(before);
    // An output folder inside the corpus is refused too.
    const inside = await runCli(["report", "--notebooks", notebooks, "--out", path.join(out, "sub"), "--corpus", out]);
    expect(inside.status).toBe(1);
    expect(inside.stderr).toContain("lies inside the corpus");
  }, 120_000);

  it("refuses a look-alike folder: a copied index.html beside the user's own pages", async () => {
    const lookAlike = path.join(folder, "look-alike");
    mkdirSync(lookAlike);
    writeFileSync(path.join(lookAlike, "index.html"), "<html><body>…<footer>wenxi 0.1.0</footer></body></html>");
    writeFileSync(path.join(lookAlike, "my-page.html"), "<p>mine</p>");
    writeFileSync(path.join(lookAlike, ".wenxi-report"), "This folder is a wenxi report: `wenxi report` may replace it.\n");
    const run = await runCli(["report", "--notebooks", notebooks, "--out", lookAlike]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("holds no list of the files wenxi wrote");
    expect(listing(lookAlike)).toEqual([".wenxi-report", "index.html", "my-page.html"]);
  });

  it("puts back the last good report that a kill -9 left in <out>.previous-<pid>, and keeps it when the next run fails", async () => {
    const out = path.join(folder, "swap");
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus" });
    const goodIndex = readFileSync(path.join(out, "index.html"), "utf8");
    const deadPid = 2 ** 22 + 4242;
    renameSync(out, `${out}.previous-${deadPid}`);
    const broken = path.join(folder, "broken-notebooks");
    mkdirSync(broken);
    writeNotebook(broken, "only", [{ code: 'throw new Error("broken on purpose")' }]);
    const failing = buildReport({ notebookFolder: broken, out, corpus: "data/corpus" });
    await expect(failing).rejects.toBeInstanceOf(ReportFailure);
    expect((await failing.catch((error: ReportFailure) => error)).previousReport).toBe(true);
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe(goodIndex);
    expect(existsSync(`${out}.previous-${deadPid}`)).toBe(false);
    // With no report before, the CLI does not claim one was kept: the report is written, its failure marked.
    const fresh = await runCli(["report", "--notebooks", broken, "--out", path.join(folder, "first-written")]);
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toContain("The report was written to");
    expect(fresh.stderr).not.toContain("was left as it was");
    expect(readFileSync(path.join(folder, "first-written", "index.html"), "utf8")).toContain("broken on purpose");
  }, 120_000);

  it("refuses to re-run one notebook on another corpus into a report made from a different one", async () => {
    const two = path.join(folder, "two-notebooks");
    mkdirSync(two);
    writeNotebook(two, "a", [{ code: 'const corpusPath = "x";\nconst topicCount = 0;', tags: ["parameters"] }, { code: "console.log(corpusPath)" }]);
    writeNotebook(two, "b", [{ code: 'const corpusPath = "x";\nconst topicCount = 0;', tags: ["parameters"] }, { code: "console.log(corpusPath)" }]);
    const other = path.join(folder, "other-corpus");
    mkdirSync(other);
    writeFileSync(path.join(other, "one.txt"), "另一个语料库的唯一文档。");
    const out = path.join(folder, "mixed");
    await buildReport({ notebookFolder: two, out, corpus: "data/corpus" });
    await expect(buildReport({ notebookFolder: two, notebooks: ["b"], out, corpus: other })).rejects.toThrow(/was made from a corpus of 5 documents .* this run uses a corpus of 1 documents/);
    await expect(buildReport({ notebookFolder: two, notebooks: ["b"], out, corpus: "data/corpus", parameters: [["topicCount", "3"]] })).rejects.toThrow("with topicCount=3");
    // The same corpus and parameters: allowed, the other page kept.
    await buildReport({ notebookFolder: two, notebooks: ["b"], out, corpus: "data/corpus" });
    expect(listing(out)).toEqual([".wenxi-report", "a.html", "a.ipynb", "b.html", "b.ipynb", "index.html", "report.json"]);
  }, 120_000);
});

describe("an interrupted report", () => {
  const kernelFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith("wenxi-kernel-"));
  const processesNaming = (text: string) =>
    readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text);
        } catch {
          return false;
        }
      });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`on ${signal} shuts the kernel down and removes the build and kernel folders`, async () => {
      const slow = path.join(folder, `slow-${signal}`);
      mkdirSync(slow);
      writeNotebook(slow, "slow", [{ code: 'console.log("started");\nawait new Promise((resolve) => setTimeout(resolve, 120000));' }]);
      const out = path.join(folder, `out-${signal}`);
      const before = new Set(kernelFolders());
      const child = spawn(process.execPath, [cli, "report", "--notebooks", slow, "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      // Wait until the cell runs: its kernel folder exists and holds kernel.pid.
      let kernelFolder: string | undefined;
      for (let tries = 0; tries < 300 && !kernelFolder; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (!stderr.includes("cell 1/1")) continue;
        kernelFolder = kernelFolders().find((name) => !before.has(name) && name.startsWith(`wenxi-kernel-${child.pid}-`));
      }
      expect(kernelFolder, stderr).toBeDefined();
      const kernelPid = readFileSync(path.join(tmpdir(), kernelFolder!, "kernel.pid"), "utf8");
      expect(processesNaming(kernelFolder!)).toContain(kernelPid);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, received) => resolve(received)));
      child.kill(signal);
      expect(await exited).toBe(signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(processesNaming(kernelFolder!)).toEqual([]);
      expect(existsSync(path.join(tmpdir(), kernelFolder!))).toBe(false);
      expect(readdirSync(folder).filter((name) => name.startsWith(`out-${signal}.`))).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }, 120_000);
  }

  it("leaves nothing a killed run left behind: its kernel is ended and its folders removed on the next run", async () => {
    // A run killed with SIGKILL cannot clean up: fake its leftovers, named after a process that is gone.
    const deadPid = 2 ** 22 + 12345;
    const stale = path.join(tmpdir(), `wenxi-kernel-${deadPid}-test`);
    mkdirSync(stale, { recursive: true });
    const orphan = spawn(process.execPath, ["-e", "setTimeout(() => {}, 600000)", stale], { stdio: "ignore" });
    writeFileSync(path.join(stale, "kernel.pid"), String(orphan.pid));
    const exited = new Promise((resolve) => orphan.on("exit", resolve));
    const out = path.join(folder, "after-kill");
    mkdirSync(`${out}.building-${deadPid}`);
    writeFileSync(path.join(`${out}.building-${deadPid}`, "half.html"), "<p>half");
    writeFileSync(path.join(`${out}.building-${deadPid}`, ".wenxi-report"), JSON.stringify({ wenxi: "report", entries: ["half.html"] }));
    expect(removeStaleKernelFolders()).toContain(stale);
    await exited;
    expect(existsSync(stale)).toBe(false);
    await buildReport({ notebookFolder: notebooks, out, corpus: "data/corpus" });
    expect(readdirSync(folder).filter((name) => name.startsWith("after-kill")).sort()).toEqual(["after-kill"]);
  }, 120_000);
});

describe("kernels and what their cells start", () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const waitUntil = async (test: () => boolean, seconds: number) => {
    for (let tries = 0; tries < seconds * 10 && !test(); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    return test();
  };

  it("ends a process a cell started when the kernel shuts down", async () => {
    const file = writeNotebook(folder, "spawns", [{ code: 'const child = require("node:child_process").spawn("sleep", ["600"], { stdio: "ignore" });\nconsole.log(child.pid);' }]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure).toBeUndefined();
    const pid = Number((run.notebook.cells[0].outputs![0] as { text: string }).text.trim());
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !alive(pid), 5)).toBe(true);
  }, 120_000);

  it("starts the kernel again on other ports when one it was given was taken before it bound it", async () => {
    // The first launch says what a kernel says when another process took its port, and answers
    // nothing; the second is the real kernel. Without the retry the run waits 60 s and fails.
    const launches = path.join(folder, "launches.txt");
    const quote = (part: string) => `'${part.replaceAll("'", "'\\''")}'`;
    const real = defaultKernelArgv().map((part) => (part === "{connection_file}" ? '"$1"' : quote(part))).join(" ");
    const script = `echo "$1" >> ${quote(launches)}; if [ $(wc -l < ${quote(launches)}) -eq 1 ]; then echo 'Error: Address already in use' >&2; exec sleep 600; fi; exec ${real}`;
    const file = writeNotebook(folder, "port-taken", [{ code: 'console.log("ran")' }]);
    const run = await runNotebook(file, { timeout: 60, kernelArgv: ["sh", "-c", script, "sh", "{connection_file}"] });
    expect(run.failure).toBeUndefined();
    expect(run.notebook.cells[0].outputs).toEqual([{ output_type: "stream", name: "stdout", text: "ran\n" }]);
    const connectionFiles = readFileSync(launches, "utf8").trim().split("\n");
    expect(connectionFiles).toHaveLength(2);
    expect(connectionFiles[0]).not.toBe(connectionFiles[1]);
  }, 120_000);

  it("ends the kernel (and its cells' processes) when the report run is killed with SIGKILL", async () => {
    const slow = path.join(folder, "slow-kill");
    mkdirSync(slow);
    const childPidFile = path.join(folder, "cell-child.pid");
    writeNotebook(slow, "slow", [{ code: `const child = require("node:child_process").spawn("sleep", ["600"], { stdio: "ignore" });\nrequire("node:fs").writeFileSync(${JSON.stringify(childPidFile)}, String(child.pid));\nawait new Promise((resolve) => setTimeout(resolve, 120000));` }]);
    const child = spawn(process.execPath, [cli, "report", "--notebooks", slow, "--out", path.join(folder, "out-kill")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const kernelFolder = async () => {
      for (let tries = 0; tries < 300; tries++) {
        const found = readdirSync(tmpdir()).find((name) => name.startsWith(`wenxi-kernel-${child.pid}-`));
        if (found && stderr.includes("cell 1/1") && existsSync(path.join(tmpdir(), found, "kernel.pid"))) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    };
    const found = await kernelFolder();
    expect(found, stderr).toBeDefined();
    const kernelPid = Number(readFileSync(path.join(tmpdir(), found!, "kernel.pid"), "utf8"));
    expect(await waitUntil(() => existsSync(childPidFile), 10)).toBe(true);
    const cellChild = Number(readFileSync(childPidFile, "utf8"));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    // The kernel notices its parent is gone (kernel-preload.ts) and ends its process group.
    expect(await waitUntil(() => !alive(kernelPid), 10)).toBe(true);
    expect(await waitUntil(() => !alive(cellChild), 5)).toBe(true);
    const { rmSync } = await import("node:fs");
    // What a SIGKILL leaves (the next run would tidy it): removed here, so the test leaves nothing.
    for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(`wenxi-cache-${child.pid}-`) || entry === found)) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    rmSync(`${path.join(folder, "out-kill")}.building-${child.pid}`, { recursive: true, force: true });
  }, 120_000);

  it("leaves another user's stale kernel folder alone, without failing", async () => {
    const shared = path.join(folder, "shared-tmp");
    const theirs = path.join(shared, `wenxi-kernel-${2 ** 22 + 777}-abc`);
    mkdirSync(theirs, { recursive: true });
    writeFileSync(path.join(theirs, "connection.json"), "{}");
    const { chownSync } = await import("node:fs");
    chownSync(theirs, 65534, 65534);
    chownSync(path.join(theirs, "connection.json"), 65534, 65534);
    const ours = path.join(shared, `wenxi-kernel-${2 ** 22 + 778}-def`);
    mkdirSync(ours);
    expect(removeStaleKernelFolders(shared)).toEqual([ours]);
    expect(existsSync(theirs)).toBe(true);
  });
});

describe("a cell that prints a great deal", () => {
  it("finishes, with every line", async () => {
    const file = writeNotebook(folder, "chatty", [{ code: 'for (let line = 1; line <= 20000; line++) console.log(`line ${line}`);' }, { code: 'console.log("after")' }]);
    const run = await runNotebook(file, { timeout: 60 });
    expect(run.failure).toBeUndefined();
    const [first, second] = run.notebook.cells;
    const text = (first.outputs ?? []).map((output) => (output as { text?: string }).text ?? "").join("");
    expect(text.split("\n").filter(Boolean)).toHaveLength(20000);
    expect(text.endsWith("line 20000\n")).toBe(true);
    expect(second.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "after\n" }]);
  }, 120_000);
});

describe("parameters with line separators", () => {
  it("inject U+2028 and U+2029 as escapes, so the cell still compiles", async () => {
    const file = writeNotebook(folder, "separators", [{ code: 'const text = "";', tags: ["parameters"] }, { code: "console.log(text.length, JSON.stringify(text))" }]);
    const run = await runNotebook(file, { parameters: [["text", "上\u2028下\u2029"]], timeout: 60 });
    expect(run.failure).toBeUndefined();
    expect(run.notebook.cells[2].outputs).toEqual([{ output_type: "stream", name: "stdout", text: '4 "上\u2028下\u2029"\n' }]);
    expect(run.notebook.cells[1].source).toContain('const text: string = "上\\u2028下\\u2029";');
  }, 120_000);
});

describe("hostile notebook names", () => {
  it("stay text: no javascript: link, no markup in the subtitle", async () => {
    const hostile = path.join(folder, "hostile");
    mkdirSync(hostile);
    writeNotebook(hostile, "javascript:alert(1)", [{ code: "1" }]);
    writeNotebook(hostile, '<img src=x onerror="alert(2)">', [{ code: "2" }]);
    const out = path.join(folder, "hostile-out");
    await buildReport({ notebookFolder: hostile, out, corpus: "data/corpus" });
    const index = readFileSync(path.join(out, "index.html"), "utf8");
    expect(index).not.toMatch(/href="javascript:/i);
    expect(index).toContain('href="./javascript%3Aalert(1).html"');
    expect(index).not.toContain("<img src=x");
    const page = readFileSync(path.join(out, '<img src=x onerror="alert(2)">.html'), "utf8");
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;.ipynb");
    expect(page).not.toContain('<img src=x onerror="alert(2)">');
    expect(page).toContain("base-uri 'none'; form-action 'none'");
  }, 120_000);
});
