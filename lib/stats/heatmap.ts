import { addDays, type StudyDay } from "@/lib/srs/study-day";
import type { DayCountDTO } from "@/lib/types/stats";

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

export interface HeatmapCell {
  day: StudyDay;
  count: number;
  level: HeatLevel;
  /** Column, 0 = the oldest week. */
  week: number;
  /** Row, 0 = Monday. */
  weekday: number;
  marked: boolean;
}

export interface HeatmapLayout {
  weeks: number;
  cells: HeatmapCell[];
  /** A month's label sits over the column holding its first day. */
  months: { label: string; week: number }[];
  /** Upper bounds of levels 1, 2 and 3 (level 4 is above the last). */
  thresholds: readonly number[];
  total: number;
  activeDays: number;
  busiest: DayCountDTO | null;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dateParts(day: StudyDay): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

/** 0 = Monday ... 6 = Sunday. */
export function weekdayOf(day: StudyDay): number {
  const [y, m, d] = dateParts(day);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * Upper bounds of levels 1, 2 and 3 in reviews a day; level 4 is anything above. Fixed, so a shade
 * means the same number of reviews on a learner's first day as on their three hundredth (levels
 * cut from the user's own days painted a first 55-review day in the palest shade). A day of 20
 * new cards, each seen two or three times, lands around level 3.
 */
export const HEAT_THRESHOLDS = [9, 29, 59] as const;

/** The reviews a day each level stands for, for the legend: "1–9", "10–29", "30–59", "60+". */
export function heatLevelRanges(thresholds: readonly number[] = HEAT_THRESHOLDS): string[] {
  return thresholds
    .map((upper, i) => {
      const lower = i === 0 ? 1 : thresholds[i - 1] + 1;
      return lower === upper ? String(upper) : `${lower}–${upper}`;
    })
    .concat(`${thresholds[thresholds.length - 1] + 1}+`);
}

export function heatLevel(count: number, thresholds: readonly number[] = HEAT_THRESHOLDS): HeatLevel {
  if (count <= 0) return 0;
  return (1 + thresholds.filter((t) => count > t).length) as HeatLevel;
}

/**
 * A year of study days as a GitHub-style grid: one column per week (Monday first), the last
 * column holding today, the first the week of the day 364 days before today (53 columns).
 * `marked` days (days that kept the streak) carry a mark. Days missing from `calendar` count 0.
 */
export function heatmapLayout(calendar: readonly DayCountDTO[], today: StudyDay, marked: ReadonlySet<StudyDay>): HeatmapLayout {
  const counts = new Map(calendar.map((entry) => [entry.day, entry.count]));
  const yearAgo = addDays(today, -364);
  const start = addDays(yearAgo, -weekdayOf(yearAgo));
  const days: StudyDay[] = [];
  for (let day = start; day <= today; day = addDays(day, 1)) days.push(day);
  const thresholds = HEAT_THRESHOLDS;

  const cells = days.map((day, i): HeatmapCell => {
    const count = counts.get(day) ?? 0;
    return { day, count, level: heatLevel(count, thresholds), week: Math.floor(i / 7), weekday: i % 7, marked: marked.has(day) };
  });
  const months = cells
    .filter((cell) => cell.day.endsWith("-01"))
    .map((cell) => ({ label: MONTHS[dateParts(cell.day)[1] - 1], week: cell.week }));
  const busiest = cells.reduce<HeatmapCell | null>(
    (best, cell) => (cell.count > 0 && (!best || cell.count > best.count) ? cell : best),
    null,
  );
  return {
    weeks: cells[cells.length - 1].week + 1,
    cells,
    months,
    thresholds,
    total: cells.reduce((sum, cell) => sum + cell.count, 0),
    activeDays: cells.filter((cell) => cell.count > 0).length,
    busiest: busiest ? { day: busiest.day, count: busiest.count } : null,
  };
}
