import { histogram, STABILITY_BINS, type BinSpec } from "@/lib/stats/histogram";

const BINS: BinSpec[] = [
  { label: "a", from: 0, to: 1 },
  { label: "b", from: 1, to: 2 },
  { label: "c", from: 2, to: 4 },
];

describe("histogram", () => {
  it("counts each value in the bin whose lower edge it reaches, the last bin also taking its upper edge and beyond", () => {
    const result = histogram([3.5, 1, 0.999, -2, 4, 9, 2, 1.5], BINS);
    expect(result.bins.map((bin) => bin.count)).toEqual([2, 2, 4]);
    expect(result.total).toBe(8);
  });

  it("fills an open-ended last bin", () => {
    const result = histogram([0.5, 800, 10_000, 365], STABILITY_BINS);
    expect(result.bins.at(-1)!.count).toBe(2);
    expect(result.bins.find((bin) => bin.label === "1–2y")!.count).toBe(1);
    expect(result.bins[0].count).toBe(1);
  });

  it("gives the mean and the lower middle value as median, whatever the order of the values", () => {
    const result = histogram([3, 1, 2, 10], BINS);
    expect(result.mean).toBe(4);
    expect(result.median).toBe(2);
    expect(histogram([5, 1, 3], BINS).median).toBe(3);
  });

  it("has no mean or median without values", () => {
    const result = histogram([], BINS);
    expect(result).toMatchObject({ total: 0, mean: null, median: null });
    expect(result.bins.map((bin) => bin.count)).toEqual([0, 0, 0]);
  });
});
