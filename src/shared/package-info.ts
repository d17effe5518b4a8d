// Where wenxi's own package is (a clone, or node_modules/wenxi) and its version, from its
// package.json: for the CLI's --version, the report's footer, the kernelspec and `wenxi init`.
import * as path from "node:path";

/** The package's folder: dist/shared/ (or src/shared/ under the tests) is two levels down. */
export const packageRoot = path.resolve(__dirname, "../..");

/** wenxi's version, from its package.json. */
export function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../../package.json") as { version: string }).version;
}
