/** A small seeded PRNG (mulberry32): the benchmarks build the same data every run. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An instant as Prisma stores DateTime in SQLite, for rows written straight into the file. */
export const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
