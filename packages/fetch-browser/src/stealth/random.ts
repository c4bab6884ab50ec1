/** A small seeded PRNG (mulberry32): the same seed gives the same noise and the same pointer paths. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(rng: () => number, min: number, max: number): number {
  return min + rng() * (max - min);
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}
