import "server-only";
import { newBudget } from "@/lib/srs/queue";
import { studyDayOf } from "@/lib/srs/study-day";
import type { HeldBackDTO } from "@/lib/types/study";
import { EXTRA_NEW_CARDS_PER_DAY_MAX, type ExtraNewCardsInput } from "@/lib/validation/study";
import { write, type ReadDb } from "../db";
import { NotFoundError, UserError } from "../errors";
import { num, STATE_SQL, type SqlNumber } from "../raw-rows";
import { byStateAndDeck, notIn, studiable, type Day } from "./day";

/*
 * New cards the daily limit holds back, and Anki's "custom study" way past it: N more new cards for
 * this study day only, stored per press (ExtraNewCards) and added to the day's limit by loadDay.
 */

/** What one press of "more today" offers. */
export const EXTRA_NEW_BATCH = 10;

/**
 * The unseen cards the new-card limit keeps out once the `newInView` new cards already queued are
 * studied: null when the limit leaves room, or nothing could be shown today anyway. Counted by
 * concept, as the queue takes them: a concept studied today has its other card buried until tomorrow.
 */
export async function heldBackNewCards(db: ReadDb, day: Day, now: Date, newInView: number): Promise<HeldBackDTO | null> {
  const room = newBudget({ limits: day.limits, newIntroducedToday: day.counts.newIntroducedToday }) - newInView;
  if (room > 0) return null;
  const rows = await db.$queryRaw<{ deckId: string; slug: string; title: string; n: SqlNumber }[]>`
    SELECT c."deckId", d."slug", d."title", COUNT(DISTINCT c."conceptId") AS "n"
    FROM ${byStateAndDeck()} JOIN "Deck" d ON d."id" = c."deckId"
    WHERE c."state" = ${STATE_SQL.New} AND ${studiable(day, now)} AND ${notIn(day.reviewed.map((r) => r.conceptId))}
    GROUP BY c."deckId", d."slug", d."title"`;
  const decks = rows
    .map((row) => ({ deckId: row.deckId, slug: row.slug, title: row.title, waiting: num(row.n) }))
    .sort((a, b) => (day.deckPosition.get(a.deckId) ?? 0) - (day.deckPosition.get(b.deckId) ?? 0));
  const waiting = decks.reduce((sum, deck) => sum + deck.waiting, 0) - newInView;
  if (waiting <= 0) return null;
  return {
    newPerDay: day.user.newCardsPerDay,
    extraToday: day.extraNewToday,
    introducedToday: day.counts.newIntroducedToday,
    waiting,
    decks: decks.map(({ slug, title, waiting }) => ({ slug, title, waiting })),
    nextNewAt: day.bounds.end,
    batch: Math.min(EXTRA_NEW_BATCH, waiting),
  };
}

/**
 * "N more new cards today": raises the acting user's new-card limit for the current study day
 * only. A press repeated with the same clientId (a double click, a retried request) is recorded once.
 */
export async function addExtraNewCards(userId: string, input: ExtraNewCardsInput, now: Date): Promise<{ extraToday: number }> {
  return write(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { timeZone: true, dayStartHour: true } });
    if (!user) throw new NotFoundError("User");
    const studyDay = studyDayOf(now, user.timeZone, user.dayStartHour);
    const sum = async () =>
      (await tx.extraNewCards.aggregate({ where: { userId, studyDay }, _sum: { cards: true } }))._sum.cards ?? 0;
    const already = await tx.extraNewCards.findUnique({
      where: { userId_clientId: { userId, clientId: input.clientId } },
      select: { id: true },
    });
    if (already) return { extraToday: await sum() };
    const extraToday = (await sum()) + input.cards;
    if (extraToday > EXTRA_NEW_CARDS_PER_DAY_MAX) {
      throw new UserError(
        `At most ${EXTRA_NEW_CARDS_PER_DAY_MAX} extra new cards a day. Raise the daily limit in settings instead.`,
      );
    }
    await tx.extraNewCards.create({ data: { userId, studyDay, cards: input.cards, clientId: input.clientId, createdAt: now } });
    return { extraToday };
  });
}
