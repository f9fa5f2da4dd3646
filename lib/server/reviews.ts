import "server-only";
import type { Card, ReviewLog, User } from "@/lib/generated/prisma/client";
import type { CardStateValue } from "@/lib/srs/card";
import { applyGrade, previewIntervals, undoGrade, type Grade, type ReviewSnapshot } from "@/lib/srs/scheduler";
import type { CardUpdateDTO } from "@/lib/types";
import type { GradeInput } from "@/lib/validation/review";
import { write, type ReadDb } from "./db";
import { NotFoundError, UserError } from "./errors";
import { schedulerSettingsOf, schedulingColumns, schedulingOf } from "./mappers";

export const STALE_GRADE_MESSAGE =
  "This card was already graded in another tab or window, so this grade was not saved. Your queue has been reloaded.";

function snapshotOf(log: ReviewLog): ReviewSnapshot {
  return {
    grade: log.grade as Grade,
    state: log.state as CardStateValue,
    due: log.due,
    lastReview: log.lastReview,
    stability: log.stability,
    difficulty: log.difficulty,
    scheduledDays: log.scheduledDays,
    learningSteps: log.learningSteps,
    elapsedDays: log.elapsedDays,
    reviewedAt: log.reviewedAt,
  };
}

/** What the review page needs of a card after a grade or an undo, grade previews included. */
function updateOf(card: Card & { user: User }, now: Date): CardUpdateDTO {
  const scheduling = schedulingOf(card);
  return { cardId: card.id, version: card.version, scheduling, previews: previewIntervals(scheduling, now, schedulerSettingsOf(card.user), card.id) };
}

async function cardUpdate(db: ReadDb, userId: string, cardId: string, now: Date): Promise<CardUpdateDTO> {
  const card = await db.card.findFirst({ where: { id: cardId, userId }, include: { user: true } });
  if (!card) throw new NotFoundError("Card");
  return updateOf(card, now);
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
    });
    await tx.reviewLog.create({
      data: {
        cardId: card.id,
        userId,
        grade: snapshot.grade,
        state: snapshot.state,
        due: snapshot.due,
        lastReview: snapshot.lastReview,
        stability: snapshot.stability,
        difficulty: snapshot.difficulty,
        scheduledDays: snapshot.scheduledDays,
        learningSteps: snapshot.learningSteps,
        elapsedDays: snapshot.elapsedDays,
        reviewedAt: snapshot.reviewedAt,
        durationMs: input.durationMs,
        clientId: input.clientId,
      },
    });
    return updateOf({ ...updated, user: card.user }, now);
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
    });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });
    return updateOf({ ...card, user: log.card.user }, now);
  });
}
