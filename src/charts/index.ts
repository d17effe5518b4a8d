// The chart layer's public surface: builders (result → Vega-Lite spec) and rendering.
export * from "./builders";
export * from "./structure";
export { toSVG, toPNG, toHTML, saveChart, svgToPNG, compileToVega, findCjkFont, type RenderOptions, type PngOptions } from "./render";
export { layoutCloud, type CloudWord, type PlacedWord } from "./cloud-layout";
export { theme, themeConfig, chineseFontFamily, type VegaLiteSpec } from "./theme";
