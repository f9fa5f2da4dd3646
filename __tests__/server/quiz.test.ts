import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { Concept, User } from "@/lib/generated/prisma/client";
import type { MultipleChoiceQuestion, QuizQuestion, TrueFalseQuestion, TypedRecallQuestion } from "@/lib/quiz";
import { createActionHelpers } from "@/lib/server/action";
import { disconnect, read, write } from "@/lib/server/db";
import { listConfusions } from "@/lib/server/quiz/confusions";
import { ALREADY_ANSWERED_MESSAGE, answerQuestion, createQuiz, getQuiz } from "@/lib/server/quiz/quizzes";
import { getQuizSetup } from "@/lib/server/quiz/setup";
import { getReviewQueue } from "@/lib/server/study/queue";
import { CardState } from "@/lib/srs/card";
import { AnswerQuizSchema, type CreateQuizInput } from "@/lib/validation/quiz";
import { cardsOf, expectUserError, newUser, schedulingFieldsOf, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let alice: User;
let bob: User;
let concepts: Concept[];
let deckId: string;

const bySlug = (slug: string) => {
  const concept = concepts.find((c) => c.slug === slug);
  if (!concept) throw new Error(`no concept ${slug}`);
  return concept;
};

/** The stored questions of a quiz, answers included, in order. */
async function storedQuestions(quizId: string) {
  const rows = await read((db) => db.quizQuestion.findMany({ where: { quizId }, orderBy: { index: "asc" } }));
  return rows.map((row) => ({ id: row.id, question: JSON.parse(row.question) as QuizQuestion }));
}

async function quizOf(user: User, input: Partial<CreateQuizInput> = {}, seed = 7) {
  const created = await createQuiz(user.id, { scope: { kind: "all" }, length: 10, mode: "mixed", ...input }, NOW, { seed });
  return { ...created, questions: await storedQuestions(created.quizId) };
}

type QuestionOfMode = {
  "definition-to-term": MultipleChoiceQuestion;
  "term-to-definition": MultipleChoiceQuestion;
  "example-to-concept": MultipleChoiceQuestion;
  "true-false": TrueFalseQuestion;
  "typed-recall": TypedRecallQuestion;
};

async function firstOfMode<M extends QuizQuestion["mode"]>(user: User, mode: M, seed = 11) {
  const quiz = await quizOf(user, { mode }, seed);
  expect(quiz.questions[0].question.mode).toBe(mode);
  return quiz.questions[0] as { id: string; question: QuestionOfMode[M] };
}

const attemptCount = () => read((db) => db.quizAttempt.count());

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  concepts = await read((db) =>
    db.concept.findMany({ where: { deck: { slug: "learned-optimization", ownerId: null } }, orderBy: { position: "asc" } }),
  );
  deckId = concepts[0].deckId;
});

afterAll(async () => {
  await disconnect();
});

describe("createQuiz", () => {
  it("stores the built questions and hands the client views without the answers", async () => {
    const quiz = await quizOf(alice);
    expect(quiz.questionCount).toBe(10);
    expect(quiz.questions).toHaveLength(10);
    const view = await getQuiz(alice.id, quiz.quizId);
    expect(view.questions.map((q) => q.id)).toEqual(quiz.questions.map((q) => q.id));
    expect(view.feedback).toEqual(Array(10).fill(null));
    expect(view.finished).toBe(false);
    const sent = JSON.stringify(view.questions);
    for (const key of ["answerIndex", "truth", "accepted", "conceptId", "pairedConceptId"])
      expect(sent).not.toContain(`"${key}"`);
  });

  it("is the same quiz for the same seed, and mixes all five modes", async () => {
    const one = await quizOf(alice, { length: 20 }, 42);
    const two = await quizOf(alice, { length: 20 }, 42);
    expect(two.questions.map((q) => q.question)).toEqual(one.questions.map((q) => q.question));
    expect(new Set(one.questions.map((q) => q.question.mode)).size).toBe(5);
  });

  it("asks only about the chosen deck, tag, pair or listed concepts", async () => {
    const deck = await quizOf(alice, { scope: { kind: "deck", deckId }, length: "all" });
    expect(deck.questionCount).toBe(concepts.length);

    const tagged = concepts.filter((c) => (JSON.parse(c.tags) as string[]).includes("alignment")).map((c) => c.id);
    const tag = await quizOf(alice, { scope: { kind: "tag", tag: "Alignment" }, length: "all" });
    expect(new Set(tag.questions.map((q) => q.question.conceptId))).toEqual(new Set(tagged));

    const pair = [bySlug("mesa-optimizer").id, bySlug("meta-optimizer").id] as [string, string];
    const both = await quizOf(alice, { scope: { kind: "pair", conceptIds: pair }, length: 10 });
    expect(both.questions.map((q) => q.question.conceptId).sort()).toEqual([...pair].sort());

    const listed = await quizOf(alice, { scope: { kind: "concepts", conceptIds: [bySlug("goal").id] }, mode: "typed-recall" });
    expect(listed.questions.map((q) => [q.question.conceptId, q.question.mode])).toEqual([[bySlug("goal").id, "typed-recall"]]);
  });

  it("refuses a deck the user does not study and an empty tag, writing nothing", async () => {
    const before = await read((db) => db.quiz.count());
    await expectUserError(
      createQuiz(alice.id, { scope: { kind: "deck", deckId: "not-a-deck" }, length: 10, mode: "mixed" }, NOW),
      "NOT_FOUND",
    );
    await expectUserError(
      createQuiz(alice.id, { scope: { kind: "tag", tag: "no-such-tag" }, length: 10, mode: "mixed" }, NOW),
      "INVALID",
    );
    await expectUserError(
      createQuiz(
        alice.id,
        { scope: { kind: "concepts", conceptIds: [bySlug("goal").id, "someone-elses"] }, length: 10, mode: "mixed" },
        NOW,
      ),
      "NOT_FOUND",
    );
    expect(await read((db) => db.quiz.count())).toBe(before);
  });
});

describe("weak spots", () => {
  it("are the concepts with a lapse on a Review card or a quiz miss in the last 30 days, and nothing else", async () => {
    const carol = await newUser("carol", NOW);
    const cards = await cardsOf(carol.id);
    const cardOf = (slug: string) => cards.find((c) => c.concept.slug === slug)!;
    const log = (cardId: string, grade: number, state: number, reviewedAt: Date, undoneAt: Date | null = null) => ({
      cardId,
      userId: carol.id,
      grade,
      state,
      due: reviewedAt,
      stability: 3,
      difficulty: 5,
      scheduledDays: 3,
      learningSteps: 0,
      elapsedDays: 3,
      reviewedAt,
      durationMs: 1000,
      clientId: `weak-${cardId}-${reviewedAt.getTime()}-${grade}`,
      undoneAt,
    });
    await write((tx) =>
      tx.reviewLog.createMany({
        data: [
          log(cardOf("purpose").id, 1, CardState.Review, at(-2 * DAY)),
          // Not weak: too long ago, a pass, a lapse while still learning, an undone lapse.
          log(cardOf("goal").id, 1, CardState.Review, at(-31 * DAY)),
          log(cardOf("optimizer").id, 3, CardState.Review, at(-DAY)),
          log(cardOf("search-space").id, 1, CardState.Learning, at(-DAY)),
          log(cardOf("base-optimizer").id, 1, CardState.Review, at(-DAY), at(-DAY + 1000)),
        ],
      }),
    );
    expect((await getQuizSetup(carol.id, NOW)).weakSpotCount).toBe(1);

    const { id, question } = await firstOfMode(carol, "typed-recall");
    await answerQuestion(carol.id, { questionId: id, answer: "certainly not the term", durationMs: 1000 }, at(-DAY));
    const weak = await quizOf(carol, { scope: { kind: "weak" }, length: "all" });
    expect(new Set(weak.questions.map((q) => q.question.conceptId))).toEqual(
      new Set([cardOf("purpose").conceptId, question.conceptId]),
    );
    expect((await getQuizSetup(carol.id, NOW)).weakSpotCount).toBe(question.conceptId === cardOf("purpose").conceptId ? 1 : 2);
  });
});

describe("answerQuestion", () => {
  it("decides multiple choice from the stored question and records the chosen concept when wrong", async () => {
    const right = await firstOfMode(alice, "definition-to-term", 1);
    const feedback = await answerQuestion(
      alice.id,
      { questionId: right.id, answer: right.question.answerIndex, durationMs: 4000 },
      NOW,
    );
    expect(feedback).toMatchObject({ correct: true, chosen: null, answerIndex: right.question.answerIndex, durationMs: 4000 });
    expect(feedback.answer.term).toBe(right.question.term);

    const wrong = await firstOfMode(alice, "definition-to-term", 2);
    const q: MultipleChoiceQuestion = wrong.question;
    const pick = (q.answerIndex + 1) % q.options.length;
    const miss = await answerQuestion(alice.id, { questionId: wrong.id, answer: pick, durationMs: 3000 }, NOW);
    const picked = concepts.find((c) => c.id === q.options[pick].conceptId)!;
    expect(miss.correct).toBe(false);
    expect(miss.chosen).toMatchObject({ id: picked.id, term: picked.term, definition: picked.definition });
    expect(miss.answer.term).toBe(q.term);
    expect(miss.answer.deckTitle).not.toBe("");
    expect(miss.correction).toBe(`The answer is ${q.term}, not ${picked.term}.`);
    const stored = await read((db) => db.quizAttempt.findUnique({ where: { questionId: wrong.id } }));
    expect(stored).toMatchObject({
      userId: alice.id,
      conceptId: q.conceptId,
      chosenConceptId: picked.id,
      correct: false,
      mode: q.mode,
      durationMs: 3000,
    });
  });

  it("takes accepting a false statement as confusing the paired term", async () => {
    const quiz = await quizOf(alice, { mode: "true-false" }, 5);
    const lie = quiz.questions.find((q) => !(q.question as TrueFalseQuestion).truth)!;
    const q = lie.question as TrueFalseQuestion;
    const feedback = await answerQuestion(alice.id, { questionId: lie.id, answer: true, durationMs: 1000 }, NOW);
    expect(feedback).toMatchObject({ correct: false, truth: false, choice: true });
    expect(feedback.chosen?.id).toBe(q.pairedConceptId);
  });

  it("accepts a typo in typed recall and says so, and records another concept's term as a confusion", async () => {
    const goal = bySlug("goal");
    const purpose = bySlug("purpose");
    const one = await quizOf(alice, {
      scope: { kind: "concepts", conceptIds: [bySlug("mesa-optimizer").id] },
      mode: "typed-recall",
    });
    const typo = await answerQuestion(
      alice.id,
      { questionId: one.questions[0].id, answer: "Mesa optimzer", durationMs: 1000 },
      NOW,
    );
    expect(typo).toMatchObject({ correct: true, acceptedSpelling: "Mesa optimzer", chosen: null });
    expect(typo.correction).toContain("Accepted");

    const two = await quizOf(alice, { scope: { kind: "concepts", conceptIds: [goal.id] }, mode: "typed-recall" });
    const confused = await answerQuestion(
      alice.id,
      { questionId: two.questions[0].id, answer: purpose.term, durationMs: 1000 },
      NOW,
    );
    expect(confused).toMatchObject({ correct: false, acceptedSpelling: null, choice: purpose.term });
    expect(confused.chosen?.id).toBe(purpose.id);
    const stored = await read((db) => db.quizAttempt.findUnique({ where: { questionId: two.questions[0].id } }));
    expect(stored).toMatchObject({ correct: false, chosenConceptId: purpose.id, typed: purpose.term });

    // A reload shows the same feedback as the answer did.
    expect((await getQuiz(alice.id, two.quizId)).feedback[0]).toEqual(confused);
  });

  it("refuses a replayed answer, keeping the first one", async () => {
    const { id, question } = await firstOfMode(alice, "definition-to-term", 3);
    const q = question;
    await answerQuestion(alice.id, { questionId: id, answer: (q.answerIndex + 1) % q.options.length, durationMs: 1000 }, NOW);
    const error = await expectUserError(
      answerQuestion(alice.id, { questionId: id, answer: q.answerIndex, durationMs: 1000 }, at(1000)),
      "CONFLICT",
    );
    expect(error.message).toBe(ALREADY_ANSWERED_MESSAGE);
    const attempts = await read((db) => db.quizAttempt.findMany({ where: { questionId: id } }));
    expect(attempts).toHaveLength(1);
    expect(attempts[0].correct).toBe(false);
  });

  it("refuses an answer to another user's question and to a question never asked, writing nothing", async () => {
    const { id, question } = await firstOfMode(alice, "definition-to-term", 4);
    const before = await attemptCount();
    await expectUserError(
      answerQuestion(bob.id, { questionId: id, answer: question.answerIndex, durationMs: 1 }, NOW),
      "NOT_FOUND",
    );
    await expectUserError(answerQuestion(alice.id, { questionId: "never-asked", answer: 0, durationMs: 1 }, NOW), "NOT_FOUND");
    expect(await attemptCount()).toBe(before);
    await expectUserError(
      getQuiz(bob.id, (await read((db) => db.quizQuestion.findUnique({ where: { id } })))!.quizId),
      "NOT_FOUND",
    );
  });

  it("refuses an answer that does not fit the question, writing nothing", async () => {
    const mc = await firstOfMode(alice, "definition-to-term", 6);
    const typed = await firstOfMode(alice, "typed-recall", 6);
    const before = await attemptCount();
    await expectUserError(answerQuestion(alice.id, { questionId: mc.id, answer: 7, durationMs: 1 }, NOW), "INVALID");
    await expectUserError(answerQuestion(alice.id, { questionId: mc.id, answer: "Goal", durationMs: 1 }, NOW), "INVALID");
    await expectUserError(answerQuestion(alice.id, { questionId: typed.id, answer: "  ", durationMs: 1 }, NOW), "INVALID");
    expect(await attemptCount()).toBe(before);
  });

  it("refuses a forged correct claim at the action, before anything runs", async () => {
    const { id, question } = await firstOfMode(alice, "definition-to-term", 8);
    const q = question;
    const wrong = (q.answerIndex + 1) % q.options.length;
    expect(AnswerQuizSchema.safeParse({ questionId: id, answer: wrong, durationMs: 1, correct: true }).success).toBe(false);

    const { authAction } = createActionHelpers(() => Promise.resolve(alice));
    const action = authAction(AnswerQuizSchema, (input, user) => answerQuestion(user.id, input, NOW));
    const before = await attemptCount();
    const forged = await action({ questionId: id, answer: wrong, durationMs: 1, correct: true } as never);
    expect(forged).toMatchObject({ ok: false, code: "INVALID" });
    expect(await attemptCount()).toBe(before);

    const honest = await action({ questionId: id, answer: wrong, durationMs: 1 });
    expect(honest).toMatchObject({ ok: true, data: { correct: false } });
  });

  it("marks the quiz finished when its last question is answered", async () => {
    const pair = [bySlug("outer-alignment").id, bySlug("inner-alignment").id] as [string, string];
    const quiz = await quizOf(bob, { scope: { kind: "pair", conceptIds: pair }, mode: "true-false" });
    for (const [i, { id, question }] of quiz.questions.entries()) {
      expect((await getQuiz(bob.id, quiz.quizId)).finished).toBe(false);
      await answerQuestion(
        bob.id,
        { questionId: id, answer: (question as TrueFalseQuestion).truth, durationMs: 1000 * (i + 1) },
        NOW,
      );
    }
    const done = await getQuiz(bob.id, quiz.quizId);
    expect(done.finished).toBe(true);
    expect(done.feedback.map((f) => f?.correct)).toEqual([true, true]);
  });
});

describe("quizzing and the review schedule", () => {
  it("never changes a card or a review log", async () => {
    const dave = await newUser("dave", NOW);
    const cardsBefore = (await cardsOf(dave.id)).map((c) => ({ id: c.id, version: c.version, ...schedulingFieldsOf(c) }));
    const logsBefore = await read((db) => db.reviewLog.count());
    const quiz = await quizOf(dave, { length: 20 });
    for (const { id, question } of quiz.questions) {
      const answer = question.mode === "true-false" ? !question.truth : question.mode === "typed-recall" ? "wrong" : 0;
      await answerQuestion(dave.id, { questionId: id, answer, durationMs: 500 }, NOW);
    }
    const cardsAfter = (await cardsOf(dave.id)).map((c) => ({ id: c.id, version: c.version, ...schedulingFieldsOf(c) }));
    expect(cardsAfter).toEqual(cardsBefore);
    expect(await read((db) => db.reviewLog.count())).toBe(logsBefore);
  });
});

describe("confusions", () => {
  let erin: User;

  async function confuse(asked: Concept, chosen: Concept, when: Date) {
    const quiz = await quizOf(erin, { scope: { kind: "concepts", conceptIds: [asked.id] }, mode: "typed-recall" });
    await answerQuestion(erin.id, { questionId: quiz.questions[0].id, answer: chosen.term, durationMs: 1000 }, when);
  }

  beforeAll(async () => {
    erin = await newUser("erin", NOW);
    await confuse(bySlug("inner-alignment"), bySlug("outer-alignment"), at(-3 * DAY));
    await confuse(bySlug("outer-alignment"), bySlug("inner-alignment"), at(-DAY));
    await confuse(bySlug("robust-alignment"), bySlug("pseudo-alignment"), at(-2 * DAY));
  });

  it("counts a pair in either direction, most confused first, with the last time", async () => {
    const pairs = await listConfusions(erin.id);
    expect(pairs.map((p) => [new Set([p.a.term, p.b.term]), p.count, p.lastAt.toISOString()])).toEqual([
      [new Set(["Inner alignment", "Outer alignment"]), 2, at(-DAY).toISOString()],
      [new Set(["Robust alignment", "Pseudo-alignment"]), 1, at(-2 * DAY).toISOString()],
    ]);
    expect(pairs[0].a.definition).toBe(concepts.find((c) => c.id === pairs[0].a.id)!.definition);
    expect(await listConfusions(bob.id)).toEqual(expect.not.arrayContaining([expect.objectContaining({ count: 2 })]));
  });

  it("show on the back of review cards, the deck's declared confusables otherwise", async () => {
    // Make every card due so the queue holds the concepts under test.
    await write((tx) =>
      tx.card.updateMany({
        where: { userId: erin.id },
        data: { state: CardState.Review, due: at(-DAY), stability: 5, difficulty: 5, lastReview: at(-5 * DAY) },
      }),
    );
    await write((tx) => tx.user.update({ where: { id: erin.id }, data: { reviewsPerDay: 1000 } }));
    const queue = await getReviewQueue(erin.id, NOW);
    const hint = (term: string) => queue.cards.find((c) => c.term === term)?.confusedWith;
    expect(hint("Inner alignment")).toEqual(["Outer alignment"]);
    expect(hint("Outer alignment")).toEqual(["Inner alignment"]);
    expect(hint("Pseudo-alignment")).toEqual(["Robust alignment"]);
    expect(hint("Goal")).toEqual(["Purpose", "Mesa-objective"]);
    expect(hint("Search space")).toEqual([]);
    // A pair declared with the glossary shows from the first deck's side too, deck studied or not.
    expect(hint("Side-effect alignment")).toEqual(["Instrumental alignment", "Negative side effects"]);
    expect(hint("Distributional shift")).toEqual(["Robustness to distributional shift"]);
  });
});
