// Seeded randomness for shuffling and synthetic data. Math.random is never used: the same seed must give the same
// split and the same sine waves on every run and every machine, so that results are reproducible.
import { mulberry32 } from '../../../shared/random.js';

export { mulberry32 };

/** Mixes a seed with a stream index so that each synthetic sample gets its own, independent generator. */
export function subSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Standard normal samples by Box–Muller (one of the pair is enough here). */
export function gaussian(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]: log(0) would be -Infinity
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** In-place Fisher–Yates shuffle driven by `rand`. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, rand: () => number): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = array[i]!;
    array[i] = array[j]!;
    array[j] = tmp;
  }
  return array;
}
