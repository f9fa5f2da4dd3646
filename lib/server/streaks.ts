import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, studyDayBounds, studyDayOf, studyDayStart, type StudyDay } from "@/lib/srs/study-day";
import { isTodayMet, judgePastDays, type DayQuestion } from "@/lib/streaks/judge-days";
import { streakState, type DayOutcome } from "@/lib/streaks/summary";
import type { StreakSummaryDTO } from "@/lib/types/streaks";
import { isDailyGoalKind } from "@/lib/validation/settings-limits";
import { read, writesCommitted, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { asDate, GRADED_L_SQL, GRADED_SQL, num, sqlInstant, STATE_SQL, type SqlDate, type SqlNumber } from "./raw-rows";
import { dataVersionSql, groupConcat, instantText, jsonTuples, plusHours } from "./sql-dialect";

/*
 * The streak, read from the review log and the study-day boundary on every request (nothing is
 * stored, so a new time zone or day start hour applies to the whole history at once). How a day
 * is judged (met, excused, missed) is lib/streaks/judge-days.ts; this file answers its questions
 * from the log.
 *
 * "Left due at the end T of a day": a card whose due was before T and whose next review came at or
 * after T. The log keeps each card's due before every review, so such a card shows as a log with
 * due < T <= reviewedAt, or (not reviewed since) as a card whose current due is before T. The log
 * search is bounded by the end of the next study day with reviews: the queue puts overdue cards
 * first, and a card left through that day as well makes that day fail in turn.
 *
 * Instants compare as text (./raw-rows.ts) and so use the (userId, undoneAt, reviewedAt) index.
 */

interface StreakUser {
  id: string;
  timeZone: string;
  dayStartHour: number;
  dailyGoalKind: string;
  dailyGoalReviews: number;
}

// studyDayOf and studyDayStart remember their own answers (lib/srs/study-day.ts).
const dayOfInstant = (instant: string, timeZone: string, hour: number) => studyDayOf(new Date(instant), timeZone, hour);
const startOfDay = (day: StudyDay, timeZone: string, hour: number) => studyDayStart(day, timeZone, hour);

async function streakUser(db: ReadDb, userId: string): Promise<StreakUser> {
  const [row] = await db.$queryRaw<
    (Omit<StreakUser, "dayStartHour" | "dailyGoalReviews"> & Record<"dayStartHour" | "dailyGoalReviews", SqlNumber>)[]
  >`
    SELECT "id", "timeZone", "dayStartHour", "dailyGoalKind", "dailyGoalReviews" FROM "User" WHERE "id" = ${userId}`;
  if (!row) throw new NotFoundError("User");
  return { ...row, dayStartHour: num(row.dayStartHour), dailyGoalReviews: num(row.dailyGoalReviews) };
}

/**
 * The study days with at least one review that was not undone, without reading every log: the log
 * is walked in windows of 20 hours, each starting at the first review after the previous window,
 * and each window gives its first and last review (two index lookups). A window is shorter than
 * any study day (23 hours at the least, on a DST day), so its reviews fall on at most two study
 * days, and then the first review is on the earlier and the last on the later: the two name every
 * study day of the window. The cost follows the days studied, not the reviews.
 */
async function studyDaysWithReviews(db: ReadDb, user: StreakUser): Promise<Set<StudyDay>> {
  const [{ instants }] = await db.$queryRaw<{ instants: string | null }[]>`
    WITH RECURSIVE "window"("first") AS (
      SELECT MIN("reviewedAt") FROM "ReviewLog" WHERE "userId" = ${user.id} AND "undoneAt" IS NULL AND ${GRADED_SQL}
      UNION ALL
      SELECT (SELECT MIN(l."reviewedAt") FROM "ReviewLog" l
              WHERE l."userId" = ${user.id} AND l."undoneAt" IS NULL AND ${GRADED_L_SQL}
                AND l."reviewedAt" >= ${plusHours(Prisma.sql`w."first"`, 20)})
      FROM "window" w WHERE w."first" IS NOT NULL
    )
    SELECT ${groupConcat(
      Prisma.sql`${instantText(Prisma.sql`w."first"`)} || ' ' || (SELECT ${instantText(Prisma.sql`MAX(l."reviewedAt")`)} FROM "ReviewLog" l
       WHERE l."userId" = ${user.id} AND l."undoneAt" IS NULL AND ${GRADED_L_SQL}
         AND l."reviewedAt" < ${plusHours(Prisma.sql`w."first"`, 20)})`,
      " ",
    )} AS "instants"
    FROM "window" w WHERE w."first" IS NOT NULL`;
  const days = new Set<StudyDay>();
  for (const instant of instants ? instants.split(" ") : []) days.add(dayOfInstant(instant, user.timeZone, user.dayStartHour));
  return days;
}

/**
 * The given study days with at least `goal` reviews. Each day's reviews are counted up to `goal`
 * only, so a day costs at most `goal` index steps however much was studied. One string comes back
 * (Prisma maps raw rows one value at a time, which costs more than the query).
 */
async function daysWithReviews(
  db: ReadDb,
  userId: string,
  ranges: { day: StudyDay; start: Date; end: Date }[],
  goal: number,
): Promise<Set<StudyDay>> {
  if (ranges.length === 0) return new Set();
  const [{ days }] = await db.$queryRaw<{ days: string | null }[]>`
    SELECT ${groupConcat(Prisma.sql`j."day"`, " ")} AS "days" FROM ${jsonTuples(
      ranges.map(({ day, start, end }) => [day, sqlInstant(start), sqlInstant(end)]),
      [
        { name: "day", type: "text" },
        { name: "start", type: "instant" },
        { name: "end", type: "instant" },
      ],
    )}
    WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM "ReviewLog" l
        WHERE l."userId" = ${userId} AND l."undoneAt" IS NULL AND ${GRADED_L_SQL} AND l."reviewedAt" >= j."start" AND l."reviewedAt" < j."end"
        LIMIT CAST(${goal} AS INTEGER)) AS "counted") >= CAST(${goal} AS INTEGER)`;
  return new Set(days ? days.split(" ") : []);
}

/**
 * Cards that count as due work: reviewed before, not suspended, of a deck the user studies, concept
 * not retired. Raw SQL like the rest: a Prisma model call costs more in planning than SQLite takes.
 */
function dueWork(userId: string, before: Date): Prisma.Sql {
  return Prisma.sql`"Card" c JOIN "Concept" k ON k."id" = c."conceptId"
    WHERE c."userId" = ${userId} AND c."suspended" = FALSE AND c."state" <> ${STATE_SQL.New} AND c."due" < ${before} AND k."retiredAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = c."userId" AND e."deckId" = k."deckId" AND e."stoppedAt" IS NULL)`;
}

/**
 * For each day end T (with its search bound B), whether a card was left due at T (see above).
 * One query for all of them.
 */
async function leftDue(db: ReadDb, userId: string, checks: { day: StudyDay; end: Date; bound: Date }[]): Promise<Set<StudyDay>> {
  if (checks.length === 0) return new Set();
  const [{ days }] = await db.$queryRaw<{ days: string | null }[]>`
    SELECT ${groupConcat(Prisma.sql`j."day"`, " ")} AS "days" FROM ${jsonTuples(
      checks.map(({ day, end, bound }) => [day, sqlInstant(end), sqlInstant(bound)]),
      [
        { name: "day", type: "text" },
        { name: "end", type: "instant" },
        { name: "bound", type: "instant" },
      ],
    )}
    WHERE EXISTS (SELECT 1 FROM "ReviewLog" l
        -- Manual entries count here too: a card reset after T with its due before T was left due at T.
        WHERE l."userId" = ${userId} AND l."undoneAt" IS NULL AND l."reviewedAt" >= j."end" AND l."reviewedAt" < j."bound"
          AND l."due" < j."end" AND l."state" <> ${STATE_SQL.New})`;
  const left = new Set(days ? days.split(" ") : []);
  // A card not reviewed since its due, earliest first: every day ending after that due left it.
  const latest = checks.reduce((a, b) => (a.end > b.end ? a : b)).end;
  const [waiting] = await db.$queryRaw<
    { due: SqlDate }[]
  >`SELECT c."due" FROM ${dueWork(userId, latest)} ORDER BY c."due" LIMIT 1`;
  if (waiting) {
    const due = asDate(waiting.due);
    for (const check of checks) if (check.end > due) left.add(check.day);
  }
  return left;
}

/**
 * The outcome of every past study day (today is judged by the caller). The costly part of the
 * streak, so it is remembered per user until anything is written: `writesCommitted()` counts this
 * process's commits, and SQLite's data_version moves when another connection (the seed, a script)
 * changes the file. The key also holds everything else the outcomes depend on: the zone, the day
 * start, the goal and today. Bounded: emptied when it grows past PAST_LIMIT users.
 */
async function pastOutcomes(
  db: ReadDb,
  user: StreakUser,
  kind: "REVIEWS" | "CLEAR_DUE",
  goal: number,
  today: { day: StudyDay },
  now: Date,
): Promise<Map<StudyDay, DayOutcome>> {
  const [{ version }] = await db.$queryRaw<{ version: SqlNumber }[]>`${dataVersionSql()}`;
  const key = [user.id, writesCommitted(), num(version), user.timeZone, user.dayStartHour, kind, goal, today.day].join("|");
  const known = pastMemo.get(key);
  if (known) return new Map(known);
  const outcomes = await judgePastDaysFromLog(db, user, kind, goal, today, now);
  if (pastMemo.size >= PAST_LIMIT) pastMemo.clear();
  pastMemo.set(key, outcomes);
  return new Map(outcomes);
}

const PAST_LIMIT = 200;
const pastMemo = new Map<string, ReadonlyMap<StudyDay, DayOutcome>>();

/** Judges the past study days (lib/streaks/judge-days.ts), answering its questions from the log. */
async function judgePastDaysFromLog(
  db: ReadDb,
  user: StreakUser,
  kind: "REVIEWS" | "CLEAR_DUE",
  goal: number,
  today: { day: StudyDay },
  now: Date,
): Promise<Map<StudyDay, DayOutcome>> {
  const bounds = (day: StudyDay) => ({
    start: startOfDay(day, user.timeZone, user.dayStartHour),
    end: startOfDay(addDays(day, 1), user.timeZone, user.dayStartHour),
  });
  const studied = await studyDaysWithReviews(db, user);
  const judging = judgePastDays({ kind, goal, studied, today: today.day, now, bounds });
  const answer = (question: DayQuestion) =>
    question.ask === "reviews-at-least"
      ? daysWithReviews(db, user.id, question.days, question.goal)
      : leftDue(db, user.id, question.checks);
  for (let step = judging.next(); ; step = judging.next(await answer(step.value))) {
    if (step.done) return step.value;
  }
}

/** Current and longest streak, freezes, and today's progress toward the daily goal. */
export async function getStreakSummary(userId: string, now: Date): Promise<StreakSummaryDTO> {
  return read(async (db) => {
    const user = await streakUser(db, userId);
    const kind = isDailyGoalKind(user.dailyGoalKind) ? user.dailyGoalKind : "REVIEWS";
    const goal = Math.max(1, user.dailyGoalReviews);
    const today = studyDayBounds(now, user.timeZone, user.dayStartHour);
    const [reviewedToday, dueLeftToday] = await Promise.all([
      db.$queryRaw<{ n: SqlNumber }[]>`
        SELECT COUNT(*) AS "n" FROM "ReviewLog"
        WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND ${GRADED_SQL} AND "reviewedAt" >= ${today.start} AND "reviewedAt" < ${today.end}`.then(
        ([row]) => num(row.n),
      ),
      kind === "CLEAR_DUE"
        ? db.$queryRaw<{ n: SqlNumber }[]>`
            SELECT COUNT(*) AS "n" FROM ${dueWork(userId, today.end)} AND (c."buriedUntil" IS NULL OR c."buriedUntil" <= ${now})`.then(
            ([row]) => num(row.n),
          )
        : Promise.resolve(0),
    ]);
    const outcomes = await pastOutcomes(db, user, kind, goal, today, now);
    const todayMet = isTodayMet(kind, goal, reviewedToday, dueLeftToday);
    if (todayMet) outcomes.set(today.day, "met");
    const state = streakState(outcomes, today.day);
    return {
      current: state.current,
      longest: state.longest,
      freezesHeld: state.freezesHeld,
      frozenDays: state.frozenDays,
      goal: kind === "REVIEWS" ? { kind, reviews: goal } : { kind },
      reviewedToday,
      dueLeftToday,
      todayMet,
      milestone: state.milestone,
      nextMilestone: state.nextMilestone,
      goalMetDays: [...outcomes]
        .filter(([, outcome]) => outcome === "met")
        .map(([day]) => day)
        .sort(),
    };
  });
}
