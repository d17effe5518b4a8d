import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main";
import { displayWidth, formatCsv, formatTable } from "../../src/format/tables";
import { temporaryFolder, writeFiles } from "../helpers";

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe("wenxi corpus", () => {
  it("prints one JSON row per document of the seed corpus", async () => {
    const { code, stdout, stderr } = await run("corpus", "--json");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const rows = JSON.parse(stdout);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual({
      id: "001_9b22334ce759c9d2",
      title: "扛起政治責任 忠誠履行職責使命",
      date: "",
      source: "",
      script: "traditional",
      encoding: "utf-8",
      charactersBefore: 3406,
      charactersAfter: 2295,
      linesRemoved: 2,
      flags: "garbled, garbled",
    });
  });

  it("writes CSV and aligned tables", async () => {
    const csv = await run("corpus", "data/corpus", "--csv");
    expect(csv.stdout.split("\r\n")[0]).toBe("id,title,date,source,script,encoding,charactersBefore,charactersAfter,linesRemoved,flags");
    const table = await run("corpus");
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    // Columns line up although titles are Chinese (two columns a character).
    const dateColumn = displayWidth(lines[0].slice(0, lines[0].indexOf("date")));
    for (const line of lines.slice(2)) expect(displayWidth(line.slice(0, line.indexOf(" 20") + 1))).toBeLessThanOrEqual(dateColumn);
  });

  it("lists errors after the table, exits 1 when nothing loads, and with --strict", async () => {
    const folder = temporaryFolder();
    writeFiles(folder, { "good.txt": "好的文本", "empty.txt": "" });
    const table = await run("corpus", folder);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`1 error(s):\n  ${folder}/empty.txt: file is empty (0 bytes)`);
    const json = await run("corpus", folder, "--json");
    expect(JSON.parse(json.stdout)).toHaveLength(1);
    expect(json.stderr).toContain("empty.txt: file is empty");
    expect((await run("corpus", folder, "--strict")).code).toBe(1);
    expect((await run("corpus", path.join(folder, "empty.txt"))).code).toBe(1);
    expect((await run("corpus", path.join(folder, "missing"))).stderr).toContain("does not exist");
  });

  it("rejects unknown options with exit code 2", async () => {
    const result = await run("corpus", "--bogus");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option --bogus");
    expect((await run("nonsense")).code).toBe(2);
  });

  it("runs as the built wenxi binary", () => {
    const output = execFileSync(process.execPath, ["dist/cli/main.js", "corpus", "--csv"], { encoding: "utf8" });
    expect(output.split("\r\n")).toHaveLength(7);
  });
});

describe("output formats", () => {
  it("counts CJK characters as two columns", () => {
    expect(displayWidth("公安abc")).toBe(7);
    expect(displayWidth("２０")).toBe(4);
  });
  it("quotes CSV fields that need it", () => {
    expect(formatCsv([{ a: 'x,"y"', b: 1 }])).toBe('a,b\r\n"x,""y""",1\r\n');
  });
  it("right-aligns numbers in tables", () => {
    expect(formatTable([{ term: "公安", count: 5 }, { term: "a", count: 12 }])).toBe("term  count\n----  -----\n公安      5\na        12");
  });
});
