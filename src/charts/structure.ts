// Chart builders for the structure of a corpus: the co-occurrence network (positions computed by
// cooccurrenceNetwork, so the static SVG and the interactive view agree), the document similarity
// matrix, the clustering dendrogram, topics' top terms and topic shares by group.
import type { Network } from "../stats/network";
import { compareText } from "../shared/order";
import type { Clustering, SimilarityRow } from "../stats/similarity";
import type { TopicModel } from "../stats/topics";
import { baseSpec, labelExtent, theme, type VegaLiteSpec } from "./theme";
import { textWidth } from "../text/width";

const categoryScheme = "tableau10";

/** Terms as circles (size: units they occur in, colour: community), edges as lines (width: weight). */
/**
 * Node positions nudged apart until no two labels overlap on a canvas of this size (the layout
 * knows nothing of label widths): each overlapping pair is pushed apart along the axis where it
 * overlaps least, up to 300 rounds; positions stay in the unit square. O(rounds × nodes²).
 */
export function separateLabels<Node extends { term: string; x: number; y: number }>(nodes: Node[], width: number, height: number, fontSize = 12): Node[] {
  const placed = nodes.map((node) => ({ ...node }));
  // The chart's scales run over [-0.05, 1.05]; a label sits 12 px above its node.
  const toPixelsX = width / 1.1;
  const toPixelsY = height / 1.1;
  // A label's box: its measured width and a line and a half of height, with a little air around it.
  const halfWidth = placed.map((node) => (textWidth(node.term, fontSize) + 8) / 2 / toPixelsX);
  const halfHeight = (fontSize * 1.5 + 2) / 2 / toPixelsY;
  for (let round = 0; round < 300; round++) {
    let moved = false;
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) {
        const overlapX = halfWidth[a] + halfWidth[b] - Math.abs(placed[a].x - placed[b].x);
        const overlapY = 2 * halfHeight - Math.abs(placed[a].y - placed[b].y);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        if (overlapY / (2 * halfHeight) < overlapX / (halfWidth[a] + halfWidth[b])) {
          const push = overlapY / 2 + 1e-4;
          const up = placed[a].y > placed[b].y || (placed[a].y === placed[b].y && a < b) ? 1 : -1;
          placed[a].y = Math.min(1, Math.max(0, placed[a].y + up * push));
          placed[b].y = Math.min(1, Math.max(0, placed[b].y - up * push));
        } else {
          const push = overlapX / 2 + 1e-4;
          const right = placed[a].x > placed[b].x || (placed[a].x === placed[b].x && a < b) ? 1 : -1;
          placed[a].x = Math.min(1, Math.max(0, placed[a].x + right * push));
          placed[b].x = Math.min(1, Math.max(0, placed[b].x - right * push));
        }
      }
    }
    if (!moved) break;
  }
  return placed;
}

export function networkChart(network: Network, options: { title?: string; width?: number; height?: number } = {}): VegaLiteSpec {
  const width = options.width ?? 560;
  const height = options.height ?? 460;
  const spread = separateLabels(network.nodes, width, height);
  const position = new Map(spread.map((node) => [node.term, node]));
  const largest = network.edges.reduce((most, edge) => Math.max(most, edge.weight), 0) || 1;
  const edges = network.edges.map((edge) => ({
    ...edge,
    x: position.get(edge.source)!.x,
    y: position.get(edge.source)!.y,
    x2: position.get(edge.target)!.x,
    y2: position.get(edge.target)!.y,
    strength: edge.weight / largest,
  }));
  const nodes = spread.map((node) => ({ ...node, group: `社群 ${node.community + 1}` }));
  const scale = { domain: [-0.05, 1.05], nice: false, zero: false };
  const hidden = { axis: null, scale };
  return {
    ...baseSpec(options.title ?? `共现网络 Co-occurrence network (${network.nodes.length} terms, ${network.edges.length} links)`, [], {}),
    data: undefined,
    width,
    height,
    layer: [
      {
        data: { values: edges },
        mark: { type: "rule", color: "#9aa5b1" },
        encoding: {
          x: { field: "x", type: "quantitative", ...hidden },
          y: { field: "y", type: "quantitative", ...hidden },
          x2: { field: "x2" },
          y2: { field: "y2" },
          strokeWidth: { field: "strength", type: "quantitative", scale: { range: [0.5, 4] }, legend: null },
          opacity: { value: 0.7 },
          tooltip: [{ field: "source" }, { field: "target" }, { field: "count", type: "quantitative", title: "shared units" }, { field: "weight", type: "quantitative", format: ".3f" }],
        },
      },
      {
        data: { values: nodes },
        mark: { type: "circle", opacity: 0.85, stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          x: { field: "x", type: "quantitative", ...hidden },
          y: { field: "y", type: "quantitative", ...hidden },
          size: { field: "units", type: "quantitative", scale: { range: [60, 900] }, title: "单位数 units" },
          color: { field: "group", type: "nominal", scale: { scheme: categoryScheme }, title: "社群 community" },
          tooltip: [{ field: "term" }, { field: "units", type: "quantitative" }, { field: "degree", type: "quantitative" }, { field: "group", title: "community" }],
        },
      },
      {
        data: { values: nodes },
        mark: { type: "text", dy: -12, fontSize: 12, font: theme.font },
        encoding: { x: { field: "x", type: "quantitative", ...hidden }, y: { field: "y", type: "quantitative", ...hidden }, text: { field: "term" } },
      },
    ],
  };
}

/** Document × document similarity as a square grid, documents in the given order (e.g. a clustering's). */
export function similarityChart(rows: SimilarityRow[], options: { order?: string[]; labels?: Map<string, string>; title?: string } = {}): VegaLiteSpec {
  const label = (id: string) => options.labels?.get(id) ?? id;
  const full = rows.some((row) => row.document1 === row.document2) ? rows : [...rows, ...rows.map((row) => ({ document1: row.document2, document2: row.document1, similarity: row.similarity }))];
  const ids = options.order ?? [...new Set(full.map((row) => row.document1))].sort(compareText);
  const withDiagonal = full.some((row) => row.document1 === row.document2) ? full : [...full, ...ids.map((id) => ({ document1: id, document2: id, similarity: 1 }))];
  // n² cells: each holds the two documents' places in `order` and the similarity to 4 decimals, and
  // the labels are looked up once (a parameter): with the labels in every cell, 60 short documents
  // made an 804 KB spec; so, 130 KB.
  const order = ids.map(label);
  const place = new Map(ids.map((id, index) => [id, index]));
  const values = withDiagonal.map((row) => ({ i: place.get(row.document1) ?? -1, j: place.get(row.document2) ?? -1, similarity: Math.round(row.similarity * 10000) / 10000 }));
  // A row tall enough for its label (at 8 px, 60 labels of 10 px overlapped): 11–40 px, a 9 px font below 12.
  const step = Math.max(11, Math.min(40, Math.floor(520 / Math.max(1, ids.length))));
  const labelFontSize = step < 12 ? 9 : 10;
  return baseSpec(options.title ?? "文档相似度 Document similarity", values, {
    params: [{ name: "documentLabels", value: order }],
    transform: [
      { calculate: "documentLabels[datum.i]", as: "a" },
      { calculate: "documentLabels[datum.j]", as: "b" },
    ],
    width: { step },
    height: { step },
    mark: { type: "rect" },
    encoding: {
      x: { field: "a", type: "nominal", sort: order, title: null, axis: { labelAngle: -90, labelFontSize, labelLimit: 120, orient: "top" } },
      y: { field: "b", type: "nominal", sort: order, title: null, axis: { labelFontSize, labelLimit: 140, minExtent: labelExtent(order, labelFontSize) } },
      color: { field: "similarity", type: "quantitative", title: "相似度 similarity", scale: { scheme: theme.sequentialScheme, domain: [0, 1] }, legend: { orient: "bottom", direction: "horizontal" } },
      tooltip: [{ field: "a", title: "document" }, { field: "b", title: "document" }, { field: "similarity", type: "quantitative", format: ".3f" }],
    },
  });
}

/** A dendrogram of a clustering: documents down the side, merge distance across. */
export function dendrogramChart(clustering: Clustering, options: { labels?: Map<string, string>; title?: string } = {}): VegaLiteSpec {
  const n = clustering.documents.length;
  const leafRow = new Map(clustering.order.map((id, row) => [id, row]));
  const y: number[] = clustering.documents.map((id) => leafRow.get(id)!);
  const x: number[] = new Array(n).fill(0);
  const segments: Array<{ x: number; x2: number; y: number; y2: number }> = [];
  clustering.merges.forEach((merge, index) => {
    const id = n + index;
    for (const child of [merge.left, merge.right]) segments.push({ x: x[child], x2: merge.distance, y: y[child], y2: y[child] });
    segments.push({ x: merge.distance, x2: merge.distance, y: y[merge.left], y2: y[merge.right] });
    x[id] = merge.distance;
    y[id] = (y[merge.left] + y[merge.right]) / 2;
  });
  const leaves = clustering.order.map((id, row) => ({ label: options.labels?.get(id) ?? id, row }));
  const rows = { domain: [-0.5, n - 0.5], reverse: true, nice: false, zero: false };
  return {
    ...baseSpec(options.title ?? "层次聚类 Hierarchical clustering (average linkage)", [], {}),
    data: undefined,
    width: 360,
    height: Math.max(120, n * 16),
    layer: [
      {
        data: { values: segments },
        mark: { type: "rule", color: theme.colour },
        encoding: {
          x: { field: "x", type: "quantitative", title: "距离 distance (1 − similarity)", scale: { zero: true } },
          x2: { field: "x2" },
          y: { field: "y", type: "quantitative", axis: null, scale: rows },
          y2: { field: "y2" },
        },
      },
      {
        data: { values: leaves },
        mark: { type: "text", align: "right", dx: -4, fontSize: 10, font: theme.font },
        encoding: { x: { datum: 0, type: "quantitative" }, y: { field: "row", type: "quantitative", axis: null, scale: rows }, text: { field: "label" } },
      },
    ],
    padding: { left: Math.min(220, labelExtent(leaves.map((leaf) => leaf.label), 10) + 10), top: 5, right: 10, bottom: 5 },
  };
}

/** Each topic's top terms and their weight (φ), a panel per topic. */
export function topicTermsChart(model: TopicModel, options: { top?: number; title?: string } = {}): VegaLiteSpec {
  const top = options.top ?? 8;
  const rows = model.terms.filter((row) => row.rank <= top).map((row) => ({ ...row, panel: `主题 ${row.topic}` }));
  return baseSpec(options.title ?? `主题 Topics (K = ${model.topics})`, rows, {
    columns: 3,
    facet: { field: "panel", type: "nominal", title: null, sort: { field: "topic" } },
    spec: {
      width: 170,
      height: { step: theme.bandHeight - 4 },
      mark: { type: "bar", color: theme.colour },
      encoding: {
        y: { field: "term", type: "nominal", sort: { field: "rank", op: "min" }, title: null, axis: { minExtent: labelExtent(rows.map((row) => row.term)) } },
        x: { field: "weight", type: "quantitative", title: "φ" },
        tooltip: [{ field: "term" }, { field: "weight", type: "quantitative", format: ".4f" }],
      },
    },
    resolve: { scale: { y: "independent" }, axis: { x: "independent", y: "independent" } },
  });
}

/** Topic shares by group (rows of topicsByGroup): stacked bars, one per group. */
export function topicSharesChart(rows: Array<{ group: string; topic: number; share: number }>, labels: string[], options: { title?: string } = {}): VegaLiteSpec {
  const values = rows.map((row) => ({ ...row, label: `${row.topic}. ${labels[row.topic - 1] ?? ""}` }));
  const groups = [...new Set(rows.map((row) => row.group))];
  // Each bar at least as wide as its label (1950s, 1960s … ran together at 28 px); past the page, labels turn.
  const widest = Math.max(0, ...groups.map((group) => textWidth(group, 11)));
  const step = Math.max(28, Math.ceil(widest) + 10);
  const turned = groups.length * step > 560;
  return baseSpec(options.title ?? "主题占比 Topic shares by group", values, {
    width: turned ? Math.max(200, Math.min(560, groups.length * 28)) : Math.max(200, groups.length * step),
    height: 220,
    mark: { type: "bar" },
    encoding: {
      x: { field: "group", type: "ordinal", sort: groups, title: null, axis: { labelAngle: turned ? -90 : 0, labelFontSize: 11 } },
      y: { field: "share", type: "quantitative", stack: "normalize", title: "占比 share", axis: { format: "%" } },
      color: { field: "label", type: "nominal", title: "主题 topic", scale: { scheme: categoryScheme }, legend: { orient: "bottom", columns: 2, labelLimit: 260 } },
      tooltip: [{ field: "group" }, { field: "label", title: "topic" }, { field: "share", type: "quantitative", format: ".1%" }],
    },
  });
}

/** Horizontal bars of any measure per item (a document's MATTR, a category's rate …), in the order given. */
export function valueBarChart(rows: Array<{ label: string; value: number }>, options: { title: string; valueTitle: string; format?: string }): VegaLiteSpec {
  const labels = rows.map((row) => row.label);
  return baseSpec(options.title, rows, {
    width: theme.width,
    height: { step: theme.bandHeight - 4 },
    mark: { type: "bar", color: theme.colour },
    encoding: {
      y: { field: "label", type: "nominal", sort: labels, title: null, axis: { minExtent: labelExtent(labels), labelLimit: 200 } },
      x: { field: "value", type: "quantitative", title: options.valueTitle },
      tooltip: [{ field: "label" }, { field: "value", type: "quantitative", format: options.format ?? ".3f" }],
    },
  });
}
