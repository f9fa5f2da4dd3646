import "server-only";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { parseDeck, type ParsedDeck } from "@/lib/decks/parse-deck";
import { CardState } from "@/lib/srs/card";
import type { CardKind } from "@/lib/types";
import { write, type WriteTx } from "./db";

export const CARD_KINDS: CardKind[] = ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"];

export interface SeedReport {
  decks: number;
  concepts: number;
  cardsCreated: number;
}

/**
 * Creates the cards a user is missing for the decks they are enrolled in (all of them, or one).
 * Existing cards are never touched, so re-running it keeps everyone's progress.
 */
export async function ensureCards(tx: WriteTx, now: Date, filter: { userId?: string; deckId?: string } = {}): Promise<number> {
  const enrolments = await tx.enrolment.findMany({
    where: { userId: filter.userId, deckId: filter.deckId },
    select: { userId: true, deckId: true },
  });
  let created = 0;
  for (const { userId, deckId } of enrolments) {
    const concepts = await tx.concept.findMany({ where: { deckId }, select: { id: true, rank: true } });
    const existing = await tx.card.findMany({
      where: { userId, concept: { deckId } },
      select: { conceptId: true, kind: true },
    });
    const have = new Set(existing.map((c) => `${c.conceptId}:${c.kind}`));
    const missing = concepts.flatMap((concept) =>
      CARD_KINDS.filter((kind) => !have.has(`${concept.id}:${kind}`)).map((kind) => ({
        userId,
        conceptId: concept.id,
        deckId,
        kind,
        rank: concept.rank,
        due: now,
        state: CardState.New,
      })),
    );
    if (missing.length > 0) created += (await tx.card.createMany({ data: missing })).count;
  }
  return created;
}

/**
 * Copies each concept's rank onto its cards (the index new cards are read from), for the cards
 * whose copy differs: a deck whose order did not change costs one read.
 */
async function copyRanksToCards(tx: WriteTx, deckId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Card" SET "rank" = (SELECT "rank" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId")
    WHERE "deckId" = ${deckId}
      AND "rank" <> (SELECT "rank" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId")`;
}

/** Enrols a user in every built-in deck and creates their cards (used at sign-up). */
export async function enrolInBuiltInDecks(tx: WriteTx, userId: string, now: Date): Promise<void> {
  const decks = await tx.deck.findMany({ where: { ownerId: null }, select: { id: true } });
  for (const deck of decks) {
    await tx.enrolment.upsert({
      where: { userId_deckId: { userId, deckId: deck.id } },
      create: { userId, deckId: deck.id },
      update: {},
    });
  }
  await ensureCards(tx, now, { userId });
}

async function upsertBuiltInDeck(tx: WriteTx, deck: ParsedDeck): Promise<string> {
  const data = {
    title: deck.title,
    description: deck.description,
    sourceTitle: deck.sourceTitle,
    sourceUrl: deck.sourceUrl,
  };
  // Built-in decks have ownerId null, which a compound unique cannot match on in SQLite.
  const existing = await tx.deck.findFirst({ where: { ownerId: null, slug: deck.slug }, select: { id: true } });
  if (existing) {
    await tx.deck.update({ where: { id: existing.id }, data });
    return existing.id;
  }
  return (await tx.deck.create({ data: { ...data, slug: deck.slug } })).id;
}

/**
 * Loads the built-in decks: upserts decks and concepts by slug (updating their text), then gives
 * every enrolled user cards for concepts that are new. Idempotent, never touches progress, and
 * all-or-nothing: a deck file with an error changes nothing.
 */
export async function seedBuiltInDecks(deckFiles: { name: string; text: string }[], now: Date): Promise<SeedReport> {
  const decks = deckFiles.map(({ name, text }) => {
    const result = parseDeck(text);
    if (!result.ok) throw new Error(`${name}:\n${result.errors.join("\n")}`);
    return result.deck;
  });
  return write(async (tx) => {
    let concepts = 0;
    let cardsCreated = 0;
    for (const deck of decks) {
      const deckId = await upsertBuiltInDeck(tx, deck);
      const ranks = rankConcepts(deck.concepts);
      for (const [position, concept] of deck.concepts.entries()) {
        const data = {
          position,
          rank: ranks[position],
          term: concept.term,
          definition: concept.definition,
          aliases: JSON.stringify(concept.aliases),
          examples: JSON.stringify(concept.examples),
          confusables: JSON.stringify(concept.confusables),
          prerequisites: JSON.stringify(concept.prerequisites),
          tags: JSON.stringify(concept.tags),
          sourceLocator: concept.sourceLocator,
        };
        await tx.concept.upsert({
          where: { deckId_slug: { deckId, slug: concept.slug } },
          create: { ...data, deckId, slug: concept.slug },
          update: data,
        });
        concepts++;
      }
      await copyRanksToCards(tx, deckId);
      cardsCreated += await ensureCards(tx, now, { deckId });
    }
    return { decks: decks.length, concepts, cardsCreated };
  });
}
