/**
 * The shapes of self-quizzing (issue 6), shared by the builder, the answer check and the server
 * that stores questions and answers. Everything here is plain JSON-serialisable data, so the server
 * can keep a question exactly as it was built and check an answer against it later.
 */

/** A concept as the quiz sees it: the deck data of one `## Term` section plus its identity. */
export interface QuizConcept {
  /** The database id; answers and confusions refer to concepts by this id. */
  id: string;
  /** The concept slug, unique within its deck. */
  slug: string;
  deckSlug: string;
  term: string;
  definition: string;
  /** Other names accepted in typed recall (e.g. "GD" for gradient descent). */
  aliases: readonly string[];
  /** Example texts from the deck; a concept without any is never asked as example -> concept. */
  examples: readonly string[];
  /**
   * Slugs of concepts commonly mixed up with this one, as declared in the deck file: "slug" for a
   * concept of the same deck, "deck-slug/concept-slug" for another deck. References that do not
   * resolve in the pool (a deck the user does not study) are ignored.
   */
  confusables: readonly string[];
  tags: readonly string[];
}

export const QUIZ_MODES = [
  "definition-to-term",
  "term-to-definition",
  "typed-recall",
  "example-to-concept",
  "true-false",
] as const;

export type QuizMode = (typeof QUIZ_MODES)[number];

export type MultipleChoiceMode = "definition-to-term" | "term-to-definition" | "example-to-concept";

/** One choice of a multiple-choice question: the concept it stands for and the text shown. */
export interface QuizOption {
  conceptId: string;
  /** The concept's term, to name it in feedback (the text may be its definition). */
  term: string;
  /** What the user sees: a term, or a definition in term -> definition. */
  text: string;
}

interface QuestionBase {
  /** Position in the quiz, from 0; stable for a given input and seed. */
  index: number;
  /** The concept being tested; the answer of the question. */
  conceptId: string;
  /** That concept's term, so feedback can name the right answer without another lookup. */
  term: string;
}

/**
 * definition -> term (prompt: a definition, options: terms), term -> definition (prompt: a term,
 * options: definitions) or example -> concept (prompt: one of the concept's examples, options:
 * terms). Between 2 and 4 options, shuffled, the answer exactly once, no two options for the same
 * concept and no two with the same text once normalised.
 */
export interface MultipleChoiceQuestion extends QuestionBase {
  mode: MultipleChoiceMode;
  prompt: string;
  options: QuizOption[];
  /** Position of the answer in `options`. Never sent to the client before it answers. */
  answerIndex: number;
}

/**
 * "Is `statement.term` the term for `statement.definition`?" The definition is always the asked
 * concept's; the term is its own (a true statement) or a confusable's (a false one).
 */
export interface TrueFalseQuestion extends QuestionBase {
  mode: "true-false";
  statement: { term: string; definition: string };
  /** The concept whose term is in the statement: `conceptId` when true, another concept when false. */
  pairedConceptId: string;
  /** Never sent to the client before it answers. */
  truth: boolean;
}

/** The definition is shown; the user types the term. */
export interface TypedRecallQuestion extends QuestionBase {
  mode: "typed-recall";
  prompt: string;
  /** The names accepted (the term first, then the aliases). Never sent to the client before it answers. */
  accepted: string[];
}

export type QuizQuestion = MultipleChoiceQuestion | TrueFalseQuestion | TypedRecallQuestion;

/**
 * What the client may see before it answers: the prompt and the option texts, nothing that gives
 * the answer away (no answer index, truth, accepted names, or concept ids to map back to terms).
 * The client answers with the question's id (the server's) and its choice.
 */
export type QuizQuestionView =
  | { index: number; mode: MultipleChoiceMode; prompt: string; options: string[] }
  | { index: number; mode: "true-false"; statement: { term: string; definition: string } }
  | { index: number; mode: "typed-recall"; prompt: string };

/** An option index for multiple choice, a boolean for true/false, the typed text for typed recall. */
export type QuizAnswer = number | boolean | string;

export type AnswerCheck =
  /**
   * The answer does not fit the question (an index out of range, a boolean for a typed question,
   * blank or overlong text): refuse it and record nothing. `message` is for the user.
   */
  | { valid: false; message: string }
  | {
      valid: true;
      correct: boolean;
      /** The concept the question asked about. */
      conceptId: string;
      /**
       * Set when the user's answer pointed at ANOTHER concept: the option they picked, the term
       * they accepted in a false statement, or the term/alias they typed. That is a confusion.
       */
      chosenConceptId?: string;
      /** Set when a typed answer was accepted despite a typo: the user's spelling. */
      accepted?: { spelled: string };
      /** One sentence for the feedback, naming the right term (and the wrong one when there is one). */
      correction: string;
    };
