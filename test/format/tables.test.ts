// CSV that corpus text cannot turn into a spreadsheet formula (OWASP's CSV injection), and RFC 4180 quoting.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatCsv } from "../../src";
import { temporaryFolder, writeFiles } from "../helpers";

describe("formatCsv", () => {
  const rows = [
    { term: '=HYPERLINK("http://evil.example","点击")', count: 1 },
    { term: "@SUM(1+1)*cmd|' /C calc'!A0", count: 2 },
    { term: "+cmd|' /C calc'!A0", count: 3 },
    { term: "-2+3", count: -4.5 },
    { term: "\tTAB", count: 0 },
    { term: "\rCR", count: 0 },
    { term: "改革,开放", count: 5 },
    { term: '说"好"', count: 6 },
  ];
  it("prefixes text cells that start with = + - @ tab or CR with an apostrophe, quoted; numbers stay numbers", () => {
    expect(formatCsv(rows).split("\r\n")).toEqual([
      "term,count",
      `"'=HYPERLINK(""http://evil.example"",""点击"")",1`,
      `"'@SUM(1+1)*cmd|' /C calc'!A0",2`,
      `"'+cmd|' /C calc'!A0",3`,
      `"'-2+3",-4.5`,
      `"'\tTAB",0`,
      `"'\rCR",0`,
      `"改革,开放",5`,
      `"说""好""",6`,
      "",
    ]);
  });
  it("keeps every cell as it is when asked (RFC 4180 quoting only)", () => {
    expect(formatCsv(rows.slice(0, 1), undefined, { formulas: "keep" })).toBe(`term,count\r\n"=HYPERLINK(""http://evil.example"",""点击"")",1\r\n`);
  });
});

describe("wenxi --csv", () => {
  it("escapes a formula that comes from the corpus, unless --csv-keep-formulas", () => {
    const folder = temporaryFolder();
    writeFiles(folder, { "a.txt": "=HYPERLINK(\"http://evil.example\")\n公安机关坚持党建引领。" });
    const cli = path.resolve("dist/cli/main.js");
    const run = spawnSync(process.execPath, [cli, "corpus", folder, "--csv"], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    const kept = spawnSync(process.execPath, [cli, "corpus", folder, "--csv", "--csv-keep-formulas"], { encoding: "utf8" });
    expect(kept.stdout).toContain(`"=HYPERLINK(""http://evil.example"")"`);
    expect(kept.stdout).not.toContain(`'=HYPERLINK`);
  });
});
