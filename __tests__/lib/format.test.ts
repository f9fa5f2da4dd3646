import {
  formatDueDays,
  formatDueTime,
  formatDuration,
  formatGradeIntervals,
  formatInterval,
  formatPastTime,
  plural,
  pluralWord,
  WORDS,
} from "@/lib/format";

const DAY = 86_400_000;

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

describe("plural", () => {
  it.each([
    [0, "0 study days"],
    [1, "1 study day"],
    [2, "2 study days"],
    [1.5, "1.5 study days"],
    [1204, "1,204 study days"],
  ])("writes %s with the right form: %s", (n, text) => {
    expect(plural(n, { one: "study day", other: "study days" })).toBe(text);
  });

  it("takes irregular forms as given, with no letters glued on", () => {
    expect(plural(1, { one: "freeze", other: "freezes" })).toBe("1 freeze");
    expect(pluralWord(3, { one: "comes", other: "come" })).toBe("come");
    expect(plural(1, WORDS.minute)).toBe("1 minute");
  });

  it("says 1 minute, not 1 minutes, in relative times", () => {
    const now = new Date("2026-03-07T12:00:00Z");
    expect(formatDueTime(new Date(now.getTime() + 60_000), now, "UTC")).toBe("in 1 minute");
    expect(formatPastTime(new Date(now.getTime() - 60_000), now, "UTC")).toBe("1 minute ago");
  });
});

describe("formatGradeIntervals", () => {
  it("keeps the usual labels when they differ", () => {
    expect(formatGradeIntervals([10 * 60_000, 15 * 60_000, DAY, 2 * DAY])).toEqual(["10m", "15m", "1d", "2d"]);
  });

  it("shows Good and Easy in days when both would read 1.5mo", () => {
    expect(formatGradeIntervals([10 * 60_000, 40 * DAY, 45 * DAY, 46 * DAY])).toEqual(["10m", "1.3mo", "45d", "46d"]);
  });

  it("lets Hard and Good share a label, as the scheduler lets them share an interval", () => {
    expect(formatGradeIntervals([DAY, 2 * DAY, 2 * DAY, 3 * DAY])).toEqual(["1d", "2d", "2d", "3d"]);
  });
});

describe("formatDueDays", () => {
  it("says when a card is due in study days from today", () => {
    expect([-3, -1, 0, 1, 2, 400].map(formatDueDays)).toEqual([
      "3 days overdue",
      "1 day overdue",
      "today",
      "tomorrow",
      "in 2 days",
      "in 400 days",
    ]);
  });
});
