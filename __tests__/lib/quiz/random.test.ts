import { lazyShuffle, randomIndex, seededRandom, shuffle } from "@/lib/quiz/random";

const draw = (seed: number, n: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe("seededRandom", () => {
  it("repeats its sequence for a seed and differs for another", () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(42, 100)).not.toEqual(draw(43, 100));
  });

  it("stays in [0, 1) and spreads over it", () => {
    const values = draw(7, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = Array.from({ length: 10 }, (_, i) => values.filter((v) => Math.floor(v * 10) === i).length);
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

describe("randomIndex", () => {
  it("never reaches n, even for a source that returns 1", () => {
    expect(randomIndex(() => 0.999999, 4)).toBe(3);
    expect(randomIndex(() => 1, 4)).toBe(3);
    expect(randomIndex(() => 0, 4)).toBe(0);
  });
});

describe("shuffle and lazyShuffle", () => {
  const items = Array.from({ length: 20 }, (_, i) => i);

  it("return a permutation and leave the input alone", () => {
    for (const seed of [1, 2, 3]) {
      const eager = shuffle(items, seededRandom(seed));
      const lazy = [...lazyShuffle(items, seededRandom(seed))];
      expect([...eager].sort((a, b) => a - b)).toEqual(items);
      expect([...lazy].sort((a, b) => a - b)).toEqual(items);
      expect(lazy).not.toEqual(items);
    }
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("put every item first about equally often", () => {
    const random = seededRandom(5);
    const firsts = new Array<number>(4).fill(0);
    for (let i = 0; i < 4000; i++) firsts[lazyShuffle([0, 1, 2, 3], random).next().value as number]++;
    for (const count of firsts) expect(count).toBeGreaterThan(900);
  });

  it("handle empty and single-item lists", () => {
    expect([...lazyShuffle([], seededRandom(1))]).toEqual([]);
    expect(shuffle(["only"], seededRandom(1))).toEqual(["only"]);
  });
});
