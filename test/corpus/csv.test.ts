import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/corpus/csv";
import { globToRegExp } from "../../src/corpus/sources";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, line breaks inside quotes and CRLF, with record lines", () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\r\n\r\nlast,\n')).toEqual({
      records: [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["x,1", 'say "hi"\nthere'] },
        { line: 5, fields: ["last", ""] },
      ],
    });
  });
  it("names the line of a quote that never closes", () => {
    expect(parseCsv('a\n"open\n').error).toEqual({ line: 2, reason: "a quoted field is never closed" });
  });
  it("reads tab-separated values", () => {
    expect(parseCsv("a\tb\n1\t2", "\t").records[1].fields).toEqual(["1", "2"]);
  });
});

describe("globToRegExp", () => {
  it("matches *, **, ? and {a,b}", () => {
    expect(globToRegExp("**/*.txt").test("a/b/c.txt")).toBe(true);
    expect(globToRegExp("**/*.txt").test("c.txt")).toBe(true);
    expect(globToRegExp("*.txt").test("a/c.txt")).toBe(false);
    expect(globToRegExp("20??/*.{txt,md}").test("2022/x.md")).toBe(true);
    expect(globToRegExp("20??/*.{txt,md}").test("2022/x.csv")).toBe(false);
  });
});
