import { bucketSecondsFor, studyDayBoundaries } from "@/lib/stats/days";
import { dailyCounts, dailyReviews, daysWithReviews, foldByStudyDay, trueRetention } from "@/lib/stats/reviews";
import { bucketsOf, DAY_START_HOUR, EXPECTED_DAYS, EXPECTED_RETENTION, LOG, TIME_ZONE, TODAY } from "./fixture-log";

const days = foldByStudyDay(bucketsOf(LOG), 3600, TIME_ZONE, DAY_START_HOUR);

describe("folding quarter-hour groups into study days", () => {
  it("puts each review on its study day: 03:59 on the day before, 04:00 CEST the day after the clocks change", () => {
    expect(daysWithReviews(days)).toEqual([
      "2025-03-30",
      "2025-04-03",
      "2026-03-24",
      "2026-03-26",
      "2026-03-28",
      "2026-03-29",
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
      "2026-04-02",
    ]);
  });

  it("does not count the undone review", () => {
    expect(days.get("2026-03-30")).toMatchObject({ reviewCount: 1, durationMs: 10000, matureTotal: 0 });
  });

  it("counts per study day by the state before the review", () => {
    expect(days.get("2026-03-26")).toEqual({
      newCount: 0,
      learningCount: 1,
      reviewCount: 1,
      durationMs: 19000,
      youngTotal: 0,
      youngPassed: 0,
      matureTotal: 1,
      maturePassed: 0,
    });
  });

  it("gives the same days with quarter-hour groups as with hourly ones", () => {
    expect(foldByStudyDay(bucketsOf(LOG, 900), 900, TIME_ZONE, DAY_START_HOUR)).toEqual(days);
  });

  it("groups by the hour where every study day starts on a UTC hour, by the quarter hour in Kathmandu (+05:45)", () => {
    expect(bucketSecondsFor(studyDayBoundaries("2026-03-20", TODAY, TIME_ZONE, DAY_START_HOUR))).toBe(3600);
    expect(bucketSecondsFor(studyDayBoundaries("2026-03-20", TODAY, "America/New_York", 0))).toBe(3600);
    expect(bucketSecondsFor(studyDayBoundaries("2026-03-20", TODAY, "Asia/Kolkata", 4))).toBe(900);
    expect(bucketSecondsFor(studyDayBoundaries("2026-03-20", TODAY, "Asia/Kathmandu", 4))).toBe(900);
    expect(studyDayBoundaries("2026-03-31", TODAY, "Asia/Kathmandu", 4).map((d) => d.toISOString())).toEqual([
      "2026-03-30T22:15:00.000Z",
      "2026-03-31T22:15:00.000Z",
      "2026-04-01T22:15:00.000Z",
      "2026-04-02T22:15:00.000Z",
    ]);
  });

  it("puts Kathmandu's quarter hours on the right side of 04:00", () => {
    // 2026-04-01 22:14 UTC is 03:59 in Kathmandu (the 1st's study day), 22:15 UTC is 04:00 (the 2nd's).
    const empty = {
      learningCount: 0,
      reviewCount: 0,
      durationMs: 1,
      youngTotal: 0,
      youngPassed: 0,
      matureTotal: 0,
      maturePassed: 0,
    };
    const folded = foldByStudyDay(
      [
        { bucket: Math.floor(Date.parse("2026-04-01T22:14:00Z") / 900_000), newCount: 1, ...empty },
        { bucket: Math.floor(Date.parse("2026-04-01T22:15:00Z") / 900_000), newCount: 2, ...empty },
      ],
      900,
      "Asia/Kathmandu",
      4,
    );
    expect(folded.get("2026-04-01")?.newCount).toBe(1);
    expect(folded.get("2026-04-02")?.newCount).toBe(2);
  });
});

describe("reviews per day", () => {
  it("lists every study day of the range, oldest first, ending today, with learning and relearning together", () => {
    const reviews = dailyReviews(days, TODAY, 30);
    expect(reviews).toHaveLength(30);
    expect(reviews[0].day).toBe("2026-03-04");
    expect(reviews[29].day).toBe(TODAY);
    const nonEmpty = Object.fromEntries(
      reviews.filter((r) => r.new + r.learning + r.review > 0).map(({ day, ...rest }) => [day, rest]),
    );
    expect(nonEmpty).toEqual(EXPECTED_DAYS);
    expect(reviews.reduce((sum, r) => sum + r.new + r.learning + r.review, 0)).toBe(15);
    expect(reviews.reduce((sum, r) => sum + r.durationMs, 0)).toBe(94000);
  });

  it("covers 365 days for the year range, and the 371-day calendar reaches the review of 2025-03-30", () => {
    const year = dailyReviews(days, TODAY, 365);
    expect(year[0].day).toBe("2025-04-03");
    expect(year[0].review).toBe(1);
    const calendar = dailyCounts(days, TODAY, 371);
    expect(calendar[0]).toEqual({ day: "2025-03-28", count: 0 });
    expect(calendar.find((d) => d.day === "2025-03-30")).toEqual({ day: "2025-03-30", count: 1 });
    expect(calendar.reduce((sum, d) => sum + d.count, 0)).toBe(17);
  });
});

describe("true retention", () => {
  it("is the pass rate of Review-state reviews, young (< 21 d before) and mature, for today to a year", () => {
    expect(trueRetention(days, TODAY)).toEqual(EXPECTED_RETENTION);
  });

  it("has no rate for a period without reviews", () => {
    expect(trueRetention(new Map(), TODAY)[0]).toEqual({
      period: "today",
      days: 1,
      young: { passed: 0, total: 0, rate: null },
      mature: { passed: 0, total: 0, rate: null },
      all: { passed: 0, total: 0, rate: null },
    });
  });
});
