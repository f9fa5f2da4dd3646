import "server-only";
import { CardState, newSchedulingState } from "@/lib/srs/card";
import { buildQueue, type QueueCandidate } from "@/lib/srs/queue";
import { retrievabilityAt } from "@/lib/srs/scheduler";
import { studyDayBounds, studyDayOf, type StudyDay } from "@/lib/srs/study-day";
import { currentStreak, longestStreak } from "@/lib/streaks/streak";
import type { User } from "@/lib/generated/prisma/client";
import type { HomeSummaryDTO, ReviewCardDTO, ReviewQueueDTO } from "@/lib/types";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { parseJsonList, reviewCardDTO, schedulerSettingsOf, schedulingOf } from "./mappers";
import { confusionHints } from "./quiz";

const SCHEDULING_COLUMNS = {
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
} as const;

/**
 * Everything today's queue depends on, read in one consistent pass. A collection is mostly new
 * cards, and the queue needs only their concept and kind to order them, so those are read without
 * their scheduling columns; full rows are loaded later for the few cards that make the queue.
 */
async function loadToday(db: ReadDb, userId: string, now: Date) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("User");
  const bounds = studyDayBounds(now, user.timeZone, user.dayStartHour);
  const settings = schedulerSettingsOf(user);
  const available = { userId, suspended: false, OR: [{ buriedUntil: null }, { buriedUntil: { lte: now } }] };

  const [todaysLogs, enrolments, studied, unseen] = await Promise.all([
    db.reviewLog.findMany({
      where: { userId, undoneAt: null, reviewedAt: { gte: bounds.start, lt: bounds.end } },
      select: { cardId: true, state: true, card: { select: { conceptId: true } } },
    }),
    db.enrolment.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { deckId: true } }),
    db.card.findMany({
      where: { ...available, state: { not: CardState.New }, due: { lt: bounds.end } },
      select: { id: true, conceptId: true, kind: true, ...SCHEDULING_COLUMNS },
    }),
    db.card.findMany({ where: { ...available, state: CardState.New }, select: { id: true, conceptId: true, kind: true } }),
  ]);
  const concepts = await db.concept.findMany({
    where: { deckId: { in: enrolments.map((e) => e.deckId) } },
    select: { id: true, deckId: true, slug: true, position: true, prerequisites: true },
  });

  const deckPosition = new Map(enrolments.map((e, i) => [e.deckId, i]));
  const conceptById = new Map(concepts.map((concept) => [concept.id, { ...concept, prerequisites: parseJsonList(concept.prerequisites) }]));
  const kindPosition = (kind: string) => (kind === "TERM_TO_DEFINITION" ? 0 : 1);
  // Only `state` of a new card's scheduling is read while ordering the queue.
  const unstudied = newSchedulingState(now);
  const candidates: QueueCandidate[] = [
    ...studied.map((card) => ({ card, scheduling: schedulingOf(card) })),
    ...unseen.map((card) => ({ card, scheduling: unstudied })),
  ].flatMap(({ card, scheduling }) => {
    const concept = conceptById.get(card.conceptId);
    // A card of a deck the user is no longer enrolled in is not studied.
    if (!concept) return [];
    return [
      {
        id: card.id,
        conceptId: card.conceptId,
        conceptSlug: concept.slug,
        prerequisites: concept.prerequisites,
        order: [deckPosition.get(concept.deckId)!, concept.position, kindPosition(card.kind)],
        scheduling,
      },
    ];
  });

  const queue = buildQueue({
    candidates,
    now,
    dayEnd: bounds.end,
    limits: { newPerDay: user.newCardsPerDay, reviewsPerDay: user.reviewsPerDay },
    reviewsDoneToday: todaysLogs.filter((log) => log.state === CardState.Review).length,
    newIntroducedToday: new Set(todaysLogs.filter((log) => log.state === CardState.New).map((log) => log.cardId)).size,
    reviewedToday: todaysLogs.map((log) => ({ cardId: log.cardId, conceptId: log.card.conceptId })),
    retrievability: retrievabilityAt(now, settings),
  });
  return { user, bounds, settings, todaysLogs, queue };
}

/** Full card DTOs (with concept and deck text) for queue entries, in queue order. */
async function reviewCards(db: ReadDb, userId: string, entries: QueueCandidate[]): Promise<ReviewCardDTO[]> {
  const rows = await db.card.findMany({ where: { userId, id: { in: entries.map((e) => e.id) } } });
  const concepts = await db.concept.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.conceptId))] } } });
  const decks = await db.deck.findMany({ where: { id: { in: [...new Set(concepts.map((c) => c.deckId))] } } });
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const conceptById = new Map(concepts.map((concept) => [concept.id, concept]));
  const deckById = new Map(decks.map((deck) => [deck.id, deck]));
  const hints = await confusionHints(db, userId, concepts);
  return entries.map((entry) => {
    const row = rowById.get(entry.id)!;
    const concept = conceptById.get(row.conceptId)!;
    return reviewCardDTO(row, concept, deckById.get(concept.deckId)!, hints.get(concept.id));
  });
}

export async function getReviewQueue(userId: string, now: Date): Promise<ReviewQueueDTO> {
  return read(async (db) => {
    const { queue, settings, bounds } = await loadToday(db, userId, now);
    const cards = await reviewCards(db, userId, [...queue.cards, ...queue.learningLater]);
    return {
      cards: cards.slice(0, queue.cards.length),
      learningLater: cards.slice(queue.cards.length),
      settings,
      dayEnd: bounds.end,
    };
  });
}

/**
 * The study days with at least one (not undone) review, for the streaks. Reading every log grows
 * with the history (200,000 logs took 1.5 s per home page), so SQLite groups the logs by UTC hour
 * and returns only each group's first and last review. An hour is far shorter than a study day,
 * so a group's reviews fall on one study day or, across a boundary, on two, and then the first
 * review is on the earlier day and the last on the later: the two give every study day of the
 * group, in any time zone (Kathmandu's days start at a quarter past the UTC hour). Whole seconds
 * are precise enough because study days start on a whole minute. (3600 is written into the SQL:
 * a bound number arrives as a float, and dividing by it would make a group of every second.)
 */
async function studyDaysWithReviews(db: ReadDb, user: Pick<User, "id" | "timeZone" | "dayStartHour">): Promise<StudyDay[]> {
  const groups = await db.$queryRaw<{ first: number | bigint; last: number | bigint }[]>`
    SELECT MIN(unixepoch("reviewedAt")) AS "first", MAX(unixepoch("reviewedAt")) AS "last"
    FROM "ReviewLog"
    WHERE "userId" = ${user.id} AND "undoneAt" IS NULL
    GROUP BY unixepoch("reviewedAt") / 3600`;
  return groups.flatMap((group) =>
    [group.first, group.last].map((seconds) => studyDayOf(new Date(Number(seconds) * 1000), user.timeZone, user.dayStartHour)),
  );
}

export async function getHomeSummary(userId: string, now: Date): Promise<HomeSummaryDTO> {
  return read(async (db) => {
    const { user, bounds, todaysLogs, queue } = await loadToday(db, userId, now);
    const [days, nextCard, totalCards, unseenNew] = await Promise.all([
      studyDaysWithReviews(db, user),
      db.card.findFirst({
        where: { userId, suspended: false, state: { not: CardState.New }, due: { gt: now } },
        orderBy: { due: "asc" },
        select: { due: true },
      }),
      db.card.count({ where: { userId } }),
      db.card.count({ where: { userId, suspended: false, state: CardState.New } }),
    ]);
    const newToday = queue.cards.filter((card) => card.scheduling.state === CardState.New).length;
    const dueNow = queue.cards.length - newToday;
    // New cards held back by today's limit come back when the next study day starts.
    const candidates = [nextCard?.due, unseenNew > 0 ? bounds.end : undefined].filter((d): d is Date => d !== undefined);
    const nextDue = dueNow + newToday === 0 && candidates.length > 0 ? new Date(Math.min(...candidates.map(Number))) : null;
    return {
      username: user.username,
      dueNow,
      newToday,
      reviewedToday: todaysLogs.length,
      streak: currentStreak(days, bounds.day),
      longestStreak: longestStreak(days),
      nextDue,
      totalCards,
      timeZone: user.timeZone,
      learningLaterToday: queue.learningLater.length,
    };
  });
}
