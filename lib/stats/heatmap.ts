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
  /** Upper bounds of levels 1, 2 and 3 (level 4 is above the last); empty with no reviews. */
  thresholds: number[];
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

/** Nearest-rank percentile of an ascending list (non-empty). */
function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Colour steps from the user's own days: the quartiles of the days with reviews, so one
 * exceptional day does not wash every other day out to the palest step.
 */
export function heatThresholds(counts: Iterable<number>): number[] {
  const active = [...counts].filter((n) => n > 0).sort((a, b) => a - b);
  if (active.length === 0) return [];
  return [25, 50, 75].map((p) => nearestRank(active, p));
}

export function heatLevel(count: number, thresholds: readonly number[]): HeatLevel {
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
  const thresholds = heatThresholds(days.map((day) => counts.get(day) ?? 0));

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
