// `wenxi report [notebook…]`: runs the notebooks fresh and writes the HTML report, with progress
// on the terminal; on a failing cell it names the notebook, the cell, its source and the error.
import * as path from "node:path";
import { existsSync, readdirSync } from "node:fs";
import { parseParameter } from "../report/notebook-format";
import { ParameterError, parameterHelp, parametersOfFiles } from "../report/parameters";
import { buildReport, defaultReportJobs, ReportFailure, shippedNotebookFolder, type ProgressEvent } from "../report/report";
import { UsageError } from "./arguments";
import { numberOption, stringOption, type Command, type Output } from "./command";
import { presetOption } from "./analysis-commands";

function progressPrinter(output: Output, interactive: boolean): (event: ProgressEvent) => void {
  return (event) => {
    const prefix = `[${event.index}/${event.count}] ${event.name}`;
    if (event.kind === "notebook") output.stderr(`${prefix}: starting the kernel\n`);
    else if (event.kind === "cell") output.stderr(`${interactive ? "\r\x1b[K" : ""}${prefix}: cell ${event.cell}/${event.cells} (${event.elapsedSeconds.toFixed(1)} s)${interactive ? "" : "\n"}`);
    else output.stderr(`${interactive ? "\r\x1b[K" : ""}${prefix}: ${event.ok ? "done" : "FAILED"} in ${event.seconds.toFixed(1)} s\n`);
  };
}

export const reportCommand: Command = {
  name: "report",
  summary: "execute every notebook fresh and write the HTML report (reports/index.html)",
  usage: "wenxi report [notebook…] [--corpus PATH] [--preset NAME] [--param name=value]… [--out DIR=reports] [--notebooks DIR] [--timeout SECONDS=120] [--jobs N] [--stamp]",
  valueOptions: ["corpus", "preset", "param", "out", "notebooks", "timeout", "jobs"],
  flagOptions: ["stamp"],
  examples: [
    "wenxi report --corpus ~/texts/my-corpus --out my-corpus-report",
    "wenxi report 06-structure --help",
    `wenxi report --corpus ~/texts/government-reports --param 'nameFields="{year}政府工作报告_{speaker}"'`,
    `wenxi report 05-terms-in-context --param 'terms=["改革","开放"]'`,
    "wenxi report --out site --timeout 300 --stamp",
  ],
  moreHelp(parsed) {
    const folder = stringOption(parsed, "notebooks") ?? shippedNotebookFolder;
    let files: string[];
    if (parsed.positionals.length > 0) files = parsed.positionals.map((name) => [name, path.join(folder, name), path.join(folder, `${name}.ipynb`)].find((candidate) => candidate.endsWith(".ipynb") && existsSync(candidate)) ?? name);
    else files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(".ipynb")).sort().map((name) => path.join(folder, name)) : [];
    try {
      return `\nnotebook parameters (${parsed.positionals.length > 0 ? "of the notebooks named" : `of every notebook in ${folder}`}; --param name=value sets one in every notebook that declares it):\n${parameterHelp(parametersOfFiles(files))}\n`;
    } catch (error) {
      return `\nnotebook parameters: ${(error as Error).message}\n`;
    }
  },
  async run(parsed, output) {
    const parameters = parsed.all.filter(([name]) => name === "param").map(([, value]) => {
      try {
        return parseParameter(value);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    });
    // --preset NAME is the notebooks' `preset` parameter (checked here, before any kernel starts).
    const preset = presetOption(parsed);
    if (preset !== undefined) parameters.push(["preset", JSON.stringify(preset)]);
    const out = stringOption(parsed, "out") ?? "reports";
    const started = Date.now();
    try {
      const result = await buildReport({
        notebookFolder: stringOption(parsed, "notebooks"),
        notebooks: parsed.positionals,
        out,
        corpus: stringOption(parsed, "corpus"),
        parameters,
        timeout: numberOption(parsed, "timeout", 120, { integer: false, min: 0.001 }),
        jobs: numberOption(parsed, "jobs", defaultReportJobs(), { integer: true, min: 1 }),
        stamp: parsed.options.has("stamp") ? new Date() : undefined,
        onProgress: progressPrinter(output, output.interactive === true),
      });
      for (const note of result.notes) output.stderr(`wenxi report: ${note}\n`);
      const charts = result.entries.reduce((sum, entry) => sum + entry.charts, 0);
      output.stdout(`wrote ${path.relative(process.cwd(), path.join(result.out, "index.html"))}: ${result.entries.length} notebooks, ${charts} charts, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    } catch (error) {
      if (error instanceof ParameterError) throw new UsageError(error.message);
      if (!(error instanceof ReportFailure)) throw error;
      const excerpt = error.failure.source.split("\n").slice(0, 8).map((line) => `    ${line}`).join("\n");
      const message = error.failure.message.split("\n").slice(0, 25).map((line) => `    ${line}`).join("\n");
      output.stderr(
        `wenxi report: ${error.notebook}, cell ${error.failure.cell} ${error.failure.timedOut ? "timed out" : "failed"}:\n${excerpt}\n  error:\n${message}\n` +
          (error.previousReport
            ? `The previous report in ${out}/ was left as it was; this run's report, every other page written and the failed one marked in its index, is in ${path.relative(process.cwd(), error.failedBuild)}/.\n`
            : `The report was written to ${out}/ with every other page; its index marks the failed notebook${error.failedNotebooks > 1 ? `s (${error.failedNotebooks})` : ""}.\n`),
      );
      return 1;
    }
  },
};

