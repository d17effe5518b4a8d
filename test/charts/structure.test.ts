// The structure chart builders (charts/structure.ts), the network layout, and the charts that
// misled: labels that ran together or overlapped, nodes against the frame, half-year ticks, a zero
// coloured like a small count, documents ordered by title instead of date.
import { describe, expect, it } from "vitest";
import { clusterDocuments, corpusFromTexts, dendrogramChart, documentOrder, frequencyByPeriod, networkChart, similarityChart, termsOverTimeChart, tfidfHeatmap, toSVG, topicSharesChart } from "../../src";
import { forceLayout } from "../../src/stats/network";
import { separateLabels } from "../../src/charts/structure";
import { textWidth } from "../../src/text/width";
import { tinyTokens } from "../stats/tiny-tokens";

const random = (() => {
  let state = 11;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
})();

describe("forceLayout", () => {
  it("spreads 60 nodes over the square without piling them against its edges, the same every run", () => {
    const edges: Array<{ a: number; b: number; weight: number }> = [];
    for (let a = 0; a < 60; a++) for (let b = a + 1; b < 60; b++) if (random() < 0.06) edges.push({ a, b, weight: random() });
    const graph = { nodes: 60, edges };
    const positions = forceLayout(graph);
    expect(forceLayout(graph)).toEqual(positions);
    // Fitted to the square: the extreme nodes touch it, and only they (clamping piled dozens there).
    const onEdge = positions.filter(({ x, y }) => Math.min(x, y) < 1e-9 || Math.max(x, y) > 1 - 1e-9);
    expect(onEdge.length).toBeGreaterThanOrEqual(2);
    expect(onEdge.length).toBeLessThanOrEqual(4);
    // Two triangles joined by one edge: each triangle's nodes closer to one another than to the other's.
    const two = forceLayout({ nodes: 6, edges: [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]].map(([a, b]) => ({ a, b, weight: 1 })) });
    const distance = (a: number, b: number) => Math.hypot(two[a].x - two[b].x, two[a].y - two[b].y);
    expect(Math.max(distance(0, 1), distance(3, 4))).toBeLessThan(distance(0, 5));
  });
});

describe("networkChart", () => {
  it("draws a node and a label per term, an edge per link from node to node, labels that do not overlap", async () => {
    const terms = ["公安机关", "党建引领", "枫桥经验", "基层治理", "平安建设", "电信网络诈骗", "扫黑除恶", "警务改革"];
    // Every node near the middle: the labels would all overlap where they stand.
    const nodes = terms.map((term, index) => ({ term, units: 3 + index, degree: 2, community: index % 2, x: 0.5 + index * 0.001, y: 0.5 }));
    const edges = terms.slice(1).map((term, index) => ({ source: terms[index], target: term, count: 2, weight: 0.5 }));
    const spec = networkChart({ nodes, edges, units: 10, modularity: 0.1 } as never);
    const layers = spec.layer as Array<{ data: { values: Array<Record<string, number | string>> } }>;
    const [edgeData, nodeData] = [layers[0].data.values, layers[1].data.values];
    expect(edgeData).toHaveLength(7);
    for (const edge of edgeData) {
      const source = nodeData.find((node) => node.term === edge.source)!;
      expect([edge.x, edge.y]).toEqual([source.x, source.y]);
    }
    const placed = nodeData as Array<{ term: string; x: number; y: number }>;
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) {
        const overlapX = (textWidth(placed[a].term, 12) + textWidth(placed[b].term, 12)) / 2 - Math.abs(placed[a].x - placed[b].x) * (560 / 1.1);
        const overlapY = 18 - Math.abs(placed[a].y - placed[b].y) * (460 / 1.1);
        expect(overlapX > 0.5 && overlapY > 0.5, `${placed[a].term} / ${placed[b].term}`).toBe(false);
      }
    }
    const svg = await toSVG(spec);
    for (const term of terms) expect(svg).toContain(`>${term}<`);
    expect(separateLabels([{ term: "甲", x: 0.1, y: 0.1 }], 560, 460)).toEqual([{ term: "甲", x: 0.1, y: 0.1 }]);
  });
});

describe("similarity and dendrogram charts", () => {
  it("draw every pair and diagonal cell in the clustering's order, and every leaf", async () => {
    const rows = [
      { document1: "a", document2: "b", similarity: 0.9 },
      { document1: "a", document2: "c", similarity: 0.1 },
      { document1: "b", document2: "c", similarity: 0.2 },
    ];
    const clustering = clusterDocuments(rows);
    const spec = similarityChart(rows, { order: clustering.order, labels: new Map([["a", "甲文"], ["b", "乙文"], ["c", "丙文"]]) });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(9);
    // Cells hold places in the order and the labels come from one parameter (a spec of n² labels was 804 KB for 60 documents).
    const places = new Map(clustering.order.map((id, index) => [id, index]));
    expect((spec.data as { values: unknown[] }).values).toContainEqual({ i: places.get("a"), j: places.get("b"), similarity: 0.9 });
    const svg = await toSVG(spec);
    for (const name of ["甲文", "乙文", "丙文"]) expect(svg).toContain(`>${name}<`);
    expect(svg).toContain("a: 甲文; b: 乙文; 相似度 similarity: 0.9");
    expect((spec.encoding as { x: { sort: string[] } }).x.sort).toEqual(clustering.order.map((id) => ({ a: "甲文", b: "乙文", c: "丙文" })[id]));
    const dendrogram = dendrogramChart(clustering);
    const layers = dendrogram.layer as Array<{ data: { values: Array<Record<string, unknown>> } }>;
    // Two merges: three segments each.
    expect(layers[0].data.values).toHaveLength(6);
    expect(layers[1].data.values.map((leaf) => leaf.label)).toEqual(clustering.order);
    expect(await toSVG(dendrogram)).toContain(">c<");
  });
});

describe("topicSharesChart", () => {
  it("gives each group's bar room for its label (decades no longer run together)", async () => {
    const decades = ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s"];
    const rows = decades.flatMap((group) => [1, 2].map((topic) => ({ group, topic, share: topic === 1 ? 0.4 : 0.6 })));
    const spec = topicSharesChart(rows, ["经济 · 发展", "改革 · 开放"]);
    const step = (spec.width as number) / decades.length;
    expect(step).toBeGreaterThanOrEqual(textWidth("1950s", 11) + 10);
    expect((spec.encoding as { x: { axis: { labelAngle: number } } }).x.axis.labelAngle).toBe(0);
    const many = Array.from({ length: 40 }, (_, index) => String(1978 + index)).flatMap((group) => [{ group, topic: 1, share: 1 }]);
    expect((topicSharesChart(many, ["经济"]).encoding as { x: { axis: { labelAngle: number } } }).x.axis.labelAngle).toBe(-90);
  });
});

describe("termsOverTimeChart", () => {
  it("ticks whole years only (two years gave 2022, 2023, 2023)", async () => {
    const tokens = tinyTokens({ a: "改革 开放", b: "改革 改革" }, { a: { year: "2022" }, b: { year: "2023" } });
    const spec = termsOverTimeChart(frequencyByPeriod(tokens, ["改革"]));
    expect((spec.encoding as { x: { axis: { values: number[] } } }).x.axis.values).toEqual([2022, 2023]);
    const svg = await toSVG(spec);
    expect(svg.match(/>2023</g)).toHaveLength(1);
    const long = tinyTokens({ a: "改革", b: "改革" }, { a: { year: "1954" }, b: { year: "2017" } });
    expect((termsOverTimeChart(frequencyByPeriod(long, ["改革"])).encoding as { x: { axis: { values: number[] } } }).x.axis.values).toEqual([1954, 1964, 1974, 1984, 1994, 2004, 2014]);
  });
});

describe("tfidfHeatmap", () => {
  it("colours a zero white, apart from the scale, and orders documents as given (by date)", () => {
    const rows = [
      { group: "2017年报告", term: "改革", count: 0 },
      { group: "关于一九五八年度", term: "改革", count: 3 },
      { group: "1990年报告", term: "改革", count: 1 },
    ];
    const spec = tfidfHeatmap(rows as never, { value: "count", documentOrder: ["关于一九五八年度", "1990年报告", "2017年报告"] });
    const text = JSON.stringify(spec);
    expect(text).toContain('"condition":{"test":"datum.value === 0","value":"#ffffff"}');
    expect(text).toContain('"sort":["关于一九五八年度","1990年报告","2017年报告"]');
  });
  it("documentOrder: dated documents by date (1958 before 2017 whatever their titles), then the undated", () => {
    const corpus = corpusFromTexts([
      { id: "z-report", text: "二〇一七年政府工作报告。", meta: { date: "2017-03-05" } },
      { id: "a-report", text: "关于一九五八年度国家预算。", meta: { date: "1958" } },
      { id: "m-undated", text: "没有日期的文档。" },
      { id: "b-report", text: "一九九〇年报告。", meta: { date: "1990-03-20" } },
    ]);
    expect(documentOrder(corpus)).toEqual(["a-report", "b-report", "z-report", "m-undated"]);
  });
});
