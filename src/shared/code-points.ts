// Counting by code point where JavaScript counts UTF-16 units: a character beyond U+FFFF (𠮷,
// Extension B Han) is two units in a JavaScript string and one character to DuckDB, Python and
// readers of the text. Used by Traditional→Simplified conversion, normalisation and offsets.

/** Length in UTF-16 units of the code point at `index`: 2 for a surrogate pair, else 1 (a lone surrogate too). */
export function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/**
 * Code-point offsets of UTF-16 offsets into `text`, given in ascending order (as token starts
 * are): one walk over the text, counting every unit but the second half of a surrogate pair.
 * DuckDB, Spark and Python count characters so; JavaScript counts a character beyond U+FFFF twice.
 */
export function codePointOffsets(text: string, ascending: ArrayLike<number>): number[] {
  const result: number[] = [];
  let unit = 0;
  let codePoints = 0;
  for (let index = 0; index < ascending.length; index++) {
    for (const end = Math.min(ascending[index], text.length); unit < end; unit++) {
      const code = text.charCodeAt(unit);
      if (code < 0xdc00 || code > 0xdfff) codePoints++;
    }
    result.push(codePoints);
  }
  return result;
}
