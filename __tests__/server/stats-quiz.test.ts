import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, write } from "@/lib/server/db";
import { getStats } from "@/lib/server/stats";
import { cardsOf, newUser, seedBuiltIn } from "../helpers/fixtures";
import { NOW, TIME_ZONE } from "../lib/stats/fixture-log";
import { ATTEMPTS, EXPECTED_BY_MODE_30, EXPECTED_QUIZ_DAYS, type FixtureAttempt } from "../lib/stats/fixture-quiz";

const DAY = 24 * 60 * 60 * 1000;
const longAgo = new Date(NOW.getTime() - 400 * DAY);

/** Stores the answers as one quiz of the user, one question each, about the user's first concept. */
async function storeAttempts(user: User, attempts: FixtureAttempt[]) {
  const conceptId = (await cardsOf(user.id))[0].conceptId;
  await write(async (tx) => {
    const quiz = await tx.quiz.create({
      data: { userId: user.id, seed: 1, scope: "{}", modes: "[]", length: null, createdAt: longAgo },
    });
    for (const [index, a] of attempts.entries()) {
      const question = await tx.quizQuestion.create({
        data: { quizId: quiz.id, userId: user.id, index, mode: a.mode, conceptId, question: "{}", askedAt: a.answeredAt },
      });
      await tx.quizAttempt.create({
        data: {
          userId: user.id,
          questionId: question.id,
          conceptId,
          mode: a.mode,
          correct: a.correct,
          durationMs: 4000,
          answeredAt: a.answeredAt,
        },
      });
    }
  });
}

let quizzer: User;

beforeAll(async () => {
  await seedBuiltIn(longAgo);
  quizzer = await newUser("quizzer", longAgo, { timeZone: TIME_ZONE });
  await storeAttempts(quizzer, ATTEMPTS);
});

afterAll(async () => {
  await disconnect();
});

describe("quiz accuracy in getStats (Europe/Berlin, day start 4)", () => {
  it("shows the hand-computed accuracy per study day, overall and per mode for 30 days", async () => {
    const { quiz } = await getStats(quizzer.id, NOW, 30);
    expect(quiz.everQuizzed).toBe(true);
    expect(quiz.days).toHaveLength(30);
    expect(quiz.days[0].day).toBe("2026-03-04");
    const answered = Object.fromEntries(quiz.days.filter((d) => d.answers > 0).map(({ day, ...rest }) => [day, rest]));
    expect(answered).toEqual(EXPECTED_QUIZ_DAYS);
    expect(quiz.overall).toEqual({ answers: 8, correct: 5, rate: 5 / 8 });
    expect(quiz.byMode).toEqual(EXPECTED_BY_MODE_30);
  });

  it("takes in the answer of 2026-02-01 over 90 days, in the days and in its mode", async () => {
    const { quiz } = await getStats(quizzer.id, NOW, 90);
    expect(quiz.overall).toEqual({ answers: 9, correct: 6, rate: 6 / 9 });
    expect(quiz.byMode.find((m) => m.mode === "typed-recall")).toEqual({
      mode: "typed-recall",
      answers: 2,
      correct: 1,
      rate: 0.5,
    });
  });

  it("knows someone quizzed before the range even when the range has no answers", async () => {
    const early = await newUser("early-quizzer", longAgo, { timeZone: TIME_ZONE });
    await storeAttempts(early, [
      { label: "old", answeredAt: new Date("2025-12-01T10:00:00Z"), mode: "true-false", correct: false },
    ]);
    const { quiz } = await getStats(early.id, NOW, 30);
    expect(quiz.everQuizzed).toBe(true);
    expect(quiz.overall).toEqual({ answers: 0, correct: 0, rate: null });
    expect((await getStats(early.id, NOW, 365)).quiz.overall).toEqual({ answers: 1, correct: 0, rate: 0 });
  });

  it("knows nothing of another user's answers: someone who never quizzed has no figures at all", async () => {
    const other = await newUser("never-quizzed", longAgo, { timeZone: TIME_ZONE });
    const { quiz } = await getStats(other.id, NOW, 365);
    expect(quiz.everQuizzed).toBe(false);
    expect(quiz.days.every((d) => d.answers === 0 && d.rate === null)).toBe(true);
    expect(quiz.byMode.every((m) => m.answers === 0)).toBe(true);
  });
});
