import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { mapQuizJsonIds } from "@/lib/backup/quiz-refs";
import type { RestoreSummaryDTO } from "@/lib/types/backup";
import {
  BACKUP_FORMAT,
  BACKUP_MAX_BYTES,
  BACKUP_MAX_UNPACKED_BYTES,
  BACKUP_VERSION,
  BackupSchema,
  CONCEPT_REF,
  DECK_REF,
  backupPathOf,
  type Backup,
} from "@/lib/validation/backup";
import { CARD_COLUMNS, insertRows, REVIEW_LOG_COLUMNS } from "./bulk-insert";
import { newId } from "./ids";
import { read, write, type ReadDb, type WriteTx } from "./db";
import { ensureCards } from "./decks";
import { NotFoundError, UserError } from "./errors";
import { syncConceptSearch } from "./concept-search";
import { safeFileStem } from "./exports";

/*
 * The account backup: one gzip-compressed JSON file with everything the learner has (settings,
 * enrolments, own decks and concepts, wordings of built-in concepts, cards, the whole review log
 * including manual entries and undone reviews, quizzes with their questions and answers, extra new
 * cards), and its restore into an account that holds no study data yet. Streaks, statistics and
 * leeches are computed from these rows, so they come back with them.
 *
 * The file is written while it is read: pages of rows (keyset on the id) are read one at a time,
 * each its own turn on the database queue, so a learner with half a million reviews neither holds
 * the queue for seconds nor sits in memory as one string. A page read after a review made during
 * the download may see it; a review of a card the backup had already passed is left out, so every
 * review in the file names a card in it.
 */

const PAGE = 5000;
/** Rows per insert in a restore: under SQLite's bound-variable limit for the widest table. */
const INSERT_CHUNK = 1000;
/** A restore is one transaction: half a million reviews take about a minute on a small machine. */
const RESTORE_TIMEOUT_MS = 10 * 60 * 1000;

const gunzipAsync = promisify(gunzip);

// ----------------------------------------------------------------------------------------------
// References

type ConceptKey = { id: string; slug: string; deck: { slug: string; ownerId: string | null } };

const deckRefOf = (deck: { slug: string; ownerId: string | null }) => `${deck.ownerId === null ? "builtin" : "own"}:${deck.slug}`;
const conceptRefOf = (concept: ConceptKey) => `${deckRefOf(concept.deck)}/${concept.slug}`;

/** References of every concept and deck the learner's rows may name: the built-in ones and their own. */
async function referencesOf(db: ReadDb, userId: string) {
  const decks = await db.deck.findMany({
    where: { OR: [{ ownerId: null }, { ownerId: userId }] },
    select: { id: true, slug: true, ownerId: true },
  });
  const deckRefs = new Map(decks.map((deck) => [deck.id, deckRefOf(deck)]));
  const conceptRefs = new Map<string, string>();
  let after = "";
  for (;;) {
    const page = await db.concept.findMany({
      where: { id: { gt: after }, deck: { OR: [{ ownerId: null }, { ownerId: userId }] } },
      select: { id: true, slug: true, deck: { select: { slug: true, ownerId: true } } },
      orderBy: { id: "asc" },
      take: PAGE * 5,
    });
    for (const concept of page) conceptRefs.set(concept.id, conceptRefOf(concept));
    if (page.length < PAGE * 5) break;
    after = page[page.length - 1].id;
  }
  return { deckRefs, conceptRefs };
}

// ----------------------------------------------------------------------------------------------
// Backup

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

/** Reads one page after another until a short one: each page is one turn on the database queue. */
async function* pages<T extends { id: string }>(readPage: (db: ReadDb, after: string) => Promise<T[]>): AsyncGenerator<T[]> {
  let after = "";
  for (;;) {
    const page = await read((db) => readPage(db, after));
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}

/** The pieces of the backup's JSON text, in order. */
async function* backupJson(userId: string, now: Date): AsyncGenerator<string> {
  const head = await read(async (db) => {
    const user = await db.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User");
    const refs = await referencesOf(db, userId);
    const decks = await db.deck.findMany({ where: { ownerId: userId }, orderBy: { id: "asc" } });
    const enrolments = await db.enrolment.findMany({
      where: { userId },
      include: { deck: { select: { slug: true, ownerId: true } } },
    });
    const extra = await db.extraNewCards.findMany({ where: { userId }, orderBy: { id: "asc" } });
    return { user, refs, decks, enrolments, extra };
  });
  const { user, refs } = head;
  const conceptRef = (id: string) => refs.conceptRefs.get(id) ?? `missing:${id}`;
  const mapping = { concept: conceptRef, deck: (id: string) => refs.deckRefs.get(id) ?? `missing:${id}` };
  const settings = {
    accountCreatedAt: iso(user.createdAt),
    timeZone: user.timeZone,
    dayStartHour: user.dayStartHour,
    newCardsPerDay: user.newCardsPerDay,
    reviewsPerDay: user.reviewsPerDay,
    desiredRetention: user.desiredRetention,
    learningSteps: user.learningSteps,
    relearningSteps: user.relearningSteps,
    maximumIntervalDays: user.maximumIntervalDays,
    enableFuzz: user.enableFuzz,
    fsrsWeights: user.fsrsWeights,
    previousFsrsWeights: user.previousFsrsWeights,
    fsrsFittedAt: isoOrNull(user.fsrsFittedAt),
    fsrsFitCandidate: user.fsrsFitCandidate,
    dailyGoalKind: user.dailyGoalKind,
    dailyGoalReviews: user.dailyGoalReviews,
    dailyGoalChosenAt: isoOrNull(user.dailyGoalChosenAt),
    leechThreshold: user.leechThreshold,
    leechAction: user.leechAction,
    newCardOrder: user.newCardOrder,
  };
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"exportedAt":${JSON.stringify(iso(now))},`;
  yield `"username":${JSON.stringify(user.username)},\n"settings":${JSON.stringify(settings)},\n"decks":[`;

  let first = true;
  const sep = () => (first ? ((first = false), "\n") : ",\n");
  for (const deck of head.decks) {
    const fields = {
      slug: deck.slug,
      title: deck.title,
      description: deck.description,
      sourceTitle: deck.sourceTitle,
      sourceUrl: deck.sourceUrl,
      createdAt: iso(deck.createdAt),
      updatedAt: iso(deck.updatedAt),
    };
    yield `${sep()}${JSON.stringify(fields).slice(0, -1)},"concepts":[`;
    let firstConcept = true;
    for await (const page of pages((db, after) =>
      db.concept.findMany({ where: { deckId: deck.id, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE }),
    )) {
      const lines = page.map((concept) =>
        JSON.stringify({
          slug: concept.slug,
          position: concept.position,
          rank: concept.rank,
          term: concept.term,
          definition: concept.definition,
          aliases: concept.aliases,
          examples: concept.examples,
          confusables: concept.confusables,
          prerequisites: concept.prerequisites,
          tags: concept.tags,
          sourceLocator: concept.sourceLocator,
          sourceUrl: concept.sourceUrl,
          cardKinds: concept.cardKinds,
          createdAt: iso(concept.createdAt),
          updatedAt: iso(concept.updatedAt),
          retiredAt: isoOrNull(concept.retiredAt),
        }),
      );
      yield (firstConcept ? "\n" : ",\n") + lines.join(",\n");
      firstConcept = false;
    }
    yield "]}";
  }

  yield '],\n"enrolments":[';
  first = true;
  for (const enrolment of head.enrolments) {
    yield (
      sep() +
      JSON.stringify({
        deck: deckRefOf(enrolment.deck),
        createdAt: iso(enrolment.createdAt),
        stoppedAt: isoOrNull(enrolment.stoppedAt),
      })
    );
  }

  yield '],\n"overrides":[';
  first = true;
  for await (const page of pages((db, after) =>
    db.conceptOverride.findMany({ where: { userId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE }),
  )) {
    for (const row of page) {
      yield (
        sep() +
        JSON.stringify({
          concept: conceptRef(row.conceptId),
          definition: row.definition,
          examples: row.examples,
          aliases: row.aliases,
          tags: row.tags,
          originalHash: row.originalHash,
          originalChangeSeenAt: isoOrNull(row.originalChangeSeenAt),
          createdAt: iso(row.createdAt),
          updatedAt: iso(row.updatedAt),
        })
      );
    }
  }

  yield '],\n"cards":[';
  first = true;
  const cardKeys = new Set<string>();
  for await (const page of pages((db, after) =>
    db.card.findMany({ where: { userId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE }),
  )) {
    const lines = page.map((card) => {
      cardKeys.add(card.id);
      return JSON.stringify({
        key: card.id,
        concept: conceptRef(card.conceptId),
        kind: card.kind,
        due: iso(card.due),
        stability: card.stability,
        difficulty: card.difficulty,
        scheduledDays: card.scheduledDays,
        learningSteps: card.learningSteps,
        reps: card.reps,
        lapses: card.lapses,
        state: card.state,
        lastReview: isoOrNull(card.lastReview),
        rank: card.rank,
        suspended: card.suspended,
        buriedUntil: isoOrNull(card.buriedUntil),
        version: card.version,
        createdAt: iso(card.createdAt),
      });
    });
    yield sep() + lines.join(",\n");
  }

  yield '],\n"reviewLogs":[';
  first = true;
  for await (const page of pages((db, after) =>
    db.reviewLog.findMany({ where: { userId, id: { gt: after } }, orderBy: { id: "asc" }, take: PAGE }),
  )) {
    const lines: string[] = [];
    for (const log of page) {
      if (!cardKeys.has(log.cardId)) continue;
      lines.push(
        JSON.stringify({
          card: log.cardId,
          kind: log.kind,
          grade: log.grade,
          state: log.state,
          due: iso(log.due),
          lastReview: isoOrNull(log.lastReview),
          stability: log.stability,
          difficulty: log.difficulty,
          scheduledDays: log.scheduledDays,
          learningSteps: log.learningSteps,
          elapsedDays: log.elapsedDays,
          reviewedAt: iso(log.reviewedAt),
          durationMs: log.durationMs,
          clientId: log.clientId,
          undoneAt: isoOrNull(log.undoneAt),
          batchId: log.batchId,
        }),
      );
    }
    if (lines.length > 0) yield sep() + lines.join(",\n");
  }

  yield '],\n"quizzes":[';
  first = true;
  for await (const page of pages((db, after) =>
    db.quiz.findMany({
      where: { userId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      include: { questions: { orderBy: { index: "asc" }, include: { attempt: true } } },
    }),
  )) {
    for (const quiz of page) {
      yield (
        sep() +
        JSON.stringify({
          seed: quiz.seed,
          scope: mapQuizJsonIds(quiz.scope, mapping),
          modes: quiz.modes,
          length: quiz.length,
          createdAt: iso(quiz.createdAt),
          finishedAt: isoOrNull(quiz.finishedAt),
          questions: quiz.questions.map((question) => ({
            index: question.index,
            mode: question.mode,
            concept: conceptRef(question.conceptId),
            question: mapQuizJsonIds(question.question, mapping),
            askedAt: iso(question.askedAt),
            attempt: question.attempt && {
              concept: conceptRef(question.attempt.conceptId),
              mode: question.attempt.mode,
              correct: question.attempt.correct,
              chosenConcept: question.attempt.chosenConceptId === null ? null : conceptRef(question.attempt.chosenConceptId),
              typed: question.attempt.typed,
              durationMs: question.attempt.durationMs,
              answeredAt: iso(question.attempt.answeredAt),
            },
          })),
        })
      );
    }
  }

  yield '],\n"extraNewCards":[';
  first = true;
  for (const row of head.extra) {
    yield (
      sep() + JSON.stringify({ studyDay: row.studyDay, cards: row.cards, clientId: row.clientId, createdAt: iso(row.createdAt) })
    );
  }
  yield "]}\n";
}

export interface BackupDownload {
  filename: string;
  /** The gzip-compressed JSON, produced as it is read. */
  stream: ReadableStream<Uint8Array>;
}

/** The learner's whole account as a gzip-compressed JSON file, streamed. */
export async function streamAccountBackup(userId: string, now: Date): Promise<BackupDownload> {
  const user = await read((db) => db.user.findUnique({ where: { id: userId }, select: { username: true } }));
  if (!user) throw new NotFoundError("User");
  const pieces = backupJson(userId, now);
  const encoder = new TextEncoder();
  const json = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return {
    filename: `mesa-backup-${safeFileStem(user.username)}-${now.toISOString().slice(0, 10)}.json.gz`,
    stream: json.pipeThrough(new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>),
  };
}

/** The uncompressed JSON text of a backup, for tests and scripts that read it whole. */
export async function accountBackupText(userId: string, now: Date): Promise<string> {
  let out = "";
  for await (const piece of backupJson(userId, now)) out += piece;
  return out;
}

// ----------------------------------------------------------------------------------------------
// Restore

/** A restore refused: the message names the file's path at fault where there is one. */
export class BackupError extends UserError {
  constructor(message: string) {
    super(message, "INVALID");
    this.name = "BackupError";
  }
}

const MB = 1024 * 1024;

/** The file's bytes as a parsed, fully validated backup, or a BackupError saying what is wrong. */
export async function parseBackup(bytes: Uint8Array, maxUnpackedBytes = BACKUP_MAX_UNPACKED_BYTES): Promise<Backup> {
  if (bytes.byteLength === 0) throw new BackupError("The file is empty.");
  if (bytes.byteLength > BACKUP_MAX_BYTES) {
    throw new BackupError(
      `The file is ${Math.ceil(bytes.byteLength / MB)} MB; a backup may be at most ${BACKUP_MAX_BYTES / MB} MB.`,
    );
  }
  let raw: Uint8Array = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      raw = await gunzipAsync(bytes, { maxOutputLength: maxUnpackedBytes });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_BUFFER_TOO_LARGE") {
        throw new BackupError(`The file unpacks to more than ${maxUnpackedBytes / MB} MB, more than any backup holds.`);
      }
      throw new BackupError("The file looks gzip-compressed but cannot be unpacked: it may be cut short or damaged.");
    }
  }
  let textContent: string;
  try {
    textContent = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw new BackupError("The file is not valid UTF-8 text: it is not a Mesa backup, or it is damaged.");
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message.slice(0, 120)})` : "";
    throw new BackupError(`The file is not valid JSON${detail}: it may be cut short, or not a Mesa backup.`);
  }
  if (
    json === null ||
    typeof json !== "object" ||
    Array.isArray(json) ||
    (json as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    throw new BackupError(`This is not a Mesa account backup (its "format" is not "${BACKUP_FORMAT}").`);
  }
  const version = (json as { version?: unknown }).version;
  if (version !== BACKUP_VERSION) {
    throw new BackupError(
      `This backup is version ${JSON.stringify(version ?? null)}; this Mesa reads version ${BACKUP_VERSION}.`,
    );
  }
  const parsed = BackupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(`${backupPathOf(issue.path)}: ${issue.message}`);
  }
  return parsed.data;
}

export interface StudyData {
  ownDecks: number;
  reviewedCards: number;
  reviews: number;
  quizzes: number;
  overrides: number;
}

async function studyDataOf(db: ReadDb, userId: string): Promise<StudyData> {
  const [ownDecks, reviewedCards, reviews, quizzes, overrides] = await Promise.all([
    db.deck.count({ where: { ownerId: userId } }),
    db.card.count({ where: { userId, OR: [{ reps: { gt: 0 } }, { state: { not: 0 } }, { lastReview: { not: null } }] } }),
    db.reviewLog.count({ where: { userId } }),
    db.quiz.count({ where: { userId } }),
    db.conceptOverride.count({ where: { userId } }),
  ]);
  return { ownDecks, reviewedCards, reviews, quizzes, overrides };
}

function refuseUnlessEmpty(data: StudyData): void {
  const held = [
    data.ownDecks > 0 && `${data.ownDecks} deck${data.ownDecks === 1 ? "" : "s"} of your own`,
    data.reviews > 0 && `${data.reviews} review${data.reviews === 1 ? "" : "s"}`,
    data.reviews === 0 && data.reviewedCards > 0 && `${data.reviewedCards} studied card${data.reviewedCards === 1 ? "" : "s"}`,
    data.quizzes > 0 && `${data.quizzes} quiz${data.quizzes === 1 ? "" : "zes"}`,
    data.overrides > 0 && `${data.overrides} reworded concept${data.overrides === 1 ? "" : "s"}`,
  ].filter((part): part is string => typeof part === "string");
  if (held.length > 0) {
    throw new UserError(
      `A backup can only be restored into an account with no study data yet, and this one has ${held.join(", ")}. ` +
        "Sign up for a new account and restore it there.",
      "CONFLICT",
    );
  }
}

/** Whether the learner's account can take a restore (nothing studied, no decks of their own). */
export async function canRestoreInto(userId: string): Promise<boolean> {
  const data = await read((db) => studyDataOf(db, userId));
  return data.ownDecks + data.reviewedCards + data.reviews + data.quizzes + data.overrides === 0;
}

interface Resolved {
  /** Deck reference -> the installation's deck id (built-in) or the new id (own). */
  decks: Map<string, string>;
  /** Concept reference -> concept id, and its deck's id. */
  concepts: Map<string, { id: string; deckId: string }>;
  cards: Map<string, { id: string }>;
}

/** Checks every reference in the file against the installation and the file itself, and gives the new ids. */
async function resolve(db: ReadDb, backup: Backup): Promise<Resolved> {
  const builtInDecks = await db.deck.findMany({ where: { ownerId: null }, select: { id: true, slug: true } });
  const builtInConcepts = await db.concept.findMany({
    where: { deck: { ownerId: null } },
    select: { id: true, slug: true, deckId: true, deck: { select: { slug: true, ownerId: true } } },
  });
  const decks = new Map(builtInDecks.map((deck) => [`builtin:${deck.slug}`, deck.id]));
  const concepts = new Map(builtInConcepts.map((concept) => [conceptRefOf(concept), { id: concept.id, deckId: concept.deckId }]));
  backup.decks.forEach((deck, d) => {
    const ref = `own:${deck.slug}`;
    if (decks.has(ref)) throw new BackupError(`decks[${d}].slug: another deck in the file has the slug "${deck.slug}".`);
    const deckId = newId();
    decks.set(ref, deckId);
    deck.concepts.forEach((concept, c) => {
      const conceptRef = `${ref}/${concept.slug}`;
      if (concepts.has(conceptRef)) {
        throw new BackupError(`decks[${d}].concepts[${c}].slug: another concept of the deck has the slug "${concept.slug}".`);
      }
      concepts.set(conceptRef, { id: newId(), deckId });
    });
  });
  const deckOf = (ref: string, path: string) => {
    const id = decks.get(ref);
    if (id) return id;
    const [, kind, slug] = DECK_REF.exec(ref) ?? [];
    throw new BackupError(
      kind === "builtin"
        ? `${path}: the built-in deck "${slug}" does not exist on this Mesa server.`
        : `${path}: the deck "${ref}" is not among the file's decks.`,
    );
  };
  const conceptOf = (ref: string, path: string) => {
    const found = concepts.get(ref);
    if (found) return found;
    const [, deck, slug] = CONCEPT_REF.exec(ref) ?? [];
    deckOf(deck, path);
    throw new BackupError(`${path}: the deck "${deck}" has no concept "${slug}".`);
  };
  backup.enrolments.forEach((enrolment, i) => deckOf(enrolment.deck, `enrolments[${i}].deck`));
  const seen = new Set<string>();
  backup.enrolments.forEach((enrolment, i) => {
    if (seen.has(enrolment.deck)) throw new BackupError(`enrolments[${i}].deck: "${enrolment.deck}" is listed twice.`);
    seen.add(enrolment.deck);
  });
  seen.clear();
  backup.overrides.forEach((override, i) => {
    conceptOf(override.concept, `overrides[${i}].concept`);
    if (seen.has(override.concept)) throw new BackupError(`overrides[${i}].concept: "${override.concept}" is reworded twice.`);
    seen.add(override.concept);
  });
  const cards = new Map<string, { id: string }>();
  seen.clear();
  backup.cards.forEach((card, i) => {
    conceptOf(card.concept, `cards[${i}].concept`);
    if (cards.has(card.key)) throw new BackupError(`cards[${i}].key: another card has the key "${card.key}".`);
    const pair = `${card.concept} ${card.kind}`;
    if (seen.has(pair)) throw new BackupError(`cards[${i}]: a second ${card.kind} card of "${card.concept}".`);
    seen.add(pair);
    cards.set(card.key, { id: newId() });
  });
  seen.clear();
  backup.reviewLogs.forEach((log, i) => {
    if (!cards.has(log.card)) throw new BackupError(`reviewLogs[${i}].card: no card in the file has the key "${log.card}".`);
    if (seen.has(log.clientId)) throw new BackupError(`reviewLogs[${i}].clientId: "${log.clientId}" is used by another review.`);
    seen.add(log.clientId);
  });
  seen.clear();
  backup.extraNewCards.forEach((row, i) => {
    if (seen.has(row.clientId)) throw new BackupError(`extraNewCards[${i}].clientId: "${row.clientId}" is used twice.`);
    seen.add(row.clientId);
  });
  backup.quizzes.forEach((quiz, q) => {
    const indexes = new Set<number>();
    quiz.questions.forEach((question, n) => {
      const path = `quizzes[${q}].questions[${n}]`;
      conceptOf(question.concept, `${path}.concept`);
      if (indexes.has(question.index)) throw new BackupError(`${path}.index: question ${question.index} appears twice.`);
      indexes.add(question.index);
      if (question.attempt) {
        conceptOf(question.attempt.concept, `${path}.attempt.concept`);
        if (question.attempt.chosenConcept !== null) conceptOf(question.attempt.chosenConcept, `${path}.attempt.chosenConcept`);
      }
    });
  });
  return { decks, concepts, cards };
}

/** Lets other work run between the chunks of a large restore. */
const yieldToEventLoop = () => new Promise<void>((resolveYield) => setImmediate(resolveYield));

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await insert(rows.slice(start, start + INSERT_CHUNK));
    if (start + INSERT_CHUNK < rows.length) await yieldToEventLoop();
  }
}

/** A reference (or a left-over id) in quiz JSON mapped to this installation's id. */
function quizIdMapping(resolved: Resolved, path: string) {
  const lookup = (ref: string, map: Map<string, unknown>, value: (found: unknown) => string) => {
    if (ref.startsWith("missing:")) return ref.slice("missing:".length);
    const found = map.get(ref);
    if (found === undefined) throw new BackupError(`${path}: "${ref}" is neither a built-in concept here nor one of the file's.`);
    return value(found);
  };
  return {
    concept: (ref: string) => lookup(ref, resolved.concepts, (found) => (found as { id: string }).id),
    deck: (ref: string) => lookup(ref, resolved.decks, (found) => found as string),
  };
}

async function writeBackup(tx: WriteTx, userId: string, backup: Backup, resolved: Resolved, now: Date): Promise<void> {
  const concept = (ref: string) => resolved.concepts.get(ref)!;
  // A new account's built-in cards (none studied) and enrolments make way for the backup's.
  await tx.card.deleteMany({ where: { userId } });
  await tx.enrolment.deleteMany({ where: { userId } });
  await tx.extraNewCards.deleteMany({ where: { userId } });

  const { accountCreatedAt, ...settings } = backup.settings;
  await tx.user.update({ where: { id: userId }, data: { ...settings, createdAt: accountCreatedAt } });

  const ownConceptIds: string[] = [];
  for (const deck of backup.decks) {
    const deckId = resolved.decks.get(`own:${deck.slug}`)!;
    const { concepts, ...fields } = deck;
    await tx.deck.create({ data: { ...fields, id: deckId, ownerId: userId, enrolByDefault: false } });
    await insertChunked(concepts, (chunk) =>
      tx.concept.createMany({
        data: chunk.map((row) => {
          const id = concept(`own:${deck.slug}/${row.slug}`).id;
          ownConceptIds.push(id);
          return { ...row, id, deckId };
        }),
      }),
    );
  }

  await tx.enrolment.createMany({
    data: backup.enrolments.map((row) => ({
      userId,
      deckId: resolved.decks.get(row.deck)!,
      createdAt: row.createdAt,
      stoppedAt: row.stoppedAt,
    })),
  });

  await insertChunked(backup.overrides, (chunk) =>
    tx.conceptOverride.createMany({
      data: chunk.map(({ concept: ref, ...row }) => ({ ...row, id: newId(), userId, conceptId: concept(ref).id })),
    }),
  );
  const reworded = backup.overrides.map((row) => concept(row.concept).id);
  await syncConceptSearch(tx, [...ownConceptIds, ...reworded]);

  // Cards and their history are most of a large backup: written in bulk (lib/server/bulk-insert.ts).
  await insertRows(
    tx,
    "Card",
    CARD_COLUMNS,
    backup.cards.map(({ key, concept: ref, ...row }) => {
      const target = concept(ref);
      return { ...row, id: resolved.cards.get(key)!.id, userId, conceptId: target.id, deckId: target.deckId };
    }),
    yieldToEventLoop,
  );
  await insertRows(
    tx,
    "ReviewLog",
    REVIEW_LOG_COLUMNS,
    (function* () {
      for (const { card, ...row } of backup.reviewLogs)
        yield { ...row, id: newId(), userId, cardId: resolved.cards.get(card)!.id };
    })(),
    yieldToEventLoop,
  );

  for (const [q, quiz] of backup.quizzes.entries()) {
    const quizId = newId();
    await tx.quiz.create({
      data: {
        id: quizId,
        userId,
        seed: quiz.seed,
        scope: mapQuizJsonIds(quiz.scope, quizIdMapping(resolved, `quizzes[${q}].scope`)),
        modes: quiz.modes,
        length: quiz.length,
        createdAt: quiz.createdAt,
        finishedAt: quiz.finishedAt,
      },
    });
    const questions = quiz.questions.map((question, n) => ({
      question,
      id: newId(),
      path: `quizzes[${q}].questions[${n}].question`,
    }));
    await tx.quizQuestion.createMany({
      data: questions.map(({ question, id, path }) => ({
        id,
        quizId,
        userId,
        index: question.index,
        mode: question.mode,
        conceptId: concept(question.concept).id,
        question: mapQuizJsonIds(question.question, quizIdMapping(resolved, path)),
        askedAt: question.askedAt,
      })),
    });
    const attempts = questions.flatMap(({ question, id }) =>
      question.attempt ? [{ attempt: question.attempt, questionId: id }] : [],
    );
    await tx.quizAttempt.createMany({
      data: attempts.map(({ attempt, questionId }) => ({
        id: newId(),
        userId,
        questionId,
        conceptId: concept(attempt.concept).id,
        mode: attempt.mode,
        correct: attempt.correct,
        chosenConceptId: attempt.chosenConcept === null ? null : concept(attempt.chosenConcept).id,
        typed: attempt.typed,
        durationMs: attempt.durationMs,
        answeredAt: attempt.answeredAt,
      })),
    });
    if (q % 50 === 49) await yieldToEventLoop();
  }

  await tx.extraNewCards.createMany({ data: backup.extraNewCards.map((row) => ({ ...row, id: newId(), userId })) });
  // Concepts a built-in deck gained since the backup was made get their new cards, as on enrolment.
  await ensureCards(tx, now, { userId });
}

/**
 * Restores a backup into the learner's account, which must hold no study data yet. The whole file
 * is parsed and every reference checked before anything is written; then one write() recreates
 * every row with fresh ids and the file's times and values.
 */
export async function restoreAccountBackup(userId: string, bytes: Uint8Array, now: Date): Promise<RestoreSummaryDTO> {
  // Refused before the file is even read when the account is not empty: the cheap answer first.
  refuseUnlessEmpty(await read((db) => studyDataOf(db, userId)));
  const backup = await parseBackup(bytes);
  const resolved = await read((db) => resolve(db, backup));
  await write(
    async (tx) => {
      refuseUnlessEmpty(await studyDataOf(tx, userId));
      await writeBackup(tx, userId, backup, resolved, now);
    },
    { timeoutMs: RESTORE_TIMEOUT_MS },
  );
  return {
    decks: backup.decks.length,
    concepts: backup.decks.reduce((sum, deck) => sum + deck.concepts.length, 0),
    cards: backup.cards.length,
    reviews: backup.reviewLogs.length,
    quizzes: backup.quizzes.length,
  };
}
