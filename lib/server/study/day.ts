import "server-only";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { CardState, type SchedulingField, type SchedulingState } from "@/lib/srs/card";
import type { QueueCandidate } from "@/lib/srs/queue";
import { studyDayBounds } from "@/lib/srs/study-day";
import type { ReadDb } from "../db";
import { NotFoundError } from "../errors";
import { GRADED_L_SQL, num, schedulingColumnsSql, schedulingOfRow, type SchedulingRow, type SqlNumber } from "../raw-rows";
import { indexedBy, jsonValues } from "../sql-dialect";

/*
 * What today's queue (./queue.ts) and the home page's counts (./home.ts) both read: the user, the
 * study day and its logs, and the SQL pieces their queries share. Neither grows with the collection
 * or the history: every query is bounded by what the queue shows (the limits), by what is due
 * today, or by the days studied, never by the number of new cards or review logs.
 * Raw rows are converted by ../raw-rows.ts.
 */

/*
 * The Card indexes each query walks, named: without statistics (no ANALYZE) SQLite's planner
 * guesses, and a wrong guess walks every new card. Each query is bounded by the index it names.
 */
export const byStateAndDue = () => indexedBy("Card", "c", "Card_userId_state_due_idx");
export const byStateAndDeck = () => indexedBy("Card", "c", "Card_userId_state_deckId_rank_idx");

/**
 * A card the user studies: of a deck they study (not stopped; only `deckId` for a one-deck review)
 * and of a concept still in its deck (a concept dropped from a deck file is retired, its cards kept).
 */
export function studied(userId: string, deckId?: string): Prisma.Sql {
  const oneDeck = deckId === undefined ? Prisma.empty : Prisma.sql`AND "deckId" = ${deckId}`;
  // Both lists are small and read once per query, not looked up again for every card. The retired
  // concepts' index is named: without it SQLite scans every concept of every deck for the list.
  return Prisma.sql`c."userId" = ${userId}
    AND c."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL ${oneDeck})
    AND c."conceptId" NOT IN (SELECT "id" FROM ${indexedBy("Concept", null, "Concept_retiredAt_idx")} WHERE "retiredAt" IS NOT NULL)`;
}

/** A card that may be shown today: studied (above), not suspended, not buried. */
export function studiable(day: Pick<Day, "user" | "deckId">, now: Date): Prisma.Sql {
  return Prisma.sql`${studied(day.user.id, day.deckId)} AND c."suspended" = FALSE AND (c."buriedUntil" IS NULL OR c."buriedUntil" <= ${now})`;
}

/** Concepts none of whose cards may be queued (JSON, read with json_each). */
export function notIn(concepts: Iterable<string>): Prisma.Sql {
  return Prisma.sql`c."conceptId" NOT IN (${jsonValues(JSON.stringify([...new Set(concepts)]))})`;
}

export const KIND_POSITION = Prisma.sql`(CASE c."kind" WHEN 'TERM_TO_DEFINITION' THEN 0 ELSE 1 END)`;

/** What ordering a card in the queue needs: its concept, deck, rank and kind. */
export interface OrderRow {
  id: string;
  conceptId: string;
  deckId: string;
  rank: SqlNumber;
  kindPosition: SqlNumber;
}

export /*
 * Prisma maps raw rows value by value, which costs more than SQLite's answer, so each query reads
 * only the columns its step uses: ordering, the fields retrievability needs, or the whole schedule.
 */
const ORDER_COLUMNS = Prisma.sql`c."id", c."conceptId", c."deckId", c."rank", ${KIND_POSITION} AS "kindPosition"`;
/** What retrievability reads of a card (and the queue orders due reviews by). */
const RETRIEVABILITY_FIELDS = ["due", "stability", "state", "lastReview"] as const satisfies readonly SchedulingField[];
export type RetrievabilityRow = Pick<SchedulingRow, (typeof RETRIEVABILITY_FIELDS)[number]>;
export const RETRIEVABILITY_COLUMNS = schedulingColumnsSql(RETRIEVABILITY_FIELDS);
export const SCHEDULING_COLUMNS = schedulingColumnsSql();

/**
 * A due review's schedule as far as choosing it goes (due, state, and what retrievability reads);
 * the queued cards' whole schedules are read with their texts.
 */
export function reviewSchedulingOfRow(row: RetrievabilityRow): SchedulingState {
  return schedulingOfRow({ ...row, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0 });
}

type StudyUser = Pick<
  User,
  | "id"
  | "username"
  | "timeZone"
  | "dayStartHour"
  | "newCardsPerDay"
  | "reviewsPerDay"
  | "desiredRetention"
  | "learningSteps"
  | "relearningSteps"
  | "maximumIntervalDays"
  | "enableFuzz"
  | "fsrsWeights"
  | "newCardOrder"
  | "leechThreshold"
>;

/*
 * The reads below are raw SQL rather than Prisma's model methods: each model call cost
 * milliseconds of query planning and row mapping, more than SQLite took to answer.
 */

/** Columns SQLite returns as integers (a boolean is 0 or 1). */
type IntColumn = "dayStartHour" | "newCardsPerDay" | "reviewsPerDay" | "maximumIntervalDays" | "enableFuzz" | "leechThreshold";

/** What the queue and the home page need of the user. */
async function studyUser(db: ReadDb, userId: string): Promise<StudyUser> {
  const [row] = await db.$queryRaw<(Omit<StudyUser, IntColumn> & Record<IntColumn, SqlNumber>)[]>`
    SELECT "id", "username", "timeZone", "dayStartHour", "newCardsPerDay", "reviewsPerDay", "desiredRetention",
      "learningSteps", "relearningSteps", "maximumIntervalDays", "enableFuzz", "fsrsWeights",
      "newCardOrder", "leechThreshold"
    FROM "User" WHERE "id" = ${userId}`;
  if (!row) throw new NotFoundError("User");
  return {
    ...row,
    dayStartHour: num(row.dayStartHour),
    newCardsPerDay: num(row.newCardsPerDay),
    reviewsPerDay: num(row.reviewsPerDay),
    maximumIntervalDays: num(row.maximumIntervalDays),
    enableFuzz: num(row.enableFuzz) !== 0,
    leechThreshold: num(row.leechThreshold),
  };
}

/** The user, today's bounds and logs, and the order of the decks they study (or of the one deck `deckId`). */
export async function loadDay(db: ReadDb, userId: string, now: Date, deckId?: string) {
  const user = await studyUser(db, userId);
  const bounds = studyDayBounds(now, user.timeZone, user.dayStartHour);
  const todaysLogs = await db.$queryRaw<{ cardId: string; conceptId: string; state: SqlNumber }[]>`
    SELECT l."cardId", c."conceptId", l."state" FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId"
    WHERE l."userId" = ${userId} AND l."reviewedAt" >= ${bounds.start} AND l."reviewedAt" < ${bounds.end} AND l."undoneAt" IS NULL
      AND ${GRADED_L_SQL}`;
  const enrolments = await db.$queryRaw<{ deckId: string }[]>`
    SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL
      ${deckId === undefined ? Prisma.empty : Prisma.sql`AND "deckId" = ${deckId}`}
    ORDER BY "createdAt", "deckId"`;
  const deckPosition = new Map(enrolments.map((e, i) => [e.deckId, i]));
  const [{ extra }] = await db.$queryRaw<{ extra: SqlNumber }[]>`
    SELECT SUM("cards") AS "extra" FROM "ExtraNewCards" WHERE "userId" = ${userId} AND "studyDay" = ${bounds.day}`;
  const extraNewToday = num(extra);
  const reviewed = todaysLogs.map((log) => ({ cardId: log.cardId, conceptId: log.conceptId }));
  const counts = {
    reviewsDoneToday: todaysLogs.filter((log) => num(log.state) === CardState.Review).length,
    newIntroducedToday: new Set(todaysLogs.filter((log) => num(log.state) === CardState.New).map((log) => log.cardId)).size,
  };
  return {
    user,
    deckId,
    bounds,
    todaysLogs,
    reviewed,
    counts,
    deckPosition,
    extraNewToday,
    // "N more today" raises this study day's new-card limit only, never the setting.
    limits: { newPerDay: user.newCardsPerDay + extraNewToday, reviewsPerDay: user.reviewsPerDay },
  };
}

export type Day = Awaited<ReturnType<typeof loadDay>>;

export function candidateOf(row: OrderRow, day: Day, scheduling: SchedulingState): QueueCandidate {
  return {
    id: row.id,
    conceptId: row.conceptId,
    order: [day.deckPosition.get(row.deckId) ?? Number.MAX_SAFE_INTEGER, num(row.rank), num(row.kindPosition)],
    scheduling,
  };
}
