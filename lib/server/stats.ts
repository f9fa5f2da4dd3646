import "server-only";
import { CardState } from "@/lib/srs/card";
import { retrievabilityAt } from "@/lib/srs/scheduler";
import { addDays, studyDayOf, studyDayStart } from "@/lib/srs/study-day";
import { dueForecast, type DueBucket } from "@/lib/stats/forecast";
import { DIFFICULTY_BINS, difficultyPercent, histogram, RETRIEVABILITY_BINS, STABILITY_BINS } from "@/lib/stats/histogram";
import { dailyCounts, dailyReviews, foldByStudyDay, trueRetention, type LogBucket } from "@/lib/stats/reviews";
import type { CardCountsDTO, StatsDTO, StatsRange } from "@/lib/types";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { SCHEDULING_SELECT, schedulerSettingsOf, schedulingOf } from "./mappers";

/** 53 weeks: the heatmap's grid reaches back to the Monday on or before a year ago. */
const CALENDAR_DAYS = 371;
const FORECAST_DAYS = 30;

type SqlNumber = number | bigint | null;
const num = (value: SqlNumber): number => Number(value ?? 0);

/*
 * Both aggregations group by UTC quarter hour rather than by study day: SQLite knows nothing of
 * time zones, and a fixed offset is wrong across DST. A quarter hour never straddles two study
 * days in any time zone (lib/stats/days.ts), so lib/stats folds the groups into study days
 * exactly. 900 and 21 are written into the SQL: a bound number arrives as a float, and integer
 * division by a float would make a group of every second.
 */

/** The review log from `from` (not undone), one row per quarter hour with reviews. */
async function logBuckets(db: ReadDb, userId: string, from: Date, to: Date): Promise<LogBucket[]> {
  const rows = await db.$queryRaw<Record<keyof LogBucket, SqlNumber>[]>`
    SELECT unixepoch("reviewedAt") / 900 AS "bucket",
      SUM("state" = 0) AS "newCount",
      SUM("state" = 1) AS "learningCount",
      SUM("state" = 2) AS "reviewCount",
      SUM("state" = 3) AS "relearningCount",
      SUM("durationMs") AS "durationMs",
      SUM("state" = 2 AND "scheduledDays" < 21) AS "youngTotal",
      SUM("state" = 2 AND "scheduledDays" < 21 AND "grade" > 1) AS "youngPassed",
      SUM("state" = 2 AND "scheduledDays" >= 21) AS "matureTotal",
      SUM("state" = 2 AND "scheduledDays" >= 21 AND "grade" > 1) AS "maturePassed"
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to}
    GROUP BY "bucket"`;
  return rows.map((row) => ({
    bucket: num(row.bucket),
    newCount: num(row.newCount),
    learningCount: num(row.learningCount),
    reviewCount: num(row.reviewCount),
    relearningCount: num(row.relearningCount),
    durationMs: num(row.durationMs),
    youngTotal: num(row.youngTotal),
    youngPassed: num(row.youngPassed),
    matureTotal: num(row.matureTotal),
    maturePassed: num(row.maturePassed),
  }));
}

/** Studied, unsuspended cards falling due before `until` (overdue ones included), per quarter hour. */
async function dueBuckets(db: ReadDb, userId: string, until: Date): Promise<DueBucket[]> {
  const rows = await db.$queryRaw<{ bucket: SqlNumber; count: SqlNumber }[]>`
    SELECT unixepoch("due") / 900 AS "bucket", COUNT(*) AS "count"
    FROM "Card"
    WHERE "userId" = ${userId} AND "suspended" = 0 AND "due" < ${until} AND "state" <> 0
    GROUP BY "bucket"`;
  return rows.map((row) => ({ bucket: num(row.bucket), count: num(row.count) }));
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

    const buckets = await logBuckets(db, userId, dayStart(addDays(today, -(CALENDAR_DAYS - 1))), dayStart(addDays(today, 1)));
    const due = await dueBuckets(db, userId, dayStart(addDays(today, FORECAST_DAYS)));
    const counts = await cardCounts(db, userId);
    const studied = await db.card.findMany({
      where: { userId, suspended: false, state: { not: CardState.New } },
      select: SCHEDULING_SELECT,
    });

    const days = foldByStudyDay(buckets, timeZone, dayStartHour);
    const recall = retrievabilityAt(now, schedulerSettingsOf(user));
    return {
      today,
      timeZone,
      dayStartHour,
      calendar: dailyCounts(days, today, CALENDAR_DAYS),
      range,
      reviews: dailyReviews(days, today, range),
      retention: trueRetention(days, today),
      forecast: dueForecast(due, today, FORECAST_DAYS, timeZone, dayStartHour),
      counts,
      retrievability: histogram(
        studied.map((card) => recall(schedulingOf(card))),
        RETRIEVABILITY_BINS,
      ),
      stability: histogram(
        studied.map((card) => card.stability),
        STABILITY_BINS,
      ),
      difficulty: histogram(
        studied.map((card) => difficultyPercent(card.difficulty)),
        DIFFICULTY_BINS,
      ),
    };
  });
}
