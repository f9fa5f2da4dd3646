import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { nameKey } from "@/lib/decks/concept-checks";
import { slugify } from "@/lib/decks/parse-deck";
import { draftOf } from "@/lib/import/drafts";
import type { ReplayedHistory } from "@/lib/import/replay-histories";
import type { ImportedCardKind, ImportedConcept } from "@/lib/import/types";
import { newSchedulingState, type SchedulingState } from "@/lib/srs/card";
import type { CardKind } from "@/lib/types/cards";
import { CONCEPTS_PER_DECK_MAX, DECK_TITLE_MAX } from "@/lib/validation/authoring-limits";
import { ImportConceptSchema, type ImportConceptInput } from "@/lib/validation/imports";
import { syncConceptSearch } from "../concept-search";
import { read, write, type ReadDb, type WriteTx } from "../db";
import { FieldErrors, UserError } from "../errors";
import { newId } from "../ids";
import { conceptsOfDeck, importedTextColumns, limitError, planImport, type Plan, type StoredConcept } from "../imports";
import {
  BULK_ROWS,
  type BulkValue,
  CARD_COLUMNS,
  type CardColumn,
  insertRows,
  REVIEW_LOG_COLUMNS,
  type ReviewLogColumn,
} from "../bulk-insert";
import { SCHEDULING_SELECT, schedulingColumns, schedulingOf, snapshotColumns } from "../mappers";
import { insertOwnDeck, ownDeck } from "../own-decks";

/*
 * Storing an Anki package's notes and review history (the package was read and its histories
 * replayed off the server's thread; lib/server/import/apkg-jobs.ts). Notes become concepts as a
 * text import's do (matched with the target deck's concepts on term: added, updated or left
 * alone), each concept gets both cards, and a card with an Anki history gets the FSRS state its
 * answers lead to and one review-log row per answer (a grade like any other, so stats and streaks
 * count it).
 *
 * Re-importing never doubles anything. A review's client id is `import:<card id>:<Anki review id>`
 * (Anki's review id is the answer's instant in ms, unique in a collection), so an answer already
 * brought in is recognised. A card that has been graded in Mesa keeps its state and history (the
 * learner's Mesa reviews come after the Anki ones and were made from that state); a card whose
 * history is only imported answers takes the package's fuller history.
 *
 * A deck holds at most CONCEPTS_PER_DECK_MAX concepts, so a larger package into a new deck becomes
 * several decks ("Title (1 of 4)"), in note order; re-importing it finds the same decks by title.
 * Everything is one write(): the whole import or nothing.
 */

export interface AnkiImportTarget {
  /** One of the learner's own decks, or null for a new deck (or decks) titled newDeckTitle. */
  deckId: string | null;
  newDeckTitle?: string;
}

export interface AnkiImportInput {
  concepts: readonly ImportedConcept[];
  histories: readonly ReplayedHistory[];
  target: AnkiImportTarget;
}

export interface AnkiImportPlanDeck {
  title: string;
  /** The deck's id when it exists already (the chosen deck, or an earlier import's by title). */
  deckId: string | null;
  concepts: number;
}

/** A note of the package left out of the import, and why. */
export interface AnkiSkippedNote {
  noteId: string;
  term: string;
  reason: string;
}

export interface AnkiImportPlan {
  decks: AnkiImportPlanDeck[];
  added: number;
  updated: number;
  unchanged: number;
  /** Answers that will be added to the review log. */
  reviewsToAdd: number;
  /** Cards already graded in Mesa: their state and history stay as they are. */
  cardsKept: number;
  /** Notes that cannot become concepts here (on top of those the package's reading skipped). */
  skipped: AnkiSkippedNote[];
  /** What stops the import: no note left to import, or a deck taken past its concept limit. */
  limitError: string | null;
}

export interface AnkiImportOutcome {
  /** The first deck written to (the only one, unless the package was split). */
  deckId: string;
  deckIds: string[];
  added: number;
  updated: number;
  unchanged: number;
  skipped: AnkiSkippedNote[];
  /** Cards created. */
  cards: number;
  /** Review-log rows added. */
  reviews: number;
}

const ROWS_PER_INSERT = 1000;

// Every column of the concept rows an import inserts (insertRows writes them as listed).
const CONCEPT_COLUMNS = [
  "id",
  "deckId",
  "slug",
  "position",
  "rank",
  "term",
  "definition",
  "aliases",
  "examples",
  "confusables",
  "prerequisites",
  "tags",
  "sourceLocator",
  "sourceUrl",
  "cardKinds",
  "createdAt",
  "updatedAt",
  "retiredAt",
] as const;

/** A large package's write takes longer than Prisma's 5 s default for a transaction. */
const WRITE_TIMEOUT_MS = 10 * 60_000;
const DECK_DESCRIPTION = "Imported from an Anki package.";
const NOTHING_LEFT = "No note of the package can be imported: see the skipped notes.";

/**
 * How the planning reaches the database: inside a write, its transaction; for a preview, a short
 * read() per lookup, so the checks of 20,000 notes (a second or two of CPU) never hold the
 * connection other requests wait for.
 */
type Lookup = <T>(query: (db: ReadDb | WriteTx) => Promise<T>) => Promise<T>;
const inTransaction =
  (tx: WriteTx): Lookup =>
  (query) =>
    query(tx);
const inReads: Lookup = (query) => read(query);

interface Part {
  title: string;
  deckId: string | null;
  /** Indices into the import's concepts. */
  indices: number[];
}

interface PartPlan extends Part {
  stored: StoredConcept[];
  plan: Plan;
}

/** A note's text as the concept form takes it, or why it does not fit. */
function conceptInputOf(concept: ImportedConcept): ImportConceptInput | string {
  const { line: _line, ...fields } = draftOf(concept);
  const parsed = ImportConceptSchema.safeParse(fields);
  return parsed.success ? parsed.data : parsed.error.issues[0].message;
}

function noteIdOf(concept: ImportedConcept, index: number): string {
  return concept.noteId ?? String(index + 1);
}

function titleOf(target: AnkiImportTarget): string {
  const title = (target.newDeckTitle ?? "").trim();
  if (title === "") throw new FieldErrors({ deck: ["Give the new deck a title, or choose one of your decks."] });
  if (title.length > DECK_TITLE_MAX) throw new FieldErrors({ deck: [`The title can be at most ${DECK_TITLE_MAX} characters.`] });
  return title;
}

/** The decks the import writes to, and which of the kept concepts go to each. */
async function partsOf(lookup: Lookup, userId: string, kept: number[], target: AnkiImportTarget): Promise<Part[]> {
  if (target.deckId) {
    const deckId = target.deckId;
    const deck = await lookup((db) => ownDeck(db, userId, deckId));
    return [{ title: deck.title, deckId: deck.id, indices: kept }];
  }
  const title = titleOf(target);
  const chunks: number[][] = [];
  for (let start = 0; start < kept.length; start += CONCEPTS_PER_DECK_MAX)
    chunks.push(kept.slice(start, start + CONCEPTS_PER_DECK_MAX));
  const suffix = (n: number) => (chunks.length === 1 ? "" : ` (${n} of ${chunks.length})`);
  const titles = chunks.map((_, n) => `${title.slice(0, DECK_TITLE_MAX - suffix(n + 1).length)}${suffix(n + 1)}`);
  const existing = await lookup((db) =>
    db.deck.findMany({
      where: { ownerId: userId, title: { in: titles } },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true },
    }),
  );
  return chunks.map((indices, n) => ({
    title: titles[n],
    deckId: existing.find((deck) => deck.title === titles[n])?.id ?? null,
    indices,
  }));
}

async function planKept(
  lookup: Lookup,
  userId: string,
  inputs: readonly (ImportConceptInput | null)[],
  kept: number[],
  target: AnkiImportTarget,
): Promise<PartPlan[]> {
  const parts: PartPlan[] = [];
  for (const part of await partsOf(lookup, userId, kept, target)) {
    const deckId = part.deckId;
    const stored = deckId ? await lookup((db) => conceptsOfDeck(db, deckId)) : [];
    parts.push({
      ...part,
      stored,
      plan: planImport(
        stored,
        part.indices.map((index) => inputs[index]!),
      ),
    });
  }
  return parts;
}

/**
 * Checks every note and plans each deck. A note that cannot be a concept (a field too long, a
 * definition that gives its term away, the term of an earlier note or of another concept of the
 * deck) is skipped with its reason rather than refusing the package: an Anki collection is not
 * edited note by note here, and the summary lists what was left out.
 */
async function planParts(
  lookup: Lookup,
  userId: string,
  input: AnkiImportInput,
): Promise<{ parts: PartPlan[]; inputs: (ImportConceptInput | null)[]; skipped: AnkiSkippedNote[] }> {
  const skipped: AnkiSkippedNote[] = [];
  const skip = (index: number, reason: string) =>
    skipped.push({ noteId: noteIdOf(input.concepts[index], index), term: input.concepts[index].term.slice(0, 200), reason });
  const firstOfName = new Map<string, number>();
  const inputs = input.concepts.map((concept, index) => {
    const fields = conceptInputOf(concept);
    if (typeof fields === "string") {
      skip(index, fields);
      return null;
    }
    const key = nameKey(fields.term);
    const first = firstOfName.get(key);
    if (first !== undefined) {
      skip(index, `note ${noteIdOf(input.concepts[first], first)} has the same term`);
      return null;
    }
    firstOfName.set(key, index);
    return fields;
  });
  let kept = inputs.flatMap((fields, index) => (fields ? [index] : []));
  let parts = kept.length > 0 ? await planKept(lookup, userId, inputs, kept, input.target) : [];
  const failed = new Set<number>();
  for (const part of parts) {
    part.plan.errors.forEach((messages, n) => {
      if (messages.length === 0) return;
      failed.add(part.indices[n]);
      skip(part.indices[n], messages.join(" "));
    });
  }
  if (failed.size > 0) {
    kept = kept.filter((index) => !failed.has(index));
    parts = kept.length > 0 ? await planKept(lookup, userId, inputs, kept, input.target) : [];
  }
  skipped.sort((a, b) => Number(a.noteId) - Number(b.noteId) || a.noteId.localeCompare(b.noteId));
  return { parts, inputs, skipped };
}

interface ExistingCard {
  id: string;
  /** Graded in Mesa (a log that is not an imported answer): keeps its state and history. */
  studied: boolean;
  importedClientIds: Set<string>;
}

/** The learner's cards of the matched concepts, with what their history holds. */
async function existingCardsOf(db: ReadDb | WriteTx, userId: string, conceptIds: string[]): Promise<Map<string, ExistingCard>> {
  const byKey = new Map<string, ExistingCard>();
  for (let start = 0; start < conceptIds.length; start += ROWS_PER_INSERT) {
    const cards = await db.card.findMany({
      where: { userId, conceptId: { in: conceptIds.slice(start, start + ROWS_PER_INSERT) } },
      select: { id: true, conceptId: true, kind: true },
    });
    const byId = new Map<string, ExistingCard>();
    for (const card of cards) {
      const existing: ExistingCard = { id: card.id, studied: false, importedClientIds: new Set() };
      byKey.set(`${card.conceptId}:${card.kind}`, existing);
      byId.set(card.id, existing);
    }
    const logs = await db.reviewLog.findMany({
      where: { userId, cardId: { in: [...byId.keys()] } },
      select: { cardId: true, clientId: true },
    });
    for (const log of logs) {
      const card = byId.get(log.cardId)!;
      if (log.clientId.startsWith("import:")) card.importedClientIds.add(log.clientId);
      else card.studied = true;
    }
  }
  return byKey;
}

const reviewClientId = (cardId: string, reviewedAt: Date) => `import:${cardId}:${reviewedAt.getTime()}`;

function historiesByCard(histories: readonly ReplayedHistory[]): Map<string, ReplayedHistory> {
  return new Map(histories.map((replayed) => [`${replayed.history.conceptIndex}:${replayed.history.kind}`, replayed]));
}

const CARD_KINDS: readonly ImportedCardKind[] = ["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] satisfies CardKind[];

/**
 * What importing the package into the target would do. Nothing is written. Errors are returned
 * (not thrown) so the summary can list them.
 */
export async function planAnkiImport(
  userId: string,
  concepts: readonly ImportedConcept[],
  histories: readonly ReplayedHistory[],
  deckId: string | null,
  newDeckTitle?: string,
): Promise<AnkiImportPlan> {
  // Each lookup is its own short read: the plan may see a deck change between two of them, which
  // the write, planning again in its own transaction, settles.
  const { parts, skipped } = await planParts(inReads, userId, {
    concepts,
    histories,
    target: { deckId, newDeckTitle: newDeckTitle ?? "Anki import" },
  });
  const replayed = historiesByCard(histories);
  const matchedIds = parts.flatMap((part) => part.plan.matches.filter((match) => match !== null).map((match) => match.id));
  const cards = await read((db) => existingCardsOf(db, userId, matchedIds));
  const plan: AnkiImportPlan = {
    decks: parts.map((part) => ({ title: part.title, deckId: part.deckId, concepts: part.indices.length })),
    added: 0,
    updated: 0,
    unchanged: 0,
    reviewsToAdd: 0,
    cardsKept: 0,
    skipped,
    limitError: parts.length === 0 ? NOTHING_LEFT : null,
  };
  for (const part of parts) {
    const added = part.plan.statuses.filter((status) => status === "added").length;
    plan.limitError ??= limitError(part.stored.length, added);
    part.indices.forEach((index, n) => {
      plan[part.plan.statuses[n]] += 1;
      const match = part.plan.matches[n];
      for (const kind of CARD_KINDS) {
        const history = replayed.get(`${index}:${kind}`);
        if (!history) continue;
        const card = match ? cards.get(`${match.id}:${kind}`) : undefined;
        if (card?.studied) plan.cardsKept += 1;
        else if (!card) plan.reviewsToAdd += history.reviews.length;
        else
          plan.reviewsToAdd += history.reviews.filter(
            (review) => !card.importedClientIds.has(reviewClientId(card.id, review.snapshot.reviewedAt)),
          ).length;
      }
    });
  }
  return plan;
}

/** Lets the server answer other requests between the chunks of a large import. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A card's columns: its replayed state when it has a history, else new and due now. */
function cardStateOf(history: ReplayedHistory | undefined, now: Date): SchedulingState {
  return history ? history.state : newSchedulingState(now);
}

/** What an import changed before its review history, so a failure part-way can take it back. */
interface ImportUndo {
  batchId: string;
  createdDeckIds: string[];
  /** Every concept the import made (those in the decks it made too: their search rows go with them). */
  createdConceptIds: string[];
  /** Cards the import made for concepts it matched (the rest go with their concepts). */
  createdCardIds: string[];
  updatedConcepts: { id: string; text: ReturnType<typeof importedTextColumns> }[];
  /** Cards given an imported history's state: as they were, and the version the import left. */
  updatedCards: { id: string; before: SchedulingState; version: number }[];
}

interface StagedImport {
  outcome: AnkiImportOutcome;
  conceptRows: Record<(typeof CONCEPT_COLUMNS)[number], BulkValue>[];
  cardRows: Record<CardColumn, BulkValue>[];
  logRows: () => Generator<Record<ReviewLogColumn, BulkValue>>;
  logCount: number;
  rowsWritten: number;
  undo: ImportUndo;
}

/**
 * The first step of an import, in one write: the decks, the concepts (added or updated), their
 * cards with the state their imported histories lead to, and the search rows. The review-log rows
 * are left to the caller, which writes them in steps.
 */
/**
 * Whether a plan made outside the write still holds inside it: the same decks, holding the same
 * concepts. Then the write need not check every note again while it holds the connection.
 */
async function stillCurrent(
  lookup: Lookup,
  userId: string,
  target: AnkiImportTarget,
  parts: readonly PartPlan[],
): Promise<boolean> {
  const again = await partsOf(
    lookup,
    userId,
    parts.flatMap((part) => part.indices),
    target,
  );
  if (again.length !== parts.length) return false;
  for (const [n, part] of again.entries()) {
    if (part.deckId !== parts[n].deckId || part.title !== parts[n].title) return false;
    const deckId = part.deckId;
    const stored = deckId ? await lookup((db) => conceptsOfDeck(db, deckId)) : [];
    if (JSON.stringify(stored) !== JSON.stringify(parts[n].stored)) return false;
  }
  return true;
}

async function stageImport(userId: string, input: AnkiImportInput, now: Date, batchId: string): Promise<StagedImport> {
  // Planned first outside the write (the checks of every note take a second or two for a large
  // package), then confirmed inside it, and planned again there only if a deck changed meanwhile.
  const planned = await planParts(inReads, userId, input);
  return write(
    async (tx) => {
      const lookup = inTransaction(tx);
      const { parts, inputs, skipped } = (await stillCurrent(lookup, userId, input.target, planned.parts))
        ? planned
        : await planParts(lookup, userId, input);
      if (parts.length === 0) throw new UserError(NOTHING_LEFT);
      for (const part of parts) {
        const limit = limitError(part.stored.length, part.plan.statuses.filter((status) => status === "added").length);
        if (limit) throw new UserError(limit);
      }
      const replayed = historiesByCard(input.histories);
      const matchedIds = parts.flatMap((part) => part.plan.matches.filter((match) => match !== null).map((match) => match.id));
      const existingCards = await existingCardsOf(tx, userId, matchedIds);
      const matchedRanks = new Map(
        (await tx.concept.findMany({ where: { id: { in: matchedIds } }, select: { id: true, rank: true } })).map((c) => [
          c.id,
          c.rank,
        ]),
      );

      const outcome: AnkiImportOutcome = {
        deckId: "",
        deckIds: [],
        added: 0,
        updated: 0,
        unchanged: 0,
        skipped,
        cards: 0,
        reviews: 0,
      };
      const undo: ImportUndo = {
        batchId,
        createdDeckIds: [],
        createdConceptIds: [],
        createdCardIds: [],
        updatedConcepts: [],
        updatedCards: [],
      };
      const conceptRows: Record<(typeof CONCEPT_COLUMNS)[number], BulkValue>[] = [];
      const cardRows: Record<CardColumn, BulkValue>[] = [];
      // The review-log rows are made as they are written (logRows below): half a million at once would not fit.
      const logSources: { cardId: string; history: ReplayedHistory; skip: Set<string> }[] = [];
      let logCount = 0;
      const cardUpdates: { id: string; state: SchedulingState }[] = [];
      const touched: string[] = [];

      const addLogs = (cardId: string, history: ReplayedHistory, skip: Set<string>) => {
        const adding = history.reviews.filter((review) => !skip.has(reviewClientId(cardId, review.snapshot.reviewedAt))).length;
        if (adding > 0) logSources.push({ cardId, history, skip });
        logCount += adding;
        return adding;
      };
      function* logRows(): Generator<Record<ReviewLogColumn, BulkValue>> {
        for (const { cardId, history, skip } of logSources) {
          for (const review of history.reviews) {
            const clientId = reviewClientId(cardId, review.snapshot.reviewedAt);
            if (skip.has(clientId)) continue;
            yield {
              ...snapshotColumns(review.snapshot),
              id: newId(),
              cardId,
              userId,
              durationMs: review.durationMs,
              clientId,
              undoneAt: null,
              kind: "GRADE",
              batchId,
            };
          }
        }
      }

      for (const part of parts) {
        let deckId = part.deckId;
        if (deckId === null) {
          deckId = (await insertOwnDeck(tx, userId, { title: part.title, description: DECK_DESCRIPTION }, now)).deckId;
          undo.createdDeckIds.push(deckId);
        }
        outcome.deckIds.push(deckId);
        const deckConcepts = await tx.concept.findMany({ where: { deckId }, select: { slug: true } });
        const slugs = new Set(deckConcepts.map((concept) => concept.slug));
        const last = await tx.concept.aggregate({ where: { deckId }, _max: { position: true, rank: true } });
        let position = (last._max.position ?? -1) + 1;
        let rank = (last._max.rank ?? -1) + 1;

        for (const [n, index] of part.indices.entries()) {
          const status = part.plan.statuses[n];
          outcome[status] += 1;
          const fields = inputs[index]!;
          const match = part.plan.matches[n];
          const conceptId = match?.id ?? newId();
          if (match && status === "updated") {
            undo.updatedConcepts.push({ id: match.id, text: importedTextColumns({ ...match, sourceText: match.sourceLocator }) });
            await tx.concept.update({ where: { id: match.id }, data: importedTextColumns(fields) });
            touched.push(match.id);
          }
          const conceptRank = match ? matchedRanks.get(match.id)! : rank;
          if (!match) {
            const base = slugify(fields.term).slice(0, 80).replace(/-+$/, "") || "concept";
            let slug = base;
            for (let k = 2; slugs.has(slug); k++) slug = `${base}-${k}`;
            slugs.add(slug);
            conceptRows.push({
              id: conceptId,
              deckId,
              slug,
              position: position++,
              rank: rank++,
              ...importedTextColumns(fields),
              confusables: "[]",
              prerequisites: "[]",
              cardKinds: JSON.stringify(CARD_KINDS),
              createdAt: now,
              updatedAt: now,
              retiredAt: null,
            });
            undo.createdConceptIds.push(conceptId);
          }
          for (const kind of CARD_KINDS) {
            const history = replayed.get(`${index}:${kind}`);
            const existing = match ? existingCards.get(`${match.id}:${kind}`) : undefined;
            if (existing) {
              if (!history || existing.studied) continue;
              if (addLogs(existing.id, history, existing.importedClientIds) > 0)
                cardUpdates.push({ id: existing.id, state: history.state });
              continue;
            }
            const cardId = newId();
            if (match) undo.createdCardIds.push(cardId);
            cardRows.push({
              id: cardId,
              userId,
              conceptId,
              deckId,
              kind,
              rank: conceptRank,
              ...schedulingColumns(cardStateOf(history, now)),
              suspended: false,
              buriedUntil: null,
              version: 0,
              createdAt: now,
            });
            if (history) addLogs(cardId, history, new Set());
          }
        }
      }
      outcome.deckId = outcome.deckIds[0];

      for (const { id, state } of cardUpdates) {
        const before = await tx.card.findUniqueOrThrow({ where: { id }, select: SCHEDULING_SELECT });
        const after = await tx.card.update({
          where: { id },
          data: { ...schedulingColumns(state), version: { increment: 1 } },
          select: { version: true },
        });
        undo.updatedCards.push({ id, before: schedulingOf(before), version: after.version });
      }
      await syncConceptSearch(tx, touched);
      outcome.cards = cardRows.length;
      outcome.reviews = logCount;
      return { outcome, conceptRows, cardRows, logRows, logCount, rowsWritten: cardUpdates.length, undo };
    },
    { timeoutMs: WRITE_TIMEOUT_MS },
  );
}

/**
 * Takes back what an import wrote before it failed: its review-log rows (in steps, as they were
 * written), then the decks, concepts and cards it made, the texts and card states it changed
 * (a card graded since keeps its grade), and their search rows.
 */
async function undoImport(userId: string, undo: ImportUndo): Promise<void> {
  for (;;) {
    const deleted = await write(
      (tx) => tx.$executeRaw`
        DELETE FROM "ReviewLog" WHERE "id" IN (
          SELECT "id" FROM "ReviewLog" WHERE "userId" = ${userId} AND "batchId" = ${undo.batchId} LIMIT ${Prisma.raw(String(BULK_ROWS))})`,
    );
    if (deleted === 0) break;
    await yieldToEventLoop();
  }
  await write(
    async (tx) => {
      for (let start = 0; start < undo.createdCardIds.length; start += ROWS_PER_INSERT)
        await tx.card.deleteMany({ where: { userId, id: { in: undo.createdCardIds.slice(start, start + ROWS_PER_INSERT) } } });
      for (let start = 0; start < undo.createdConceptIds.length; start += ROWS_PER_INSERT)
        await tx.concept.deleteMany({ where: { id: { in: undo.createdConceptIds.slice(start, start + ROWS_PER_INSERT) } } });
      await tx.deck.deleteMany({ where: { ownerId: userId, id: { in: undo.createdDeckIds } } });
      for (const { id, text } of undo.updatedConcepts) await tx.concept.update({ where: { id }, data: text });
      for (const { id, before, version } of undo.updatedCards)
        await tx.card.updateMany({ where: { id, version }, data: { ...schedulingColumns(before), version: { increment: 1 } } });
      await syncConceptSearch(tx, [...undo.createdConceptIds, ...undo.updatedConcepts.map((concept) => concept.id)]);
    },
    { timeoutMs: WRITE_TIMEOUT_MS },
  );
}

/**
 * Imports the package into the target deck (or new decks). Throws FieldErrors or a UserError
 * (no note to import, a deck limit, a deck that is not the learner's) before anything is written.
 *
 * A large package would hold the database for seconds in one transaction, and every other
 * learner's request would wait for it (reads and writes share one connection: STACK.md). So the
 * import is written in steps: one write that plans it against the decks as they are, makes the
 * decks and changes what it matches, then the new concepts, cards and review-log rows a
 * statement's worth at a time, each its own write, so other requests are answered in between. Should a step fail, everything the import wrote is taken back (undoImport) and the
 * error is thrown: the import is all or nothing. A crash part-way leaves what was written, which
 * a second import of the same package completes without doubling anything (the client ids).
 * `onProgress` hears rows written out of the total.
 */
export async function storeAnkiImport(
  userId: string,
  input: AnkiImportInput,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<AnkiImportOutcome> {
  const staged = await stageImport(userId, input, now, randomUUID());
  const total = staged.rowsWritten + staged.conceptRows.length + staged.cardRows.length + staged.logCount;
  let done = staged.rowsWritten;
  onProgress?.(done, total);
  /** Writes `rows` a statement's worth at a time, each its own write. */
  const inSteps = async <T>(rows: Iterable<T>, step: (tx: WriteTx, chunk: T[]) => Promise<unknown>) => {
    let chunk: T[] = [];
    const flush = async () => {
      const taken = chunk;
      chunk = [];
      await write((tx) => step(tx, taken));
      done += taken.length;
      onProgress?.(done, total);
      await yieldToEventLoop();
    };
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === BULK_ROWS) await flush();
    }
    if (chunk.length > 0) await flush();
  };
  try {
    await inSteps(staged.conceptRows, async (tx, rows) => {
      await insertRows(tx, "Concept", CONCEPT_COLUMNS, rows);
      await syncConceptSearch(
        tx,
        rows.map((row) => row.id as string),
      );
    });
    await inSteps(staged.cardRows, (tx, rows) => insertRows(tx, "Card", CARD_COLUMNS, rows));
    await inSteps(staged.logRows(), (tx, rows) => insertRows(tx, "ReviewLog", REVIEW_LOG_COLUMNS, rows));
  } catch (error) {
    await undoImport(userId, staged.undo);
    throw error;
  }
  return staged.outcome;
}
