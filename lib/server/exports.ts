import "server-only";
import { tzOffset } from "@date-fns/tz";
import { writeAnkiText } from "@/lib/export/anki-text";
import { writeMesaDeck } from "@/lib/export/mesa-deck";
import { writeReviewLogCsv } from "@/lib/export/review-log-csv";
import type { ExportCard, ExportConcept, ExportDeck, ExportReview } from "@/lib/export/types";
import type { ImportedCardKind } from "@/lib/import/types";
import type { ExportableDeckDTO } from "@/lib/types/exports";
import type { Concept, ConceptOverride, Prisma } from "@/lib/generated/prisma/client";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { writeApkg } from "./export/apkg";
import { parseJsonList, schedulerSettingsOf } from "./mappers";
import { effectiveText } from "./overrides";

/*
 * The learner's data as downloads. Everything is read for the acting user only: a deck is one of
 * theirs or a built-in one (someone else's own deck is "not found", like a deck that does not
 * exist), cards and review logs are always filtered by their user id, and built-in concepts carry
 * the learner's own wording where they have one. Reviews are the answers that count: rows of kind
 * "GRADE" not undone. Manual entries (reset, reschedule, imported history) are left out: they are
 * not answers, and the FSRS optimizer tools would read their grade 0 as a rating.
 */

export interface Download {
  /** Safe ASCII file name. */
  filename: string;
  body: string | Uint8Array;
}

const GRADED = { kind: "GRADE", undoneAt: null, grade: { gte: 1, lte: 4 } } as const;

/** A file name from a slug: ASCII letters, digits and hyphens only. */
export function safeFileStem(slug: string): string {
  return (
    slug
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "deck"
  );
}

type OverrideRow = Pick<ConceptOverride, "conceptId" | "definition" | "examples" | "aliases" | "tags">;

/** A concept as the learner sees it: their wording of a built-in concept where they have one. */
function exportConcept(concept: Concept, override: OverrideRow | undefined): ExportConcept {
  const text = effectiveText(concept, override ?? null);
  return {
    id: concept.id,
    slug: concept.slug,
    term: concept.term,
    definition: text.definition,
    aliases: text.aliases,
    examples: text.examples,
    confusables: parseJsonList(concept.confusables),
    prerequisites: parseJsonList(concept.prerequisites),
    sourceLocator: concept.sourceLocator || undefined,
    tags: parseJsonList(override?.tags ?? concept.tags),
  };
}

/**
 * The user's wordings of the concepts `concepts` selects, found by a join rather than a list of
 * ids: a deck of thousands of concepts would be more bound values than SQLite takes in one query.
 */
async function overridesOf(db: ReadDb, userId: string, concepts: Prisma.ConceptWhereInput): Promise<Map<string, OverrideRow>> {
  const rows = await db.conceptOverride.findMany({
    where: { userId, concept: concepts },
    select: { conceptId: true, definition: true, examples: true, aliases: true, tags: true },
  });
  return new Map(rows.map((row) => [row.conceptId, row]));
}

async function deckData(db: ReadDb, userId: string, deckId: string) {
  const deck = await db.deck.findFirst({ where: { id: deckId, OR: [{ ownerId: userId }, { ownerId: null }] } });
  if (!deck) throw new NotFoundError("That deck");
  // A built-in deck's retired concepts are no longer part of it; an own deck has none.
  const concepts = await db.concept.findMany({ where: { deckId, retiredAt: null }, orderBy: { position: "asc" } });
  const overrides = await overridesOf(db, userId, { deckId });
  const exportDeck: ExportDeck = {
    slug: deck.slug,
    title: deck.title,
    description: deck.description || undefined,
    sourceTitle: deck.sourceTitle || undefined,
    sourceUrl: deck.sourceUrl || undefined,
    concepts: concepts.map((concept) => exportConcept(concept, overrides.get(concept.id))),
  };
  return { deck: exportDeck, slug: deck.slug };
}

/** One deck of the user's (or a built-in one, with their wordings) as Mesa deck markdown. */
export async function exportDeckMarkdown(userId: string, deckId: string): Promise<Download> {
  const { deck, slug } = await read((db) => deckData(db, userId, deckId));
  return { filename: `${safeFileStem(slug)}.md`, body: writeMesaDeck(deck) };
}

/** One deck as an Anki package with the user's cards of it and every answer they gave them. */
export async function exportDeckApkg(userId: string, deckId: string, now: Date): Promise<Download> {
  const data = await read(async (db) => {
    const user = await db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const { deck, slug } = await deckData(db, userId, deckId);
    const cards = await db.card.findMany({ where: { userId, deckId } });
    const logs = await db.reviewLog.findMany({
      where: { userId, ...GRADED, card: { deckId } },
      select: { cardId: true, reviewedAt: true, grade: true, state: true, durationMs: true },
      orderBy: { reviewedAt: "asc" },
    });
    return { user, deck, slug, cards, logs };
  });
  const cards: ExportCard[] = data.cards.map((card) => ({
    id: card.id,
    conceptId: card.conceptId,
    kind: card.kind as ImportedCardKind,
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
    suspended: card.suspended,
  }));
  const settings = schedulerSettingsOf(data.user);
  const bytes = writeApkg(
    {
      deck: data.deck,
      cards,
      reviews: data.logs.map(toExportReview),
      now,
      utcOffsetMinutesWest: -tzOffset(data.user.timeZone, now),
    },
    settings.fsrsWeights ? { params: settings.fsrsWeights, desiredRetention: settings.desiredRetention } : undefined,
  );
  return { filename: `${safeFileStem(data.slug)}.apkg`, body: bytes };
}

function toExportReview(log: {
  cardId: string;
  reviewedAt: Date;
  grade: number;
  state: number;
  durationMs: number;
}): ExportReview {
  return {
    cardId: log.cardId,
    reviewedAt: log.reviewedAt,
    grade: log.grade as ExportReview["grade"],
    stateBefore: log.state,
    durationMs: log.durationMs,
  };
}

/** Every concept the user has cards of, in their wording, as one Anki "Notes in Plain Text" file. */
export async function exportCardsTsv(userId: string): Promise<Download> {
  const concepts = await read(async (db) => {
    const studied: Prisma.ConceptWhereInput = { cards: { some: { userId } } };
    const rows = await db.concept.findMany({
      where: studied,
      orderBy: [{ deck: { title: "asc" } }, { deckId: "asc" }, { position: "asc" }],
    });
    const overrides = await overridesOf(db, userId, studied);
    return rows.map((concept) => exportConcept(concept, overrides.get(concept.id)));
  });
  return { filename: "mesa-cards.tsv", body: writeAnkiText("Mesa", concepts) };
}

/** The user's answers, oldest first, in the FSRS optimizer tools' CSV layout. */
export async function exportReviewLogCsv(userId: string): Promise<Download> {
  const logs = await read((db) =>
    db.reviewLog.findMany({
      where: { userId, ...GRADED },
      select: { cardId: true, reviewedAt: true, grade: true, state: true, durationMs: true },
      orderBy: { reviewedAt: "asc" },
    }),
  );
  return { filename: "mesa-review-log.csv", body: writeReviewLogCsv(logs.map(toExportReview)) };
}

/** The decks the learner can download: their own, and the built-in decks they have cards of. */
export async function listExportableDecks(userId: string): Promise<ExportableDeckDTO[]> {
  const decks = await read((db) =>
    db.deck.findMany({
      where: { OR: [{ ownerId: userId }, { ownerId: null, cards: { some: { userId } } }] },
      select: { id: true, title: true, ownerId: true },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    }),
  );
  return decks.map((deck) => ({ id: deck.id, title: deck.title, builtIn: deck.ownerId === null }));
}
