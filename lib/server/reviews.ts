import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { isLeechLapse } from "@/lib/srs/leech";
import { applyGrade, previewIntervals, previewIntervalsAt, undoGrade } from "@/lib/srs/scheduler";
import type { CardPreviewsDTO, CardUpdateDTO } from "@/lib/types/review";
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
import { schedulingColumnsSql, schedulingOfRow, type SchedulingRow } from "./raw-rows";
import { crossJoin, jsonEach } from "./sql-dialect";

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

/*
 * The reads of a grade are raw SELECTs: a grade is the most frequent request, and each Prisma model
 * call cost more in query planning than SQLite takes to answer. The writes stay model calls.
 */

type SettingsUser = Parameters<typeof schedulerSettingsOf>[0];

/**
 * The user's scheduler settings columns (of the user aliased u), renamed: the card has a
 * "learningSteps" column of its own. And their row as a SettingsUser.
 */
const SETTINGS_COLUMNS_SQL = Prisma.sql`u."desiredRetention" AS "userDesiredRetention", u."learningSteps" AS "userLearningSteps",
  u."relearningSteps" AS "userRelearningSteps", u."maximumIntervalDays" AS "userMaximumIntervalDays",
  u."enableFuzz" AS "userEnableFuzz", u."fsrsWeights" AS "userFsrsWeights",
  u."leechThreshold" AS "userLeechThreshold", u."leechAction" AS "userLeechAction"`;
interface SettingsRow {
  userDesiredRetention: number;
  userLearningSteps: string;
  userRelearningSteps: string;
  userMaximumIntervalDays: number | bigint;
  userEnableFuzz: number | bigint | boolean;
  userFsrsWeights: string | null;
  userLeechThreshold: number | bigint;
  userLeechAction: string;
}
const settingsUserOf = (row: SettingsRow): SettingsUser => ({
  desiredRetention: Number(row.userDesiredRetention),
  learningSteps: row.userLearningSteps,
  relearningSteps: row.userRelearningSteps,
  maximumIntervalDays: Number(row.userMaximumIntervalDays),
  enableFuzz: Number(row.userEnableFuzz) !== 0,
  fsrsWeights: row.userFsrsWeights,
});

/** Grade previews for more of the user's cards (suspended ones and others' are left out), in the order asked. */
async function previewsOf(
  db: ReadDb,
  userId: string,
  cardIds: readonly string[],
  user: SettingsUser,
  now: Date,
): Promise<CardPreviewsDTO[]> {
  const cards = await db.$queryRaw<({ id: string } & SchedulingRow)[]>`
    SELECT c."id", ${schedulingColumnsSql()}
    FROM ${jsonEach(JSON.stringify(cardIds))} ${crossJoin()} "Card" c ON c."id" = j."value"
    WHERE c."userId" = ${userId} AND c."suspended" = FALSE`;
  const byId = new Map(cards.map((card) => [card.id, card]));
  const preview = previewIntervalsAt(now, schedulerSettingsOf(user));
  return cardIds.flatMap((id) => {
    const card = byId.get(id);
    return card ? [{ cardId: id, previews: preview(schedulingOfRow(card), id) }] : [];
  });
}

/**
 * Records one grade: the card's new schedule and its review log, in one transaction. A retried
 * submit (same clientId) is recorded once; a grade for an older version of the card is refused. The answer
 * carries the grade previews of the cards `previewFor` names (the ones the session shows next).
 * The lapse that reaches the user's leech threshold marks the card a leech (listed on home), and
 * suspends it too when the user asked for that.
 */
export async function recordReview(userId: string, input: GradeInput, now: Date): Promise<CardUpdateDTO> {
  return write(async (tx) => {
    const [earlier] = await tx.$queryRaw<{ cardId: string }[]>`
      SELECT "cardId" FROM "ReviewLog" WHERE "userId" = ${userId} AND "clientId" = ${input.clientId}`;
    if (earlier) {
      if (earlier.cardId !== input.cardId) throw new UserError("That review id was already used for another card.", "CONFLICT");
      return cardUpdate(tx, userId, input.cardId, now);
    }
    const [card] = await tx.$queryRaw<
      ({ id: string; version: number | bigint; suspended: number | bigint | boolean } & SchedulingRow & SettingsRow)[]
    >`
      SELECT c."id", c."version", c."suspended", ${schedulingColumnsSql()}, ${SETTINGS_COLUMNS_SQL}
      FROM "Card" c JOIN "User" u ON u."id" = c."userId"
      WHERE c."id" = ${input.cardId} AND c."userId" = ${userId}`;
    if (!card) throw new NotFoundError("Card");
    if (Number(card.suspended) !== 0) throw new UserError("This card is suspended.", "INVALID");
    if (Number(card.version) !== input.expectedVersion) throw new UserError(STALE_GRADE_MESSAGE, "STALE");
    const user = settingsUserOf(card);

    const before = schedulingOfRow(card);
    const { next, snapshot } = applyGrade(before, input.grade, now, schedulerSettingsOf(user), card.id);
    const leech = { threshold: Number(card.userLeechThreshold), action: card.userLeechAction };
    const suspend = isLeechLapse(before.lapses, next.lapses, leech.threshold) && leech.action === "SUSPEND";
    const updated = await tx.card.update({
      where: { id: card.id },
      data: {
        ...schedulingColumns(next),
        version: { increment: 1 },
        ...(suspend ? { suspended: true } : {}),
      },
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
    const update = updateOf(updated, user, now);
    if (suspend) update.suspended = true;
    if (input.previewFor && input.previewFor.length > 0) {
      update.upcoming = await previewsOf(tx, userId, input.previewFor, user, now);
    }
    return update;
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
    // A manual entry (a reset from the card browser) is history, not a grade: it is not undone.
    if (log.kind !== "GRADE") throw new UserError("Only a grade can be undone.", "INVALID");
    if (log.undoneAt) return cardUpdate(tx, userId, log.cardId, now);
    const latest = await tx.reviewLog.findFirst({
      where: { cardId: log.cardId, undoneAt: null },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      select: { id: true, kind: true },
    });
    if (latest && latest.id !== log.id && latest.kind === "RESET") {
      throw new UserError("This card was reset after that review, so the review can no longer be undone.", "STALE");
    }
    if (latest?.id !== log.id) {
      throw new UserError("This card was reviewed again after that review; undo the later one first.", "STALE");
    }
    const previous = undoGrade(schedulingOf(log.card), snapshotOf(log), schedulerSettingsOf(log.card.user));
    // A grade that made the card a leech and suspended it is undone with its suspension.
    const { leechThreshold, leechAction } = log.card.user;
    const unsuspend =
      log.card.suspended && leechAction === "SUSPEND" && isLeechLapse(previous.lapses, log.card.lapses, leechThreshold);
    const card = await tx.card.update({
      where: { id: log.cardId },
      data: { ...schedulingColumns(previous), version: { increment: 1 }, ...(unsuspend ? { suspended: false } : {}) },
      select: CARD_UPDATE_SELECT,
    });
    await tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: now } });
    return updateOf(card, log.card.user, now);
  });
}
