import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** A source of uniform numbers in [0, 1), like Math.random; the quiz never draws randomness of its own. */
export type RandomSource = () => number;

/**
 * A reproducible random source: the same seed gives the same sequence, so a quiz rebuilt from a
 * stored seed is the same quiz. Only the low 32 bits of the seed matter.
 */
export function seededRandom(seed: number): RandomSource {
  const rng = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(rng);
}

/** A uniform integer in [0, n). Clamped, so a source that returns exactly 1 cannot index past the end. */
export function randomIndex(random: RandomSource, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** A shuffled copy (Fisher-Yates). */
export function shuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The items in a random order, produced one at a time: drawing the first few of a large list costs
 * a few steps, not a copy of the list (a 10,000-concept deck asked for 3 distractors).
 */
export function* lazyShuffle<T>(items: readonly T[], random: RandomSource): Generator<T> {
  const moved = new Map<number, number>();
  for (let i = 0; i < items.length; i++) {
    const j = i + randomIndex(random, items.length - i);
    const atJ = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    yield items[atJ];
  }
}
