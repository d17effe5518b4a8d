// `wenxi/report`: the report runner and what it is built from, for programs that run notebooks
// themselves: build a report, run one notebook, talk to a kernel, read and write .ipynb files,
// register the kernel with Jupyter. The analysis API is the package's main entry (src/index.ts).
export { buildReport, ReportFailure, ReportOutputError, type ReportOptions, type ReportResult, type ProgressEvent } from "./report";
export { runNotebook, type NotebookRun, type CellFailure, type RunOptions } from "./run-notebook";
export { KernelClient, type ExecutionResult, type CellOutput } from "./kernel-client";
export { readNotebook, injectParameters, serializeNotebook, type Notebook, type NotebookCell } from "./notebook-format";
export { installKernelSpec, kernelName, userJupyterDataFolder } from "../notebook/kernelspec";
