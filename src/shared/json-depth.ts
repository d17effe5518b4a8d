// A bound on JSON nesting, checked before JSON.parse: V8 parses recursively, so one line nested
// ~5,000 levels deep overflows the stack ("Maximum call stack size exceeded") and loses more than that line.
// And the one test parsed JSON needs most: is a value an object of fields (not null, not an array)?

/** Whether a parsed JSON value is an object of fields: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
/** JSON nested deeper than this is refused per line: V8's JSON.parse recurses, and ~5,000 levels overflow the stack. */
export const maxJsonDepth = 256;

/** Whether a JSON text nests arrays and objects deeper than `limit` (brackets inside strings do not count). Linear, no recursion. */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92) index++; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      if (++depth > limit) return true;
    } else if (code === 93 || code === 125) depth--;
  }
  return false;
}

