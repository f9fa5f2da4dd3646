import "server-only";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { CardState, newSchedulingState, type CardStateValue, type SchedulingState } from "@/lib/srs/card";
import {
  newBudget,
  reviewBudget,
  selectLearning,
  selectNew,
  selectReviews,
  SiblingBury,
  type QueueCandidate,
} from "@/lib/srs/queue";
import { previewIntervalsAt, retrievabilityAt } from "@/lib/srs/scheduler";
import type { SchedulerSettings } from "@/lib/srs/settings";
import { availableAt, studyDayBounds } from "@/lib/srs/study-day";
import type { CardKind, HomeSummaryDTO, ReviewCardDTO, ReviewQueueDTO } from "@/lib/types";
import { read, type ReadDb } from "./db";
import { CARD_KINDS } from "./decks";
import { NotFoundError } from "./errors";
import { parseJsonList, schedulerSettingsOf } from "./mappers";
import { confusionHints } from "./quiz";

/*
 * Today's queue and the home page's counts, read so that neither grows with the collection or the
 * history: every query below is bounded by what the queue shows (the limits), by what is due today,
 * or by the days studied, never by the number of new cards or review logs.
 *
 * SQLite stores DateTime as ISO text ("2026-03-07T12:00:00.000+00:00"), and the adapter binds Date
 * parameters in the same form, so dates compare as text in the raw queries.
 */

// Numbers bound as parameters arrive as floats (integer division, LIMIT and index lookups want
// integers), so constants are written into the SQL and bound numbers are cast.
const NEW = Prisma.raw(String(CardState.New));
const LEARNING = Prisma.raw(String(CardState.Learning));
const REVIEW = Prisma.raw(String(CardState.Review));
const RELEARNING = Prisma.raw(String(CardState.Relearning));
const DAY_MS = Prisma.raw(String(24 * 60 * 60 * 1000));

/*
 * The Card indexes each query walks, named: without statistics (no ANALYZE) SQLite's planner
 * guesses, and a wrong guess walks every new card. Each query is bounded by the index it names.
 */
const BY_STATE_AND_DUE = Prisma.sql`"Card" AS c INDEXED BY "Card_userId_state_due_idx"`;
const BY_STATE_AND_DECK = Prisma.sql`"Card" AS c INDEXED BY "Card_userId_state_deckId_rank_idx"`;

/**
 * A card the user studies: of a deck they study (not stopped; only `deckId` for a one-deck review)
 * and of a concept still in its deck (a concept dropped from a deck file is retired, its cards kept).
 */
function studied(userId: string, deckId?: string): Prisma.Sql {
  const oneDeck = deckId === undefined ? Prisma.empty : Prisma.sql`AND "deckId" = ${deckId}`;
  // Both lists are small and read once per query (retired concepts through their own index), not
  // looked up again for every card.
  return Prisma.sql`c."userId" = ${userId}
    AND c."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL ${oneDeck})
    AND c."conceptId" NOT IN (SELECT "id" FROM "Concept" WHERE "retiredAt" IS NOT NULL)`;
}

/** A card that may be shown today: studied (above), not suspended, not buried. */
function studiable(day: Pick<Day, "user" | "deckId">, now: Date): Prisma.Sql {
  return Prisma.sql`${studied(day.user.id, day.deckId)} AND c."suspended" = 0 AND (c."buriedUntil" IS NULL OR c."buriedUntil" <= ${now})`;
}

/** Concepts none of whose cards may be queued (JSON, read with json_each). */
function notIn(concepts: Iterable<string>): Prisma.Sql {
  return Prisma.sql`c."conceptId" NOT IN (SELECT "value" FROM json_each(${JSON.stringify([...new Set(concepts)])}))`;
}

const KIND_POSITION = Prisma.sql`(CASE c."kind" WHEN 'TERM_TO_DEFINITION' THEN 0 ELSE 1 END)`;

/** What ordering a card in the queue needs: its concept, deck, rank and kind. */
interface OrderRow {
  id: string;
  conceptId: string;
  deckId: string;
  rank: number | bigint;
  kindPosition: number | bigint;
}

interface SchedulingRow {
  due: Date | string;
  stability: number;
  difficulty: number;
  scheduledDays: number | bigint;
  learningSteps: number | bigint;
  reps: number | bigint;
  lapses: number | bigint;
  state: number | bigint;
  lastReview: Date | string | null;
}

/*
 * Prisma maps raw rows value by value, which costs more than SQLite's answer, so each query reads
 * only the columns its step uses: ordering, the fields retrievability needs, or the whole schedule.
 */
const ORDER_COLUMNS = Prisma.sql`c."id", c."conceptId", c."deckId", c."rank", ${KIND_POSITION} AS "kindPosition"`;
const RETRIEVABILITY_COLUMNS = Prisma.sql`c."due", c."stability", c."state", c."lastReview"`;
const SCHEDULING_COLUMNS = Prisma.sql`c."due", c."stability", c."difficulty", c."scheduledDays", c."learningSteps", c."reps",
  c."lapses", c."state", c."lastReview"`;

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

function schedulingOfRow(row: SchedulingRow): SchedulingState {
  return {
    due: asDate(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: Number(row.scheduledDays),
    learningSteps: Number(row.learningSteps),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: Number(row.state) as CardStateValue,
    lastReview: row.lastReview === null ? null : asDate(row.lastReview),
  };
}

/**
 * A due review's schedule as far as choosing it goes (due, state, and what retrievability reads);
 * the queued cards' whole schedules are read with their texts.
 */
function reviewSchedulingOfRow(row: Pick<SchedulingRow, "due" | "stability" | "state" | "lastReview">): SchedulingState {
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
>;

/*
 * The reads below are raw SQL rather than Prisma's model methods: each model call cost
 * milliseconds of query planning and row mapping, more than SQLite took to answer.
 */

/** Columns SQLite returns as integers (a boolean is 0 or 1). */
type IntColumn = "dayStartHour" | "newCardsPerDay" | "reviewsPerDay" | "maximumIntervalDays" | "enableFuzz";

/** What the queue and the home page need of the user. */
async function studyUser(db: ReadDb, userId: string): Promise<StudyUser> {
  const [row] = await db.$queryRaw<(Omit<StudyUser, IntColumn> & Record<IntColumn, number | bigint>)[]>`
    SELECT "id", "username", "timeZone", "dayStartHour", "newCardsPerDay", "reviewsPerDay", "desiredRetention",
      "learningSteps", "relearningSteps", "maximumIntervalDays", "enableFuzz", "fsrsWeights"
    FROM "User" WHERE "id" = ${userId}`;
  if (!row) throw new NotFoundError("User");
  return {
    ...row,
    dayStartHour: Number(row.dayStartHour),
    newCardsPerDay: Number(row.newCardsPerDay),
    reviewsPerDay: Number(row.reviewsPerDay),
    maximumIntervalDays: Number(row.maximumIntervalDays),
    enableFuzz: Number(row.enableFuzz) !== 0,
  };
}

/** The user, today's bounds and logs, and the order of the decks they study (or of the one deck `deckId`). */
async function loadDay(db: ReadDb, userId: string, now: Date, deckId?: string) {
  const user = await studyUser(db, userId);
  const bounds = studyDayBounds(now, user.timeZone, user.dayStartHour);
  const todaysLogs = await db.$queryRaw<{ cardId: string; conceptId: string; state: number | bigint }[]>`
    SELECT l."cardId", c."conceptId", l."state" FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId"
    WHERE l."userId" = ${userId} AND l."reviewedAt" >= ${bounds.start} AND l."reviewedAt" < ${bounds.end} AND l."undoneAt" IS NULL`;
  const enrolments = await db.$queryRaw<{ deckId: string }[]>`
    SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL
      ${deckId === undefined ? Prisma.empty : Prisma.sql`AND "deckId" = ${deckId}`}
    ORDER BY "createdAt", "deckId"`;
  const deckPosition = new Map(enrolments.map((e, i) => [e.deckId, i]));
  const reviewed = todaysLogs.map((log) => ({ cardId: log.cardId, conceptId: log.conceptId }));
  const counts = {
    reviewsDoneToday: todaysLogs.filter((log) => Number(log.state) === CardState.Review).length,
    newIntroducedToday: new Set(todaysLogs.filter((log) => Number(log.state) === CardState.New).map((log) => log.cardId)).size,
  };
  return {
    user,
    deckId,
    bounds,
    todaysLogs,
    reviewed,
    counts,
    deckPosition,
    limits: { newPerDay: user.newCardsPerDay, reviewsPerDay: user.reviewsPerDay },
  };
}

type Day = Awaited<ReturnType<typeof loadDay>>;

function candidateOf(row: OrderRow, day: Day, scheduling: SchedulingState): QueueCandidate {
  return {
    id: row.id,
    conceptId: row.conceptId,
    order: [day.deckPosition.get(row.deckId) ?? Number.MAX_SAFE_INTEGER, Number(row.rank), Number(row.kindPosition)],
    scheduling,
  };
}

/** Learning and relearning cards due before the day ends: few (a day's steps), all read. */
async function learningRows(db: ReadDb, day: Day, now: Date): Promise<(OrderRow & SchedulingRow)[]> {
  return db.$queryRaw<(OrderRow & SchedulingRow)[]>`
    SELECT ${ORDER_COLUMNS}, ${SCHEDULING_COLUMNS} FROM ${BY_STATE_AND_DUE}
    WHERE c."state" IN (${LEARNING}, ${RELEARNING}) AND c."due" < ${day.bounds.end} AND ${studiable(day, now)}`;
}

/**
 * Today's queue, each step reading only the cards it can take:
 * - learning cards due before the day ends (all of them: they are never limited);
 * - due reviews of concepts not already taken, lowest retrievability first, at most the review
 *   budget times the kinds of card (a concept has one card of each kind, so that always fills the
 *   budget when enough are due). SQLite orders them by elapsed days / stability, which orders retrievability (the
 *   forgetting curve falls with it); the exact order is then settled by selectReviews;
 * - new cards of concepts not taken, deck by deck in enrolment order, in each deck by the stored
 *   rank (deck order with prerequisites first), at most the kinds of card times what is still to fill.
 */
async function selectQueue(db: ReadDb, day: Day, settings: SchedulerSettings, now: Date) {
  const { bounds } = day;
  const bury = new SiblingBury(day.reviewed);
  const learning = selectLearning(
    (await learningRows(db, day, now)).map((row) => candidateOf(row, day, schedulingOfRow(row))),
    now,
    bounds.end,
    bury,
  );

  const reviewsLeft = reviewBudget({ limits: day.limits, reviewsDoneToday: day.counts.reviewsDoneToday });
  let reviews: QueueCandidate[] = [];
  if (reviewsLeft > 0) {
    const rows = await db.$queryRaw<(OrderRow & Pick<SchedulingRow, "due" | "stability" | "state" | "lastReview">)[]>`
      SELECT ${ORDER_COLUMNS}, ${RETRIEVABILITY_COLUMNS} FROM ${BY_STATE_AND_DUE}
      WHERE c."state" = ${REVIEW} AND c."due" < ${bounds.end} AND ${studiable(day, now)} AND ${notIn(bury.concepts())}
      ORDER BY (CASE WHEN c."lastReview" IS NULL OR c."stability" <= 0 THEN 1e308
        ELSE MAX(0, (CAST(${now.getTime()} AS INTEGER) - CAST(ROUND(unixepoch(c."lastReview", 'subsec') * 1000) AS INTEGER)) / ${DAY_MS})
          / c."stability" END) DESC, c."due" ASC
      LIMIT CAST(${CARD_KINDS.length * reviewsLeft} AS INTEGER)`;
    reviews = selectReviews(
      rows.map((row) => candidateOf(row, day, reviewSchedulingOfRow(row))),
      bounds.end,
      reviewsLeft,
      bury,
      retrievabilityAt(now, settings),
    );
  }

  const newLeft = newBudget({ limits: day.limits, newIntroducedToday: day.counts.newIntroducedToday });
  const fresh: QueueCandidate[] = [];
  if (newLeft > 0) {
    const unstudied = newSchedulingState(now);
    for (const deckId of day.deckPosition.keys()) {
      const wanted = newLeft - fresh.length;
      if (wanted <= 0) break;
      const rows = await db.$queryRaw<OrderRow[]>`
        SELECT ${ORDER_COLUMNS} FROM ${BY_STATE_AND_DECK}
        WHERE c."state" = ${NEW} AND c."deckId" = ${deckId} AND ${studiable(day, now)} AND ${notIn(bury.concepts())}
        ORDER BY c."rank", ${KIND_POSITION}, c."id"
        LIMIT CAST(${CARD_KINDS.length * wanted} AS INTEGER)`;
      fresh.push(
        ...selectNew(
          rows.map((row) => candidateOf(row, day, unstudied)),
          wanted,
          bury,
        ),
      );
    }
  }
  return { cards: [...learning.cards, ...reviews, ...fresh], learningLater: learning.learningLater };
}

/** Full card DTOs (with concept and deck text, and the four grade previews) for queue entries, in queue order. */
async function reviewCards(
  db: ReadDb,
  userId: string,
  entries: QueueCandidate[],
  settings: SchedulerSettings,
  now: Date,
): Promise<ReviewCardDTO[]> {
  if (entries.length === 0) return [];
  const rows = await db.$queryRaw<({ id: string } & SchedulingRow & ReviewTextRow)[]>`
    SELECT c."id", ${SCHEDULING_COLUMNS}, c."version", c."kind", c."conceptId", k."deckId" AS "conceptDeckId", k."confusables",
      k."term", k."definition", k."examples", k."aliases", k."sourceLocator",
      d."title" AS "deckTitle", d."sourceTitle", d."sourceUrl"
    FROM json_each(${JSON.stringify(entries.map((e) => e.id))}) j
      -- CROSS JOIN keeps the ids as the outer loop: otherwise SQLite may walk all the user's cards.
      CROSS JOIN "Card" c ON c."id" = j."value"
      JOIN "Concept" k ON k."id" = c."conceptId" JOIN "Deck" d ON d."id" = k."deckId"
    WHERE c."userId" = ${userId}`;
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const previews = previewIntervalsAt(now, settings);
  const concepts = new Map(
    rows.map((row) => [row.conceptId, { id: row.conceptId, deckId: row.conceptDeckId, confusables: row.confusables }]),
  );
  const hints = await confusionHints(db, userId, [...concepts.values()]);
  return entries.map((entry) => {
    const row = rowById.get(entry.id)!;
    const scheduling = schedulingOfRow(row);
    return {
      id: row.id,
      version: Number(row.version),
      kind: row.kind as CardKind,
      term: row.term,
      definition: row.definition,
      examples: parseJsonList(row.examples),
      aliases: parseJsonList(row.aliases),
      sourceLocator: row.sourceLocator,
      deckTitle: row.deckTitle,
      sourceTitle: row.sourceTitle,
      sourceUrl: row.sourceUrl,
      scheduling: { due: scheduling.due, state: scheduling.state },
      previews: previews(scheduling, row.id),
      confusedWith: hints.get(row.conceptId) ?? [],
    };
  });
}

interface ReviewTextRow {
  version: number | bigint;
  conceptId: string;
  conceptDeckId: string;
  confusables: string;
  kind: string;
  term: string;
  definition: string;
  examples: string;
  aliases: string;
  sourceLocator: string;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
}

/** Today's queue, of every deck the user studies or (`deckId`) of one of them. */
export async function getReviewQueue(userId: string, now: Date, deckId?: string): Promise<ReviewQueueDTO> {
  return read(async (db) => {
    const day = await loadDay(db, userId, now, deckId);
    const settings = schedulerSettingsOf(day.user);
    const queue = await selectQueue(db, day, settings, now);
    const cards = await reviewCards(db, userId, [...queue.cards, ...queue.learningLater], settings, now);
    return {
      cards: cards.slice(0, queue.cards.length),
      learningLater: cards.slice(queue.cards.length),
      settings,
      dayEnd: day.bounds.end,
    };
  });
}

/** COUNT(DISTINCT concept) of the cards a condition selects, counting at most `cap`. */
async function countConcepts(db: ReadDb, cards: Prisma.Sql, where: Prisma.Sql, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  const [{ n }] = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM (
      SELECT DISTINCT c."conceptId" FROM ${cards} WHERE ${where} LIMIT CAST(${cap} AS INTEGER)
    )`;
  return Number(n);
}

/**
 * How many cards the queue shows now, from counts instead of the queue: learning cards due now,
 * due reviews counted by concept (sibling bury) up to the review budget, new cards counted by
 * concept up to the new budget. Equal to getReviewQueue's lengths (a test compares them).
 */
async function queueCounts(db: ReadDb, day: Day, settings: SchedulerSettings, now: Date) {
  const { bounds } = day;
  const learning = await learningRows(db, day, now);
  const learningNow = learning.filter((row) => asDate(row.due) <= now).length;
  const learningLater = learning.length - learningNow;
  // Concepts reviewed today or with a learning card today: their other cards are buried.
  const taken = [...day.reviewed.map((r) => r.conceptId), ...learning.map((row) => row.conceptId)];

  const reviewsLeft = reviewBudget({ limits: day.limits, reviewsDoneToday: day.counts.reviewsDoneToday });
  const dueReview = Prisma.sql`c."state" = ${REVIEW} AND c."due" < ${bounds.end} AND ${studiable(day, now)} AND ${notIn(taken)}`;
  // One more than the budget tells whether the budget binds.
  const dueConcepts = await countConcepts(db, BY_STATE_AND_DUE, dueReview, reviewsLeft + 1);
  const reviews = Math.min(reviewsLeft, dueConcepts);

  const newLeft = newBudget({ limits: day.limits, newIntroducedToday: day.counts.newIntroducedToday });
  // Every due review's concept is queued when the budget does not bind; new cards of those are buried.
  const newWithoutDueSibling = Prisma.sql`c."state" = ${NEW} AND ${studiable(day, now)} AND ${notIn(taken)}
    AND NOT EXISTS (SELECT 1 FROM "Card" s INDEXED BY "Card_userId_conceptId_kind_key" WHERE s."userId" = c."userId" AND s."conceptId" = c."conceptId"
      AND s."state" = ${REVIEW} AND s."due" < ${bounds.end} AND s."suspended" = 0
      AND (s."buriedUntil" IS NULL OR s."buriedUntil" <= ${now}))`;
  let fresh = await countConcepts(db, BY_STATE_AND_DECK, newWithoutDueSibling, newLeft);
  if (fresh < newLeft && dueConcepts > reviewsLeft) {
    // The review budget binds and new cards are short: which due reviews are queued decides which
    // new siblings are buried, so only the queue itself can tell.
    const queue = await selectQueue(db, day, settings, now);
    fresh = queue.cards.filter((card) => card.scheduling.state === CardState.New).length;
  }
  return { dueNow: learningNow + reviews, newToday: fresh, learningLater };
}

export async function getHomeSummary(userId: string, now: Date): Promise<HomeSummaryDTO> {
  return read(async (db) => {
    const day = await loadDay(db, userId, now);
    const { user, bounds } = day;
    const counts = await queueCounts(db, day, schedulerSettingsOf(user), now);
    // Cards of stopped decks and retired concepts are kept but not counted.
    // Counted from the deck index alone, less the (rare) cards of retired concepts: a count that
    // filtered every card by its concept would read all of the user's card rows.
    const [{ n: totalCards }] = await db.$queryRaw<{ n: number | bigint }[]>`
      SELECT
        (SELECT COUNT(*) FROM ${BY_STATE_AND_DECK}
          WHERE c."userId" = ${userId} AND c."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL))
        - (SELECT COUNT(*) FROM "Concept" k INDEXED BY "Concept_retiredAt_idx" JOIN "Card" c ON c."userId" = ${userId} AND c."conceptId" = k."id"
          WHERE k."retiredAt" IS NOT NULL
            AND k."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL)) AS "n"`;
    let nextDue: Date | null = null;
    if (counts.dueNow + counts.newToday === 0) {
      const [nextCard] = await db.$queryRaw<{ due: Date | string; state: number | bigint }[]>`
        SELECT c."due", c."state" FROM ${BY_STATE_AND_DUE}
        WHERE c."state" IN (${LEARNING}, ${REVIEW}, ${RELEARNING}) AND c."due" > ${now} AND c."suspended" = 0 AND ${studied(userId)}
        ORDER BY c."due" LIMIT 1`;
      const [unseenNew] = await db.$queryRaw<{ id: string }[]>`
        SELECT c."id" FROM ${BY_STATE_AND_DECK} WHERE c."state" = ${NEW} AND c."suspended" = 0 AND ${studied(userId)} LIMIT 1`;
      // New cards held back by today's limit come back when the next study day starts.
      // A review card joins the queue when its study day starts, not at the hour it was scheduled for.
      const nextAvailable = nextCard
        ? availableAt(asDate(nextCard.due), Number(nextCard.state) === CardState.Review, user.timeZone, user.dayStartHour)
        : undefined;
      const candidates = [nextAvailable, unseenNew ? bounds.end : undefined].filter((d): d is Date => d !== undefined);
      nextDue = candidates.length > 0 ? new Date(Math.min(...candidates.map(Number))) : null;
    }
    return {
      username: user.username,
      dueNow: counts.dueNow,
      newToday: counts.newToday,
      reviewedToday: day.todaysLogs.length,
      nextDue,
      totalCards: Number(totalCards),
      timeZone: user.timeZone,
      learningLaterToday: counts.learningLater,
    };
  });
}
