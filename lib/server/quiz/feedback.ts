import "server-only";
import { checkAnswer, typedMissCorrection, type QuizQuestion } from "@/lib/quiz";
import type { QuizAttempt } from "@/lib/generated/prisma/client";
import type { QuizConceptDTO, QuizFeedbackDTO } from "@/lib/types/quiz";

type StoredAttempt = Pick<QuizAttempt, "correct" | "chosenConceptId" | "typed" | "durationMs">;

/**
 * The feedback for a stored answer, rebuilt from the question and the attempt alone, so the
 * feedback shown right after answering and after a reload are the same.
 */
export function feedbackOf(
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
