import type { QuizMode } from "@/lib/quiz/types";
import type { QuizBucket } from "@/lib/stats/quiz";

/*
 * A small fixed set of quiz answers for the quiz accuracy tests (pure and DAL), on the same clock as
 * fixture-log.ts: Europe/Berlin, study day from 04:00, clocks forward at 01:00 UTC on 2026-03-29,
 * today 2026-04-02. Every expected figure below is worked out by hand from the comments.
 */

export interface FixtureAttempt {
  label: string;
  answeredAt: Date;
  mode: QuizMode;
  correct: boolean;
}

const attempt = (label: string, utc: string, mode: QuizMode, correct: boolean): FixtureAttempt => ({
  label,
  answeredAt: new Date(utc),
  mode,
  correct,
});

export const ATTEMPTS: FixtureAttempt[] = [
  // Study day 2026-02-01: inside 90 days, outside 30 (which start on 2026-03-04).
  attempt("q9", "2026-02-01T10:00:00Z", "typed-recall", true),
  // Study day 2026-03-24: two answers at 10:00 CET, and one at 03:59 CET on the 25th.
  attempt("q1", "2026-03-24T09:00:00Z", "definition-to-term", true),
  attempt("q2", "2026-03-24T09:01:00Z", "typed-recall", false),
  attempt("q3", "2026-03-25T02:59:00Z", "true-false", true),
  // 03:30 CEST on the 29th, just after the clocks went forward: still the 28th's study day.
  attempt("q4", "2026-03-29T01:30:00Z", "term-to-definition", false),
  // 04:00 CEST exactly: the 29th's (with last week's UTC+1 it would be 03:00, the 28th's).
  attempt("q5", "2026-03-29T02:00:00Z", "example-to-concept", true),
  // Study day 2026-04-02 (today).
  attempt("q6", "2026-04-02T07:00:00Z", "definition-to-term", true),
  attempt("q7", "2026-04-02T07:01:00Z", "definition-to-term", false),
  attempt("q8", "2026-04-02T07:02:00Z", "true-false", true),
];

/*
 * The last 30 days (2026-03-04..04-02), by study day: 03-24 2 of 3 right, 03-28 0 of 1, 03-29 1 of 1,
 * 04-02 2 of 3; 5 of 8 in all. By mode: definition -> term 2/3 (q1, q6, q7), term -> definition 0/1
 * (q4), typed recall 0/1 (q2), example -> concept 1/1 (q5), true/false 2/2 (q3, q8).
 * The last 90 days add q9: typed recall 1/2, 6 of 9 in all.
 */
export const EXPECTED_QUIZ_DAYS: Record<string, { answers: number; correct: number; rate: number }> = {
  "2026-03-24": { answers: 3, correct: 2, rate: 2 / 3 },
  "2026-03-28": { answers: 1, correct: 0, rate: 0 },
  "2026-03-29": { answers: 1, correct: 1, rate: 1 },
  "2026-04-02": { answers: 3, correct: 2, rate: 2 / 3 },
};

const row = (mode: QuizMode, correct: number, answers: number) => ({
  mode,
  answers,
  correct,
  rate: answers > 0 ? correct / answers : null,
});

export const EXPECTED_BY_MODE_30 = [
  row("definition-to-term", 2, 3),
  row("term-to-definition", 0, 1),
  row("typed-recall", 0, 1),
  row("example-to-concept", 1, 1),
  row("true-false", 2, 2),
];

/** The groups that the SQL aggregation in lib/server/stats.ts returns, by UTC bucket of `bucketSeconds` and mode. */
export function quizBucketsOf(attempts: FixtureAttempt[], bucketSeconds = 3600): QuizBucket[] {
  const buckets = new Map<string, QuizBucket>();
  for (const a of attempts) {
    const bucket = Math.floor(a.answeredAt.getTime() / (bucketSeconds * 1000));
    const key = `${bucket} ${a.mode}`;
    const b = buckets.get(key) ?? { bucket, mode: a.mode, answers: 0, correct: 0 };
    b.answers += 1;
    if (a.correct) b.correct += 1;
    buckets.set(key, b);
  }
  return [...buckets.values()];
}
