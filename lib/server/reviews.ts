import "server-only";
import { applyGrade, previewIntervals, undoGrade } from "@/lib/srs/scheduler";
import type { CardUpdateDTO } from "@/lib/types/review";
import type { GradeInput } from "@/lib/validation/review";
import { write, type ReadDb } from "./db";
import { NotFoundError, UserError } from "./errors";
import {
  SCHEDULING_SELECT,
  type SchedulingColumns,
  schedulerSettingsOf,
  schedulingColumns,
  schedulingOf,
  snapshotColumns,
  snapshotOf,
} from "./mappers";

export const STALE_GRADE_MESSAGE =
  "This card was already graded in another tab or window, so this grade was not saved. Your queue has been reloaded.";

/** The columns a CardUpdateDTO is made of. */
const CARD_UPDATE_SELECT = { id: true, version: true, ...SCHEDULING_SELECT } as const;

/** What the review page needs of a card after a grade or an undo, grade previews included. */
function updateOf(
  card: { id: string; version: number } & SchedulingColumns,
  user: Parameters<typeof schedulerSettingsOf>[0],
  now: Date,
): CardUpdateDTO {
  const scheduling = schedulingOf(card);
  return {
    cardId: card.id,
    version: card.version,
    scheduling,
    previews: previewIntervals(scheduling, now, schedulerSettingsOf(user), card.id),
  };
}

async function cardUpdate(db: ReadDb, userId: string, cardId: string, now: Date): Promise<CardUpdateDTO> {
  const card = await db.card.findFirst({ where: { id: cardId, userId }, select: { ...CARD_UPDATE_SELECT, user: true } });
  if (!card) throw new NotFoundError("Card");
  return updateOf(card, card.user, now);
}

/**
 * Records one grade: the card's new schedule and its review log, in one transaction. A retried
 * submit (same clientId) is recorded once; a grade for an older version of the card is refused.
 */
export async function recordReview(userId: string, input: GradeInput, now: Date): Promise<CardUpdateDTO> {
  return write(async (tx) => {
    const earlier = await tx.reviewLog.findUnique({ where: { userId_clientId: { userId, clientId: input.clientId } } });
    if (earlier) {
      if (earlier.cardId !== input.cardId) throw new UserError("That review id was already used for another card.", "CONFLICT");
      return cardUpdate(tx, userId, input.cardId, now);
    }
    const card = await tx.card.findFirst({ where: { id: input.cardId, userId }, include: { user: true } });
    if (!card) throw new NotFoundError("Card");
    if (card.suspended) throw new UserError("This card is suspended.", "INVALID");
    if (card.version !== input.expectedVersion) throw new UserError(STALE_GRADE_MESSAGE, "STALE");

    const { next, snapshot } = applyGrade(schedulingOf(card), input.grade, now, schedulerSettingsOf(card.user), card.id);
    const updated = await tx.card.update({
      where: { id: card.id },
      data: { ...schedulingColumns(next), version: { increment: 1 } },
      select: CARD_UPDATE_SELECT,
    });
    await tx.reviewLog.create({
      data: {
        ...snapshotColumns(snapshot),
        cardId: card.id,
        userId,
        durationMs: input.durationMs,
        clientId: input.clientId,
      },
    });
    return updateOf(updated, card.user, now);
  });
}

/**
 * Undoes one review: the card goes back exactly to how it was before it, and the log is marked
 * undone (never deleted). Only a card's latest review can be undone; undoing twice is harmless.
 */
export async function undoReview(userId: string, clientId: string, now: Date): Promise<CardUpdateDTO> {
  return write(async (tx) => {
    const log = await tx.reviewLog.findUnique({
      where: { userId_clientId: { userId, clientId } },
      include: { card: { include: { user: true } } },
    });
    if (!log) throw new NotFoundError("That review");
    if (log.undoneAt) return cardUpdate(tx, userId, log.cardId, now);
    const latest = await tx.reviewLog.findFirst({
      where: { cardId: log.cardId, undoneAt: null },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (latest?.id !== log.id) {
      throw new UserError("This card was reviewed again after that review; undo the later one first.", "STALE");
    }
    const previous = undoGrade(schedulingOf(log.card), snapshotOf(log), schedulerSettingsOf(log.card.user));
    const card = await tx.card.update({
      where: { id: log.cardId },
      data: { ...schedulingColumns(previous), version: { increment: 1 } },
      select: CARD_UPDATE_SELECT,
    });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });
    return updateOf(card, log.card.user, now);
  });
}
