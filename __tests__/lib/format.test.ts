import { formatDuration, formatInterval } from "@/lib/format";

describe("formatInterval", () => {
  it.each([
    [30_000, "<1m"],
    [60_000, "1m"],
    [10 * 60_000, "10m"],
    [3 * 3_600_000, "3h"],
    [86_400_000, "1d"],
    [8 * 86_400_000, "8d"],
    [45 * 86_400_000, "1.5mo"],
    [800 * 86_400_000, "2.2y"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatInterval(ms)).toBe(text);
  });
});

describe("formatDuration", () => {
  it("uses seconds, then minutes and seconds, then hours and minutes", () => {
    expect(formatDuration(45_000)).toBe("45s");
    expect(formatDuration(200_000)).toBe("3m 20s");
    expect(formatDuration(3_900_000)).toBe("1h 5m");
  });
});
