import { describe, expect, it } from "vitest";
import { checkParameters, notebookParameters, ParameterError, parameterHelp } from "../../src/report/parameters";
import type { Notebook } from "../../src/report/notebook-format";

const notebook = (source: string): Notebook => ({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", id: "p", metadata: { tags: ["parameters"] }, source, outputs: [] }] });
const structure = notebook(
  ["// Parameters (the report command can replace them)", "// The corpus.", 'const corpusPath = "../data/corpus";', "// Topics: a number,", "// or 0 to choose.", "const topicCount = 0;", "const terms: string[] = [];", "const verbose = false;", "const weights: number[] = [1, 2];", "console.log(1);"].join("\n"),
);
const byFile = new Map([["notebooks/06-structure.ipynb", notebookParameters(structure)], ["notebooks/08-over-time.ipynb", notebookParameters(notebook('const corpusPath = "../data/corpus";\n// Period.\nconst period = "year";'))]]);

describe("notebook parameters", () => {
  it("reads each declaration with its type, default and the comment lines above it (not the cell's heading)", () => {
    expect(notebookParameters(structure)).toEqual([
      { name: "corpusPath", type: "string", defaultValue: '"../data/corpus"', description: "The corpus." },
      { name: "topicCount", type: "number", defaultValue: "0", description: "Topics: a number, or 0 to choose." },
      { name: "terms", type: "string[]", defaultValue: "[]", annotation: "string[]", description: "" },
      { name: "verbose", type: "boolean", defaultValue: "false", description: "" },
      { name: "weights", type: "number[]", defaultValue: "[1, 2]", annotation: "number[]", description: "" },
    ]);
    // No cell tagged parameters: none.
    expect(notebookParameters({ ...structure, cells: structure.cells.map((cell) => ({ ...cell, metadata: {} })) })).toEqual([]);
  });

  it("takes values of the declared type, a string quoted or not, and refuses the rest naming the known names", () => {
    expect(checkParameters(byFile, [["topicCount", "8"], ["period", "decade"], ["period", '"decade"'], ["corpusPath", "2024"], ["terms", '["改革","开放"]'], ["terms", "[]"]])).toEqual([
      ["topicCount", "8"],
      ["period", '"decade"'],
      ["period", '"decade"'],
      ["corpusPath", '"2024"'],
      ["terms", '["改革","开放"]'],
      ["terms", "[]"],
    ]);
    expect(() => checkParameters(byFile, [["topicCont", "3"]])).toThrow(ParameterError);
    expect(() => checkParameters(byFile, [["topicCont", "3"]])).toThrow('no notebook declares a parameter "topicCont"; the notebooks\' parameters are corpusPath, period, terms, topicCount, verbose, weights');
    expect(() => checkParameters(byFile, [["topicCount", "abc"]])).toThrow("topicCount is a number (declared in 06-structure.ipynb, default 0), the value given is a string");
    expect(() => checkParameters(byFile, [["terms", "改革"]])).toThrow("terms is a string[]");
    expect(() => checkParameters(byFile, [["weights", '["a"]']])).toThrow("the value given is a string[]");
    expect(() => checkParameters(byFile, [["terms", "[1"]])).toThrow("looks like JSON but does not parse");
  });

  it("lists each parameter once, with the notebooks that declare it", () => {
    const help = parameterHelp(byFile);
    expect(help).toContain('  corpusPath: string, default "../data/corpus"; every notebook\n      The corpus.');
    expect(help).toContain("  topicCount: number, default 0; 06-structure\n      Topics: a number, or 0 to choose.");
    expect(help).toContain('  period: string, default "year"; 08-over-time\n      Period.');
    expect(parameterHelp(new Map([["a.ipynb", []]]))).toContain("(none: these notebooks have no cell tagged parameters)");
  });
});
