import type { StudyDay } from "@/lib/srs/study-day";
import type { DayCountDTO, DayReviewsDTO, RetentionCellDTO, RetentionPeriod, RetentionRowDTO } from "@/lib/types/stats";
import { bucketDayResolver, daysEnding, type BucketSeconds } from "./days";

/**
 * One UTC bucket (see bucketSecondsFor) of a user's review log (reviews not undone), as the SQL
 * aggregation returns it. States are the card's state before the review; learning counts learning
 * and relearning steps. Young and mature count only reviews of cards in the Review state, split
 * by the interval before the review (under 21 days: young).
 */
export interface LogBucket {
  bucket: number;
  newCount: number;
  learningCount: number;
  reviewCount: number;
  durationMs: number;
  youngTotal: number;
  youngPassed: number;
  matureTotal: number;
  maturePassed: number;
}

/** The totals of one study day. */
export type DayTotals = Omit<LogBucket, "bucket">;

function emptyTotals(): DayTotals {
  return {
    newCount: 0,
    learningCount: 0,
    reviewCount: 0,
    durationMs: 0,
    youngTotal: 0,
    youngPassed: 0,
    matureTotal: 0,
    maturePassed: 0,
  };
}

const TOTAL_FIELDS = Object.keys(emptyTotals()) as (keyof DayTotals)[];

/** Adds up the buckets of each study day (in the user's time zone, from the day start hour). */
export function foldByStudyDay(
  buckets: Iterable<LogBucket>,
  bucketSeconds: BucketSeconds,
  timeZone: string,
  dayStartHour: number,
): Map<StudyDay, DayTotals> {
  const dayOf = bucketDayResolver(timeZone, dayStartHour, bucketSeconds);
  const days = new Map<StudyDay, DayTotals>();
  for (const bucket of buckets) {
    const day = dayOf(bucket.bucket);
    let totals = days.get(day);
    if (!totals) {
      totals = emptyTotals();
      days.set(day, totals);
    }
    for (const field of TOTAL_FIELDS) totals[field] += bucket[field];
  }
  return days;
}

export function reviewCount(totals: DayTotals | undefined): number {
  return totals ? totals.newCount + totals.learningCount + totals.reviewCount : 0;
}

/** Reviews per study day for the `count` days ending today, oldest first, days without reviews included. */
export function dailyCounts(days: Map<StudyDay, DayTotals>, today: StudyDay, count: number): DayCountDTO[] {
  return daysEnding(today, count).map((day) => ({ day, count: reviewCount(days.get(day)) }));
}

/** The reviews chart: per study day, by the state before the review (learning and relearning together). */
export function dailyReviews(days: Map<StudyDay, DayTotals>, today: StudyDay, count: number): DayReviewsDTO[] {
  return daysEnding(today, count).map((day) => {
    const totals = days.get(day) ?? emptyTotals();
    return {
      day,
      new: totals.newCount,
      learning: totals.learningCount,
      review: totals.reviewCount,
      durationMs: totals.durationMs,
    };
  });
}

/** The study days with at least one review. */
export function daysWithReviews(days: Map<StudyDay, DayTotals>): StudyDay[] {
  return [...days.entries()]
    .filter(([, totals]) => reviewCount(totals) > 0)
    .map(([day]) => day)
    .sort();
}

function cell(passed: number, total: number): RetentionCellDTO {
  return { passed, total, rate: total > 0 ? passed / total : null };
}

/** The periods of the true-retention table: how many study days each covers and how many days before today it ends. */
export const RETENTION_PERIODS: { period: RetentionPeriod; days: number; endsDaysAgo: number }[] = [
  { period: "today", days: 1, endsDaysAgo: 0 },
  { period: "yesterday", days: 1, endsDaysAgo: 1 },
  { period: "week", days: 7, endsDaysAgo: 0 },
  { period: "month", days: 30, endsDaysAgo: 0 },
  { period: "year", days: 365, endsDaysAgo: 0 },
];

/**
 * True retention, as Anki's statistics show it: of the reviews of cards that were in the Review
 * state, the share passed (any grade but Again), young and mature apart.
 */
export function trueRetention(days: Map<StudyDay, DayTotals>, today: StudyDay): RetentionRowDTO[] {
  return RETENTION_PERIODS.map(({ period, days: length, endsDaysAgo }) => {
    const sum = emptyTotals();
    for (const day of daysEnding(today, length + endsDaysAgo).slice(0, length)) {
      const totals = days.get(day);
      if (!totals) continue;
      for (const field of TOTAL_FIELDS) sum[field] += totals[field];
    }
    return {
      period,
      days: length,
      young: cell(sum.youngPassed, sum.youngTotal),
      mature: cell(sum.maturePassed, sum.matureTotal),
      all: cell(sum.youngPassed + sum.maturePassed, sum.youngTotal + sum.matureTotal),
    };
  });
}
