// The layout follows the data: shared infrastructure → corpus → tokens → tables → charts →
// display → report and command line. Read from the sources' relative imports: no folder imports
// one of a later layer, and no two modules import each other, directly or around a circle.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const sources = path.resolve(__dirname, "../src");

/** The layer of each folder of src/ (lower numbers come first in the flow). */
const layers: Record<string, number> = { shared: 0, corpus: 1, text: 2, format: 3, stats: 3, export: 4, charts: 4, notebook: 5, report: 6, bench: 6, cli: 7, "index.ts": 8 };

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/gm)) {
    const target = path.resolve(path.dirname(file), match[1]);
    found.push(target.endsWith(".ts") ? target : `${target}.ts`);
  }
  return found;
}

const files = sourceFiles(sources);
const graph = new Map(files.map((file) => [file, imports(file)]));
const layerOf = (file: string) => layers[path.relative(sources, file).split(path.sep)[0]];

describe("the structure of src/", () => {
  it("knows the layer of every folder", () => {
    for (const file of files) expect(layerOf(file), path.relative(sources, file)).toBeTypeOf("number");
  });

  it("has no import from a lower layer to a higher one", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) if (layerOf(target) > layerOf(file)) upward.push(`${path.relative(sources, file)} → ${path.relative(sources, target)}`);
    }
    expect(upward).toEqual([]);
  });

  it("has no circle of imports", () => {
    const state = new Map<string, "open" | "done">();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        circles.push([...trail.slice(trail.indexOf(file)), file].map((item) => path.relative(sources, item)).join(" → "));
        return;
      }
      state.set(file, "open");
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
  });

  it("names in the README's Public API table exactly the values the package exports", async () => {
    const api = await import("../src");
    const readme = readFileSync(path.resolve(__dirname, "../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Public API"), readme.indexOf("## Library"));
    const listed = [...section.matchAll(/^\| [a-z-]+ \| `(\w+)` \|/gm)].map((match) => match[1]);
    expect([...listed].sort()).toEqual(Object.keys(api).sort());
    expect(listed).toHaveLength(69);
  });
});
