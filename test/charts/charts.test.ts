// Every chart builder on results of the seed corpus: compiles without warnings, renders headless,
// and the SVG holds the expected marks and Chinese labels.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collocationChart, collocations, dispersion, dispersionChart, frequencyOverTimeChart, keyness, keynessChart, keynessOverviewChart, loadCorpus, saveChart, termFrequency, termsByDocumentChart, tfidf, tfidfHeatmap, tokenize, topTermsChart, toPNG, toSVG, wordCloud, type Tokens, type VegaLiteSpec } from "../../src";
import { layoutCloud } from "../../src/charts/cloud-layout";
import { compileToVega, findCjkFont, svgToPNG } from "../../src/charts/render";
import { subsetFont, svgCharacters } from "../../src/charts/font-subset";
import { clusterOrder } from "../../src/charts/builders";
import { temporaryFolder } from "../helpers";

let tokens: Tokens;
beforeAll(async () => {
  tokens = tokenize(await loadCorpus("data/corpus"), { preset: "public-security" });
});

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;
/** Bars and cells: Vega writes each as a path in a mark group of its role. */
const marksOf = (svg: string, role: string) => {
  const group = new RegExp(`<g class="mark-${role}[^"]*"[^>]*>(.*?)</g>`, "s").exec(svg);
  return group ? count(group[1], /<path /g) + count(group[1], /<line /g) : 0;
};

async function check(spec: VegaLiteSpec) {
  const { warnings } = compileToVega(spec);
  expect(warnings).toEqual([]);
  return toSVG(spec);
}

describe("chart builders on the seed corpus", () => {
  it("topTermsChart: 20 bars, 20 value labels, 公安 first", async () => {
    const spec = topTermsChart(termFrequency(tokens), { top: 20 });
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    const svg = await check(spec);
    expect(marksOf(svg, "rect")).toBe(20);
    expect(svg).toContain(">公安<");
    expect(svg).toContain(">97<");
    expect(svg).toContain("Noto Sans CJK SC");
  });

  it("termsByDocumentChart: one panel per document", async () => {
    const svg = await check(termsByDocumentChart(termFrequency(tokens, { by: "document" }), { top: 5 }));
    expect(count(svg, /<g class="mark-rect role-mark/g)).toBe(5);
    for (const id of ["000_cc917116ad61b671", "004_ca7bdd51d57b8ec5"]) expect(svg).toContain(id);
    expect(svg).toContain(">兵团<");
  });

  it("tfidfHeatmap: a cell per term and document of the result, clustered", async () => {
    const rows = tfidf(tokens, { top: 5 });
    const svg = await check(tfidfHeatmap(rows));
    expect(marksOf(svg, "rect")).toBe(rows.length);
    expect(svg).toContain(">兵团<");
  });

  it("keynessChart: positive and negative bars in two colours", async () => {
    const spec = keynessChart(keyness(tokens, { target: ["001_9b22334ce759c9d2"] }), { top: 8 });
    const svg = await check(spec);
    expect(marksOf(svg, "rect")).toBe(16);
    expect(svg).toContain('fill="#c0392b"');
    expect(svg).toContain('fill="#2874a6"');
    expect(svg).toContain(">兵团<");
  });

  it("keynessOverviewChart: a cell for each term and group, the groups named as what they are", async () => {
    const ids = tokens.documents.map((document) => document.id);
    const rows = ids.flatMap((id, place) => keyness(tokens, { target: [id] }).map((row) => ({ ...row, group: `文档${place + 1}` })));
    const asGroups = keynessOverviewChart(rows, { top: 2 });
    const asDocuments = keynessOverviewChart(rows, { top: 2, unit: "document" });
    const cells = (spec: VegaLiteSpec) => (spec.data as { values: { document: string; term: string }[] }).values;
    const terms = new Set(cells(asGroups).map((cell) => cell.term));
    expect(terms.size).toBeGreaterThanOrEqual(5);
    expect(terms.size).toBeLessThanOrEqual(10);
    // Every term in every one of the 5 groups: no empty cell.
    expect(cells(asGroups)).toHaveLength(terms.size * 5);
    expect(new Set(cells(asGroups).map((cell) => `${cell.document} ${cell.term}`)).size).toBe(terms.size * 5);
    const groupsSvg = await check(asGroups);
    const documentsSvg = await check(asDocuments);
    expect(groupsSvg).toContain("Key terms of 5 groups");
    expect(groupsSvg).toContain(">组 group<");
    expect(documentsSvg).toContain("Key terms of 5 documents");
    expect(documentsSvg).toContain(">文档 document<");
    expect(documentsSvg).not.toMatch(/ groups \(log ratio\)|>组 group</);
    expect(marksOf(documentsSvg, "rect")).toBe(terms.size * 5);
  });

  it("dispersionChart: a tick per occurrence, one row per term", async () => {
    const result = dispersion(tokens, ["枫桥经验", "电信网络诈骗"]);
    const svg = await check(dispersionChart(result));
    expect(result.positions).toHaveLength(4 + 9);
    expect(marksOf(svg, "rect")).toBe(4 + 9); // a tick per occurrence
    const boundaries = /<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)![1];
    expect(count(boundaries, /<line /g)).toBe(5); // a dashed rule where each document starts
    expect(svg).toContain(">枫桥经验<");
  });

  it("collocationChart: the collocates of a node", async () => {
    const svg = await check(collocationChart(collocations(tokens, { node: "电信网络诈骗" }), { top: 5 }));
    expect(marksOf(svg, "rect")).toBe(5);
    expect(svg).toContain(">打击<");
    expect(svg).toContain("电信网络诈骗");
  });

  it("frequencyOverTimeChart: a line per term over the three dated articles", async () => {
    const spec = frequencyOverTimeChart(termFrequency(tokens, { by: "date" }), { terms: ["公安", "新疆"] });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(6);
    const svg = await check(spec);
    expect(count(svg, /<g class="mark-line role-mark/g)).toBe(2); // one line group per term
    expect(svg).toContain(">新疆<");
  });

  it("wordCloud: a Vega spec whose words never overlap, the same every time", async () => {
    const spec = wordCloud(termFrequency(tokens), { top: 40 });
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega/v5.json");
    const svg = await toSVG(spec);
    expect(count(svg, /<text /g)).toBeGreaterThanOrEqual(40);
    // No two words' boxes overlap (full-width CJK measure, 1.1 line height, as placed; rounding to 0.1 px allowed).
    const { textWidth } = await import("../../src/text/width");
    const words = (spec.data as Array<{ name: string; values?: Array<{ term: string; x: number; y: number; fontSize: number }> }>).find((data) => data.name === "terms")!.values!;
    expect(words.length).toBe(40);
    const boxes = words.map((word) => ({ term: word.term, left: word.x - textWidth(word.term, word.fontSize) / 2, right: word.x + textWidth(word.term, word.fontSize) / 2, top: word.y - (word.fontSize * 1.1) / 2, bottom: word.y + (word.fontSize * 1.1) / 2 }));
    for (let first = 0; first < boxes.length; first++) {
      for (let second = first + 1; second < boxes.length; second++) {
        const [a, b] = [boxes[first], boxes[second]];
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.2;
        expect(overlap, `${a.term} and ${b.term}`).toBe(false);
      }
    }
    expect(svg).toContain(">公安<");
    expect(await toSVG(wordCloud(termFrequency(tokens), { top: 40 }))).toBe(svg);
  });
});

describe("layoutCloud and clusterOrder", () => {
  it("places the heaviest word in the centre and no two boxes overlap", () => {
    const { placed, dropped } = layoutCloud(
      [
        { text: "公安", weight: 100 },
        { text: "机关", weight: 50 },
        { text: "App", weight: 10 },
      ],
      { width: 300, height: 160 },
    );
    expect(dropped).toEqual([]);
    expect(placed[0]).toMatchObject({ text: "公安", x: 150, y: 80, fontSize: 56 });
    const box = (word: (typeof placed)[number]) => ({ half: (word.text === "App" ? 3 * 0.58 : 2) * word.fontSize / 2, height: word.fontSize * 0.55 });
    for (const [index, word] of placed.entries()) {
      for (const other of placed.slice(index + 1)) {
        const apart = Math.abs(word.x - other.x) >= box(word).half + box(other).half || Math.abs(word.y - other.y) >= box(word).height + box(other).height;
        expect(apart, `${word.text} / ${other.text}`).toBe(true);
      }
    }
    expect(placed[2].fontSize).toBe(12);
  });
  it("orders similar vectors next to each other", () => {
    expect(clusterOrder([[1, 0], [0, 1], [0.9, 0.1], [0.1, 0.9]])).toEqual([0, 2, 1, 3]);
  });
});

describe("rendering", () => {
  it("renders Chinese as glyphs in PNG: two different characters give different images", () => {
    const svgOf = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><text x="5" y="30" font-size="28" font-family="Noto Sans CJK SC">${text}</text></svg>`;
    const one = svgToPNG(svgOf("公"), { scale: 1 });
    const other = svgToPNG(svgOf("安"), { scale: 1 });
    const blank = svgToPNG(svgOf(""), { scale: 1 });
    expect(one.equals(other)).toBe(false);
    expect(one.equals(blank)).toBe(false);
    expect([...one.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("draws with the font cut to the chart's characters the same pixels as with the whole font, and leaves no font file behind", async () => {
    const { Resvg } = await import("@resvg/resvg-js");
    const fontFile = findCjkFont();
    const svg = await toSVG(topTermsChart(termFrequency(tokens), { top: 15, title: "词频 Term frequency &amp; more" }));
    const whole = new Resvg(svg, { fitTo: { mode: "zoom", value: 1.5 }, background: "#ffffff", font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: "Noto Sans SC", sansSerifFamily: "Noto Sans SC" } }).render().asPng();
    expect(svgToPNG(svg, { scale: 1.5 }).equals(whole)).toBe(true);
    const cut = subsetFont(fontFile, svgCharacters(svg));
    if (!readFileSync(fontFile).subarray(0, 4).equals(Buffer.from("ttcf"))) {
      expect(cut).toBeDefined();
      expect(cut!.length).toBeLessThan(statSync(fontFile).size / 10);
    }
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`wenxi-font-${process.pid}-`))).toEqual([]);
  });

  it("takes every character an SVG can draw, character references decoded, ASCII always", () => {
    const characters = svgCharacters('<svg><text>公&#x5B89;&#37096;</text></svg>');
    for (const character of ["公", "安", "部", "A", "~", " "]) expect(characters).toContain(character);
    expect(new Set(characters).size).toBe([...characters].length);
  });

  it("leaves a font collection (TTC) whole: which face resvg takes is its own choice", () => {
    const folder = temporaryFolder();
    const collection = path.join(folder, "fonts.ttc");
    writeFileSync(collection, Buffer.concat([Buffer.from("ttcf"), Buffer.alloc(64)]));
    expect(subsetFont(collection, "公安")).toBeUndefined();
  });

  it("names a missing font instead of drawing boxes", async () => {
    await expect(toPNG(topTermsChart(termFrequency(tokens), { top: 3 }), { fontFile: "/nowhere/font.ttc" })).rejects.toThrow('CJK font "/nowhere/font.ttc" does not exist');
  });

  it("saves SVG, PNG, the spec and a standalone HTML page with the libraries inlined", async () => {
    const folder = temporaryFolder();
    const spec = topTermsChart(termFrequency(tokens), { top: 5 });
    const before = JSON.stringify(spec);
    for (const name of ["top.svg", "top.png", "top.vl.json", "top.html"]) await saveChart(spec, path.join(folder, name));
    expect(JSON.stringify(spec)).toBe(before); // rendering leaves the spec as it was
    expect(Object.getOwnPropertySymbols((spec.data as { values: object[] }).values[0])).toEqual([]);
    expect(readFileSync(path.join(folder, "top.svg"), "utf8")).toMatch(/^<svg/);
    expect(JSON.parse(readFileSync(path.join(folder, "top.vl.json"), "utf8"))).toEqual(spec);
    const html = readFileSync(path.join(folder, "top.html"), "utf8");
    expect(html).toContain("vegaEmbed(");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain("https://cdn");
    await expect(saveChart(spec, path.join(folder, "top.bmp"))).rejects.toThrow("cannot tell the format");
  });
});

describe("dispersionChart on many occurrences and documents", () => {
  it("bins ticks past maxTicks and leaves document boundaries out past maxBoundaries, saying so in the title", async () => {
    const { dispersion, dispersionChart } = await import("../../src");
    const { corpusFromTexts, tokenize } = await import("../../src");
    const many = tokenize(corpusFromTexts(Array.from({ length: 300 }, (_, index) => ({ id: `d${index}`, text: "公安机关坚持党建引领。群众安全感不断提升。".repeat(5) }))));
    const result = dispersion(many, ["公安机关", "群众"]);
    expect(result.positions).toHaveLength(3000);
    const spec = dispersionChart(result) as unknown as { title: { text: string }; layer: Array<{ data: { values: Array<Record<string, number | string>> } }> };
    expect(JSON.stringify(spec.title)).toContain("3,000 occurrences in 400 bins, darker = more; 300 documents, boundaries not drawn");
    expect(spec.layer[0].data.values).toEqual([]);
    const bins = spec.layer[1].data.values;
    expect(bins.length).toBeLessThanOrEqual(800);
    expect(bins.reduce((sum, bin) => sum + Number(bin.count), 0)).toBe(3000);
    // Below the limits: a tick per occurrence and every boundary, the title as given.
    const few = dispersionChart(result, { maxTicks: 5000, maxBoundaries: 300 }) as unknown as { layer: Array<{ data: { values: unknown[] } }> };
    expect(few.layer[1].data.values).toHaveLength(3000);
    expect(few.layer[0].data.values).toHaveLength(300);
  });
});
