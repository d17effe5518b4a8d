// Dictionaries from hostile or unusual files: wildcards match in linear time, any category name
// works, YAML is read by a real parser (inline values, alias bombs, unquoted *), JSON is bounded.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFromTexts, dictionaryCounts, loadDictionary, tokenize } from "../../src";
import { wildcardMatches } from "../../src/stats/dictionary";
import { temporaryFolder } from "../helpers";

const folder = temporaryFolder();
const write = (name: string, content: string) => {
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
};

describe("wildcardMatches", () => {
  it("matches as a * glob would, on every shape of pattern", () => {
    const cases: Array<[string, string, boolean]> = [
      ["改革", "改革", true], ["改革", "改革开放", false], ["改革*", "改革开放", true], ["改革*", "改", false],
      ["*化", "现代化", true], ["*化", "化", true], ["*化*", "现代化建设", true], ["a*b*c", "abc", true], ["a*b*c", "acb", false],
      ["a*a", "a", false], ["a*a", "aa", true], ["*", "", true], ["**", "x", true], ["ab*ba", "aba", false],
    ];
    for (const [pattern, term, expected] of cases) {
      expect(wildcardMatches(pattern.split("*"), term), `${pattern} ~ ${term}`).toBe(expected);
      expect(new RegExp(`^${pattern.split("*").join(".*")}$`).test(term), `reference ${pattern} ~ ${term}`).toBe(expected);
    }
  });
  it("answers a pattern on which a regular expression backtracks exponentially", () => {
    // The old `.*` expression ran past 100 s on this one token (past the test's time limit); no timing here.
    const dictionary = { many: ["*a*a*a*a*a*a*a*a*a*a*b"], plain: ["a*"] };
    const long = tokenize(corpusFromTexts([{ id: "a", text: "a".repeat(60) }]), { stopwords: "none" });
    expect(dictionaryCounts(long, dictionary).map((row) => [row.category, row.count])).toEqual([["many", 0], ["plain", 1]]);
  });
});

describe("loadDictionary", () => {
  const tokens = tokenize(corpusFromTexts([{ id: "a", text: "改革开放推动现代化。构造原型字符串。" }]), { stopwords: "none" });

  it("takes categories named constructor, __proto__ and toString, and a single inline word", () => {
    const file = write("names.yaml", '改革: 改革开放\nconstructor:\n  - 构造\n__proto__: [原型]\ntoString:\n  - "*字符串"\n');
    const dictionary = loadDictionary(file);
    expect(Object.entries(dictionary)).toEqual([["改革", ["改革开放"]], ["constructor", ["构造"]], ["__proto__", ["原型"]], ["toString", ["*字符串"]]]);
    const counts = dictionaryCounts(tokens, dictionary);
    expect(counts.map((row) => [row.category, row.count])).toEqual([["改革", 1], ["constructor", 1], ["__proto__", 1], ["toString", 1]]);
  });
  it("refuses a YAML alias bomb, and says to quote a word starting with *", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((name, index) => `${name}: &${name} [${Array(9).fill(`*${"abcde"[index]}`).join(", ")}]`)].join("\n");
    expect(() => loadDictionary(write("bomb.yaml", bomb))).toThrow("bomb.yaml: not a dictionary in YAML: Excessive alias count");
    expect(() => loadDictionary(write("star.yaml", "改革:\n  - *化\n"))).toThrow('star.yaml: not a dictionary in YAML: Unresolved alias');
    expect(() => loadDictionary(write("star.yaml", "改革:\n  - *化\n"))).toThrow('a word starting with * must be quoted: - "*化"');
  });
  it("names the category whose value is not a list of words", () => {
    expect(() => loadDictionary(write("nested.yaml", "改革:\n  开放: [a]\n"))).toThrow('category "改革" must be a list of words (or one word), got object');
    expect(() => loadDictionary(write("deep.json", `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`))).toThrow("deep.json: JSON nested more than 256 levels deep");
    expect(loadDictionary(write("ok.json", '{"constructor": ["构造"]}'))).toEqual(Object.assign(Object.create(null), { constructor: ["构造"] }));
  });
});
