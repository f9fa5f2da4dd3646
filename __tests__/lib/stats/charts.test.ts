import { dueForecast } from "@/lib/stats/forecast";
import { addDays } from "@/lib/srs/study-day";
import { daysEnding, fromFirstActive } from "@/lib/stats/days";
import { HEAT_THRESHOLDS, heatLevel, heatLevelRanges, heatmapLayout, weekdayOf } from "@/lib/stats/heatmap";
import { DIFFICULTY_BINS, difficultyPercent, histogram, RETRIEVABILITY_BINS, STABILITY_BINS } from "@/lib/stats/histogram";
import { dailyCounts, daysWithReviews, foldByStudyDay } from "@/lib/stats/reviews";
import { bucketsOf, DAY_START_HOUR, LOG, TIME_ZONE, TODAY } from "./fixture-log";

const bucket = (utc: string) => Math.floor(Date.parse(utc) / 3_600_000);

describe("due forecast", () => {
  it("counts cards per study day for 30 days, overdue ones today, and nothing past the last day", () => {
    const forecast = dueForecast(
      [
        { bucket: bucket("2026-03-30T10:00:00Z"), count: 2 }, // overdue
        { bucket: bucket("2026-04-02T01:00:00Z"), count: 1 }, // 03:00 CEST: yesterday's study day, overdue
        { bucket: bucket("2026-04-02T20:00:00Z"), count: 1 }, // 22:00 today
        { bucket: bucket("2026-04-03T01:45:00Z"), count: 1 }, // 03:45 on the 3rd (the 01:00 UTC hour): still today
        { bucket: bucket("2026-04-03T02:00:00Z"), count: 3 }, // 04:00 on the 3rd: tomorrow
        { bucket: bucket("2026-05-01T02:00:00Z"), count: 1 }, // the 30th day
        { bucket: bucket("2026-05-02T02:00:00Z"), count: 5 }, // the 31st day: not shown
      ],
      3600,
      TODAY,
      30,
      TIME_ZONE,
      DAY_START_HOUR,
    );
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: "2026-04-02", count: 5 });
    expect(forecast[1]).toEqual({ day: "2026-04-03", count: 3 });
    expect(forecast[29]).toEqual({ day: "2026-05-01", count: 1 });
    expect(forecast.reduce((sum, d) => sum + d.count, 0)).toBe(9);
  });
});

describe("calendar heatmap", () => {
  const days = foldByStudyDay(bucketsOf(LOG), 3600, TIME_ZONE, DAY_START_HOUR);
  const calendar = dailyCounts(days, TODAY, 371);
  const layout = heatmapLayout(calendar, TODAY, new Set(daysWithReviews(days)));

  it("is 53 weeks from the Monday on or before a year ago, ending today", () => {
    expect(weekdayOf("2026-04-02")).toBe(3); // Thursday
    expect(layout.weeks).toBe(53);
    expect(layout.cells[0]).toMatchObject({ day: "2025-03-31", week: 0, weekday: 0, count: 0, level: 0 });
    expect(layout.cells).toHaveLength(52 * 7 + 4);
    expect(layout.cells.at(-1)).toMatchObject({ day: TODAY, week: 52, weekday: 3, count: 3 });
  });

  it("steps colours by fixed review counts, not by the user's own days: 1 to 3 reviews are all level 1", () => {
    expect(layout.thresholds).toEqual([9, 29, 59]);
    const byDay = new Map(layout.cells.map((cell) => [cell.day, cell]));
    expect(byDay.get("2026-03-29")?.level).toBe(1);
    expect(byDay.get("2026-03-28")?.level).toBe(1);
    expect(byDay.get("2026-03-24")?.level).toBe(1);
    expect(byDay.get("2026-03-27")?.level).toBe(0);
  });

  it("paints a first day of 55 reviews as dark as the same day among a year of heavier ones", () => {
    const firstDay = heatmapLayout([{ day: TODAY, count: 55 }], TODAY, new Set());
    const heavyDays = daysEnding(addDays(TODAY, -1), 300).map((day) => ({ day, count: 150 }));
    const year = heatmapLayout([...heavyDays, { day: TODAY, count: 55 }], TODAY, new Set());
    const today = (l: typeof firstDay) => l.cells.find((cell) => cell.day === TODAY)!.level;
    expect(today(firstDay)).toBe(3);
    expect(today(year)).toBe(3);
  });

  it("leaves out the review before the grid, and sums the rest", () => {
    expect(layout.total).toBe(16);
    expect(layout.activeDays).toBe(9);
    expect(layout.busiest).toEqual({ day: "2026-03-24", count: 3 });
  });

  it("marks the given days only", () => {
    expect(layout.cells.filter((cell) => cell.marked).map((cell) => cell.day)).toEqual([
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
    expect(
      heatmapLayout(calendar, TODAY, new Set(["2026-03-25"]))
        .cells.filter((c) => c.marked)
        .map((c) => c.day),
    ).toEqual(["2026-03-25"]);
  });

  it("labels each month over the week of its first day", () => {
    expect(layout.months).toHaveLength(13);
    expect(layout.months[0]).toEqual({ label: "Apr", week: 0 });
    // 2026-03-01 is a Sunday, 335 days after Monday 2025-03-31.
    expect(layout.months[11]).toEqual({ label: "Mar", week: 47 });
    expect(layout.months[12]).toEqual({ label: "Apr", week: 52 });
  });

  it("levels by how many thresholds a count exceeds, and names each level's range for the legend", () => {
    expect([0, 1, 9, 10, 29, 30, 59, 60, 500].map((n) => heatLevel(n))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect([0, 1, 2, 3, 4].map((n) => heatLevel(n, [1, 2, 3]))).toEqual([0, 1, 2, 3, 4]);
    expect(heatLevelRanges()).toEqual(["1–9", "10–29", "30–59", "60+"]);
    expect(heatLevelRanges([1, 2, 3])).toEqual(["1", "2", "3", "4+"]);
    expect(HEAT_THRESHOLDS).toEqual([9, 29, 59]);
  });
});

describe("histograms", () => {
  it("bins retrievability in 2% steps, 1 in the last bin", () => {
    const h = histogram([1, 0.84588465, 0.94034429, 0, 0.05], RETRIEVABILITY_BINS);
    expect(h.bins).toHaveLength(50);
    expect(h.bins[0]).toEqual({ label: "0–2%", from: 0, to: 0.02, count: 1 });
    expect(h.bins[2]).toMatchObject({ label: "4–6%", count: 1 });
    expect(h.bins[42]).toMatchObject({ label: "84–86%", count: 1 });
    expect(h.bins[47]).toMatchObject({ label: "94–96%", count: 1 });
    expect(h.bins[49]).toMatchObject({ label: "98–100%", count: 1 });
    expect(h.bins.reduce((sum, b) => sum + b.count, 0)).toBe(5);
    expect(h.total).toBe(5);
    expect(h.mean).toBeCloseTo((1 + 0.84588465 + 0.94034429 + 0.05) / 5, 10);
    expect(h.median).toBe(0.84588465);
  });

  it("bins stability in days with an open last bin", () => {
    const h = histogram([0.5, 1, 6.9, 7, 100, 5000], STABILITY_BINS);
    expect(h.bins.map((b) => b.count)).toEqual([1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect(h.median).toBe(6.9);
    expect(h.mean).toBeCloseTo(5115.4 / 6, 10);
  });

  it("shows difficulty 1..10 as 0..100% in 10% steps", () => {
    expect([1, 5.5, 10].map(difficultyPercent)).toEqual([0, 50, 100]);
    const h = histogram([1, 5.5, 10].map(difficultyPercent), DIFFICULTY_BINS);
    expect(h.bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it("is empty without values", () => {
    expect(histogram([], DIFFICULTY_BINS)).toMatchObject({ total: 0, mean: null, median: null });
  });
});

describe("fromFirstActive", () => {
  const days = Array.from({ length: 30 }, (_, i) => ({ i, count: i === 28 || i === 20 ? 5 : 0 }));
  const active = (d: { count: number }) => d.count > 0;

  it("starts at the first day with data when that leaves at least the minimum", () => {
    expect(fromFirstActive(days, active, 7).map((d) => d.i)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  });

  it("keeps the latest minimum of days when the data is newer than that", () => {
    const oneDay = days.map((d) => ({ ...d, count: d.i === 29 ? 55 : 0 }));
    expect(fromFirstActive(oneDay, active, 7).map((d) => d.i)).toEqual([23, 24, 25, 26, 27, 28, 29]);
  });

  it("keeps the minimum when there is no data, and every day when there are fewer", () => {
    expect(
      fromFirstActive(
        days.map((d) => ({ ...d, count: 0 })),
        active,
        7,
      ),
    ).toHaveLength(7);
    expect(fromFirstActive(days.slice(0, 3), active, 7)).toHaveLength(3);
  });
});
