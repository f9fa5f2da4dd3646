import "server-only";
import { CardState } from "@/lib/srs/card";
import { buildQueue, type QueueCandidate } from "@/lib/srs/queue";
import { retrievability } from "@/lib/srs/scheduler";
import { studyDayBounds, studyDayOf } from "@/lib/srs/study-day";
import { currentStreak, longestStreak } from "@/lib/streaks/streak";
import type { HomeSummaryDTO, ReviewQueueDTO } from "@/lib/types";
import { read, type Tx } from "./db";
import { NotFoundError } from "./errors";
import { parseJsonList, reviewCardDTO, schedulerSettingsOf, schedulingOf } from "./mappers";

/** Everything today's queue depends on, read in one consistent pass. */
async function loadToday(db: Tx, userId: string, now: Date) {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError("User");
  const bounds = studyDayBounds(now, user.timeZone, user.dayStartHour);
  const settings = schedulerSettingsOf(user);

  const [todaysLogs, enrolments, cards] = await Promise.all([
    db.reviewLog.findMany({
      where: { userId, undoneAt: null, reviewedAt: { gte: bounds.start, lt: bounds.end } },
      select: { cardId: true, state: true, card: { select: { conceptId: true } } },
    }),
    db.enrolment.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { deckId: true } }),
    db.card.findMany({
      where: {
        userId,
        suspended: false,
        AND: [
          { OR: [{ buriedUntil: null }, { buriedUntil: { lte: now } }] },
          { OR: [{ state: CardState.New }, { due: { lt: bounds.end } }] },
        ],
      },
      include: { concept: { include: { deck: true } } },
    }),
  ]);

  const deckPosition = new Map(enrolments.map((e, i) => [e.deckId, i]));
  const kindPosition = (kind: string) => (kind === "TERM_TO_DEFINITION" ? 0 : 1);
  const byId = new Map(cards.map((card) => [card.id, card]));
  const candidates: QueueCandidate[] = cards.map((card) => ({
    id: card.id,
    conceptId: card.conceptId,
    conceptSlug: card.concept.slug,
    prerequisites: parseJsonList(card.concept.prerequisites),
    order: [deckPosition.get(card.concept.deckId) ?? Number.MAX_SAFE_INTEGER, card.concept.position, kindPosition(card.kind)],
    scheduling: schedulingOf(card),
  }));

  const queue = buildQueue({
    candidates,
    now,
    dayEnd: bounds.end,
    limits: { newPerDay: user.newCardsPerDay, reviewsPerDay: user.reviewsPerDay },
    reviewsDoneToday: todaysLogs.filter((log) => log.state === CardState.Review).length,
    newIntroducedToday: new Set(todaysLogs.filter((log) => log.state === CardState.New).map((log) => log.cardId)).size,
    reviewedToday: todaysLogs.map((log) => ({ cardId: log.cardId, conceptId: log.card.conceptId })),
    retrievability: (scheduling) => retrievability(scheduling, now, settings),
  });
  const toDTO = (candidate: QueueCandidate) => reviewCardDTO(byId.get(candidate.id)!);
  return { user, bounds, settings, todaysLogs, queue, toDTO };
}

export async function getReviewQueue(userId: string, now: Date): Promise<ReviewQueueDTO> {
  return read(async (db) => {
    const { queue, settings, bounds, toDTO } = await loadToday(db, userId, now);
    return {
      cards: queue.cards.map(toDTO),
      learningLater: queue.learningLater.map(toDTO),
      settings,
      dayEnd: bounds.end,
    };
  });
}

export async function getHomeSummary(userId: string, now: Date): Promise<HomeSummaryDTO> {
  return read(async (db) => {
    const { user, bounds, todaysLogs, queue } = await loadToday(db, userId, now);
    const [history, nextCard, totalCards, unseenNew] = await Promise.all([
      db.reviewLog.findMany({ where: { userId, undoneAt: null }, select: { reviewedAt: true } }),
      db.card.findFirst({
        where: { userId, suspended: false, state: { not: CardState.New }, due: { gt: now } },
        orderBy: { due: "asc" },
        select: { due: true },
      }),
      db.card.count({ where: { userId } }),
      db.card.count({ where: { userId, suspended: false, state: CardState.New } }),
    ]);
    const days = history.map((log) => studyDayOf(log.reviewedAt, user.timeZone, user.dayStartHour));
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
