import { MAX_TYPED_ANSWER_LENGTH, matchTypedAnswer, normalizeAnswer, type ConceptNameIndex } from "./match";
import type { AnswerCheck, QuizAnswer, QuizQuestion, QuizQuestionView, TypedRecallQuestion } from "./types";

/**
 * Decides an answer from the question as it was built (the server's stored copy), never from
 * anything the client claims about correctness.
 *
 * For typed recall, pass `names` (`indexConceptNames` over the user's concepts) so that typing
 * another concept's term or alias is recorded as a confusion with that concept, and so that a typo
 * is not accepted when the answer is at least as close to another concept's name ("meta
 * optimiser" is not a typo of "mesa-optimizer"). Without it a typed answer is only compared with
 * the asked concept's own names.
 */
export function checkAnswer(question: QuizQuestion, answer: QuizAnswer, names?: ConceptNameIndex): AnswerCheck {
  const { conceptId, term } = question;
  switch (question.mode) {
    case "true-false": {
      if (typeof answer !== "boolean") return { valid: false, message: "Answer true or false." };
      const correct = answer === question.truth;
      const correction = question.truth
        ? `True: this is the definition of ${term}.`
        : `False: this is the definition of ${term}, not ${question.statement.term}.`;
      // Accepting a false statement is taking the paired term for this definition: a confusion.
      const confused = !correct && answer && question.pairedConceptId !== conceptId;
      return { valid: true, correct, conceptId, ...(confused ? { chosenConceptId: question.pairedConceptId } : {}), correction };
    }
    case "typed-recall":
      return checkTyped(question, answer, names);
    default: {
      const count = question.options.length;
      if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 0 || answer >= count) {
        return { valid: false, message: `Choose one of the ${count} options.` };
      }
      const chosen = question.options[answer];
      if (answer === question.answerIndex) return { valid: true, correct: true, conceptId, correction: `The answer is ${term}.` };
      return {
        valid: true,
        correct: false,
        conceptId,
        chosenConceptId: chosen.conceptId,
        correction: `The answer is ${term}, not ${chosen.term}.`,
      };
    }
  }
}

/**
 * The correction for a typed answer that names another concept. Typed as that concept's own term
 * it reads 'The answer is Optimizer, not Search space.'; only an alias or another spelling needs
 * saying what it stands for ('The answer is Mesa-optimizer; "inner optimiser" is Meta-optimizer.').
 */
export function typedMissCorrection(term: string, spelled: string, otherTerm: string): string {
  const typed = spelled.trim();
  return normalizeAnswer(typed) === normalizeAnswer(otherTerm)
    ? `The answer is ${term}, not ${otherTerm}.`
    : `The answer is ${term}; "${typed}" is ${otherTerm}.`;
}

function checkTyped(question: TypedRecallQuestion, answer: QuizAnswer, names?: ConceptNameIndex): AnswerCheck {
  const { conceptId, term } = question;
  if (typeof answer !== "string") return { valid: false, message: "Type the term." };
  const spelled = answer.trim();
  if (spelled.length > MAX_TYPED_ANSWER_LENGTH) {
    return { valid: false, message: `That answer is too long (at most ${MAX_TYPED_ANSWER_LENGTH} characters).` };
  }
  const typed = normalizeAnswer(spelled);
  if (!typed) return { valid: false, message: "Type the term." };
  const match = matchTypedAnswer(typed, conceptId, question.accepted, names);
  switch (match.kind) {
    case "exact":
      return { valid: true, correct: true, conceptId, correction: `The answer is ${term}.` };
    case "typo":
      return {
        valid: true,
        correct: true,
        conceptId,
        accepted: { spelled },
        correction: `Accepted, spelled "${spelled}": the answer is ${term}.`,
      };
    case "other":
      return {
        valid: true,
        correct: false,
        conceptId,
        chosenConceptId: match.concept.id,
        correction: typedMissCorrection(term, spelled, match.concept.term),
      };
    case "none":
      return { valid: true, correct: false, conceptId, correction: `The answer is ${term}.` };
  }
}

/** The question as the client may see it before answering (see `QuizQuestionView`). */
export function questionView(question: QuizQuestion): QuizQuestionView {
  switch (question.mode) {
    case "true-false":
      return { index: question.index, mode: question.mode, statement: { ...question.statement } };
    case "typed-recall":
      return { index: question.index, mode: question.mode, prompt: question.prompt };
    default:
      return {
        index: question.index,
        mode: question.mode,
        prompt: question.prompt,
        options: question.options.map((o) => o.text),
      };
  }
}
