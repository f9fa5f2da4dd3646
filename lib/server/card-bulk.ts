import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { wordingHash } from "@/lib/decks/wording-hash";
import { parseQuery } from "@/lib/search/query";
import { resetCard } from "@/lib/srs/scheduler";
import type { BulkResultDTO, DeletionPreviewDTO } from "@/lib/types/card-browser";
import { MAX_RESET_CARDS } from "@/lib/validation/card-browser-limits";
import type { CardTarget } from "@/lib/validation/card-browser";
import { CARDS_FROM_SQL, searchContext, whereSql } from "./card-browser";
import { rewriteOwnLinks } from "./concept-links";
import { syncConceptSearch } from "./concept-search";
import { read, write, type ReadDb } from "./db";
import { UserError } from "./errors";
import { parseJsonList, schedulerSettingsOf, schedulingColumns } from "./mappers";
import { rerankDeck } from "./own-decks";
import { num, schedulingOfRow, schedulingColumnsSql, type SchedulingRow, type SqlNumber } from "./raw-rows";
import { crossJoin, jsonEach, jsonValues } from "./sql-dialect";

/*
 * The card browser's actions on many cards at once. Each is one write(): the cards are found
 * inside it, among the acting user's own cards only (a card id of someone else's is "not found",
 * and then nothing changes), either by the ids ticked on the page or by the search again ("select
 * all N matching" acts on what the search matches now, never on ids the page sent).
 */

interface TargetCard {
  id: string;
  conceptId: string;
  /** The concept's deck owner: the user for their own concepts, null for built-in ones. */
  ownerId: string | null;
}

/** Statements take ids in batches: SQLite's parameter limit and Prisma's `in` lists stay small. */
const BATCH = 500;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) out.push(items.slice(start, start + BATCH));
  return out;
}

/** The user's cards the action is for. Ids that are not the user's cards refuse the whole action. */
async function targetCards(db: ReadDb, userId: string, target: CardTarget, now: Date): Promise<TargetCard[]> {
  if ("ids" in target) {
    const ids = [...new Set(target.ids)];
    // From the ids to the cards (CROSS JOIN keeps that order: one lookup each, not a walk of all the user's cards).
    const rows = await db.$queryRaw<TargetCard[]>`
      SELECT c."id", c."conceptId", d."ownerId" FROM ${jsonEach(JSON.stringify(ids))}
      ${crossJoin()} "Card" c ON c."id" = j."value" JOIN "Deck" d ON d."id" = c."deckId"
      WHERE c."userId" = ${userId}`;
    if (rows.length !== ids.length)
      throw new UserError("Some of the selected cards were not found. Reload the page and try again.", "NOT_FOUND");
    return rows;
  }
  const parsed = parseQuery(target.query);
  if (!parsed.ok) throw new UserError(`The search cannot be used: ${parsed.error}.`);
  const ctx = await searchContext(db, userId, now);
  return db.$queryRaw<TargetCard[]>`
    SELECT c."id", c."conceptId", d."ownerId" FROM ${CARDS_FROM_SQL} WHERE ${whereSql(ctx, parsed.parts)}`;
}

function nothingSelected(cards: readonly TargetCard[]): void {
  if (cards.length === 0) throw new UserError("No cards match: nothing was changed.");
}

/** Suspends (or unsuspends) the cards: a suspended card stays out of reviews until unsuspended. */
export async function suspendCards(userId: string, target: CardTarget, suspended: boolean, now: Date): Promise<BulkResultDTO> {
  return write(async (tx) => {
    const cards = await targetCards(tx, userId, target, now);
    nothingSelected(cards);
    let changed = 0;
    for (const ids of batches(cards.map((card) => card.id))) {
      const result = await tx.card.updateMany({ where: { userId, id: { in: ids }, suspended: !suspended }, data: { suspended } });
      changed += result.count;
    }
    return { cards: cards.length, changed };
  });
}

/**
 * Resets the cards (ts-fsrs `forget`): each becomes new again, due now, and its history gains a
 * manual entry ("RESET", grade 0, the card as it was) that the history shows and statistics,
 * streaks and limits leave out. The card's version moves, so a grade sent from a tab that still
 * shows the old card is refused.
 */
export async function resetCards(userId: string, target: CardTarget, now: Date): Promise<BulkResultDTO> {
  return write(async (tx) => {
    const cards = await targetCards(tx, userId, target, now);
    nothingSelected(cards);
    if (cards.length > MAX_RESET_CARDS) {
      throw new UserError(`Reset at most ${MAX_RESET_CARDS.toLocaleString("en-GB")} cards at once: narrow the search.`);
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    const settings = schedulerSettingsOf(user);
    let changed = 0;
    for (const ids of batches(cards.map((card) => card.id))) {
      const rows = await tx.$queryRaw<(SchedulingRow & { id: string })[]>`
        SELECT c."id", ${schedulingColumnsSql()} FROM ${jsonEach(JSON.stringify(ids))}
        ${crossJoin()} "Card" c ON c."id" = j."value"
        WHERE c."userId" = ${userId}`;
      const logs: Prisma.ReviewLogCreateManyInput[] = [];
      for (const row of rows) {
        const before = schedulingOfRow(row);
        // A new card that was never reviewed is already what a reset makes it.
        if (before.state === 0 && before.reps === 0) continue;
        const { next, snapshot } = resetCard(before, now, settings);
        await tx.card.update({ where: { id: row.id }, data: { ...schedulingColumns(next), version: { increment: 1 } } });
        logs.push({
          ...snapshot,
          grade: 0,
          kind: "RESET",
          cardId: row.id,
          userId,
          durationMs: 0,
          clientId: `reset-${randomUUID()}`,
        });
        changed += 1;
      }
      if (logs.length > 0) await tx.reviewLog.createMany({ data: logs });
    }
    return { cards: cards.length, changed };
  });
}

function tagKey(tag: string): string {
  return tag.trim().toLowerCase();
}

function withTag(tags: readonly string[], tag: string, remove: boolean): string[] {
  const key = tagKey(tag);
  const kept = tags.filter((t) => tagKey(t) !== key);
  return remove ? kept : [...kept, tag.trim()];
}

/**
 * Adds a tag to (or removes it from) the concepts of the cards. An own concept's tags are its
 * own; a built-in concept's tags change for this user only, in their override of it (made here
 * when missing, with no wording of its own, so it does not count as reworded).
 */
export async function tagCards(
  userId: string,
  target: CardTarget,
  tag: string,
  remove: boolean,
  now: Date,
): Promise<BulkResultDTO> {
  return write(async (tx) => {
    const cards = await targetCards(tx, userId, target, now);
    nothingSelected(cards);
    const conceptIds = [...new Set(cards.map((card) => card.conceptId))];
    let changed = 0;
    for (const ids of batches(conceptIds)) {
      const concepts = await tx.concept.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          tags: true,
          definition: true,
          examples: true,
          aliases: true,
          deck: { select: { ownerId: true } },
          overrides: { where: { userId }, select: { id: true, tags: true } },
        },
      });
      for (const concept of concepts) {
        const override = concept.overrides[0];
        const current = parseJsonList(override?.tags ?? concept.tags);
        const next = withTag(current, tag, remove);
        if (JSON.stringify(next) === JSON.stringify(current)) continue;
        changed += 1;
        if (concept.deck.ownerId === userId) {
          await tx.concept.update({ where: { id: concept.id }, data: { tags: JSON.stringify(next) } });
        } else if (override) {
          await tx.conceptOverride.update({ where: { id: override.id }, data: { tags: JSON.stringify(next), updatedAt: now } });
        } else {
          await tx.conceptOverride.create({
            data: {
              userId,
              conceptId: concept.id,
              tags: JSON.stringify(next),
              originalHash: wordingHash(concept),
              createdAt: now,
              updatedAt: now,
            },
          });
        }
      }
    }
    return { cards: cards.length, changed };
  });
}

/** Refuses an action on own concepts only when the selection holds built-in cards. */
function ownConceptsOnly(userId: string, cards: readonly TargetCard[], what: string): string[] {
  const builtIn = cards.filter((card) => card.ownerId !== userId).length;
  if (builtIn > 0) {
    throw new UserError(
      `${builtIn === cards.length ? "The selected cards are" : `${builtIn} of the selected cards are`} from built-in decks, which cannot be ${what}: select only cards of your own decks.`,
    );
  }
  return [...new Set(cards.map((card) => card.conceptId))];
}

/**
 * Moves the concepts of the cards (own concepts only, with both their cards) to one of the user's
 * own decks, at its end of the study order.
 */
export async function moveCards(userId: string, target: CardTarget, deckId: string, now: Date): Promise<BulkResultDTO> {
  return write(async (tx) => {
    const deck = await tx.deck.findFirst({ where: { id: deckId, ownerId: userId }, select: { id: true, slug: true } });
    if (!deck) throw new UserError("That deck was not found among your decks.", "NOT_FOUND");
    const cards = await targetCards(tx, userId, target, now);
    nothingSelected(cards);
    const conceptIds = ownConceptsOnly(userId, cards, "moved");
    const moving = await tx.concept.findMany({
      where: { id: { in: conceptIds }, deckId: { not: deckId } },
      select: { id: true, slug: true, term: true, deck: { select: { id: true, slug: true } } },
      orderBy: [{ rank: "asc" }, { position: "asc" }],
    });
    if (moving.length === 0) return { cards: cards.length, changed: 0 };
    const clash = await tx.concept.findFirst({
      where: { deckId, slug: { in: moving.map((concept) => concept.slug) } },
      select: { term: true },
    });
    if (clash)
      throw new UserError(`That deck already has a concept named like "${clash.term}": rename one of them first.`, "CONFLICT");
    const last = await tx.concept.aggregate({ where: { deckId }, _max: { position: true, rank: true } });
    let position = (last._max.position ?? -1) + 1;
    let rank = (last._max.rank ?? -1) + 1;
    for (const concept of moving) {
      await tx.concept.update({ where: { id: concept.id }, data: { deckId, position, rank } });
      await tx.card.updateMany({ where: { conceptId: concept.id, userId }, data: { deckId, rank } });
      position += 1;
      rank += 1;
    }
    // Links to and from the moved concepts name decks by slug (bare within a deck): rewrite them,
    // then order both decks again, prerequisites first.
    await rewriteOwnLinks(tx, userId, {
      movedFrom: new Map(moving.map((concept) => [concept.id, concept.deck.slug])),
      renamed: new Map(moving.map((concept) => [`${concept.deck.slug}/${concept.slug}`, `${deck.slug}/${concept.slug}`])),
    });
    for (const id of new Set([deck.id, ...moving.map((concept) => concept.deck.id)])) await rerankDeck(tx, id);
    return { cards: cards.length, changed: moving.length };
  });
}

async function deletionCounts(db: ReadDb, userId: string, cards: readonly TargetCard[]): Promise<DeletionPreviewDTO> {
  const own = [...new Set(cards.filter((card) => card.ownerId === userId).map((card) => card.conceptId))];
  const [{ cardCount, reviewCount }] = await db.$queryRaw<{ cardCount: SqlNumber; reviewCount: SqlNumber }[]>`
    SELECT (SELECT COUNT(*) FROM "Card" WHERE "conceptId" IN (${jsonValues(JSON.stringify(own))})) AS "cardCount",
      (SELECT COUNT(*) FROM "ReviewLog" l JOIN "Card" c ON c."id" = l."cardId"
        WHERE c."conceptId" IN (${jsonValues(JSON.stringify(own))})) AS "reviewCount"`;
  return {
    concepts: own.length,
    cards: num(cardCount),
    reviews: num(reviewCount),
    builtInCards: cards.filter((card) => card.ownerId !== userId).length,
  };
}

/** What deleting the cards would remove (their concepts, every card of those and their reviews), for the confirmation. */
export async function previewCardDeletion(userId: string, target: CardTarget, now: Date): Promise<DeletionPreviewDTO> {
  return read(async (db) => {
    const cards = await targetCards(db, userId, target, now);
    nothingSelected(cards);
    return deletionCounts(db, userId, cards);
  });
}

/**
 * Deletes the concepts of the cards (own concepts only) with all their cards and history. A
 * selection with built-in cards is refused whole: a built-in card is never deleted.
 */
export async function deleteCards(userId: string, target: CardTarget, now: Date): Promise<DeletionPreviewDTO> {
  return write(async (tx) => {
    const cards = await targetCards(tx, userId, target, now);
    nothingSelected(cards);
    const conceptIds = ownConceptsOnly(userId, cards, "deleted");
    const counts = await deletionCounts(tx, userId, cards);
    const removed = new Set<string>();
    for (const ids of batches(conceptIds)) {
      const deleted = await tx.concept.findMany({
        where: { id: { in: ids } },
        select: { slug: true, deck: { select: { slug: true } } },
      });
      for (const concept of deleted) removed.add(`${concept.deck.slug}/${concept.slug}`);
    }
    // Partners' confusables and dependants' prerequisites would otherwise keep links to nothing.
    await rewriteOwnLinks(tx, userId, { removed });
    for (const ids of batches(conceptIds)) {
      await tx.concept.deleteMany({ where: { id: { in: ids }, deck: { ownerId: userId } } });
    }
    await syncConceptSearch(tx, conceptIds);
    return counts;
  });
}
