// Command-line arguments: `wenxi <command> [positionals] [--flag] [--option value|--option=value]`.

export interface ParsedArguments {
  command: string | undefined;
  positionals: string[];
  /** The last value of each option. */
  options: Map<string, string | true>;
  /** Every option with a value, in order (for repeatable options such as --param). */
  all: Array<[string, string]>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArguments(argv: string[], valueOptions: ReadonlySet<string>): ParsedArguments {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const all: Array<[string, string]> = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--") {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (argument.startsWith("--")) {
      const equals = argument.indexOf("=");
      const name = argument.slice(2, equals < 0 ? undefined : equals);
      if (equals >= 0) {
        options.set(name, argument.slice(equals + 1));
        all.push([name, argument.slice(equals + 1)]);
      } else if (valueOptions.has(name)) {
        const value = argv[index + 1];
        if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
        all.push([name, value]);
        index++;
      } else options.set(name, true);
    } else positionals.push(argument);
  }
  const [command, ...rest] = positionals;
  return { command, positionals: rest, options, all };
}
