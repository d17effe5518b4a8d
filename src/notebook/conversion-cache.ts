// tslab type-checks and compiles every cell with a TypeScript program of its kernel: each kernel
// parses Node's and the ES library's type declarations (~1.1 s) and each cell builds a program
// again (~0.1 s) — half the CPU of a report on 3 MB, the same work in every kernel of every run.
// Within `wenxi report` (WENXI_CONVERSION_CACHE names a folder), a cell's conversion (its
// JavaScript and the declarations it adds) is kept, and used again only when everything that
// decided it is the same: the cell, the declarations of the cells before it, tslab's and
// TypeScript's versions and options, the working folder, the content of every file the compiler
// read and the answer to every path it probed (a file or folder there or not). That is the
// conversion tslab would compute again. A cell with diagnostics (a type error) is never kept: the
// compiler reports it as before. The compiler is made on the first cell not found.
// The parameters cell `wenxi report` injects differs with every corpus path: when its lines are
// `const name: string|number|boolean = <JSON value of that type>;` (which always type-check), its
// conversion is kept with the values left out and written back in.
// A cell another process is converting (convert-ahead.ts; its claim file names it) is waited for,
// not converted a second time beside it.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { claimHeld, claimOwner, release, sleepSync } from "../shared/cache";

/** What tslab's converter makes of a cell. */
export interface Conversion {
  output?: string;
  declOutput?: string;
  diagnostics: unknown[];
  hasToplevelAwait?: boolean;
  sideOutputs?: unknown[];
  lastExpressionVar?: string;
}

/** tslab's converter (dist/converter.js), as far as wenxi uses it. */
export interface Converter {
  /** tslab's call; wenxi's converter also tells `converted` the conversion before it is kept (convert-ahead.ts claims the next cell then). */
  convert(prevDecl: string, src: string, converted?: (conversion: Conversion) => void): Conversion;
  inspect(...parts: unknown[]): unknown;
  complete(...parts: unknown[]): unknown;
  addModule(...parts: unknown[]): unknown;
  close(): void;
}

type System = Record<string, (...parts: never[]) => unknown>;

/** What the compiler asked of the file system: operation, its arguments, and a digest of the answer. */
type Probe = [operation: string, argument: string, answer: string];

const probed = ["readFile", "fileExists", "directoryExists", "getDirectories", "realpath", "readDirectory"] as const;

function digest(value: unknown): string {
  return createHash("sha256")
    .update(typeof value === "string" ? value : JSON.stringify(value ?? null))
    .digest("hex");
}

const injectedHeading = "// Parameters injected by wenxi report";
const injectedLine = /^const ([A-Za-z_$][\w$]*): (string|number|boolean) = (.+);$/;

/** An injected parameters cell with its values taken out (`⟨0⟩`, `⟨1⟩` …), or undefined for any other cell. */
export function parameterTemplate(source: string): { template: string; lines: Array<{ name: string; value: string }> } | undefined {
  const [heading, ...rest] = source.split("\n");
  if (heading !== injectedHeading || rest.length === 0) return undefined;
  const lines: Array<{ name: string; value: string }> = [];
  const templateLines = [heading];
  for (const line of rest) {
    const match = injectedLine.exec(line);
    if (!match) return undefined;
    const [, name, type, value] = match;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
    if (typeof parsed !== type) return undefined;
    templateLines.push(`const ${name}: ${type} = ⟨${lines.length}⟩;`);
    lines.push({ name, value });
  }
  return { template: templateLines.join("\n"), lines };
}

/** The compiled text with each value replaced by its mark, or undefined when a value is not found exactly once as tslab writes it. */
function markValues(text: string, lines: Array<{ name: string; value: string }>): string | undefined {
  let marked = text;
  for (const [index, { name, value }] of lines.entries()) {
    const written = `const ${name} = ${value};`;
    if (marked.split(written).length !== 2) return undefined;
    marked = marked.replace(written, () => `const ${name} = ⟨${index}⟩;`);
  }
  return lines.some(({ value }) => marked.includes(value)) ? undefined : marked;
}

function fillValues(text: string, lines: Array<{ name: string; value: string }>): string {
  let filled = text;
  for (const [index, { name, value }] of lines.entries()) filled = filled.replace(`const ${name} = ⟨${index}⟩;`, () => `const ${name} = ${value};`);
  return filled;
}

/** Entries kept at most; past it the oldest half is removed. */
const maximumEntries = 4000;

/** The folder of the tslab this process runs (its kernel's, or the one beside wenxi). */
export function tslabFolder(): string {
  return path.dirname(require.resolve("tslab/package.json"));
}

/** The options tslab's kernel (not jslab's) gives its Node converter. */
export const kernelConverterOptions = { isJS: false, isBrowser: false };

/** The versions of each tslab folder seen, read once a process (every cell's key holds them). */
const versionsByFolder = new Map<string, string[]>();

/** tslab's version and its TypeScript's (from their package.json: no need to load TypeScript). */
function converterVersions(tslab: string): string[] {
  let versions = versionsByFolder.get(tslab);
  if (!versions) {
    const version = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
    versions = [version(path.join(tslab, "package.json")), version(require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [tslab] }))];
    versionsByFolder.set(tslab, versions);
  }
  return versions;
}

/** The key of a cell's conversion by a converter made with `options` in `folder`, after the declarations `prevDecl`. */
export function conversionKey(options: unknown, folder: string, prevDecl: string, src: string, tslab = tslabFolder()): string {
  const parameters = parameterTemplate(src);
  return digest([...converterVersions(tslab), options ?? {}, folder, prevDecl, parameters ? parameters.template : src]);
}

/** The file of a kept conversion. */
export function conversionFile(cache: string, key: string): string {
  return path.join(cache, `${key}.json`);
}

/** The claim file of a conversion another process is making (shared/cache.ts claim). */
export function conversionClaimFile(cache: string, key: string): string {
  return path.join(cache, `${key}.claim`);
}

/** A conversion claim older than this is stale whoever holds it (a claim lives for one cell's conversion; a process id can be reused). */
export const claimLifetimeMilliseconds = 300_000;

/** Whether another process is converting the cell of the claim `file` now: held by a live process, and not stale. */
export function claimedElsewhere(file: string): boolean {
  try {
    if (Date.now() - statSync(file).mtimeMs > claimLifetimeMilliseconds) return false;
  } catch {
    return false;
  }
  return claimHeld(file);
}

/** Longest wait for a cell another process claimed (past it, the kernel converts the cell itself). */
const claimWaitMilliseconds = 60_000;

/**
 * Makes tslab's createConverter keep conversions in `folder`; returns it (the one tslab's kernel
 * calls from then on), for a process that converts cells itself (convert-ahead.ts).
 */
export function installConversionCache(folder: string): (options?: Record<string, unknown>) => Converter {
  const tslab = tslabFolder();
  const converterModule = require(path.join(tslab, "dist", "converter.js")) as { createConverter: (options?: Record<string, unknown>) => Converter };
  const typescriptPath = require.resolve("@tslab/typescript-for-tslab", { paths: [tslab] });
  const ts = require(typescriptPath) as { version: string; sys: System };
  // Every answer the compiler got, first one kept (the compiler's own cache does not ask twice).
  const probes = new Map<string, Probe>();
  const original = new Map<string, (...parts: never[]) => unknown>();
  for (const operation of probed) {
    const method = ts.sys[operation];
    if (typeof method !== "function") continue;
    const bound = method.bind(ts.sys) as (...parts: never[]) => unknown;
    original.set(operation, bound);
    ts.sys[operation] = (...parts: never[]) => {
      const answer = bound(...parts);
      const argument = operation === "readDirectory" ? JSON.stringify(parts) : String(parts[0]);
      const key = `${operation}\u0000${argument}`;
      if (!probes.has(key)) probes.set(key, [operation, argument, digest(answer)]);
      return answer;
    };
  }
  // Whether the file system still answers as it did for a kept conversion (asked once per kernel).
  const answers = new Map<string, string>();
  const answerNow = ([operation, argument]: Probe): string => {
    const key = `${operation}\u0000${argument}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const method = original.get(operation);
      const parts = operation === "readDirectory" ? (JSON.parse(argument) as never[]) : ([argument] as never[]);
      answer = method ? digest(method(...parts)) : "";
      answers.set(key, answer);
    }
    return answer;
  };
  const validInputs = new Map<string, boolean>();
  const inputsHold = (inputs: string): boolean => {
    let valid = validInputs.get(inputs);
    if (valid === undefined) {
      try {
        const recorded = JSON.parse(readFileSync(path.join(folder, `inputs-${inputs}.json`), "utf8")) as Probe[];
        valid = recorded.every((probe) => answerNow(probe) === probe[2]);
      } catch {
        valid = false;
      }
      validInputs.set(inputs, valid);
    }
    return valid;
  };
  const write = (name: string, text: string) => {
    const file = path.join(folder, name);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  };
  const prune = () => {
    const names = readdirSync(folder).filter((name) => name.endsWith(".json"));
    if (names.length <= maximumEntries) return;
    const byAge = names.map((name) => ({ name, time: statSync(path.join(folder, name)).mtimeMs })).sort((left, right) => left.time - right.time);
    for (const { name } of byAge.slice(0, Math.floor(names.length / 2))) rmSync(path.join(folder, name), { force: true });
  };

  let written: { count: number; digest: string } | undefined;
  const createConverter = converterModule.createConverter;
  converterModule.createConverter = (options?: Record<string, unknown>): Converter => {
    let real: Converter | undefined;
    const compiler = () => (real ??= createConverter(options));
    return {
      convert(prevDecl: string, src: string, converted?: (conversion: Conversion) => void): Conversion {
        const parameters = parameterTemplate(src);
        const key = conversionKey(options, process.cwd(), prevDecl, src, tslab);
        const entryFile = conversionFile(folder, key);
        const kept = (): Conversion | undefined => {
          try {
            const entry = JSON.parse(readFileSync(entryFile, "utf8")) as { inputs: string; conversion: Conversion };
            if (!inputsHold(entry.inputs)) return undefined;
            const conversion = entry.conversion;
            return parameters ? { ...conversion, output: fillValues(conversion.output ?? "", parameters.lines) } : conversion;
          } catch {
            return undefined; // not kept, or unreadable: converted below
          }
        };
        let found = kept();
        // Being converted by the process that converts ahead (a claim not this process's own): its
        // entry, once written, or converted here when its claim is released without one (a type
        // error) or its process is gone.
        const claimFile = conversionClaimFile(folder, key);
        if (found === undefined && claimOwner(claimFile) !== process.pid) {
          for (const started = Date.now(); found === undefined && claimedElsewhere(claimFile) && Date.now() - started < claimWaitMilliseconds; ) {
            sleepSync(10);
            found = kept();
          }
          if (!claimedElsewhere(claimFile)) release(claimFile); // left by a process that is gone, or stale
        }
        if (found !== undefined) {
          converted?.(found);
          return found;
        }
        const conversion = compiler().convert(prevDecl, src);
        converted?.(conversion);
        if (conversion.diagnostics.length > 0 || conversion.sideOutputs || conversion.output === undefined) return conversion;
        try {
          let keptConversion = conversion;
          if (parameters) {
            const output = markValues(conversion.output ?? "", parameters.lines);
            if (output === undefined || parameters.lines.some(({ value }) => (conversion.declOutput ?? "").includes(value))) return conversion;
            keptConversion = { ...conversion, output };
          }
          // The answers so far (only ever more of them), written when they grew since the last cell kept.
          if (!written || written.count !== probes.size) {
            const inputs = [...probes.values()].sort((left, right) => (left[0] + left[1] < right[0] + right[1] ? -1 : 1));
            written = { count: probes.size, digest: digest(inputs) };
            mkdirSync(folder, { recursive: true });
            write(`inputs-${written.digest}.json`, JSON.stringify(inputs));
            validInputs.set(written.digest, true);
            prune();
          }
          write(path.basename(entryFile), JSON.stringify({ inputs: written.digest, conversion: keptConversion }));
        } catch {
          // A cache that cannot be written is only a slower run.
        }
        return conversion;
      },
      inspect: (...parts) => compiler().inspect(...parts),
      complete: (...parts) => compiler().complete(...parts),
      addModule: (...parts) => compiler().addModule(...parts),
      close: () => real?.close(),
    };
  };
  return converterModule.createConverter;
}
