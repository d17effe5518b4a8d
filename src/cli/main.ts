#!/usr/bin/env node
// The `wenxi` command: dispatches to one command per analysis. Only this file decides exit codes:
// 0 success, 1 the work failed (named on stderr), 2 the command line was wrong.
import { parseArguments, UsageError } from "./arguments";
import { packageVersion } from "../shared/package-info";
import { checkOptions, commandHelp, type Command, type Output } from "./command";
import { collocationsCommand, frequencyCommand, keynessCommand, keywordsCommand, kwicCommand, ngramsCommand } from "./analysis-commands";
import { corpusCommand } from "./corpus-command";
import { exportCommand } from "./export-command";
import { dictionaryCommand, entitiesCommand, networkCommand, profileCommand, similarityCommand, topicsCommand } from "./structure-commands";
import { reportCommand } from "./report-command";
import { initCommand, kernelCommand } from "./setup-commands";

export const commands: Command[] = [corpusCommand, frequencyCommand, keywordsCommand, kwicCommand, keynessCommand, collocationsCommand, ngramsCommand, networkCommand, similarityCommand, topicsCommand, entitiesCommand, dictionaryCommand, profileCommand, exportCommand, reportCommand, kernelCommand, initCommand];

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "wenxi (文析): analyse Chinese-language text corpora",
    "",
    "usage: wenxi <command> [source] [options]",
    "",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "wenxi <command> --help (-h) shows a command's options, defaults and examples; wenxi --version (-V) the version.",
    "",
  ].join("\n");
}


export async function runCli(argv: string[], output: Output): Promise<number> {
  const valueOptions = new Set(commands.flatMap((command) => command.valueOptions));
  // Short forms: -h for --help, -V/-v for --version.
  const expanded = argv.map((argument) => (argument === "-h" ? "--help" : argument === "-V" || argument === "-v" ? "--version" : argument));
  try {
    const parsed = parseArguments(expanded, valueOptions);
    if (parsed.options.has("version")) {
      output.stdout(`wenxi ${packageVersion()}\n`);
      return 0;
    }
    if (parsed.command === undefined || parsed.command === "help" || (parsed.command === undefined && parsed.options.has("help"))) {
      output.stdout(help());
      return parsed.command === undefined && !parsed.options.has("help") ? 2 : 0;
    }
    const command = commands.find((candidate) => candidate.name === parsed.command);
    if (!command) throw new UsageError(`unknown command "${parsed.command}"\n\n${help()}`);
    if (parsed.options.has("help")) {
      output.stdout(commandHelp(command) + (command.moreHelp?.(parsed) ?? ""));
      return 0;
    }
    checkOptions(command, parsed);
    return await command.run(parsed, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr(`wenxi: ${error.message}\n`);
      return 2;
    }
    output.stderr(`wenxi: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
