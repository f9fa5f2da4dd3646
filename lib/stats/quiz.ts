import { QUIZ_MODES, type QuizMode } from "@/lib/quiz/types";
import type { StudyDay } from "@/lib/srs/study-day";
import type { AccuracyDTO, DayQuizDTO, QuizModeAccuracyDTO } from "@/lib/types/stats";
import { bucketDayResolver, daysEnding, type BucketSeconds } from "./days";

/**
 * One UTC bucket (see bucketSecondsFor) and question mode of a user's quiz answers, as the SQL
 * aggregation returns it. The mode is the stored text: a mode this code does not know still counts
 * in the daily figures, it only has no row of its own.
 */
export interface QuizBucket {
  bucket: number;
  mode: string;
  answers: number;
  correct: number;
}

export interface QuizTotals {
  answers: number;
  correct: number;
}

/** Adds up the buckets of each study day (in the user's time zone, from the day start hour), all modes together. */
export function foldQuizByStudyDay(
  buckets: Iterable<QuizBucket>,
  bucketSeconds: BucketSeconds,
  timeZone: string,
  dayStartHour: number,
): Map<StudyDay, QuizTotals> {
  const dayOf = bucketDayResolver(timeZone, dayStartHour, bucketSeconds);
  const days = new Map<StudyDay, QuizTotals>();
  for (const bucket of buckets) {
    const day = dayOf(bucket.bucket);
    const totals = days.get(day) ?? { answers: 0, correct: 0 };
    totals.answers += bucket.answers;
    totals.correct += bucket.correct;
    days.set(day, totals);
  }
  return days;
}

const rateOf = ({ answers, correct }: QuizTotals) => (answers > 0 ? correct / answers : null);

/** Answers and accuracy per study day for the `count` days ending today, oldest first, days without answers included. */
export function dailyQuizAccuracy(days: Map<StudyDay, QuizTotals>, today: StudyDay, count: number): DayQuizDTO[] {
  return daysEnding(today, count).map((day) => {
    const totals = days.get(day) ?? { answers: 0, correct: 0 };
    return { day, answers: totals.answers, correct: totals.correct, rate: rateOf(totals) };
  });
}

/** Answers and accuracy of each of the five question modes, in the quiz's own order, modes without answers included. */
export function accuracyByMode(buckets: Iterable<QuizBucket>): QuizModeAccuracyDTO[] {
  const byMode = new Map<string, QuizTotals>();
  for (const bucket of buckets) {
    const totals = byMode.get(bucket.mode) ?? { answers: 0, correct: 0 };
    totals.answers += bucket.answers;
    totals.correct += bucket.correct;
    byMode.set(bucket.mode, totals);
  }
  return QUIZ_MODES.map((mode: QuizMode) => {
    const totals = byMode.get(mode) ?? { answers: 0, correct: 0 };
    return { mode, ...totals, rate: rateOf(totals) };
  });
}

/** All answers of the given days together. */
export function overallAccuracy(days: DayQuizDTO[]): AccuracyDTO {
  const totals = {
    answers: days.reduce((sum, d) => sum + d.answers, 0),
    correct: days.reduce((sum, d) => sum + d.correct, 0),
  };
  return { ...totals, rate: rateOf(totals) };
}

/**
 * A year of days is too many points to read: the chart shows weeks counted back from today, as the
 * reviews chart does. Each week is dated by its first day; its accuracy is over all its answers.
 */
export function quizWeeks(days: DayQuizDTO[]): DayQuizDTO[] {
  const weeks: DayQuizDTO[] = [];
  for (let end = days.length; end > 0; end -= 7) {
    const week = days.slice(Math.max(0, end - 7), end);
    weeks.unshift({ day: week[0].day, ...overallAccuracy(week) });
  }
  return weeks;
}
