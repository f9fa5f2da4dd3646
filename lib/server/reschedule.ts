import "server-only";
import { randomUUID } from "node:crypto";
import type { CardStateValue } from "@/lib/srs/card";
import type { Grade } from "@/lib/srs/grades";
import { rescheduleCard, type GradedReview } from "@/lib/srs/reschedule";
import type { RescheduleDTO, RescheduleResultDTO } from "@/lib/types/scheduling";
import { read, write, type ReadDb } from "./db";
import { NotFoundError, UserError } from "./errors";
import { schedulerSettingsOf } from "./mappers";
import { num, type SqlNumber } from "./raw-rows";

/*
 * "Reschedule my cards now": every studied card's schedule recomputed from its graded history with
 * the current settings, in one write. Each changed card gets a RESCHEDULE log row holding its
 * schedule before (so its history shows the change), all rows of one run sharing a batch id, so
 * the run is undone as one step.
 */

const MANUAL_KIND = "RESCHEDULE";

/** The graded history of each of the user's cards, oldest first, from the last reset on. */
async function gradedHistories(db: ReadDb, userId: string): Promise<Map<string, GradedReview[]>> {
  const logs = await db.reviewLog.findMany({
    where: { userId, undoneAt: null, kind: { in: ["GRADE", "RESET"] } },
    select: { cardId: true, grade: true, kind: true, reviewedAt: true },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
  });
  const histories = new Map<string, GradedReview[]>();
  for (const log of logs) {
    // A reset starts the card over: what came before no longer shapes its schedule.
    if (log.kind === "RESET") histories.set(log.cardId, []);
    else if (log.grade >= 1 && log.grade <= 4) {
      const history = histories.get(log.cardId) ?? [];
      history.push({ grade: log.grade as Grade, reviewedAt: log.reviewedAt });
      histories.set(log.cardId, history);
    }
  }
  return histories;
}

/** Recomputes every card's schedule with the current settings; cards that would not change are left alone. */
export async function rescheduleCards(userId: string, now: Date): Promise<RescheduleResultDTO> {
  return write(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const settings = schedulerSettingsOf(user);
    const histories = await gradedHistories(tx, userId);
    const cards = await tx.card.findMany({ where: { userId, state: { not: 0 } } });
    const batchId = randomUUID();
    let changed = 0;
    const logs = [];
    for (const card of cards) {
      const before = { ...card, state: card.state as CardStateValue };
      const next = rescheduleCard(before, histories.get(card.id) ?? [], settings, now);
      if (!next) continue;
      changed += 1;
      await tx.card.update({ where: { id: card.id }, data: { ...next, version: { increment: 1 } }, select: { id: true } });
      logs.push({
        cardId: card.id,
        userId,
        grade: 0,
        kind: MANUAL_KIND,
        batchId,
        state: card.state,
        due: card.due,
        lastReview: card.lastReview,
        stability: card.stability,
        difficulty: card.difficulty,
        scheduledDays: card.scheduledDays,
        learningSteps: card.learningSteps,
        elapsedDays: 0,
        reviewedAt: now,
        durationMs: 0,
        clientId: `reschedule-${batchId}-${changed}`,
      });
    }
    if (logs.length > 0) await tx.reviewLog.createMany({ data: logs });
    return { checked: cards.length, changed, batchId: logs.length > 0 ? batchId : null };
  });
}

/** The user's latest reschedule that can still be undone, if any. */
export async function getLatestReschedule(userId: string): Promise<RescheduleDTO | null> {
  return read(async (db) => {
    const latest = await db.reviewLog.findFirst({
      where: { userId, kind: MANUAL_KIND, undoneAt: null, batchId: { not: null } },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      select: { batchId: true, reviewedAt: true },
    });
    if (!latest?.batchId) return null;
    const cards = await db.reviewLog.count({ where: { userId, batchId: latest.batchId, undoneAt: null } });
    return { batchId: latest.batchId, at: latest.reviewedAt, cards };
  });
}

/**
 * Undoes one reschedule: each card goes back exactly to its schedule before it, and the log rows are
 * marked undone. Refused, changing nothing, if any of its cards was graded or reset since.
 */
export async function undoReschedule(userId: string, batchId: string, now: Date): Promise<{ restored: number }> {
  return write(async (tx) => {
    const rows = await tx.reviewLog.findMany({ where: { userId, batchId, kind: MANUAL_KIND } });
    if (rows.length === 0) throw new NotFoundError("That reschedule");
    if (rows.every((row) => row.undoneAt !== null)) throw new UserError("That reschedule was already undone.", "STALE");
    const at = rows[0].reviewedAt;
    const [{ n }] = await tx.$queryRaw<{ n: SqlNumber }[]>`
      SELECT COUNT(DISTINCT l."cardId") AS "n" FROM "ReviewLog" l
      WHERE l."userId" = ${userId} AND l."undoneAt" IS NULL AND (l."batchId" IS NULL OR l."batchId" <> ${batchId})
        AND (l."reviewedAt" > ${at} OR (l."reviewedAt" = ${at} AND l."kind" <> ${MANUAL_KIND}))
        AND l."cardId" IN (SELECT "cardId" FROM "ReviewLog" WHERE "userId" = ${userId} AND "batchId" = ${batchId})`;
    if (num(n) > 0) {
      throw new UserError(
        `${num(n) === 1 ? "A card was" : `${num(n)} cards were`} reviewed or changed since that reschedule, so it can no longer be undone. Nothing was changed.`,
        "STALE",
      );
    }
    for (const row of rows) {
      await tx.card.update({
        where: { id: row.cardId },
        data: {
          state: row.state,
          due: row.due,
          lastReview: row.lastReview,
          stability: row.stability,
          difficulty: row.difficulty,
          scheduledDays: row.scheduledDays,
          learningSteps: row.learningSteps,
          version: { increment: 1 },
        },
        select: { id: true },
      });
    }
    await tx.reviewLog.updateMany({ where: { userId, batchId }, data: { undoneAt: now } });
    return { restored: rows.length };
  });
}
