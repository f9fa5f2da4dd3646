import { isLeech, isLeechLapse } from "@/lib/srs/leech";

describe("isLeechLapse", () => {
  it("fires on the lapse that reaches the threshold, then every half threshold, never on a recovery", () => {
    const fired = Array.from({ length: 20 }, (_, i) => i + 1).filter((after) => isLeechLapse(after - 1, after, 8));
    expect(fired).toEqual([8, 12, 16, 20]);
    expect(isLeechLapse(8, 8, 8)).toBe(false);
    expect(Array.from({ length: 6 }, (_, i) => i + 1).filter((after) => isLeechLapse(after - 1, after, 1))).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });

  it("marks a card with lapses at or over the threshold", () => {
    expect([isLeech(7, 8), isLeech(8, 8), isLeech(30, 8)]).toEqual([false, true, true]);
  });
});
