import { formatDuration, formatInterval, formatPastTime } from "@/lib/format";

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

describe("formatPastTime", () => {
  const now = new Date("2026-03-07T12:00:00Z");
  it.each([
    ["2026-03-07T11:59:30Z", "UTC", "just now"],
    ["2026-03-07T11:48:00Z", "UTC", "12 minutes ago"],
    ["2026-03-07T08:05:00Z", "UTC", "today at 08:05"],
    ["2026-03-06T20:00:00Z", "UTC", "yesterday at 20:00"],
    // Already the 7th in Tokyo.
    ["2026-03-06T20:00:00Z", "Asia/Tokyo", "today at 05:00"],
    ["2026-03-02T09:00:00Z", "UTC", "Mon 2 Mar"],
  ])("formats %s in %s as %s", (when, timeZone, text) => {
    expect(formatPastTime(new Date(when), now, timeZone)).toBe(text);
  });
});
