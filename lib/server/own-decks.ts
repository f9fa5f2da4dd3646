import "server-only";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { slugify } from "@/lib/decks/parse-deck";
import { CardState } from "@/lib/srs/card";
import type { OwnDeckDTO, OwnDeckPageDTO } from "@/lib/types/authoring";
import type { CardKind } from "@/lib/types/cards";
import { CONCEPTS_PER_DECK_MAX, DECKS_PER_USER_MAX, type CardKindChoice } from "@/lib/validation/authoring-limits";
import type { DeckFields, DeleteDeckInput, UpdateDeckInput } from "@/lib/validation/authoring";
import { syncConceptSearch } from "./concept-search";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { cardKindsOf, copyRanksToCards } from "./decks";
import { FieldErrors, NotFoundError, UserError } from "./errors";
import { parseJsonList } from "./mappers";

/*
 * The user's own decks: made, renamed, described and deleted here; their concepts are written in
 * own-concepts.ts. An own deck is its owner's alone: every function finds it by id AND owner, so
 * someone else's deck is "not found", exactly like a deck that does not exist.
 */

export const DECK_LIMIT_MESSAGE = `You have ${DECKS_PER_USER_MAX} decks, the most one account may have. Delete one to make another.`;
export const CONCEPT_LIMIT_MESSAGE = `This deck has ${CONCEPTS_PER_DECK_MAX} concepts, the most a deck may have. Start another deck.`;

/** The user's own deck by id, or NotFoundError (someone else's deck included). */
export async function ownDeck(db: ReadDb | WriteTx, userId: string, deckId: string) {
  const deck = await db.deck.findFirst({ where: { id: deckId, ownerId: userId } });
  if (!deck) throw new NotFoundError("That deck");
  return deck;
}

/** A slug for a new own deck: from the title, unlike any built-in deck's or the user's other decks'. */
async function freeDeckSlug(tx: WriteTx, userId: string, title: string): Promise<string> {
  const base = slugify(title).slice(0, 60).replace(/-+$/, "") || "deck";
  const taken = new Set(
    (
      await tx.deck.findMany({
        where: { OR: [{ ownerId: null }, { ownerId: userId }], slug: { startsWith: base } },
        select: { slug: true },
      })
    ).map((d) => d.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export function cardKindChoiceOf(stored: string): CardKindChoice {
  const kinds = cardKindsOf(stored);
  return kinds.length === 2 ? "BOTH" : kinds[0];
}

export function cardKindsOfChoice(choice: CardKindChoice): CardKind[] {
  return choice === "BOTH" ? ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] : [choice];
}

/** Makes a deck of the user's own and enrols them in it. */
export async function createOwnDeck(userId: string, input: DeckFields, now: Date): Promise<{ deckId: string }> {
  return write((tx) => insertOwnDeck(tx, userId, input, now));
}

/** createOwnDeck's work inside a write that may do more (an import making its deck). */
export async function insertOwnDeck(tx: WriteTx, userId: string, input: DeckFields, now: Date): Promise<{ deckId: string }> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new NotFoundError("User");
  if ((await tx.deck.count({ where: { ownerId: userId } })) >= DECKS_PER_USER_MAX) throw new UserError(DECK_LIMIT_MESSAGE);
  const deck = await tx.deck.create({
    data: {
      ownerId: userId,
      slug: await freeDeckSlug(tx, userId, input.title),
      title: input.title,
      description: input.description,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.enrolment.create({ data: { userId, deckId: deck.id, createdAt: now } });
  return { deckId: deck.id };
}

/** Renames and describes one of the user's decks (its slug stays, so links to its concepts hold). */
export async function updateOwnDeck(userId: string, input: UpdateDeckInput): Promise<void> {
  await write(async (tx) => {
    const deck = await ownDeck(tx, userId, input.deckId);
    await tx.deck.update({ where: { id: deck.id }, data: { title: input.title, description: input.description } });
  });
}

/**
 * Deletes one of the user's decks with its concepts, their cards and the cards' history, in one
 * write. The typed title must match the deck's, so a slip of the finger deletes nothing.
 */
export async function deleteOwnDeck(userId: string, input: DeleteDeckInput): Promise<{ concepts: number; cards: number }> {
  return write(async (tx) => {
    const deck = await ownDeck(tx, userId, input.deckId);
    if (input.confirmTitle.trim() !== deck.title) {
      throw new FieldErrors({ confirmTitle: [`Type the deck's title, “${deck.title}”, to delete it.`] });
    }
    const concepts = await tx.concept.findMany({ where: { deckId: deck.id }, select: { id: true } });
    const cards = await tx.card.count({ where: { deckId: deck.id } });
    await removeConfusableMentions(
      tx,
      userId,
      deck.slug,
      concepts.map((c) => c.id),
    );
    // Concepts, cards, review logs, enrolments and quiz questions go with the deck (ON DELETE CASCADE).
    await tx.deck.delete({ where: { id: deck.id } });
    await syncConceptSearch(
      tx,
      concepts.map((c) => c.id),
    );
    return { concepts: concepts.length, cards };
  });
}

/**
 * Takes the deck's concepts out of the confusable lists of the user's other decks (confusables are
 * declared on both sides), so no list keeps a link to a concept that is gone.
 */
async function removeConfusableMentions(tx: WriteTx, userId: string, deckSlug: string, conceptIds: string[]): Promise<void> {
  if (conceptIds.length === 0) return;
  const slugs = await tx.concept.findMany({ where: { id: { in: conceptIds } }, select: { slug: true } });
  const refs = new Set(slugs.map((c) => `${deckSlug}/${c.slug}`));
  const others = await tx.concept.findMany({
    where: { deck: { ownerId: userId, slug: { not: deckSlug } }, confusables: { contains: `"${deckSlug}/` } },
    select: { id: true, confusables: true },
  });
  for (const other of others) {
    const list = parseJsonList(other.confusables);
    const kept = list.filter((ref) => !refs.has(ref));
    if (kept.length !== list.length)
      await tx.concept.update({ where: { id: other.id }, data: { confusables: JSON.stringify(kept) } });
  }
}

/** The user's own decks, oldest first, with their concept counts. */
export async function listOwnDecks(userId: string): Promise<OwnDeckDTO[]> {
  return read(async (db) => {
    const decks = await db.deck.findMany({
      where: { ownerId: userId },
      orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
      select: { id: true, slug: true, title: true, description: true, _count: { select: { concepts: true } } },
    });
    return decks.map(({ _count, ...deck }) => ({ ...deck, conceptCount: _count.concepts }));
  });
}

const EXCERPT = 140;

/** The definition as one line of plain text: markdown's links keep their text, its marks go. */
function excerptOf(definition: string): string {
  const flat = definition
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~#>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1).trimEnd()}…` : flat;
}

/** One of the user's decks with its concepts in deck order. */
export async function getOwnDeckPage(userId: string, deckId: string): Promise<OwnDeckPageDTO> {
  return read(async (db) => {
    const deck = await ownDeck(db, userId, deckId);
    const concepts = await db.concept.findMany({
      where: { deckId: deck.id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        term: true,
        definition: true,
        cardKinds: true,
        cards: { where: { userId }, select: { id: true, kind: true }, orderBy: { kind: "desc" } },
      },
    });
    return {
      deck: { id: deck.id, slug: deck.slug, title: deck.title, description: deck.description, conceptCount: concepts.length },
      concepts: concepts.map((concept) => ({
        id: concept.id,
        term: concept.term,
        excerpt: excerptOf(concept.definition),
        cardKinds: cardKindChoiceOf(concept.cardKinds),
        cardId: concept.cards[0]?.id ?? null,
      })),
    };
  });
}

/**
 * Re-ranks a deck's concepts (deck order with prerequisites first) and copies the ranks that
 * changed onto their cards, the index new cards are read from.
 */
export async function rerankDeck(tx: WriteTx, deckId: string): Promise<void> {
  const concepts = await tx.concept.findMany({
    where: { deckId },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, rank: true, prerequisites: true },
  });
  const ranks = rankConcepts(concepts.map((c) => ({ slug: c.slug, prerequisites: parseJsonList(c.prerequisites) })));
  let changed = false;
  for (const [i, concept] of concepts.entries()) {
    if (concept.rank === ranks[i]) continue;
    changed = true;
    await tx.concept.update({ where: { id: concept.id }, data: { rank: ranks[i] } });
  }
  if (changed) await copyRanksToCards(tx, deckId);
}

/**
 * Gives the owner the cards a concept makes, after it was created (`before` null) or its card
 * kinds changed: the missing kinds are created as new cards, due now (when the owner studies the
 * deck; otherwise studying it again creates them). A kind the concept no longer makes is
 * suspended, never deleted, so its history stays; choosing the kind again unsuspends it.
 */
export async function syncConceptCards(
  tx: WriteTx,
  userId: string,
  concept: { id: string; deckId: string; rank: number; cardKinds: string },
  before: CardKind[] | null,
  now: Date,
): Promise<void> {
  const kinds = cardKindsOf(concept.cardKinds);
  const dropped = (before ?? []).filter((kind) => !kinds.includes(kind));
  const added = kinds.filter((kind) => !(before ?? []).includes(kind));
  if (dropped.length > 0) {
    await tx.card.updateMany({ where: { userId, conceptId: concept.id, kind: { in: dropped } }, data: { suspended: true } });
  }
  if (added.length === 0) return;
  const existing = await tx.card.findMany({
    where: { userId, conceptId: concept.id, kind: { in: added } },
    select: { kind: true },
  });
  if (existing.length > 0) {
    await tx.card.updateMany({ where: { userId, conceptId: concept.id, kind: { in: added } }, data: { suspended: false } });
  }
  const enrolment = await tx.enrolment.findUnique({
    where: { userId_deckId: { userId, deckId: concept.deckId } },
    select: { stoppedAt: true },
  });
  if (!enrolment || enrolment.stoppedAt) return;
  const have = new Set(existing.map((card) => card.kind));
  const missing = added.filter((kind) => !have.has(kind));
  if (missing.length > 0) {
    await tx.card.createMany({
      data: missing.map((kind) => ({
        userId,
        conceptId: concept.id,
        deckId: concept.deckId,
        kind,
        rank: concept.rank,
        due: now,
        state: CardState.New,
      })),
    });
  }
}
