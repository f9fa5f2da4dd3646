import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CardState, newSchedulingState, type CardStateValue } from "@/lib/srs/card";
import { retrievabilityAt } from "@/lib/srs/scheduler";
import { addDays, studyDayOf, studyDayStart } from "@/lib/srs/study-day";
import { bucketSecondsFor, studyDayBoundaries, type BucketSeconds } from "@/lib/stats/days";
import { dueForecast, type DueBucket } from "@/lib/stats/forecast";
import { DIFFICULTY_BINS, difficultyPercent, histogram, RETRIEVABILITY_BINS, STABILITY_BINS } from "@/lib/stats/histogram";
import { accuracyByMode, dailyQuizAccuracy, foldQuizByStudyDay, overallAccuracy, type QuizBucket } from "@/lib/stats/quiz";
import { dailyCounts, dailyReviews, foldByStudyDay, trueRetention, type LogBucket } from "@/lib/stats/reviews";
import type { CardCountsDTO, QuizStatsDTO, StatsDTO, StatsRange } from "@/lib/types/stats";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { schedulerSettingsOf } from "./mappers";
import { num, STATE_SQL, type SqlNumber } from "./raw-rows";

/** 53 weeks: the heatmap's grid reaches back to the Monday on or before a year ago. */
const CALENDAR_DAYS = 371;
const FORECAST_DAYS = 30;

/*
 * The aggregations group by UTC bucket (an hour, or a quarter hour in zones such as Kathmandu)
 * rather than by study day: SQLite knows nothing of time zones, and a fixed offset is wrong
 * across DST. No study day boundary falls inside a bucket (lib/stats/days.ts), so lib/stats folds
 * the groups into study days exactly. The bucket size and 21 are written into the SQL: a bound
 * number arrives as a float, and integer division by a float would make a group of every second.
 * Each aggregate of the review log is evaluated for every review of the year, so there are as few as the figures
 * allow: learning is what is neither new nor review, mature what is review but not young.
 */

/** The review log from `from` (not undone), one row per bucket with reviews. */
async function logBuckets(db: ReadDb, userId: string, from: Date, to: Date, bucketSeconds: BucketSeconds): Promise<LogBucket[]> {
  const size = Prisma.raw(String(bucketSeconds));
  const rows = await db.$queryRaw<
    Record<
      "bucket" | "total" | "newCount" | "reviewCount" | "durationMs" | "youngTotal" | "youngPassed" | "maturePassed",
      SqlNumber
    >[]
  >`
    SELECT unixepoch("reviewedAt") / ${size} AS "bucket",
      COUNT(*) AS "total",
      SUM("state" = ${STATE_SQL.New}) AS "newCount",
      SUM("state" = ${STATE_SQL.Review}) AS "reviewCount",
      SUM("durationMs") AS "durationMs",
      SUM("state" = ${STATE_SQL.Review} AND "scheduledDays" < 21) AS "youngTotal",
      SUM("state" = ${STATE_SQL.Review} AND "grade" > 1 AND "scheduledDays" < 21) AS "youngPassed",
      SUM("state" = ${STATE_SQL.Review} AND "grade" > 1 AND "scheduledDays" >= 21) AS "maturePassed"
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to}
    GROUP BY "bucket"`;
  return rows.map((row) => {
    const reviewCount = num(row.reviewCount);
    const youngTotal = num(row.youngTotal);
    return {
      bucket: num(row.bucket),
      newCount: num(row.newCount),
      learningCount: num(row.total) - num(row.newCount) - reviewCount,
      reviewCount,
      durationMs: num(row.durationMs),
      youngTotal,
      youngPassed: num(row.youngPassed),
      matureTotal: reviewCount - youngTotal,
      maturePassed: num(row.maturePassed),
    };
  });
}

/** Quiz answers from `from` to `to`, one row per bucket and question mode with answers. */
async function quizBuckets(
  db: ReadDb,
  userId: string,
  from: Date,
  to: Date,
  bucketSeconds: BucketSeconds,
): Promise<QuizBucket[]> {
  const size = Prisma.raw(String(bucketSeconds));
  const rows = await db.$queryRaw<{ bucket: SqlNumber; mode: string; answers: SqlNumber; correct: SqlNumber }[]>`
    SELECT unixepoch("answeredAt") / ${size} AS "bucket", "mode", COUNT(*) AS "answers", SUM("correct") AS "correct"
    FROM "QuizAttempt"
    WHERE "userId" = ${userId} AND "answeredAt" >= ${from} AND "answeredAt" < ${to}
    GROUP BY "bucket", "mode"`;
  return rows.map((row) => ({ bucket: num(row.bucket), mode: row.mode, answers: num(row.answers), correct: num(row.correct) }));
}

/** The quiz panel: accuracy per study day of the range and per mode, and whether there was ever a quiz at all. */
async function quizStats(
  db: ReadDb,
  userId: string,
  today: string,
  range: StatsRange,
  timeZone: string,
  dayStartHour: number,
  bucketSeconds: BucketSeconds,
): Promise<QuizStatsDTO> {
  const from = studyDayStart(addDays(today, -(range - 1)), timeZone, dayStartHour);
  const to = studyDayStart(addDays(today, 1), timeZone, dayStartHour);
  const buckets = await quizBuckets(db, userId, from, to, bucketSeconds);
  const everQuizzed =
    buckets.length > 0 || (await db.quizAttempt.findFirst({ where: { userId }, select: { id: true } })) !== null;
  const days = dailyQuizAccuracy(foldQuizByStudyDay(buckets, bucketSeconds, timeZone, dayStartHour), today, range);
  return { everQuizzed, days, overall: overallAccuracy(days), byMode: accuracyByMode(buckets) };
}

/** Studied, unsuspended cards falling due before `until` (overdue ones included), per bucket. */
async function dueBuckets(db: ReadDb, userId: string, until: Date, bucketSeconds: BucketSeconds): Promise<DueBucket[]> {
  const size = Prisma.raw(String(bucketSeconds));
  const rows = await db.$queryRaw<{ bucket: SqlNumber; count: SqlNumber }[]>`
    SELECT unixepoch("due") / ${size} AS "bucket", COUNT(*) AS "count"
    FROM "Card"
    WHERE "userId" = ${userId} AND "suspended" = 0 AND "due" < ${until} AND "state" <> ${STATE_SQL.New}
    GROUP BY "bucket"`;
  return rows.map((row) => ({ bucket: num(row.bucket), count: num(row.count) }));
}

/**
 * The memory state of every studied, unsuspended card: only the columns the distributions need,
 * read raw (a collection holds tens of thousands of cards, and full rows cost several times more).
 * Retrievability depends on the state, the stability and the time since the last review alone.
 */
async function memoryStates(
  db: ReadDb,
  userId: string,
): Promise<{ state: CardStateValue; stability: number; difficulty: number; lastReview: Date | null }[]> {
  const rows = await db.$queryRaw<{ state: SqlNumber; stability: number; difficulty: number; lastReview: SqlNumber }[]>`
    SELECT "state", "stability", "difficulty", unixepoch("lastReview", 'subsec') * 1000 AS "lastReview"
    FROM "Card"
    WHERE "userId" = ${userId} AND "suspended" = 0 AND "state" <> ${STATE_SQL.New}`;
  return rows.map((row) => ({
    state: num(row.state) as CardStateValue,
    stability: row.stability,
    difficulty: row.difficulty,
    lastReview: row.lastReview === null ? null : new Date(Math.round(num(row.lastReview))),
  }));
}

async function cardCounts(db: ReadDb, userId: string): Promise<CardCountsDTO> {
  const groups = await db.card.groupBy({ by: ["state", "suspended"], where: { userId }, _count: { _all: true } });
  const counts: CardCountsDTO = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, total: 0 };
  const byState = {
    [CardState.New]: "new",
    [CardState.Learning]: "learning",
    [CardState.Review]: "review",
    [CardState.Relearning]: "relearning",
  } as const;
  for (const group of groups) {
    const key = group.suspended ? "suspended" : byState[group.state as keyof typeof byState];
    counts[key] += group._count._all;
    counts.total += group._count._all;
  }
  return counts;
}

/**
 * Everything the statistics page shows, for the user's study days (time zone and day start
 * hour). The review log is aggregated in SQL; only the studied cards' memory states are read
 * one by one, because retrievability comes from the scheduler (lib/srs).
 */
export async function getStats(userId: string, now: Date, range: StatsRange): Promise<StatsDTO> {
  return read(async (db) => {
    const user = await db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const { timeZone, dayStartHour } = user;
    const today = studyDayOf(now, timeZone, dayStartHour);
    const dayStart = (day: string) => studyDayStart(day, timeZone, dayStartHour);

    const firstDay = addDays(today, -(CALENDAR_DAYS - 1));
    const bucketSeconds = bucketSecondsFor(studyDayBoundaries(firstDay, addDays(today, FORECAST_DAYS), timeZone, dayStartHour));

    const buckets = await logBuckets(db, userId, dayStart(firstDay), dayStart(addDays(today, 1)), bucketSeconds);
    const due = await dueBuckets(db, userId, dayStart(addDays(today, FORECAST_DAYS)), bucketSeconds);
    const counts = await cardCounts(db, userId);
    const studied = await memoryStates(db, userId);
    const quiz = await quizStats(db, userId, today, range, timeZone, dayStartHour, bucketSeconds);

    const days = foldByStudyDay(buckets, bucketSeconds, timeZone, dayStartHour);
    const recallOf = retrievabilityAt(now, schedulerSettingsOf(user));
    // Only state, stability and the last review decide retrievability; the rest of the schedule is filler.
    const recall = (card: (typeof studied)[number]) =>
      recallOf({
        ...newSchedulingState(now),
        state: card.state,
        stability: card.stability,
        difficulty: card.difficulty,
        lastReview: card.lastReview,
      });
    return {
      today,
      timeZone,
      dayStartHour,
      calendar: dailyCounts(days, today, CALENDAR_DAYS),
      range,
      reviews: dailyReviews(days, today, range),
      retention: trueRetention(days, today),
      forecast: dueForecast(due, bucketSeconds, today, FORECAST_DAYS, timeZone, dayStartHour),
      counts,
      retrievability: histogram(studied.map(recall), RETRIEVABILITY_BINS),
      stability: histogram(
        studied.map((card) => card.stability),
        STABILITY_BINS,
      ),
      difficulty: histogram(
        studied.map((card) => difficultyPercent(card.difficulty)),
        DIFFICULTY_BINS,
      ),
      quiz,
    };
  });
}
