import "server-only";
import { CardState } from "@/lib/srs/card";
import { studyDayBounds } from "@/lib/srs/study-day";
import type { DeckStatus, DeckSummaryDTO } from "@/lib/types/decks";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { ensureCards } from "./decks";
import { NotFoundError } from "./errors";

/** The decks a user may study: the built-in ones and their own. */
const visibleTo = (userId: string) => ({ OR: [{ ownerId: null }, { ownerId: userId }] });

async function userOf(db: ReadDb | WriteTx, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { createdAt: true, timeZone: true, dayStartHour: true },
  });
  if (!user) throw new NotFoundError("User");
  return user;
}

/**
 * Every deck the user can study, built-in decks first, with their progress in each. A stopped
 * deck still shows its progress: stopping hides cards, it does not forget them.
 */
export async function listDecksForUser(userId: string, now: Date): Promise<DeckSummaryDTO[]> {
  return read(async (db) => {
    const user = await userOf(db, userId);
    const dayEnd = studyDayBounds(now, user.timeZone, user.dayStartHour).end;
    const [decks, enrolments, conceptCounts, cards] = await Promise.all([
      db.deck.findMany({ where: visibleTo(userId), orderBy: [{ createdAt: "asc" }, { slug: "asc" }] }),
      db.enrolment.findMany({ where: { userId }, select: { deckId: true, stoppedAt: true } }),
      db.concept.groupBy({ by: ["deckId"], where: { retiredAt: null }, _count: { _all: true } }),
      db.card.findMany({
        where: { userId, concept: { retiredAt: null } },
        select: { state: true, due: true, suspended: true, concept: { select: { deckId: true } } },
      }),
    ]);
    const enrolmentOf = new Map(enrolments.map((e) => [e.deckId, e]));
    const conceptCountOf = new Map(conceptCounts.map((c) => [c.deckId, c._count._all]));
    const progress = new Map<string, { total: number; studied: number; due: number }>();
    for (const card of cards) {
      const entry = progress.get(card.concept.deckId) ?? { total: 0, studied: 0, due: 0 };
      entry.total++;
      if (card.state !== Number(CardState.New)) {
        entry.studied++;
        if (!card.suspended && card.due < dayEnd) entry.due++;
      }
      progress.set(card.concept.deckId, entry);
    }
    return decks
      .map((deck): DeckSummaryDTO => {
        const enrolment = enrolmentOf.get(deck.id);
        const own = progress.get(deck.id) ?? { total: 0, studied: 0, due: 0 };
        // A deck stopped before it had any cards is a declined offer: still simply available.
        const status: DeckStatus = !enrolment
          ? "available"
          : !enrolment.stoppedAt
            ? "studying"
            : own.total > 0
              ? "stopped"
              : "available";
        return {
          id: deck.id,
          slug: deck.slug,
          title: deck.title,
          description: deck.description,
          sourceTitle: deck.sourceTitle,
          sourceUrl: deck.sourceUrl,
          builtIn: deck.ownerId === null,
          conceptCount: conceptCountOf.get(deck.id) ?? 0,
          status,
          cardsTotal: own.total,
          cardsStudied: own.studied,
          dueToday: own.due,
          isNew: deck.ownerId === null && !enrolment && deck.createdAt > user.createdAt,
        };
      })
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn));
  });
}

/** Built-in decks shipped after the user signed up that they have neither added nor dismissed. */
export async function listNewDecks(userId: string): Promise<{ id: string; title: string; conceptCount: number }[]> {
  return read(async (db) => {
    // Raw and in one query: the home page asks on every visit, and two model calls cost more in
    // query planning than SQLite takes to answer. The user's row is joined so an unknown user is told apart.
    const rows = await db.$queryRaw<{ id: string | null; title: string | null; conceptCount: number | bigint | null }[]>`
      SELECT d."id", d."title",
        (SELECT COUNT(*) FROM "Concept" k WHERE k."deckId" = d."id" AND k."retiredAt" IS NULL) AS "conceptCount"
      FROM "User" u LEFT JOIN "Deck" d ON d."ownerId" IS NULL AND d."createdAt" > u."createdAt"
        AND NOT EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = u."id" AND e."deckId" = d."id")
      WHERE u."id" = ${userId}
      ORDER BY d."createdAt", d."slug"`;
    if (rows.length === 0) throw new NotFoundError("User");
    return rows.flatMap((row) =>
      row.id === null ? [] : [{ id: row.id, title: row.title!, conceptCount: Number(row.conceptCount) }],
    );
  });
}

async function studyableDeck(tx: WriteTx, userId: string, deckId: string): Promise<{ id: string }> {
  const deck = await tx.deck.findFirst({ where: { id: deckId, ...visibleTo(userId) }, select: { id: true } });
  // Someone else's deck is reported exactly like a deck that does not exist.
  if (!deck) throw new NotFoundError("Deck");
  return deck;
}

/**
 * Starts (or resumes) studying a deck: cards are created for concepts the user has none for, and
 * the cards of a stopped deck come back exactly as they were.
 */
export async function startStudyingDeck(userId: string, deckId: string, now: Date): Promise<{ cardsCreated: number }> {
  return write(async (tx) => {
    await userOf(tx, userId);
    const deck = await studyableDeck(tx, userId, deckId);
    await tx.enrolment.upsert({
      where: { userId_deckId: { userId, deckId: deck.id } },
      create: { userId, deckId: deck.id, createdAt: now },
      update: { stoppedAt: null },
    });
    return { cardsCreated: await ensureCards(tx, now, { userId, deckId: deck.id }) };
  });
}

/**
 * Stops studying a deck: its cards and their history are kept but leave the queue and the counts.
 * On a deck never added, this records that the offer was declined.
 */
export async function stopStudyingDeck(userId: string, deckId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    await userOf(tx, userId);
    const deck = await studyableDeck(tx, userId, deckId);
    const enrolment = await tx.enrolment.findUnique({
      where: { userId_deckId: { userId, deckId: deck.id } },
      select: { stoppedAt: true },
    });
    if (enrolment?.stoppedAt) return;
    await tx.enrolment.upsert({
      where: { userId_deckId: { userId, deckId: deck.id } },
      create: { userId, deckId: deck.id, createdAt: now, stoppedAt: now },
      update: { stoppedAt: now },
    });
  });
}

/** The deck a "review only this deck" link names, if the user studies it; built-in decks win a slug clash. */
export async function findStudiedDeckId(userId: string, slug: string): Promise<string | null> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 200) return null;
  return read(async (db) => {
    const decks = await db.deck.findMany({
      where: { slug, ...visibleTo(userId), enrolments: { some: { userId, stoppedAt: null } } },
      select: { id: true, ownerId: true },
    });
    return (decks.find((deck) => deck.ownerId === null) ?? decks[0])?.id ?? null;
  });
}
