import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/corpus/csv";
import { globMatcher } from "../../src/corpus/sources";

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

describe("globMatcher", () => {
  it("matches *, **, ? and {a,b}", () => {
    expect(globMatcher("**/*.txt")("a/b/c.txt")).toBe(true);
    expect(globMatcher("**/*.txt")("c.txt")).toBe(true);
    expect(globMatcher("*.txt")("a/c.txt")).toBe(false);
    expect(globMatcher("20??/*.{txt,md}")("2022/x.md")).toBe(true);
    expect(globMatcher("20??/*.{txt,md}")("2022/x.csv")).toBe(false);
  });
  it("matches character classes, negation and nested braces (the hand-written glob took [abc] literally)", () => {
    expect(globMatcher("[abc].txt")("b.txt")).toBe(true);
    expect(globMatcher("[abc].txt")("d.txt")).toBe(false);
    expect(globMatcher("!**/draft-*.txt")("2022/draft-1.txt")).toBe(false);
    expect(globMatcher("!**/draft-*.txt")("2022/final.txt")).toBe(true);
    expect(globMatcher("**/*.{txt,{md,markdown}}")("a/b.markdown")).toBe(true);
    expect(globMatcher("**/*.{txt,{md,markdown}}")("a/b.html")).toBe(false);
  });
});
