import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CardState, type CardStateValue } from "@/lib/srs/card";
import { memoryRetrievabilityAt } from "@/lib/srs/scheduler";
import { addDays, studyDayOf, studyDayStart, type StudyDay } from "@/lib/srs/study-day";
import { bucketSecondsFor, studyDayBoundaries, type BucketSeconds } from "@/lib/stats/days";
import { dueForecast, type DueBucket } from "@/lib/stats/forecast";
import { DIFFICULTY_BINS, difficultyPercent, histogram, RETRIEVABILITY_BINS, STABILITY_BINS } from "@/lib/stats/histogram";
import { accuracyByMode, dailyQuizAccuracy, foldQuizByStudyDay, overallAccuracy, type QuizBucket } from "@/lib/stats/quiz";
import { dailyCounts, dailyReviews, foldByStudyDay, trueRetention, type DayTotals, type LogBucket } from "@/lib/stats/reviews";
import type { CardCountsDTO, QuizStatsDTO, StatsDTO, StatsRange } from "@/lib/types/stats";
import { read, reviewLogChangedSince, writesCommitted, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { schedulerSettingsOf } from "./mappers";
import { GRADED_SQL, num, STATE_SQL, type SqlNumber } from "./raw-rows";
import { countTrue, dataVersionSql, epochMs, epochSeconds, greatest, groupConcat } from "./sql-dialect";

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
    SELECT ${epochSeconds(Prisma.sql`"reviewedAt"`)} / ${size} AS "bucket",
      COUNT(*) AS "total",
      ${countTrue(Prisma.sql`"state" = ${STATE_SQL.New}`)} AS "newCount",
      ${countTrue(Prisma.sql`"state" = ${STATE_SQL.Review}`)} AS "reviewCount",
      SUM("durationMs") AS "durationMs",
      ${countTrue(Prisma.sql`"state" = ${STATE_SQL.Review} AND "scheduledDays" < 21`)} AS "youngTotal",
      ${countTrue(Prisma.sql`"state" = ${STATE_SQL.Review} AND "grade" > 1 AND "scheduledDays" < 21`)} AS "youngPassed",
      ${countTrue(Prisma.sql`"state" = ${STATE_SQL.Review} AND "grade" > 1 AND "scheduledDays" >= 21`)} AS "maturePassed"
    FROM "ReviewLog"
    WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND "reviewedAt" >= ${from} AND "reviewedAt" < ${to} AND ${GRADED_SQL}
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

/*
 * The closed study days of the calendar (every day before today) are aggregated once and kept per
 * user: a grade today changes only today, which is read on every request. The kept days are for
 * one time zone, day start and today (the key), so a change of either or a new study day builds
 * them again; and they are dropped when this process commits anything that may change the review
 * log before today (an undo, a review recorded for an earlier instant, a deleted card: see
 * reviewLogChangedSince in db.ts) or when another connection writes to the file (SQLite's
 * data_version). Bounded: emptied when it grows past CLOSED_DAYS_LIMIT users.
 */
interface ClosedDays {
  days: ReadonlyMap<StudyDay, DayTotals>;
  /** writesCommitted() when the days were last known to be current. */
  commit: number;
  dataVersion: number;
}

const CLOSED_DAYS_LIMIT = 200;
const closedDaysMemo = new Map<string, ClosedDays>();

async function dataVersion(db: ReadDb): Promise<number> {
  const [{ version }] = await db.$queryRaw<{ version: number | bigint | string }[]>`${dataVersionSql()}`;
  return Number(version);
}

/** The study days from `firstDay` up to (not including) today, from the memo when it is still current. */
async function closedDays(
  db: ReadDb,
  userId: string,
  zone: { timeZone: string; dayStartHour: number },
  firstDay: StudyDay,
  todayStart: Date,
  bucketSeconds: BucketSeconds,
): Promise<ReadonlyMap<StudyDay, DayTotals>> {
  const key = [userId, zone.timeZone, zone.dayStartHour, firstDay, todayStart.toISOString(), bucketSeconds].join("|");
  const version = await dataVersion(db);
  const known = closedDaysMemo.get(key);
  if (known && known.dataVersion === version) {
    const changedFrom = reviewLogChangedSince(known.commit);
    if (changedFrom === null || changedFrom >= todayStart.getTime()) {
      known.commit = writesCommitted();
      return known.days;
    }
  }
  const commit = writesCommitted();
  const buckets = await logBuckets(
    db,
    userId,
    studyDayStart(firstDay, zone.timeZone, zone.dayStartHour),
    todayStart,
    bucketSeconds,
  );
  const days = foldByStudyDay(buckets, bucketSeconds, zone.timeZone, zone.dayStartHour);
  if (closedDaysMemo.size >= CLOSED_DAYS_LIMIT) closedDaysMemo.clear();
  closedDaysMemo.set(key, { days, commit, dataVersion: version });
  return days;
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
    SELECT ${epochSeconds(Prisma.sql`"answeredAt"`)} / ${size} AS "bucket", "mode", COUNT(*) AS "answers", ${countTrue(Prisma.sql`"correct"`)} AS "correct"
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

/**
 * Studied, unsuspended cards falling due before `until`, per bucket; overdue ones (due before
 * `from`) in the bucket of `from`, where the forecast counts them, so past days need no time zone lookups.
 */
async function dueBuckets(
  db: ReadDb,
  userId: string,
  from: Date,
  until: Date,
  bucketSeconds: BucketSeconds,
): Promise<DueBucket[]> {
  const size = Prisma.raw(String(bucketSeconds));
  // One string of "bucket count" pairs: Prisma maps raw rows value by value, which costs more than the query.
  const [{ pairs }] = await db.$queryRaw<{ pairs: string | null }[]>`
    SELECT ${groupConcat(Prisma.sql`"bucket" || ' ' || "count"`, " ")} AS "pairs" FROM (
      SELECT ${epochSeconds(greatest(Prisma.sql`"due"`, Prisma.sql`${from}`))} / ${size} AS "bucket", COUNT(*) AS "count"
      FROM "Card"
      WHERE "userId" = ${userId} AND "suspended" = FALSE AND "due" < ${until} AND "state" <> ${STATE_SQL.New}
      GROUP BY "bucket") AS "buckets"`;
  const numbers = pairs ? pairs.split(" ").map(Number) : [];
  const buckets: DueBucket[] = [];
  for (let i = 0; i < numbers.length; i += 2) buckets.push({ bucket: numbers[i], count: numbers[i + 1] });
  return buckets;
}

interface MemoryState {
  state: CardStateValue;
  stability: number;
  difficulty: number;
  /** ms since the epoch, or null for a card never reviewed. */
  lastReview: number | null;
}

/**
 * The memory state of every studied, unsuspended card: only the columns the distributions need.
 * A collection holds tens of thousands of cards and Prisma maps raw rows value by value, so they
 * come back as one string of four numbers per card ("-" for no last review).
 * Retrievability depends on the state, the stability and the time since the last review alone.
 */
async function memoryStates(db: ReadDb, userId: string): Promise<MemoryState[]> {
  const [{ states }] = await db.$queryRaw<{ states: string | null }[]>`
    SELECT ${groupConcat(
      Prisma.sql`"state" || ' ' || "stability" || ' ' || "difficulty" || ' '
      || COALESCE(CAST(${epochMs(Prisma.sql`"lastReview"`)} AS TEXT), '-')`,
      " ",
    )} AS "states"
    FROM "Card"
    WHERE "userId" = ${userId} AND "suspended" = FALSE AND "state" <> ${STATE_SQL.New}`;
  const fields = states ? states.split(" ") : [];
  const cards: MemoryState[] = [];
  for (let i = 0; i < fields.length; i += 4) {
    cards.push({
      state: Number(fields[i]) as CardStateValue,
      stability: Number(fields[i + 1]),
      difficulty: Number(fields[i + 2]),
      lastReview: fields[i + 3] === "-" ? null : Number(fields[i + 3]),
    });
  }
  return cards;
}

async function cardCounts(db: ReadDb, userId: string): Promise<CardCountsDTO> {
  const rows = await db.$queryRaw<{ state: SqlNumber; suspended: SqlNumber; count: SqlNumber }[]>`
    SELECT "state", "suspended", COUNT(*) AS "count" FROM "Card" WHERE "userId" = ${userId} GROUP BY "state", "suspended"`;
  const groups = rows.map((row) => ({
    state: num(row.state),
    suspended: num(row.suspended) !== 0,
    _count: { _all: num(row.count) },
  }));
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
/*
 * The largest bucket no study day boundary of the calendar and forecast falls inside: a pure
 * function of the zone, the day start and today, asked of Intl for every one of 400 days, so the
 * answer is remembered (never out of date). Bounded: emptied when it grows past BUCKET_LIMIT.
 */
const BUCKET_LIMIT = 1000;
const bucketSecondsMemo = new Map<string, BucketSeconds>();

function bucketSecondsOf(firstDay: StudyDay, today: StudyDay, timeZone: string, dayStartHour: number): BucketSeconds {
  const key = [timeZone, dayStartHour, firstDay, today].join("|");
  let size = bucketSecondsMemo.get(key);
  if (size === undefined) {
    size = bucketSecondsFor(studyDayBoundaries(firstDay, addDays(today, FORECAST_DAYS), timeZone, dayStartHour));
    if (bucketSecondsMemo.size >= BUCKET_LIMIT) bucketSecondsMemo.clear();
    bucketSecondsMemo.set(key, size);
  }
  return size;
}

type StatsUser = Parameters<typeof schedulerSettingsOf>[0] & { timeZone: string; dayStartHour: number };

async function statsUser(db: ReadDb, userId: string): Promise<StatsUser> {
  const [row] = await db.$queryRaw<
    (Omit<StatsUser, "dayStartHour" | "maximumIntervalDays" | "enableFuzz"> &
      Record<"dayStartHour" | "maximumIntervalDays" | "enableFuzz", number | bigint>)[]
  >`
    SELECT "timeZone", "dayStartHour", "desiredRetention", "learningSteps", "relearningSteps", "maximumIntervalDays", "enableFuzz", "fsrsWeights"
    FROM "User" WHERE "id" = ${userId}`;
  if (!row) throw new NotFoundError("User");
  return {
    ...row,
    dayStartHour: Number(row.dayStartHour),
    maximumIntervalDays: Number(row.maximumIntervalDays),
    enableFuzz: Number(row.enableFuzz) !== 0,
  };
}

export async function getStats(userId: string, now: Date, range: StatsRange): Promise<StatsDTO> {
  return read(async (db) => {
    const user = await statsUser(db, userId);
    const { timeZone, dayStartHour } = user;
    const today = studyDayOf(now, timeZone, dayStartHour);
    const dayStart = (day: string) => studyDayStart(day, timeZone, dayStartHour);

    const firstDay = addDays(today, -(CALENDAR_DAYS - 1));
    const bucketSeconds = bucketSecondsOf(firstDay, today, timeZone, dayStartHour);

    const todayStart = dayStart(today);
    const days = new Map(await closedDays(db, userId, user, firstDay, todayStart, bucketSeconds));
    // Today, read on every request: a grade changes it.
    const todays = foldByStudyDay(
      await logBuckets(db, userId, todayStart, dayStart(addDays(today, 1)), bucketSeconds),
      bucketSeconds,
      timeZone,
      dayStartHour,
    );
    for (const [day, totals] of todays) days.set(day, totals);
    const due = await dueBuckets(db, userId, todayStart, dayStart(addDays(today, FORECAST_DAYS)), bucketSeconds);
    const counts = await cardCounts(db, userId);
    const studied = await memoryStates(db, userId);
    const quiz = await quizStats(db, userId, today, range, timeZone, dayStartHour, bucketSeconds);

    const recallOf = memoryRetrievabilityAt(now, schedulerSettingsOf(user));
    const recall = (card: MemoryState) => recallOf(card.state, card.stability, card.lastReview);
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
