import type { LogBucket } from "@/lib/stats/reviews";

/*
 * A small fixed review log for the statistics tests (pure and DAL), in Europe/Berlin with the study
 * day starting at 04:00. Berlin moves from CET (UTC+1) to CEST (UTC+2) at 01:00 UTC on
 * 2026-03-29. "Now" is Thursday 2026-04-02, 12:00 CEST. Every expected figure in the tests is
 * worked out by hand from the comments here.
 */

export const TIME_ZONE = "Europe/Berlin";
export const DAY_START_HOUR = 4;
export const NOW = new Date("2026-04-02T10:00:00Z");
export const TODAY = "2026-04-02";

export interface FixtureReview {
  label: string;
  reviewedAt: Date;
  /** The card's state before the review: 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  /** The interval before the review (young < 21 <= mature). */
  scheduledDays: number;
  grade: 1 | 2 | 3 | 4;
  durationMs: number;
  undone?: boolean;
}

const review = (
  label: string,
  utc: string,
  state: number,
  scheduledDays: number,
  grade: 1 | 2 | 3 | 4,
  durationMs: number,
  undone = false,
): FixtureReview => ({
  label,
  reviewedAt: new Date(utc),
  state,
  scheduledDays,
  grade,
  durationMs,
  undone,
});

export const LOG: FixtureReview[] = [
  // Study day 2025-03-30 (in the 371-day calendar, before the year of retention and the heatmap grid).
  review("r18", "2025-03-30T10:00:00Z", 2, 50, 1, 5000),
  // Study day 2025-04-03: the first day of the year of retention (today - 364). Mature, passed.
  review("r19", "2025-04-03T10:00:00Z", 2, 45, 3, 5000),
  // Study day 2026-03-24: new, learning, and a young review at 03:59 CET the next morning.
  review("r1", "2026-03-24T09:00:00Z", 0, 0, 3, 8000),
  review("r2", "2026-03-24T09:05:00Z", 1, 0, 3, 6000),
  review("r3", "2026-03-25T02:59:00Z", 2, 5, 3, 5000),
  // Study day 2026-03-26: a mature lapse, then its relearning step.
  review("r4", "2026-03-26T08:00:00Z", 2, 25, 1, 12000),
  review("r5", "2026-03-26T08:10:00Z", 3, 0, 3, 7000),
  // Study day 2026-03-28: a young Easy at 23:30 CET, and a mature Good at 03:30 CEST on the 29th
  // (01:30 UTC, just after the clocks went forward: still the 28th's study day).
  review("r6", "2026-03-28T22:30:00Z", 2, 10, 4, 4000),
  review("r7", "2026-03-29T01:30:00Z", 2, 30, 3, 5000),
  // Study day 2026-03-29: 04:00 CEST exactly (02:00 UTC; with last week's UTC+1 it would be 03:00 of the 28th's day).
  review("r8", "2026-03-29T02:00:00Z", 0, 0, 2, 9000),
  // Study day 2026-03-30: a young lapse, and a review that was undone (counts nowhere).
  review("r9", "2026-03-30T10:00:00Z", 2, 3, 1, 10000),
  review("r10", "2026-03-30T10:01:00Z", 2, 40, 3, 3000, true),
  // Study day 2026-03-31: Hard passes; an interval of exactly 21 days is mature.
  review("r11", "2026-03-31T06:00:00Z", 2, 21, 2, 6000),
  // Study day 2026-04-01: a learning step, and a young review (20 days) at 03:59 CEST on the 2nd.
  review("r12", "2026-04-01T18:00:00Z", 1, 0, 1, 2000),
  review("r13", "2026-04-02T01:59:00Z", 2, 20, 3, 5000),
  // Study day 2026-04-02 (today).
  review("r14", "2026-04-02T07:00:00Z", 2, 7, 3, 4000),
  review("r15", "2026-04-02T07:30:00Z", 2, 60, 1, 8000),
  review("r16", "2026-04-02T07:45:00Z", 0, 0, 3, 3000),
];

/*
 * By study day (reviews not undone):
 *   2025-03-30  review 1                    5000 ms   mature 0/1
 *   2025-04-03  review 1                    5000 ms   mature 1/1
 *   2026-03-24  new 1, learning 1, review 1 19000 ms  young 1/1
 *   2026-03-26  learning 1 (relearning), review 1  19000 ms  mature 0/1
 *   2026-03-28  review 2                    9000 ms   young 1/1, mature 1/1
 *   2026-03-29  new 1                       9000 ms
 *   2026-03-30  review 1                    10000 ms  young 0/1
 *   2026-03-31  review 1                    6000 ms   mature 1/1
 *   2026-04-01  learning 1, review 1        7000 ms   young 1/1
 *   2026-04-02  new 1, review 2             15000 ms  young 1/1, mature 0/1
 */
export const EXPECTED_DAYS: Record<string, { new: number; learning: number; review: number; durationMs: number }> = {
  "2026-03-24": { new: 1, learning: 1, review: 1, durationMs: 19000 },
  "2026-03-26": { new: 0, learning: 1, review: 1, durationMs: 19000 },
  "2026-03-28": { new: 0, learning: 0, review: 2, durationMs: 9000 },
  "2026-03-29": { new: 1, learning: 0, review: 0, durationMs: 9000 },
  "2026-03-30": { new: 0, learning: 0, review: 1, durationMs: 10000 },
  "2026-03-31": { new: 0, learning: 0, review: 1, durationMs: 6000 },
  "2026-04-01": { new: 0, learning: 1, review: 1, durationMs: 7000 },
  "2026-04-02": { new: 1, learning: 0, review: 2, durationMs: 15000 },
};

const cell = (passed: number, total: number) => ({ passed, total, rate: total > 0 ? passed / total : null });

/*
 * today (04-02): young 1/1, mature 0/1.  yesterday (04-01): young 1/1, no mature.
 * week (03-27..04-02): young 03-28, 03-30, 04-01, 04-02 = 3/4; mature 03-28, 03-31, 04-02 = 2/3.
 * month (03-04..04-02): the week plus 03-24 (young 1/1) and 03-26 (mature 0/1): young 4/5, mature 2/4.
 * year (2025-04-03..04-02): the month plus 2025-04-03 (mature 1/1); 2025-03-30 is a day too early.
 */
export const EXPECTED_RETENTION = [
  { period: "today", days: 1, young: cell(1, 1), mature: cell(0, 1), all: cell(1, 2) },
  { period: "yesterday", days: 1, young: cell(1, 1), mature: cell(0, 0), all: cell(1, 1) },
  { period: "week", days: 7, young: cell(3, 4), mature: cell(2, 3), all: cell(5, 7) },
  { period: "month", days: 30, young: cell(4, 5), mature: cell(2, 4), all: cell(6, 9) },
  { period: "year", days: 365, young: cell(4, 5), mature: cell(3, 5), all: cell(7, 10) },
];

/** The groups that the SQL aggregation in lib/server/stats.ts returns for LOG, by UTC bucket of `bucketSeconds`. */
export function bucketsOf(log: FixtureReview[], bucketSeconds = 3600): LogBucket[] {
  const buckets = new Map<number, LogBucket>();
  for (const r of log) {
    if (r.undone) continue;
    const bucket = Math.floor(r.reviewedAt.getTime() / (bucketSeconds * 1000));
    const b = buckets.get(bucket) ?? {
      bucket,
      newCount: 0,
      learningCount: 0,
      reviewCount: 0,
      durationMs: 0,
      youngTotal: 0,
      youngPassed: 0,
      matureTotal: 0,
      maturePassed: 0,
    };
    if (r.state === 0) b.newCount += 1;
    else if (r.state === 2) b.reviewCount += 1;
    else b.learningCount += 1;
    b.durationMs += r.durationMs;
    if (r.state === 2) {
      if (r.scheduledDays < 21) {
        b.youngTotal += 1;
        if (r.grade > 1) b.youngPassed += 1;
      } else {
        b.matureTotal += 1;
        if (r.grade > 1) b.maturePassed += 1;
      }
    }
    buckets.set(bucket, b);
  }
  return [...buckets.values()];
}
