// One look for every chart: a font list that covers Chinese, sizes, colours, and the Vega-Lite
// config that carries them. Change the look here and every builder follows.
import { textWidth } from "../text/width";

export const chineseFontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export const theme = {
  font: chineseFontFamily,
  labelFontSize: 12,
  titleFontSize: 13,
  chartTitleFontSize: 15,
  /** Height of one bar or row, in pixels. */
  bandHeight: 22,
  width: 420,
  /** Main colour, and the two directions of keyness. */
  colour: "#3b6ea5",
  positive: "#c0392b",
  negative: "#2874a6",
  sequentialScheme: "blues",
  categoryScheme: "tableau10",
} as const;

export type VegaLiteSpec = Record<string, unknown>;

/** The Vega-Lite `config` block of the theme. */
export function themeConfig(): Record<string, unknown> {
  return {
    font: theme.font,
    title: { font: theme.font, fontSize: theme.chartTitleFontSize, anchor: "start", offset: 12 },
    axis: {
      labelFont: theme.font,
      titleFont: theme.font,
      labelFontSize: theme.labelFontSize,
      titleFontSize: theme.titleFontSize,
      labelLimit: 0,
      titlePadding: 10,
    },
    header: { labelFont: theme.font, titleFont: theme.font, labelFontSize: theme.titleFontSize, titleFontSize: theme.titleFontSize },
    legend: { labelFont: theme.font, titleFont: theme.font, labelFontSize: theme.labelFontSize, titleFontSize: theme.labelFontSize, labelLimit: 0 },
    text: { font: theme.font },
    view: { stroke: null },
    range: { category: { scheme: theme.categoryScheme } },
  };
}

/**
 * Room an axis needs for its labels, measured with CJK characters at full width. Set as the
 * axis' minExtent so that labels never run into the axis title, whatever the renderer measures.
 */
export function labelExtent(labels: string[], fontSize: number = theme.labelFontSize): number {
  return Math.ceil(labels.reduce((widest, label) => Math.max(widest, textWidth(label, fontSize)), 0)) + 6;
}

/** A Vega-Lite spec with the schema, the theme and inline data. */
export function baseSpec(title: string, values: object[], extra: VegaLiteSpec = {}): VegaLiteSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    config: themeConfig(),
    data: { values },
    ...extra,
  };
}

/** Rows from an analysis result or a danfojs DataFrame (anything with toJSON() giving rows). */
export function rowsOf<T>(input: T[] | { toJSON: (...args: unknown[]) => unknown }): T[] {
  if (Array.isArray(input)) return input;
  const json = input.toJSON();
  if (Array.isArray(json)) return json as T[];
  throw new Error("a chart needs an array of rows or a DataFrame");
}
