import { currentStreak, longestStreak } from "@/lib/streaks/streak";

const TODAY = "2026-03-07";

describe("currentStreak", () => {
  it("counts consecutive days with reviews ending today", () => {
    expect(currentStreak(["2026-03-05", "2026-03-06", "2026-03-07"], TODAY)).toBe(3);
  });

  it("still counts up to yesterday when there is no review yet today", () => {
    expect(currentStreak(["2026-03-04", "2026-03-05", "2026-03-06"], TODAY)).toBe(3);
  });

  it("is 0 once a whole day was missed", () => {
    expect(currentStreak(["2026-03-04", "2026-03-05"], TODAY)).toBe(0);
  });

  it("stops at a gap", () => {
    expect(currentStreak(["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-07"], TODAY)).toBe(3);
    expect(currentStreak(["2026-03-05", "2026-03-07"], TODAY)).toBe(1);
  });

  it("ignores duplicate days and input order", () => {
    expect(currentStreak(["2026-03-07", "2026-03-06", "2026-03-07", "2026-03-06", "2026-03-07"], TODAY)).toBe(2);
  });

  it("is 0 with no reviews at all", () => {
    expect(currentStreak([], TODAY)).toBe(0);
  });

  it("runs across a month end and a leap day", () => {
    expect(currentStreak(["2028-02-28", "2028-02-29", "2028-03-01"], "2028-03-01")).toBe(3);
    expect(currentStreak(["2025-12-30", "2025-12-31", "2026-01-01"], "2026-01-02")).toBe(3);
  });

  it("ignores days after today", () => {
    expect(currentStreak(["2026-03-07", "2026-03-08"], TODAY)).toBe(1);
  });

  it("accepts any iterable, such as a Set", () => {
    expect(currentStreak(new Set(["2026-03-06", "2026-03-07"]), TODAY)).toBe(2);
  });
});

describe("longestStreak", () => {
  it("is the longest run of consecutive days, wherever it is", () => {
    expect(longestStreak(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-02-10", "2026-03-06", "2026-03-07"])).toBe(4);
  });

  it("ignores duplicates and order", () => {
    expect(longestStreak(["2026-03-07", "2026-03-05", "2026-03-06", "2026-03-06", "2026-03-05"])).toBe(3);
  });

  it("is 0 with nothing and 1 with one day", () => {
    expect(longestStreak([])).toBe(0);
    expect(longestStreak(["2026-03-07"])).toBe(1);
  });

  it("counts across a year end", () => {
    expect(longestStreak(["2025-12-31", "2026-01-01", "2026-01-03"])).toBe(2);
  });
});
