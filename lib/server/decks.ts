import "server-only";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { checkDeckLinks } from "@/lib/decks/links";
import { parseDeck, type ParsedConcept, type ParsedDeck } from "@/lib/decks/parse-deck";
import { CardState } from "@/lib/srs/card";
import type { CardKind } from "@/lib/types/cards";
import { syncConceptSearch } from "./concept-search";
import { write, type WriteTx } from "./db";
import { parseJsonList } from "./mappers";
import { jsonValues } from "./sql-dialect";

export const CARD_KINDS: CardKind[] = ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"];

/** The card kinds a concept makes (Concept.cardKinds, a JSON list); both when unreadable or empty. */
export function cardKindsOf(stored: string): CardKind[] {
  const kinds = CARD_KINDS.filter((kind) => parseJsonList(stored).includes(kind));
  return kinds.length > 0 ? kinds : CARD_KINDS;
}

export interface SeedReport {
  decks: number;
  concepts: number;
  cardsCreated: number;
  /** Concepts whose slug changed through `formerly` (same row, cards and history). */
  renamed: number;
  /** Concepts no longer in their deck file: kept, with their cards, but no longer studied. */
  retired: number;
}

/**
 * Creates the cards a user is missing for the decks they study (all of them, or one), of the kinds
 * each concept makes (Concept.cardKinds). Existing
 * cards are never touched, so re-running it keeps everyone's progress. A stopped deck gets its
 * missing cards when the user studies it again.
 */
export async function ensureCards(tx: WriteTx, now: Date, filter: { userId?: string; deckId?: string } = {}): Promise<number> {
  const enrolments = await tx.enrolment.findMany({
    where: { userId: filter.userId, deckId: filter.deckId, stoppedAt: null },
    select: { userId: true, deckId: true },
  });
  let created = 0;
  for (const { userId, deckId } of enrolments) {
    const concepts = await tx.concept.findMany({
      where: { deckId, retiredAt: null },
      select: { id: true, rank: true, cardKinds: true },
    });
    const existing = await tx.card.findMany({
      where: { userId, concept: { deckId } },
      select: { conceptId: true, kind: true },
    });
    const have = new Set(existing.map((c) => `${c.conceptId}:${c.kind}`));
    const missing = concepts.flatMap((concept) =>
      cardKindsOf(concept.cardKinds)
        .filter((kind) => !have.has(`${concept.id}:${kind}`))
        .map((kind) => ({
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
export async function copyRanksToCards(tx: WriteTx, deckId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Card" SET "rank" = (SELECT "rank" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId")
    WHERE "deckId" = ${deckId}
      AND "rank" <> (SELECT "rank" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId")`;
}

/**
 * Enrols a new user in the built-in decks marked `default: true` and creates their cards (used at
 * sign-up). The other built-in decks are offered on /decks, not forced.
 */
export async function enrolInBuiltInDecks(tx: WriteTx, userId: string, now: Date): Promise<void> {
  const decks = await tx.deck.findMany({ where: { ownerId: null, enrolByDefault: true }, select: { id: true } });
  for (const deck of decks) {
    await tx.enrolment.upsert({
      where: { userId_deckId: { userId, deckId: deck.id } },
      create: { userId, deckId: deck.id, createdAt: now },
      update: {},
    });
  }
  await ensureCards(tx, now, { userId });
}

async function upsertBuiltInDeck(tx: WriteTx, deck: ParsedDeck, now: Date): Promise<string> {
  const data = {
    title: deck.title,
    description: deck.description,
    sourceTitle: deck.sourceTitle,
    sourceUrl: deck.sourceUrl,
    enrolByDefault: deck.enrolByDefault,
  };
  // Built-in decks have ownerId null, which a compound unique cannot match on in SQLite.
  const existing = await tx.deck.findFirst({ where: { ownerId: null, slug: deck.slug }, select: { id: true } });
  if (existing) {
    await tx.deck.update({ where: { id: existing.id }, data });
    return existing.id;
  }
  // createdAt is when this server first had the deck: users who signed up before it see it as new.
  return (await tx.deck.create({ data: { ...data, slug: deck.slug, createdAt: now } })).id;
}

/**
 * Writes one concept of a built-in deck: by its slug, else by a former slug (a rename keeps the
 * row, so its cards and their history stay), else as a new row.
 */
async function upsertConcept(
  tx: WriteTx,
  deckId: string,
  concept: ParsedConcept,
  position: number,
  rank: number,
): Promise<"updated" | "renamed" | "created"> {
  const data = {
    position,
    rank,
    term: concept.term,
    definition: concept.definition,
    aliases: JSON.stringify(concept.aliases),
    examples: JSON.stringify(concept.examples),
    confusables: JSON.stringify(concept.confusables),
    prerequisites: JSON.stringify(concept.prerequisites),
    tags: JSON.stringify(concept.tags),
    sourceLocator: concept.sourceLocator,
    retiredAt: null,
  };
  const current = await tx.concept.findUnique({ where: { deckId_slug: { deckId, slug: concept.slug } }, select: { id: true } });
  if (current) {
    await tx.concept.update({ where: { id: current.id }, data });
    return "updated";
  }
  const former = await tx.concept.findFirst({
    where: { deckId, slug: { in: concept.formerly } },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  if (former) {
    await tx.concept.update({ where: { id: former.id }, data: { ...data, slug: concept.slug } });
    return "renamed";
  }
  await tx.concept.create({ data: { ...data, deckId, slug: concept.slug } });
  return "created";
}

/**
 * Loads the built-in decks: upserts decks and concepts by slug (updating their text, following
 * `formerly` renames), retires concepts that left their file, then gives every user who studies a
 * deck cards for its new concepts. Idempotent, never touches progress, and all-or-nothing: a deck
 * file with an error, or a link to a concept that no deck has, changes nothing.
 */
export async function seedBuiltInDecks(deckFiles: { name: string; text: string }[], now: Date): Promise<SeedReport> {
  const decks = deckFiles.map(({ name, text }) => {
    const result = parseDeck(text);
    if (!result.ok) throw new Error(`${name}:\n${result.errors.join("\n")}`);
    return { name, deck: result.deck };
  });
  const linkErrors = checkDeckLinks(decks);
  if (linkErrors.length > 0) throw new Error(`Dangling links between decks:\n${linkErrors.join("\n")}`);
  return write(
    async (tx) => {
      const report: SeedReport = { decks: decks.length, concepts: 0, cardsCreated: 0, renamed: 0, retired: 0 };
      for (const { deck } of decks) {
        const deckId = await upsertBuiltInDeck(tx, deck, now);
        const ranks = rankConcepts(deck.concepts);
        for (const [position, concept] of deck.concepts.entries()) {
          if ((await upsertConcept(tx, deckId, concept, position, ranks[position])) === "renamed") report.renamed++;
          report.concepts++;
        }
        // The slugs go in as one JSON parameter: a deck may hold more concepts than SQLite takes parameters.
        report.retired += await tx.$executeRaw`
        UPDATE "Concept" SET "retiredAt" = ${now}
        WHERE "deckId" = ${deckId} AND "retiredAt" IS NULL
          AND "slug" NOT IN (${jsonValues(JSON.stringify(deck.concepts.map((c) => c.slug)))})`;
        await copyRanksToCards(tx, deckId);
        const conceptIds = await tx.concept.findMany({ where: { deckId }, select: { id: true } });
        await syncConceptSearch(
          tx,
          conceptIds.map((c) => c.id),
        );
        report.cardsCreated += await ensureCards(tx, now, { deckId });
      }
      return report;
      // Every deck file in one transaction however many concepts they hold: a round trip per concept
      // on PostgreSQL outlasts the default 5 s.
    },
    { timeoutMs: SEED_TIMEOUT_MS },
  );
}

const SEED_TIMEOUT_MS = 120_000;
