import "server-only";
import { randomInt } from "node:crypto";
import {
  buildQuiz,
  checkAnswer,
  typedMissCorrection,
  indexConceptNames,
  questionView,
  seededRandom,
  type ConceptNameIndex,
  type QuizConcept,
  type QuizQuestion,
} from "@/lib/quiz";
import { modesOf, WEAK_SPOT_DAYS } from "@/lib/quiz/setup";
import { CardState } from "@/lib/srs/card";
import type { Concept, Deck, QuizAttempt } from "@/lib/generated/prisma/client";
import type { ConfusionDTO, CreatedQuiz, QuizConceptDTO, QuizDTO, QuizFeedbackDTO, QuizSetupDTO } from "@/lib/types";
import type { AnswerQuizInput, CreateQuizInput, QuizScope } from "@/lib/validation/quiz";
import { read, write, type ReadDb } from "./db";
import { NotFoundError, UserError } from "./errors";
import { parseJsonList } from "./mappers";

const DAY_MS = 24 * 60 * 60 * 1000;

export const ALREADY_ANSWERED_MESSAGE = "This question was already answered; an answer is recorded once.";
export const EMPTY_SCOPE_MESSAGE = "There is nothing to quiz on in that choice yet.";

/*
 * The concepts of the user's decks, the pool every quiz draws from. A large collection has
 * thousands of concepts, and reading and parsing them costs more than building the quiz, so each
 * deck's concepts are kept in memory and reused while the deck's concepts are unchanged (same
 * count, same latest update): decks change rarely, quizzes are taken often.
 */

interface DeckConcepts {
  key: string;
  concepts: QuizConcept[];
}

const MAX_CACHED_DECKS = 64;
const deckCache = new Map<string, DeckConcepts>();
const nameIndexCache = new Map<string, ConceptNameIndex>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > MAX_CACHED_DECKS) cache.delete(cache.keys().next().value!);
  return value;
}

function quizConceptOf(
  concept: Pick<Concept, "id" | "slug" | "term" | "definition" | "aliases" | "examples" | "confusables" | "tags">,
  deckSlug: string,
): QuizConcept {
  return {
    id: concept.id,
    slug: concept.slug,
    deckSlug,
    term: concept.term,
    definition: concept.definition,
    aliases: parseJsonList(concept.aliases),
    examples: parseJsonList(concept.examples),
    confusables: parseJsonList(concept.confusables),
    tags: parseJsonList(concept.tags),
  };
}

interface Pool {
  decks: { id: string; slug: string; title: string }[];
  concepts: QuizConcept[];
  /** The cache keys of the decks, joined: identifies this exact pool. */
  key: string;
}

async function loadPool(db: ReadDb, userId: string): Promise<Pool> {
  const enrolments = await db.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { deck: { select: { id: true, slug: true, title: true } } },
  });
  const decks = enrolments.map((e) => e.deck);
  const versions = await db.concept.groupBy({
    by: ["deckId"],
    where: { deckId: { in: decks.map((d) => d.id) } },
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const keyOf = new Map(versions.map((v) => [v.deckId, `${v.deckId}:${v._count._all}:${v._max.updatedAt?.getTime() ?? 0}`]));
  const concepts: QuizConcept[] = [];
  for (const deck of decks) {
    const key = keyOf.get(deck.id) ?? `${deck.id}:0`;
    let cached = deckCache.get(deck.id);
    if (cached?.key !== key) {
      const rows = await db.concept.findMany({
        where: { deckId: deck.id },
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          term: true,
          definition: true,
          aliases: true,
          examples: true,
          confusables: true,
          tags: true,
        },
      });
      cached = remember(deckCache, deck.id, { key, concepts: rows.map((row) => quizConceptOf(row, deck.slug)) });
    }
    concepts.push(...cached.concepts);
  }
  return { decks, concepts, key: decks.map((d) => keyOf.get(d.id) ?? d.id).join("|") };
}

function nameIndexOf(pool: Pool): ConceptNameIndex {
  return nameIndexCache.get(pool.key) ?? remember(nameIndexCache, pool.key, indexConceptNames(pool.concepts));
}

/** Concept ids with a review lapse (Again on a card in Review) or a quiz miss in the last WEAK_SPOT_DAYS. */
async function weakSpotIds(db: ReadDb, userId: string, now: Date): Promise<Set<string>> {
  const since = new Date(now.getTime() - WEAK_SPOT_DAYS * DAY_MS);
  const [lapses, misses] = await Promise.all([
    db.reviewLog.findMany({
      where: { userId, undoneAt: null, grade: 1, state: CardState.Review, reviewedAt: { gte: since } },
      select: { card: { select: { conceptId: true } } },
      distinct: ["cardId"],
    }),
    db.quizAttempt.findMany({
      where: { userId, correct: false, answeredAt: { gte: since } },
      select: { conceptId: true },
      distinct: ["conceptId"],
    }),
  ]);
  return new Set([...lapses.map((l) => l.card.conceptId), ...misses.map((m) => m.conceptId)]);
}

/** Concept id -> the concepts the user has confused it with (either way round), most often first. */
async function confusedWithMap(db: ReadDb, userId: string, conceptIds?: readonly string[]): Promise<Map<string, string[]>> {
  const groups = await db.quizAttempt.groupBy({
    by: ["conceptId", "chosenConceptId"],
    where: {
      userId,
      chosenConceptId: { not: null },
      ...(conceptIds ? { OR: [{ conceptId: { in: [...conceptIds] } }, { chosenConceptId: { in: [...conceptIds] } }] } : {}),
    },
    _count: { _all: true },
    _max: { answeredAt: true },
  });
  const counts = new Map<string, Map<string, { count: number; last: number }>>();
  const add = (from: string, to: string, count: number, last: number) => {
    let row = counts.get(from);
    if (!row) counts.set(from, (row = new Map<string, { count: number; last: number }>()));
    const entry = row.get(to) ?? { count: 0, last: 0 };
    row.set(to, { count: entry.count + count, last: Math.max(entry.last, last) });
  };
  for (const group of groups) {
    const last = group._max.answeredAt?.getTime() ?? 0;
    add(group.conceptId, group.chosenConceptId!, group._count._all, last);
    add(group.chosenConceptId!, group.conceptId, group._count._all, last);
  }
  return new Map(
    [...counts].map(([id, others]) => [
      id,
      [...others].sort((x, y) => y[1].count - x[1].count || y[1].last - x[1].last).map(([other]) => other),
    ]),
  );
}

function tagKey(tag: string): string {
  return tag.trim().toLowerCase();
}

function scopeConcepts(scope: QuizScope, pool: Pool, weak: Set<string> | null): QuizConcept[] {
  switch (scope.kind) {
    case "all":
      return pool.concepts;
    case "deck": {
      const deck = pool.decks.find((d) => d.id === scope.deckId);
      if (!deck) throw new NotFoundError("That deck");
      return pool.concepts.filter((c) => c.deckSlug === deck.slug);
    }
    case "weak":
      return pool.concepts.filter((c) => weak!.has(c.id));
    case "tag": {
      const wanted = tagKey(scope.tag);
      return pool.concepts.filter((c) => c.tags.some((tag) => tagKey(tag) === wanted));
    }
    case "pair":
    case "concepts": {
      const byId = new Map(pool.concepts.map((c) => [c.id, c]));
      const picked = [...new Set(scope.conceptIds)].map((id) => byId.get(id));
      // A concept outside the user's decks is not theirs to quiz on; say so rather than quiz on less.
      if (picked.some((c) => c === undefined)) throw new NotFoundError("A concept of that quiz");
      return picked as QuizConcept[];
    }
  }
}

function scopeTitle(scope: QuizScope, pool: Pool): string {
  switch (scope.kind) {
    case "all":
      return "All my decks";
    case "deck":
      return pool.decks.find((d) => d.id === scope.deckId)?.title ?? "A deck";
    case "weak":
      return "Weak spots";
    case "tag":
      return `Tagged “${scope.tag}”`;
    case "pair": {
      const terms = scope.conceptIds.map((id) => pool.concepts.find((c) => c.id === id)?.term ?? "?");
      return `${terms[0]} or ${terms[1]}`;
    }
    case "concepts":
      return "Missed concepts, again";
  }
}

/**
 * Builds a quiz for the user's own decks and stores it with every question as built (answers
 * included), so answers are later checked against the server's copy. `seed` is for tests and
 * benchmarks; by default a fresh one is drawn. Nothing outside the quiz tables is written.
 */
export async function createQuiz(
  userId: string,
  input: CreateQuizInput,
  now: Date,
  options: { seed?: number } = {},
): Promise<CreatedQuiz> {
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  return write(async (tx) => {
    const pool = await loadPool(tx, userId);
    const weak = input.scope.kind === "weak" ? await weakSpotIds(tx, userId, now) : null;
    const concepts = scopeConcepts(input.scope, pool, weak);
    if (concepts.length === 0) throw new UserError(EMPTY_SCOPE_MESSAGE);
    const modes = modesOf(input.mode);
    const questions = buildQuiz({
      concepts,
      pool: pool.concepts,
      modes,
      length: input.length,
      random: seededRandom(seed),
      confusedWith: await confusedWithMap(tx, userId),
    });
    if (questions.length === 0) {
      throw new UserError(
        "These concepts cannot be asked that way (too few to compare, or no examples). Try mixed questions or a larger scope.",
      );
    }
    const quiz = await tx.quiz.create({
      data: {
        userId,
        seed,
        scope: JSON.stringify({ ...input.scope, title: scopeTitle(input.scope, pool) }),
        modes: JSON.stringify(modes),
        length: input.length === "all" ? null : input.length,
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.quizQuestion.createMany({
      data: questions.map((question) => ({
        quizId: quiz.id,
        userId,
        index: question.index,
        mode: question.mode,
        conceptId: question.conceptId,
        question: JSON.stringify(question),
        askedAt: now,
      })),
    });
    return { quizId: quiz.id, questionCount: questions.length };
  });
}

type ConceptWithDeck = Concept & { deck: Deck };

function conceptDTO(concept: ConceptWithDeck): QuizConceptDTO {
  return {
    id: concept.id,
    term: concept.term,
    definition: concept.definition,
    deckTitle: concept.deck.title,
    sourceTitle: concept.deck.sourceTitle,
    sourceUrl: concept.deck.sourceUrl,
    sourceLocator: concept.sourceLocator,
  };
}

async function conceptsById(db: ReadDb, ids: Iterable<string>): Promise<Map<string, QuizConceptDTO>> {
  const rows = await db.concept.findMany({ where: { id: { in: [...new Set(ids)] } }, include: { deck: true } });
  return new Map(rows.map((row) => [row.id, conceptDTO(row)]));
}

type StoredAttempt = Pick<QuizAttempt, "correct" | "chosenConceptId" | "typed" | "durationMs">;

/**
 * The feedback for a stored answer, rebuilt from the question and the attempt alone, so the
 * feedback shown right after answering and after a reload are the same.
 */
function feedbackOf(
  questionId: string,
  question: QuizQuestion,
  attempt: StoredAttempt,
  concepts: Map<string, QuizConceptDTO>,
): QuizFeedbackDTO {
  const answer = concepts.get(question.conceptId)!;
  const chosen = attempt.chosenConceptId ? (concepts.get(attempt.chosenConceptId) ?? null) : null;
  const base = { questionId, correct: attempt.correct, durationMs: attempt.durationMs, answer, chosen };
  switch (question.mode) {
    case "true-false": {
      const choice = attempt.correct ? question.truth : !question.truth;
      const check = checkAnswer(question, choice);
      return {
        ...base,
        correction: check.valid ? check.correction : "",
        acceptedSpelling: null,
        answerIndex: null,
        truth: question.truth,
        choice,
      };
    }
    case "typed-recall": {
      const typed = attempt.typed ?? "";
      const check = checkAnswer(question, typed);
      let correction = `The answer is ${question.term}.`;
      if (attempt.chosenConceptId && chosen) correction = typedMissCorrection(question.term, typed, chosen.term);
      else if (attempt.correct && check.valid) correction = check.correction;
      const acceptedSpelling = attempt.correct && check.valid && check.accepted ? check.accepted.spelled : null;
      return { ...base, correction, acceptedSpelling, answerIndex: null, truth: null, choice: typed };
    }
    default: {
      const choice = attempt.correct
        ? question.answerIndex
        : question.options.findIndex((o) => o.conceptId === attempt.chosenConceptId);
      const check = checkAnswer(question, choice);
      return {
        ...base,
        correction: check.valid ? check.correction : "",
        acceptedSpelling: null,
        answerIndex: question.answerIndex,
        truth: null,
        choice,
      };
    }
  }
}

/**
 * Records the answer to one question and returns the feedback. Correctness comes from the stored
 * question only. Refused with nothing written: a question that is not the user's (or does not
 * exist; the two are indistinguishable to the caller), a question already answered, and an answer
 * that does not fit the question.
 */
export async function answerQuestion(userId: string, input: AnswerQuizInput, now: Date): Promise<QuizFeedbackDTO> {
  return write(async (tx) => {
    const row = await tx.quizQuestion.findUnique({
      where: { id: input.questionId },
      select: { id: true, userId: true, quizId: true, question: true, attempt: { select: { id: true } } },
    });
    if (!row || row.userId !== userId) throw new NotFoundError("That question");
    if (row.attempt) throw new UserError(ALREADY_ANSWERED_MESSAGE, "CONFLICT");
    const question = JSON.parse(row.question) as QuizQuestion;
    const names = question.mode === "typed-recall" ? nameIndexOf(await loadPool(tx, userId)) : undefined;
    const check = checkAnswer(question, input.answer, names);
    if (!check.valid) throw new UserError(check.message);

    const attempt = await tx.quizAttempt.create({
      data: {
        userId,
        questionId: row.id,
        conceptId: question.conceptId,
        mode: question.mode,
        correct: check.correct,
        chosenConceptId: check.chosenConceptId ?? null,
        typed: typeof input.answer === "string" ? input.answer : null,
        durationMs: input.durationMs,
        answeredAt: now,
      },
      select: { correct: true, chosenConceptId: true, typed: true, durationMs: true },
    });
    const unanswered = await tx.quizQuestion.count({ where: { quizId: row.quizId, attempt: null } });
    if (unanswered === 0) await tx.quiz.update({ where: { id: row.quizId }, data: { finishedAt: now } });

    const concepts = await conceptsById(tx, [question.conceptId, ...(check.chosenConceptId ? [check.chosenConceptId] : [])]);
    return feedbackOf(row.id, question, attempt, concepts);
  });
}

/** One of the user's quizzes: its questions as the client may see them, and the answers so far. */
export async function getQuiz(userId: string, quizId: string): Promise<QuizDTO> {
  return read(async (db) => {
    const quiz = await db.quiz.findFirst({
      where: { id: quizId, userId },
      include: { questions: { orderBy: { index: "asc" }, include: { attempt: true } } },
    });
    if (!quiz) throw new NotFoundError("That quiz");
    const questions = quiz.questions.map((row) => ({ row, question: JSON.parse(row.question) as QuizQuestion }));
    const ids = questions.flatMap(({ row, question }) =>
      row.attempt ? [question.conceptId, ...(row.attempt.chosenConceptId ? [row.attempt.chosenConceptId] : [])] : [],
    );
    const concepts = await conceptsById(db, ids);
    const scope = JSON.parse(quiz.scope) as { title?: string };
    return {
      id: quiz.id,
      title: scope.title ?? "Quiz",
      questions: questions.map(({ row, question }) => ({ ...questionView(question), id: row.id })),
      feedback: questions.map(({ row, question }) => (row.attempt ? feedbackOf(row.id, question, row.attempt, concepts) : null)),
      finished: quiz.finishedAt !== null,
    };
  });
}

interface PairRow {
  a: string;
  b: string;
  n: number | bigint;
  last: string | number | Date;
}

function dateOf(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

async function confusionsOf(db: ReadDb, userId: string, limit: number): Promise<ConfusionDTO[]> {
  // Grouped in SQLite: the history is never loaded. A pair is unordered, so each attempt counts
  // for (smaller id, larger id); only concepts of decks the user still studies are listed.
  const rows = await db.$queryRaw<PairRow[]>`
    SELECT MIN(qa."conceptId", qa."chosenConceptId") AS "a", MAX(qa."conceptId", qa."chosenConceptId") AS "b",
           COUNT(*) AS "n", MAX(qa."answeredAt") AS "last"
    FROM "QuizAttempt" qa
    JOIN "Concept" ca ON ca."id" = qa."conceptId"
    JOIN "Concept" cb ON cb."id" = qa."chosenConceptId"
    WHERE qa."userId" = ${userId} AND qa."chosenConceptId" IS NOT NULL
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = ${userId} AND e."deckId" = ca."deckId")
      AND EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = ${userId} AND e."deckId" = cb."deckId")
    GROUP BY "a", "b"
    ORDER BY "n" DESC, "last" DESC
    LIMIT ${limit}`;
  const concepts = await conceptsById(
    db,
    rows.flatMap((row) => [row.a, row.b]),
  );
  return rows.map((row) => ({
    a: concepts.get(row.a)!,
    b: concepts.get(row.b)!,
    count: Number(row.n),
    lastAt: dateOf(row.last),
  }));
}

/** The pairs of concepts the user mixes up most: quiz misses and typed answers that named the other. */
export async function listConfusions(userId: string, limit = 20): Promise<ConfusionDTO[]> {
  return read((db) => confusionsOf(db, userId, limit));
}

/** What the quiz setup offers: the user's decks, their tags, how many weak spots, the top confused pairs. */
export async function getQuizSetup(userId: string, now: Date): Promise<QuizSetupDTO> {
  return read(async (db) => {
    const pool = await loadPool(db, userId);
    const weak = await weakSpotIds(db, userId, now);
    const perDeck = new Map<string, number>();
    const tags = new Map<string, { tag: string; conceptCount: number }>();
    let weakSpotCount = 0;
    for (const concept of pool.concepts) {
      perDeck.set(concept.deckSlug, (perDeck.get(concept.deckSlug) ?? 0) + 1);
      if (weak.has(concept.id)) weakSpotCount += 1;
      for (const tag of new Set(concept.tags.map(tagKey))) {
        const entry = tags.get(tag) ?? { tag, conceptCount: 0 };
        entry.conceptCount += 1;
        tags.set(tag, entry);
      }
    }
    return {
      decks: pool.decks.map((deck) => ({ id: deck.id, title: deck.title, conceptCount: perDeck.get(deck.slug) ?? 0 })),
      tags: [...tags.values()].sort((x, y) => y.conceptCount - x.conceptCount || x.tag.localeCompare(y.tag)),
      weakSpotCount,
      pairs: await confusionsOf(db, userId, 5),
    };
  });
}

const MAX_HINTS = 3;

/**
 * For the back of review cards: concept id -> the terms to tell it apart from. The pairs the user
 * has confused in quizzes come first (most confused first); a concept the user never confused
 * gets the deck's declared confusables instead.
 */
export async function confusionHints(
  db: ReadDb,
  userId: string,
  concepts: readonly Pick<Concept, "id" | "deckId" | "confusables">[],
): Promise<Map<string, string[]>> {
  const hints = new Map<string, string[]>();
  if (concepts.length === 0) return hints;
  const ids = concepts.map((c) => c.id);
  const confused = await confusedWithMap(db, userId, ids);
  const declared = concepts.map((concept) => ({
    concept,
    refs: confused.has(concept.id) ? [] : parseJsonList(concept.confusables),
  }));
  // Only the referenced slugs are read (through the (deckId, slug) index), never a whole deck.
  const sameDeck = new Map<string, Set<string>>();
  const otherDeck = new Map<string, Set<string>>();
  for (const { concept, refs } of declared) {
    for (const ref of refs) {
      const slash = ref.indexOf("/");
      const [map, key, slug] =
        slash === -1 ? [sameDeck, concept.deckId, ref] : [otherDeck, ref.slice(0, slash), ref.slice(slash + 1)];
      let slugs = map.get(key);
      if (!slugs) map.set(key, (slugs = new Set()));
      slugs.add(slug);
    }
  }
  const [confusedTerms, sameDeckTerms, otherDeckTerms] = await Promise.all([
    db.concept.findMany({ where: { id: { in: [...new Set([...confused.values()].flat())] } }, select: { id: true, term: true } }),
    sameDeck.size > 0
      ? db.concept.findMany({
          where: { OR: [...sameDeck].map(([deckId, slugs]) => ({ deckId, slug: { in: [...slugs] } })) },
          select: { deckId: true, slug: true, term: true },
        })
      : Promise.resolve([]),
    otherDeck.size > 0
      ? db.concept.findMany({
          where: {
            OR: [...otherDeck].map(([deckSlug, slugs]) => ({
              slug: { in: [...slugs] },
              deck: { slug: deckSlug, OR: [{ ownerId: null }, { ownerId: userId }] },
            })),
          },
          select: { slug: true, term: true, deck: { select: { slug: true } } },
        })
      : Promise.resolve([]),
  ]);
  const termById = new Map(confusedTerms.map((c) => [c.id, c.term]));
  const termBySlug = new Map<string, string>([
    ...sameDeckTerms.map((c) => [`${c.deckId} ${c.slug}`, c.term] as const),
    ...otherDeckTerms.map((c) => [`/${c.deck.slug}/${c.slug}`, c.term] as const),
  ]);
  for (const { concept, refs } of declared) {
    const others = confused.get(concept.id);
    const terms = others
      ? others.map((id) => termById.get(id))
      : refs.map((ref) => termBySlug.get(ref.includes("/") ? `/${ref}` : `${concept.deckId} ${ref}`));
    const found = terms.filter((term): term is string => term !== undefined).slice(0, MAX_HINTS);
    if (found.length > 0) hints.set(concept.id, found);
  }
  return hints;
}
