// A small seeded pseudo-random generator (mulberry32), for anything that must come out the same
// on every run: random chart layouts, the benchmark's shuffled corpus, the topic model's sampler
// (which keeps the state as a number: a chain can be stored and continued).

/** The state after `state`: mulberry32 adds a constant. */
export function nextRandomState(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** The number in [0, 1) that a state gives. */
export function randomOfState(state: number): number {
  let value = state;
  value = Math.imul(value ^ (value >>> 15), value | 1);
  value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => randomOfState((state = nextRandomState(state)));
}
