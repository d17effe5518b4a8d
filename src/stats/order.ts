// Deterministic ordering: ties are broken by term, then by document id, comparing code points
// (locale-independent, so every machine sorts alike).

export function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Larger number first; equal numbers fall through to the next comparison (NaN last). */
export function descending(left: number, right: number): number {
  if (Number.isNaN(left)) return Number.isNaN(right) ? 0 : 1;
  if (Number.isNaN(right)) return -1;
  return right - left;
}
