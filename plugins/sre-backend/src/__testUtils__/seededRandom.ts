/**
 * Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator):
 * test data that looks irregular but is the same on every run.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
