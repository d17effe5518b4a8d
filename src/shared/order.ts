// Deterministic ordering: ties are broken by term, then by document id, comparing code points
// (locale-independent, so every machine sorts alike).

/**
 * Code-point order. JavaScript's `<` compares UTF-16 code units, which puts a character beyond
 * U+FFFF (a surrogate pair, U+D800–DFFF: 𠮷, Extension B Han) before U+E000–FFFF (，, ：): at the
 * first difference a surrogate is lifted above the whole Basic Multilingual Plane.
 */
export function compareText(left: string, right: string): number {
  if (left === right) return 0;
  const shorter = Math.min(left.length, right.length);
  let index = 0;
  while (index < shorter && left.charCodeAt(index) === right.charCodeAt(index)) index++;
  if (index === shorter) return left.length < right.length ? -1 : 1;
  const lift = (code: number) => (code >= 0xd800 && code <= 0xdfff ? code + 0x10000 : code);
  return lift(left.charCodeAt(index)) < lift(right.charCodeAt(index)) ? -1 : 1;
}

/** Larger number first; equal numbers fall through to the next comparison (NaN last). */
export function descending(left: number, right: number): number {
  if (Number.isNaN(left)) return Number.isNaN(right) ? 0 : 1;
  if (Number.isNaN(right)) return -1;
  return right - left;
}
