import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CardState } from "@/lib/srs/card";
import { newBudget, reviewBudget } from "@/lib/srs/queue";
import { availableAt } from "@/lib/srs/study-day";
import type { SchedulerSettings } from "@/lib/srs/settings";
import type { HomeSummaryDTO } from "@/lib/types/home";
import { read, type ReadDb } from "../db";
import { schedulerSettingsOf } from "../mappers";
import { asDate, num, STATE_SQL, type SqlDate, type SqlNumber } from "../raw-rows";
import { byStateAndDeck, byStateAndDue, loadDay, notIn, studiable, studied, type Day } from "./day";
import { heldBackNewCards } from "./held-back";
import { learningRows, selectQueue } from "./queue";
import { indexedBy } from "../sql-dialect";

/* The home page's counts, taken from counts rather than from building the queue where they can be. */

/** COUNT(DISTINCT concept) of the cards a condition selects, counting at most `cap`. */
async function countConcepts(db: ReadDb, cards: Prisma.Sql, where: Prisma.Sql, cap: number): Promise<number> {
  if (cap <= 0) return 0;
  const [{ n }] = await db.$queryRaw<{ n: SqlNumber }[]>`
    SELECT COUNT(*) AS "n" FROM (
      SELECT DISTINCT c."conceptId" FROM ${cards} WHERE ${where} LIMIT CAST(${cap} AS INTEGER)
    ) AS "concepts"`;
  return num(n);
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
  const dueReview = Prisma.sql`c."state" = ${STATE_SQL.Review} AND c."due" < ${bounds.end} AND ${studiable(day, now)} AND ${notIn(taken)}`;
  // One more than the budget tells whether the budget binds.
  const dueConcepts = await countConcepts(db, byStateAndDue(), dueReview, reviewsLeft + 1);
  const reviews = Math.min(reviewsLeft, dueConcepts);

  const newLeft = newBudget({ limits: day.limits, newIntroducedToday: day.counts.newIntroducedToday });
  // Every due review's concept is queued when the budget does not bind; new cards of those are buried.
  const newWithoutDueSibling = Prisma.sql`c."state" = ${STATE_SQL.New} AND ${studiable(day, now)} AND ${notIn(taken)}
    AND NOT EXISTS (SELECT 1 FROM ${indexedBy("Card", "s", "Card_userId_conceptId_kind_key")} WHERE s."userId" = c."userId" AND s."conceptId" = c."conceptId"
      AND s."state" = ${STATE_SQL.Review} AND s."due" < ${bounds.end} AND s."suspended" = FALSE
      AND (s."buriedUntil" IS NULL OR s."buriedUntil" <= ${now}))`;
  let fresh = await countConcepts(db, byStateAndDeck(), newWithoutDueSibling, newLeft);
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
    const [{ n: totalCards }] = await db.$queryRaw<{ n: SqlNumber }[]>`
      SELECT
        (SELECT COUNT(*) FROM ${byStateAndDeck()}
          WHERE c."userId" = ${userId} AND c."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL))
        - (SELECT COUNT(*) FROM ${indexedBy("Concept", "k", "Concept_retiredAt_idx")} JOIN "Card" c ON c."userId" = ${userId} AND c."conceptId" = k."id"
          WHERE k."retiredAt" IS NOT NULL
            AND k."deckId" IN (SELECT "deckId" FROM "Enrolment" WHERE "userId" = ${userId} AND "stoppedAt" IS NULL)) AS "n"`;
    let nextDue: Date | null = null;
    if (counts.dueNow + counts.newToday === 0) {
      const [nextCard] = await db.$queryRaw<{ due: SqlDate; state: SqlNumber }[]>`
        SELECT c."due", c."state" FROM ${byStateAndDue()}
        WHERE c."state" IN (${STATE_SQL.Learning}, ${STATE_SQL.Review}, ${STATE_SQL.Relearning}) AND c."due" > ${now} AND c."suspended" = FALSE AND ${studied(userId)}
        ORDER BY c."due" LIMIT 1`;
      const [unseenNew] = await db.$queryRaw<{ id: string }[]>`
        SELECT c."id" FROM ${byStateAndDeck()} WHERE c."state" = ${STATE_SQL.New} AND c."suspended" = FALSE AND ${studied(userId)} LIMIT 1`;
      // New cards held back by today's limit come back when the next study day starts.
      // A review card joins the queue when its study day starts, not at the hour it was scheduled for.
      const nextAvailable = nextCard
        ? availableAt(asDate(nextCard.due), num(nextCard.state) === CardState.Review, user.timeZone, user.dayStartHour)
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
      totalCards: num(totalCards),
      timeZone: user.timeZone,
      learningLaterToday: counts.learningLater,
      // Said once the day's new cards are all studied (the review screen says it in advance).
      heldBack: counts.newToday === 0 ? await heldBackNewCards(db, day, now, 0) : null,
    };
  });
}
