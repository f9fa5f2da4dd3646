import "server-only";
import { tzOffset } from "@date-fns/tz";
import { ankiTextHeader, ankiTextRows } from "@/lib/export/anki-text";
import { toAnkiCollection } from "@/lib/export/apkg-data";
import { writeMesaDeck } from "@/lib/export/mesa-deck";
import { compareReviews, reviewLogCsvHeader, reviewLogCsvLines } from "@/lib/export/review-log-csv";
import type { ExportCard, ExportConcept, ExportDeck, ExportReview } from "@/lib/export/types";
import type { ImportedCardKind } from "@/lib/import/types";
import type { ExportableDeckDTO } from "@/lib/types/exports";
import { Prisma, type Concept, type ConceptOverride } from "@/lib/generated/prisma/client";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { collectionPlan } from "./export/anki-sqlite";
import { buildApkgInChild, withApkgSlot } from "./export/apkg-process";
import { parseJsonList, schedulerSettingsOf } from "./mappers";
import { effectiveText } from "./overrides";
import { SCHEDULING_FIELDS } from "@/lib/srs/card";
import {
  asDate,
  num,
  schedulingColumnsSql,
  schedulingOfRow,
  sqlInstant,
  type SchedulingRow,
  type SqlDate,
  type SqlNumber,
} from "./raw-rows";
import { crossJoin, dialect } from "./sql-dialect";

/*
 * The learner's data as downloads. Everything is read for the acting user only: a deck is one of
 * theirs or a built-in one (someone else's own deck is "not found", like a deck that does not
 * exist), cards and review logs are always filtered by their user id, and built-in concepts carry
 * the learner's own wording where they have one. Reviews are the answers that count: rows of kind
 * "GRADE" not undone. Manual entries (a reset, a reschedule) are left out: they are
 * not answers, and the FSRS optimizer tools would read their grade 0 as a rating.
 *
 * The long files are never held by one request's turn: the review log and the cards file stream,
 * read a page at a time (each page its own read(), so other requests' reads and writes run between
 * pages, and the next page is read only when the client has taken the last one), and an Anki
 * package is built in a child process (export/apkg-process.ts).
 *
 * A streamed file is not one snapshot: writes may commit between its pages. No row is ever torn or
 * repeated, though. Each page is one SELECT, and rows are read whole; the pages follow each other
 * by the review instant (or the concepts' order), so a row is in one page at most; and the review
 * log changes in only two ways: a grade appends a row at the grade's instant (it is in the file or
 * not, whole), and an undo sets undoneAt on one row (that row is in the file or not). The card
 * numbers of the CSV are given as rows are written, so they stay consistent whatever appears.
 */

export interface Download {
  /** Safe ASCII file name. */
  filename: string;
  /** The whole file, or a stream of its bytes (read as the client takes them). */
  body: string | Uint8Array | ReadableStream<Uint8Array>;
}

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

/**
 * One deck as an Anki package with the user's cards of it and every answer they gave them. Built
 * in a child process once a build slot is free; refused (RATE_LIMITED) while another package of
 * the same learner's is being built.
 */
export async function exportDeckApkg(userId: string, deckId: string, now: Date): Promise<Download> {
  return withApkgSlot(userId, async () => {
    const data = await read(async (db) => {
      const user = await db.user.findUnique({ where: { id: userId } });
      if (!user) throw new NotFoundError("User");
      const { deck, slug } = await deckData(db, userId, deckId);
      return { user, deck, slug };
    });
    // Read raw, in reads of their own: Prisma's mapping of thousands of card rows is most of a
    // read's time, and other requests run between these reads.
    await yieldToEventLoop();
    const cards = (
      await read(
        (db) => db.$queryRaw<CardRow[]>`
        SELECT "id", "conceptId", "kind", "suspended", ${schedulingColumnsSql(SCHEDULING_FIELDS, "c")}
        FROM "Card" c WHERE c."userId" = ${userId} AND c."deckId" = ${deckId}`,
      )
    ).map(toExportCard);
    const reviews: ExportReview[] = [];
    for await (const page of gradedReviewPages(userId, deckId)) reviews.push(...page);
    const settings = schedulerSettingsOf(data.user);
    const collection = toAnkiCollection({
      deck: data.deck,
      cards,
      reviews,
      now,
      utcOffsetMinutesWest: -tzOffset(data.user.timeZone, now),
    });
    await yieldToEventLoop();
    const plan = collectionPlan(
      collection,
      settings.fsrsWeights ? { params: settings.fsrsWeights, desiredRetention: settings.desiredRetention } : undefined,
    );
    return { filename: `${safeFileStem(data.slug)}.apkg`, body: await buildApkgInChild(plan) };
  });
}

type CardRow = { id: string; conceptId: string; kind: string; suspended: SqlNumber | boolean } & SchedulingRow;

function toExportCard(row: CardRow): ExportCard {
  const schedule = schedulingOfRow(row);
  return {
    id: row.id,
    conceptId: row.conceptId,
    kind: row.kind as ImportedCardKind,
    state: schedule.state,
    due: schedule.due,
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    scheduledDays: schedule.scheduledDays,
    reps: schedule.reps,
    lapses: schedule.lapses,
    lastReview: schedule.lastReview,
    suspended: Number(row.suspended) !== 0,
  };
}

/** Answers read per page of a streamed review log: a page is a few milliseconds of reading and writing. */
export const REVIEW_PAGE_ROWS = 2000;
/** Concepts read per page of the cards file. */
export const CONCEPT_PAGE_ROWS = 1000;

interface ReviewRow {
  cardId: string;
  reviewedAt: SqlDate;
  grade: SqlNumber;
  state: SqlNumber;
  durationMs: SqlNumber;
}

/** A DateTime as SQLite stores it (text), for keyset cursors compared as text. */
const storedInstant = (value: SqlDate): string => (value instanceof Date ? sqlInstant(value) : value);

function toExportReview(row: ReviewRow): ExportReview {
  return {
    cardId: row.cardId,
    reviewedAt: asDate(row.reviewedAt),
    grade: num(row.grade) as ExportReview["grade"],
    stateBefore: num(row.state),
    durationMs: num(row.durationMs),
  };
}

/**
 * The user's answers (of one deck's cards, when `deckId` is given), oldest first, in pages of
 * about REVIEW_PAGE_ROWS in compareReviews order. A page ends where the review instant changes, so
 * the answers of one instant are in one page and sort there as the whole log would sort them; the
 * next page starts after that instant. Ordered by the instant alone so that the covering index of
 * (userId, undoneAt, reviewedAt) gives the order and each page reads only its own rows; the log is
 * the outer loop of the deck's join (CROSS JOIN keeps SQLite from choosing the other order, which
 * would sort the deck's whole log for every page).
 */
async function* gradedReviewPages(userId: string, deckId?: string): AsyncGenerator<ExportReview[]> {
  const deckJoin = deckId ? Prisma.sql`${crossJoin()} "Card" k ON k."id" = l."cardId" AND k."deckId" = ${deckId}` : Prisma.empty;
  const select = (instant: Prisma.Sql) => Prisma.sql`
    SELECT l."cardId", l."reviewedAt", l."grade", l."state", l."durationMs"
    FROM "ReviewLog" l ${deckJoin}
    WHERE l."userId" = ${userId} AND l."undoneAt" IS NULL AND l."kind" = 'GRADE' AND l."grade" BETWEEN 1 AND 4
      AND ${instant}
    ORDER BY l."reviewedAt"`;
  // Before every instant: SQLite compares the stored text, PostgreSQL reads the text as a timestamptz.
  let after = dialect() === "postgresql" ? "-infinity" : "";
  for (;;) {
    const rows = await read(
      (db) =>
        db.$queryRaw<ReviewRow[]>`${select(Prisma.sql`l."reviewedAt" > ${after}`)} LIMIT ${Prisma.raw(String(REVIEW_PAGE_ROWS))}`,
    );
    let page = rows;
    if (rows.length === REVIEW_PAGE_ROWS) {
      // The last instant may go on past this page: it is read again, whole, with the next one.
      const last = storedInstant(rows[rows.length - 1].reviewedAt);
      let end = rows.length;
      while (end > 0 && storedInstant(rows[end - 1].reviewedAt) === last) end--;
      page =
        end > 0
          ? rows.slice(0, end)
          : await read((db) => db.$queryRaw<ReviewRow[]>`${select(Prisma.sql`l."reviewedAt" = ${last}`)}`);
    }
    if (page.length === 0) return;
    after = storedInstant(page[page.length - 1].reviewedAt);
    yield page.map(toExportReview).sort(compareReviews);
    await yieldToEventLoop();
    if (rows.length < REVIEW_PAGE_ROWS) return;
  }
}

/** A stream of the text `chunks` yields, taken one chunk at a time as the reader asks for more. */
function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A pull that enqueues nothing is not called again: go on until there is something.
        for (;;) {
          const next = await chunks.next();
          if (next.done) return controller.close();
          if (next.value) return controller.enqueue(encoder.encode(next.value));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Lets the requests queued meanwhile run between two pages. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface StudiedConceptRow {
  id: string;
  term: string;
  definition: string;
  tags: string;
  overrideDefinition: string | null;
  overrideTags: string | null;
  deckTitle: string;
  deckId: string;
  position: SqlNumber;
}

/**
 * The concepts the user has cards of, ordered by deck title, deck and position (the id breaks a
 * tie), with their wording, in pages of CONCEPT_PAGE_ROWS. Found from the user's cards (an index
 * of them), so a page costs the user's own concepts, not every concept of every user.
 */
async function* studiedConceptPages(userId: string): AsyncGenerator<ExportConcept[]> {
  let after: StudiedConceptRow | null = null;
  for (;;) {
    const cursor: StudiedConceptRow | null = after;
    const rows: StudiedConceptRow[] = await read(
      (db) => db.$queryRaw<StudiedConceptRow[]>`
      SELECT c."id", c."term", c."definition", c."tags",
        o."definition" AS "overrideDefinition", o."tags" AS "overrideTags",
        d."title" AS "deckTitle", c."deckId", c."position"
      FROM "Concept" c
      JOIN "Deck" d ON d."id" = c."deckId"
      LEFT JOIN "ConceptOverride" o ON o."conceptId" = c."id" AND o."userId" = ${userId}
      WHERE c."id" IN (SELECT "conceptId" FROM "Card" WHERE "userId" = ${userId})
        ${
          cursor
            ? Prisma.sql`AND (d."title", c."deckId", c."position", c."id") > (${cursor.deckTitle}, ${cursor.deckId}, CAST(${num(cursor.position)} AS INTEGER), ${cursor.id})`
            : Prisma.empty
        }
      ORDER BY d."title", c."deckId", c."position", c."id"
      LIMIT ${Prisma.raw(String(CONCEPT_PAGE_ROWS))}`,
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1];
    await yieldToEventLoop();
    yield rows.map((row) => ({
      id: row.id,
      term: row.term,
      definition: row.overrideDefinition ?? row.definition,
      tags: parseJsonList(row.overrideTags ?? row.tags),
    }));
    if (rows.length < CONCEPT_PAGE_ROWS) return;
  }
}

/** Every concept the user has cards of, in their wording, as one Anki "Notes in Plain Text" file. */
export function exportCardsTsv(userId: string): Promise<Download> {
  async function* text() {
    yield ankiTextHeader("Mesa");
    let first = true;
    for await (const concepts of studiedConceptPages(userId)) {
      yield `${first ? "" : "\n"}${ankiTextRows(concepts)}`;
      first = false;
    }
    yield "\n";
  }
  return Promise.resolve({ filename: "mesa-cards.tsv", body: textStream(text()) });
}

/** The user's answers, oldest first, in the FSRS optimizer tools' CSV layout. */
export function exportReviewLogCsv(userId: string): Promise<Download> {
  async function* text() {
    yield reviewLogCsvHeader();
    const lines = reviewLogCsvLines();
    for await (const page of gradedReviewPages(userId)) {
      yield lines(page);
    }
  }
  return Promise.resolve({ filename: "mesa-review-log.csv", body: textStream(text()) });
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
