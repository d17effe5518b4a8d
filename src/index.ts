// wenxi (文析): analyse Chinese-language text corpora. The public API, in the order data flows:
// corpus (load, decode, clean) → tokens → tables → charts → display and reports.
export * from "./corpus";
export * from "./text";
export * from "./stats";
export * from "./charts";
export * from "./notebook";
export { formatTable, formatHtmlTable, formatCsv, escapeHtml } from "./format/tables";
export * from "./report";
export * from "./export";
