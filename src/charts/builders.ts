// Chart builders: an analysis result in, a Vega-Lite v5 spec out (data inlined), one builder per
// analysis. No rendering and no Jupyter here: a chart is plain JSON (see render.ts, display.ts).
import type { CollocationMeasure, CollocationRow } from "../stats/collocations";
import type { DispersionResult } from "../stats/dispersion";
import type { TermFrequencyRow } from "../stats/frequency";
import type { KeynessRow } from "../stats/keyness";
import { compareText, descending } from "../shared/order";
import { averageLinkage } from "../stats/similarity";
import type { PeriodRow } from "../stats/periods";
import type { TfidfRow } from "../stats/tfidf";
import { layoutCloud } from "./cloud-layout";
import { baseSpec, labelExtent, rowsOf, theme, type VegaLiteSpec } from "./theme";

type Rows<T> = T[] | { toJSON: (...args: unknown[]) => unknown };

export interface TopTermsOptions {
  top?: number;
  /** `count` (default) or `per10k`. */
  measure?: "count" | "per10k";
  title?: string;
}

const format = (measure: string) => (measure === "count" ? "d" : ".1f");

/** Horizontal bars of the top terms, largest first, with the value at the end of each bar. */
export function topTermsChart(input: Rows<TermFrequencyRow>, options: TopTermsOptions = {}): VegaLiteSpec {
  const measure = options.measure ?? "count";
  const rows = [...rowsOf(input)]
    .sort((left, right) => descending(left[measure], right[measure]) || compareText(left.term, right.term))
    .slice(0, options.top ?? 20);
  const terms = rows.map((row) => row.term);
  const measureTitle = measure === "count" ? "出现次数 count" : "每万词 per 10,000 tokens";
  return baseSpec(options.title ?? `高频词 Top ${rows.length} terms`, rows, {
    width: theme.width,
    padding: { left: 5, top: 5, bottom: 5, right: 30 },
    height: { step: theme.bandHeight },
    encoding: {
      y: { field: "term", type: "nominal", sort: terms, title: "词语 term", axis: { minExtent: labelExtent(terms) } },
      x: { field: measure, type: "quantitative", title: measureTitle },
      tooltip: [
        { field: "term", title: "term" },
        { field: "count", type: "quantitative", title: "count" },
        { field: "per10k", type: "quantitative", title: "per 10k", format: ".1f" },
        { field: "documentFrequency", type: "quantitative", title: "documents" },
      ],
    },
    layer: [
      { mark: { type: "bar", color: theme.colour } },
      { mark: { type: "text", align: "left", dx: 3, font: theme.font, fontSize: 11 }, encoding: { text: { field: measure, type: "quantitative", format: format(measure) } } },
    ],
  });
}

export interface TermsByDocumentOptions {
  top?: number;
  /** Panels per row. Default 3. */
  columns?: number;
  /** Share the count axis between panels (default) or give each its own. */
  scale?: "shared" | "independent";
  title?: string;
}

/** Small multiples: one panel per document or group (rows of termFrequency with `by`), top terms in each. */
export function termsByDocumentChart(input: Rows<TermFrequencyRow>, options: TermsByDocumentOptions = {}): VegaLiteSpec {
  const top = options.top ?? 10;
  const byGroup = new Map<string, TermFrequencyRow[]>();
  for (const row of rowsOf(input)) {
    if (row.group === undefined) throw new Error("termsByDocumentChart needs rows of termFrequency(tokens, { by })");
    const list = byGroup.get(row.group) ?? [];
    list.push(row);
    byGroup.set(row.group, list);
  }
  const rows = [...byGroup.values()].flatMap((list) =>
    [...list].sort((left, right) => descending(left.count, right.count) || compareText(left.term, right.term)).slice(0, top).map((row, index) => ({ ...row, rank: index + 1 })),
  );
  const extent = labelExtent(rows.map((row) => row.term));
  return baseSpec(options.title ?? `各组高频词 Top ${top} terms by ${[...byGroup.keys()].length} groups`, rows, {
    columns: options.columns ?? 3,
    facet: { field: "group", type: "nominal", title: null, header: { labelLimit: 200 } },
    spec: {
      width: 200,
      height: { step: theme.bandHeight - 4 },
      encoding: {
        // Rank orders each panel; the term is drawn as the label, so panels need no shared term order.
        y: { field: "term", type: "nominal", sort: { field: "rank", op: "min" }, title: null, axis: { minExtent: extent } },
        x: { field: "count", type: "quantitative", title: "出现次数 count" },
        tooltip: [{ field: "group" }, { field: "term" }, { field: "count", type: "quantitative" }, { field: "per10k", type: "quantitative", format: ".1f" }],
      },
      mark: { type: "bar", color: theme.colour },
    },
    // Every panel draws its own axes: with many groups the shared axis would sit pages below the first panels.
    resolve: { scale: { y: "independent", x: options.scale === "independent" ? "independent" : "shared" }, axis: { x: "independent", y: "independent" } },
  });
}

export interface HeatmapOptions {
  /** `tfidf` (rows of tfidf) or `count`. Default: tfidf when present. */
  value?: "tfidf" | "count";
  /** `cluster` (average-linkage on cosine distance, default) or `total`. */
  order?: "cluster" | "total";
  /** At most this many terms (by total). Default 30. */
  top?: number;
  /**
   * Documents across (`columns`) or down (`rows`). Default: across up to 12 documents, down beyond,
   * so the chart keeps to the page width however many documents there are.
   */
  documentsAs?: "columns" | "rows";
  /** The title of the document axis (a group field's name, when rows are groups). */
  documentTitle?: string;
  /** Documents (as named in the rows) in this order, e.g. by date (`documentOrder(corpus)` mapped to labels); others follow by name. */
  documentOrder?: string[];
  title?: string;
}

type HeatmapRow = { document: string; term: string; value: number };

/** Average-linkage agglomerative clustering on cosine distance; returns the leaf order. */
export function clusterOrder(vectors: number[][]): number[] {
  const cosineDistance = (left: number[], right: number[]) => {
    let dot = 0;
    let leftNorm = 0;
    let rightNorm = 0;
    for (let index = 0; index < left.length; index++) {
      dot += left[index] * right[index];
      leftNorm += left[index] ** 2;
      rightNorm += right[index] ** 2;
    }
    return leftNorm === 0 || rightNorm === 0 ? 1 : 1 - dot / Math.sqrt(leftNorm * rightNorm);
  };
  return averageLinkage(vectors.map((left) => vectors.map((right) => cosineDistance(left, right)))).order;
}

/** Term × document heatmap of TF-IDF (rows of tfidf) or counts (rows of termFrequency by document). */
export function tfidfHeatmap(input: Rows<TfidfRow | TermFrequencyRow>, options: HeatmapOptions = {}): VegaLiteSpec {
  const source = rowsOf(input as Rows<TfidfRow & TermFrequencyRow>);
  const value = options.value ?? ("tfidf" in (source[0] ?? {}) ? "tfidf" : "count");
  const cells: HeatmapRow[] = source.map((row) => ({ document: row.document ?? row.group ?? "", term: row.term, value: row[value] }));
  // Documents in the order given (by date: documentOrder), any others after them by name.
  const present = new Set(cells.map((cell) => cell.document));
  const given = (options.documentOrder ?? []).filter((document) => present.has(document));
  const documents = [...new Set(given), ...[...present].filter((document) => !given.includes(document)).sort(compareText)];
  const totals = new Map<string, number>();
  for (const cell of cells) totals.set(cell.term, (totals.get(cell.term) ?? 0) + cell.value);
  let terms = [...totals.keys()].sort((left, right) => descending(totals.get(left)!, totals.get(right)!) || compareText(left, right)).slice(0, options.top ?? 30);
  if ((options.order ?? "cluster") === "cluster") {
    const vectors = terms.map((term) => documents.map((document) => cells.find((cell) => cell.term === term && cell.document === document)?.value ?? 0));
    const order = clusterOrder(vectors);
    terms = order.map((index) => terms[index]);
  }
  const kept = new Set(terms);
  const label = value === "tfidf" ? "TF-IDF" : "出现次数 count";
  return baseSpec(
    options.title ?? `词语 × 文档 ${label}`,
    cells.filter((cell) => kept.has(cell.term)),
    gridLayout({
      documents,
      terms,
      documentsAs: options.documentsAs,
      documentTitle: options.documentTitle,
      // A zero is drawn white, apart from the scale, so it never shares a colour with small counts.
      color: { condition: { test: "datum.value === 0", value: "#ffffff" }, field: "value", type: "quantitative", title: label, scale: { scheme: theme.sequentialScheme } },
      tooltip: [{ field: "term" }, { field: "document" }, { field: "value", type: "quantitative", title: label, format: value === "tfidf" ? ".4f" : "d" }],
    }),
  );
}

/**
 * A term × document (or group) grid of rect marks, laid out to keep to the page width: documents
 * across while there are few, down the side (with terms across, labels vertical) when many.
 */
function gridLayout(grid: { documents: string[]; terms: string[]; documentsAs?: "columns" | "rows"; color: object; tooltip: object[]; documentTitle?: string }): VegaLiteSpec {
  const across = (grid.documentsAs ?? (grid.documents.length <= 12 ? "columns" : "rows")) === "columns";
  const documentAxis = { field: "document", type: "nominal", sort: grid.documents, title: grid.documentTitle ?? "文档 document" };
  const termAxis = { field: "term", type: "nominal", sort: grid.terms, title: "词语 term" };
  if (across) {
    return {
      width: { step: Math.max(24, Math.min(56, Math.floor(560 / Math.max(1, grid.documents.length)))) },
      height: { step: theme.bandHeight - 4 },
      mark: { type: "rect" },
      encoding: {
        x: { ...documentAxis, axis: { labelAngle: -40, labelLimit: 90, labelFontSize: 10 } },
        y: { ...termAxis, axis: { minExtent: labelExtent(grid.terms) } },
        color: grid.color,
        tooltip: grid.tooltip,
      },
    };
  }
  return {
    width: { step: Math.max(14, Math.min(22, Math.floor(480 / Math.max(1, grid.terms.length)))) },
    height: { step: 14 },
    mark: { type: "rect" },
    encoding: {
      x: { ...termAxis, axis: { labelAngle: -90, labelFontSize: 10, orient: "top", minExtent: labelExtent(grid.terms, 10) } },
      y: { ...documentAxis, axis: { labelLimit: 140, labelFontSize: 10, minExtent: labelExtent(grid.documents, 10) } },
      color: { ...grid.color, legend: { orient: "bottom", direction: "horizontal" } },
      tooltip: grid.tooltip,
    },
  };
}

export interface KeynessOverviewOptions {
  /** Key terms taken from each group. Default 5. */
  top?: number;
  title?: string;
  /** What each `group` is: groups of documents (the default) or single documents, each against the rest; names the chart's title and axis. */
  unit?: "group" | "document";
}

/**
 * Key terms of many groups at once: a term × group grid of log ratios (diverging colours), from
 * keyness rows each tagged with its `group` (each group against the rest). Every cell is filled:
 * a term's log ratio in each group, so a pale cell is a real "no difference".
 */
export function keynessOverviewChart(input: Rows<KeynessRow & { group: string }>, options: KeynessOverviewOptions = {}): VegaLiteSpec {
  const rows = rowsOf(input);
  const groups = [...new Set(rows.map((row) => row.group))];
  const top = options.top ?? 5;
  const terms: string[] = [];
  for (const group of groups) {
    const positive = rows.filter((row) => row.group === group && row.direction === "positive").sort((left, right) => descending(left.logLikelihood, right.logLikelihood) || compareText(left.term, right.term));
    for (const row of positive.slice(0, top)) if (!terms.includes(row.term)) terms.push(row.term);
  }
  const wanted = new Set(terms);
  const cells = rows.filter((row) => wanted.has(row.term)).map((row) => ({ document: row.group, term: row.term, value: row.logRatio, logLikelihood: row.logLikelihood, targetCount: row.targetCount, referenceCount: row.referenceCount }));
  const largest = cells.reduce((most, cell) => Math.max(most, Math.abs(cell.value)), 1);
  const single = options.unit === "document";
  return baseSpec(
    options.title ?? (single ? `各文档关键词 Key terms of ${groups.length} documents (log ratio)` : `各组关键词 Key terms of ${groups.length} groups (log ratio)`),
    cells,
    gridLayout({
      documents: groups,
      terms,
      documentTitle: single ? "文档 document" : "组 group",
      color: { field: "value", type: "quantitative", title: "对数比 log ratio", scale: { scheme: "redblue", reverse: true, domain: [-largest, largest] } },
      tooltip: [
        { field: "document", title: single ? "document" : "group" },
        { field: "term" },
        { field: "value", type: "quantitative", title: "log ratio", format: ".2f" },
        { field: "logLikelihood", type: "quantitative", title: "G²", format: ".1f" },
        { field: "targetCount", type: "quantitative", title: single ? "count in document" : "count in group" },
        { field: "referenceCount", type: "quantitative", title: "count in the rest" },
      ],
    }),
  );
}

export interface KeynessChartOptions {
  /** `logLikelihood` (G², default) or `logRatio`. */
  measure?: "logLikelihood" | "logRatio";
  /** Terms per direction. Default 15. */
  top?: number;
  title?: string;
}

/** Diverging bars: key terms of the target (right, positive) and of the reference (left, negative). */
export function keynessChart(input: Rows<KeynessRow>, options: KeynessChartOptions = {}): VegaLiteSpec {
  const measure = options.measure ?? "logLikelihood";
  const top = options.top ?? 15;
  const all = rowsOf(input);
  const pick = (direction: KeynessRow["direction"]) =>
    all.filter((row) => row.direction === direction).sort((left, right) => descending(Math.abs(left[measure]), Math.abs(right[measure])) || compareText(left.term, right.term)).slice(0, top);
  const rows = [...pick("positive"), ...pick("negative")].map((row) => ({
    ...row,
    signed: row.direction === "positive" ? Math.abs(row[measure]) : -Math.abs(row[measure]),
    side: row.direction === "positive" ? "目标 target" : "参照 reference",
  }));
  rows.sort((left, right) => descending(left.signed, right.signed) || compareText(left.term, right.term));
  const terms = rows.map((row) => row.term);
  const measureTitle = measure === "logLikelihood" ? "对数似然 G² (signed)" : "对数比 log ratio";
  return baseSpec(options.title ?? "关键词 Keyness: target vs reference", rows, {
    width: theme.width,
    height: { step: theme.bandHeight },
    mark: { type: "bar" },
    encoding: {
      y: { field: "term", type: "nominal", sort: terms, title: "词语 term", axis: { minExtent: labelExtent(terms) } },
      x: { field: "signed", type: "quantitative", title: measureTitle },
      color: { field: "side", type: "nominal", title: "偏向 key in", scale: { domain: ["目标 target", "参照 reference"], range: [theme.positive, theme.negative] } },
      tooltip: [
        { field: "term" },
        { field: "targetCount", type: "quantitative", title: "target count" },
        { field: "referenceCount", type: "quantitative", title: "reference count" },
        { field: "logLikelihood", type: "quantitative", title: "G²", format: ".2f" },
        { field: "logRatio", type: "quantitative", title: "log ratio", format: ".2f" },
        { field: "logLikelihoodP", type: "quantitative", title: "p", format: ".2g" },
      ],
    },
  });
}

export interface DispersionChartOptions {
  title?: string;
  /** Occurrences drawn one tick each at most; past it, ticks per bin (400 across the corpus) shaded by count. Default 2,000. */
  maxTicks?: number;
  /** Documents whose boundaries are drawn at most. Default 200. */
  maxBoundaries?: number;
}

/** Lexical dispersion plot: one row per term, a tick per occurrence along the corpus, documents marked. */
export function dispersionChart(result: DispersionResult, options: DispersionChartOptions = {}): VegaLiteSpec {
  const offsets = new Map<string, number>();
  let total = 0;
  for (const { document, tokens } of result.documents) {
    offsets.set(document, total);
    total += tokens;
  }
  const terms = result.measures.map((measure) => measure.term);
  // Bounded data on any corpus: a tick per occurrence up to maxTicks, else per occupied bin of
  // total/bins tokens (shaded by its count); document boundaries up to maxBoundaries documents.
  const maxTicks = options.maxTicks ?? 2000;
  const bins = 400;
  const binned = result.positions.length > maxTicks;
  let ticks: Array<Record<string, unknown>>;
  if (!binned) ticks = result.positions.map((position) => ({ ...position, corpusPosition: (offsets.get(position.document) ?? 0) + position.position }));
  else {
    const width = Math.max(1, total / bins);
    const counts = new Map<string, number>();
    for (const position of result.positions) {
      const bin = Math.min(bins - 1, Math.floor(((offsets.get(position.document) ?? 0) + position.position) / width));
      const key = `${position.term}\u0000${bin}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    ticks = [...counts.entries()]
      .map(([key, count]) => {
        const [term, bin] = key.split("\u0000");
        return { term, corpusPosition: (Number(bin) + 0.5) * width, from: Math.round(Number(bin) * width), to: Math.round((Number(bin) + 1) * width), count };
      })
      .sort((left, right) => compareText(left.term, right.term) || left.corpusPosition - right.corpusPosition);
  }
  const maxBoundaries = options.maxBoundaries ?? 200;
  const boundaries = result.documents.length > maxBoundaries ? [] : result.documents.map(({ document, tokens }) => ({ document, start: offsets.get(document)!, middle: offsets.get(document)! + tokens / 2 }));
  const extent = labelExtent(terms);
  const notes = [
    binned ? `${result.positions.length.toLocaleString("en-US")} occurrences in ${bins} bins, darker = more` : "",
    boundaries.length === 0 && result.documents.length > maxBoundaries ? `${result.documents.length.toLocaleString("en-US")} documents, boundaries not drawn` : "",
  ].filter(Boolean);
  const title = options.title ?? "词语分布 Dispersion across the corpus";
  const tickLayer = binned
    ? {
        data: { values: ticks },
        mark: { type: "tick", thickness: 1.5 },
        encoding: {
          x: { field: "corpusPosition", type: "quantitative", title: "语料中的位置 token position in the corpus", scale: { domain: [0, total] } },
          y: { field: "term", type: "nominal", sort: terms, title: "词语 term", axis: { minExtent: extent } },
          color: { field: "count", type: "quantitative", scale: { scheme: "blues", type: "log" }, title: "occurrences per bin" },
          tooltip: [{ field: "term" }, { field: "from", type: "quantitative", title: "from token" }, { field: "to", type: "quantitative", title: "to token" }, { field: "count", type: "quantitative" }],
        },
      }
    : {
        data: { values: ticks },
        mark: { type: "tick", color: theme.colour, thickness: 1.5 },
        encoding: {
          x: { field: "corpusPosition", type: "quantitative", title: "语料中的位置 token position in the corpus", scale: { domain: [0, total] } },
          y: { field: "term", type: "nominal", sort: terms, title: "词语 term", axis: { minExtent: extent } },
          tooltip: [{ field: "term" }, { field: "document" }, { field: "position", type: "quantitative", title: "token in document" }],
        },
      };
  return {
    ...baseSpec(notes.length > 0 ? `${title} (${notes.join("; ")})` : title, [], {}),
    data: undefined,
    width: 560,
    layer: [
      {
        data: { values: boundaries },
        mark: { type: "rule", color: "#bbbbbb", strokeDash: [3, 3] },
        encoding: { x: { field: "start", type: "quantitative" } },
      },
      tickLayer,
    ],
    height: { step: 28 },
  };
}

export interface CollocationChartOptions {
  measure?: CollocationMeasure | "count";
  top?: number;
  title?: string;
}

/** Top collocates of a node term (rows of collocations with `node`) by a measure. */
export function collocationChart(input: Rows<CollocationRow>, options: CollocationChartOptions = {}): VegaLiteSpec {
  const measure = options.measure ?? "logLikelihood";
  const rows = [...rowsOf(input)].sort((left, right) => descending(left[measure], right[measure]) || compareText(left.term2, right.term2)).slice(0, options.top ?? 15);
  const node = rows[0]?.term1 ?? "";
  const collocates = rows.map((row) => row.term2);
  const titles: Record<string, string> = { logLikelihood: "对数似然 G²", pmi: "互信息 PMI", tScore: "t 值 t-score", dice: "Dice", count: "共现次数 count" };
  return baseSpec(options.title ?? `「${node}」的搭配词 collocates`, rows, {
    width: theme.width,
    padding: { left: 5, top: 5, bottom: 5, right: 30 },
    height: { step: theme.bandHeight },
    encoding: {
      y: { field: "term2", type: "nominal", sort: collocates, title: "搭配词 collocate", axis: { minExtent: labelExtent(collocates) } },
      x: { field: measure, type: "quantitative", title: titles[measure] },
      tooltip: [
        { field: "term2", title: "collocate" },
        { field: "count", type: "quantitative" },
        { field: "left", type: "quantitative" },
        { field: "right", type: "quantitative" },
        { field: "logLikelihood", type: "quantitative", title: "G²", format: ".2f" },
        { field: "pmi", type: "quantitative", title: "PMI", format: ".2f" },
      ],
    },
    layer: [
      { mark: { type: "bar", color: theme.colour } },
      { mark: { type: "text", align: "left", dx: 3, fontSize: 11 }, encoding: { text: { field: "count", type: "quantitative" } } },
    ],
  });
}

export interface FrequencyOverTimeOptions {
  /** Terms to plot (default: the five most frequent). */
  terms?: string[];
  measure?: "count" | "per10k";
  title?: string;
}

/** Term frequencies by date: rows of termFrequency(tokens, { by: "date" }); undated documents left out. */
export function frequencyOverTimeChart(input: Rows<TermFrequencyRow>, options: FrequencyOverTimeOptions = {}): VegaLiteSpec {
  const measure = options.measure ?? "per10k";
  const dated = rowsOf(input).filter((row) => row.group !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(row.group));
  let terms = options.terms;
  if (!terms) {
    const totals = new Map<string, number>();
    for (const row of dated) totals.set(row.term, (totals.get(row.term) ?? 0) + row.count);
    terms = [...totals.keys()].sort((left, right) => descending(totals.get(left)!, totals.get(right)!) || compareText(left, right)).slice(0, 5);
  }
  const wanted = new Set(terms);
  const dates = [...new Set(dated.map((row) => row.group!))].sort(compareText);
  // Every chosen term at every date, 0 where absent, so lines drop to zero instead of skipping.
  const rows = dates.flatMap((date) =>
    terms!.map((term) => {
      const found = dated.find((row) => row.group === date && row.term === term);
      return { date, term, count: found?.count ?? 0, per10k: found?.per10k ?? 0 };
    }),
  ).filter((row) => wanted.has(row.term));
  return baseSpec(options.title ?? "词频随时间变化 Term frequency over time", rows, {
    width: theme.width,
    height: 240,
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "date", type: "temporal", title: "日期 date", axis: { format: "%Y-%m-%d", labelAngle: 0 } },
      y: { field: measure, type: "quantitative", title: measure === "count" ? "出现次数 count" : "每万词 per 10,000 tokens" },
      color: { field: "term", type: "nominal", title: "词语 term", sort: terms },
      tooltip: [{ field: "term" }, { field: "date", type: "temporal", format: "%Y-%m-%d" }, { field: "count", type: "quantitative" }, { field: "per10k", type: "quantitative", format: ".1f" }],
    },
  });
}

export interface TermsOverTimeOptions {
  /** `per10k` (default) or `count`. */
  measure?: "count" | "per10k";
  title?: string;
}

/**
 * Term frequency by period (rows of frequencyByPeriod): years on a numeric axis, so uneven gaps
 * between reports show as distance; a period with no document is a gap in the line, not a zero.
 */
export function termsOverTimeChart(input: Rows<PeriodRow>, options: TermsOverTimeOptions = {}): VegaLiteSpec {
  const measure = options.measure ?? "per10k";
  const rows = rowsOf(input);
  const terms = [...new Set(rows.map((row) => row.term))];
  const numeric = rows.every((row) => /^\d{4}$/.test(row.period));
  const values = rows.map((row) => ({ ...row, year: numeric ? Number(row.period) : row.period }));
  // Whole years as ticks, given outright: Vega's own ticks over two or three years fall on half
  // years, which the "d" format shows as 2022, 2023, 2023.
  const years = numeric ? [...new Set(values.map((row) => row.year as number))].sort((left, right) => left - right) : [];
  const span = years.length > 0 ? years[years.length - 1] - years[0] : 0;
  const step = span <= 12 ? 1 : span <= 30 ? 2 : span <= 60 ? 5 : 10;
  const ticks = years.length > 0 ? Array.from({ length: Math.floor((years[years.length - 1] - years[0]) / step) + 1 }, (_, index) => years[0] + index * step) : [];
  return baseSpec(options.title ?? "词频随时间变化 Term frequency over time", values, {
    width: theme.width + 80,
    height: 240,
    // A null value (a period with no document) breaks the line: Vega-Lite's default for invalid values on a line.
    mark: { type: "line", point: true },
    encoding: {
      x: numeric
        ? { field: "year", type: "quantitative", title: "年份 year", scale: { zero: false, nice: false }, axis: { format: "d", labelAngle: 0, values: ticks } }
        : { field: "period", type: "ordinal", title: "时期 period", axis: { labelAngle: 0 } },
      y: { field: measure, type: "quantitative", title: measure === "count" ? "出现次数 count" : "每万词 per 10,000 tokens" },
      color: { field: "term", type: "nominal", title: "词语 term", sort: terms, legend: { orient: "bottom", columns: 4 } },
      tooltip: [{ field: "term" }, { field: "period", title: "period" }, { field: "count", type: "quantitative" }, { field: "per10k", type: "quantitative", format: ".1f" }, { field: "documents", type: "quantitative" }],
    },
  });
}

export interface WordCloudOptions {
  top?: number;
  width?: number;
  height?: number;
  title?: string;
}

/**
 * A word cloud (Vega-Lite has none): a Vega v5 spec of text marks, sized by count (square-root
 * scale), upright, placed by layoutCloud: deterministic, and the same in a browser as headless
 * (Vega's wordcloud transform needs a canvas, which headless rendering lacks).
 */
export function wordCloud(input: Rows<TermFrequencyRow>, options: WordCloudOptions = {}): VegaLiteSpec {
  const rows = [...rowsOf(input)].sort((left, right) => descending(left.count, right.count) || compareText(left.term, right.term)).slice(0, options.top ?? 60);
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  const { placed } = layoutCloud(rows.map((row) => ({ text: row.term, weight: row.count })), { width, height });
  const counts = new Map(rows.map((row) => [row.term, row.count]));
  return {
    $schema: "https://vega.github.io/schema/vega/v5.json",
    width,
    height,
    padding: 5,
    title: { text: options.title ?? "词云 Word cloud", font: theme.font, fontSize: theme.chartTitleFontSize, anchor: "start" },
    data: [{ name: "terms", values: placed.map((word) => ({ term: word.text, count: counts.get(word.text), x: word.x, y: word.y, fontSize: word.fontSize })) }],
    scales: [{ name: "colour", type: "ordinal", domain: { data: "terms", field: "term" }, range: { scheme: theme.categoryScheme } }],
    marks: [
      {
        type: "text",
        from: { data: "terms" },
        encode: {
          enter: {
            x: { field: "x" },
            y: { field: "y" },
            text: { field: "term" },
            fontSize: { field: "fontSize" },
            align: { value: "center" },
            baseline: { value: "middle" },
            fill: { scale: "colour", field: "term" },
            font: { value: theme.font },
            tooltip: { signal: "datum.term + ': ' + datum.count" },
          },
        },
      },
    ],
  };
}
