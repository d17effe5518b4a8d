// The report layer's public surface: run notebooks and publish them as HTML.
export { buildReport, checkReplaceable, reportMarker, ReportFailure, ReportOutputError, type ReportOptions, type ReportResult, type ProgressEvent } from "./report";
export { runNotebook, type NotebookRun, type CellFailure, type RunOptions } from "./run-notebook";
export { KernelClient, type ExecutionResult, type CellOutput } from "./kernel-client";
export { readNotebook, injectParameters, serializeNotebook, type Notebook, type NotebookCell } from "./notebook-format";
export { notebookPage, indexPage } from "./html";
export { sanitizeHtml } from "./sanitize";
