import "server-only";
import { randomInt } from "node:crypto";
import { buildQuiz, checkAnswer, questionView, seededRandom, type QuizConcept, type QuizQuestion } from "@/lib/quiz";
import { modesOf } from "@/lib/quiz/setup";
import type { CreatedQuiz, QuizDTO, QuizFeedbackDTO } from "@/lib/types/quiz";
import type { AnswerQuizInput, CreateQuizInput, QuizScope } from "@/lib/validation/quiz";
import { read, write } from "../db";
import { NotFoundError, UserError } from "../errors";
import { conceptsById } from "./concepts";
import { confusedWithMap } from "./confusions";
import { feedbackOf } from "./feedback";
import { loadPool, nameIndexOf, tagKey, weakSpotIds, type Pool } from "./pool";

export const ALREADY_ANSWERED_MESSAGE = "This question was already answered; an answer is recorded once.";
export const EMPTY_SCOPE_MESSAGE = "There is nothing to quiz on in that choice yet.";

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

    const concepts = await conceptsById(tx, userId, [
      question.conceptId,
      ...(check.chosenConceptId ? [check.chosenConceptId] : []),
    ]);
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
    const concepts = await conceptsById(db, userId, ids);
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
