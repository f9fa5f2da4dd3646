import type { MarkdownHtml } from "./markdown";
import type { QuizQuestionView } from "@/lib/quiz/types";

/** A concept as quiz feedback and the confusions view show it: enough to tell it apart and cite it. */
export interface QuizConceptDTO {
  id: string;
  term: string;
  /** The user's wording where they reworded it; rendered from markdown by the server. */
  definition: string;
  definitionHtml: MarkdownHtml;
  /** The definition is the user's wording of a built-in concept. */
  reworded: boolean;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
  sourceLocator: string;
}

/** A question as the client sees it before answering, with the server's id to answer it by. */
export type QuizQuestionDTO = QuizQuestionView & { id: string };

/** What the server decided about one answer. */
export interface QuizFeedbackDTO {
  questionId: string;
  correct: boolean;
  /** One sentence naming the right term (and the wrong one when there is one). */
  correction: string;
  /** A typed answer accepted despite a typo: how the user spelled it. */
  acceptedSpelling: string | null;
  /** Multiple choice: the right option. */
  answerIndex: number | null;
  /** True/false: whether the statement was true. */
  truth: boolean | null;
  /** What the user answered: an option index, true/false, or the typed text. */
  choice: number | boolean | string;
  durationMs: number;
  answer: QuizConceptDTO;
  /** The concept the user's wrong answer pointed at (a confusion). */
  chosen: QuizConceptDTO | null;
}

export interface QuizDTO {
  id: string;
  /** What the quiz is about, for the heading ("Risks from Learned Optimization", "Weak spots"). */
  title: string;
  questions: QuizQuestionDTO[];
  /** Aligned with `questions`: the feedback of each answered question, null while unanswered. */
  feedback: (QuizFeedbackDTO | null)[];
  finished: boolean;
}

export interface CreatedQuiz {
  quizId: string;
  questionCount: number;
}

/** One pair of concepts the user mixes up, most confused first. */
export interface ConfusionDTO {
  a: QuizConceptDTO;
  b: QuizConceptDTO;
  count: number;
  lastAt: Date;
}

export interface QuizSetupDTO {
  decks: { id: string; title: string; conceptCount: number }[];
  tags: { tag: string; conceptCount: number }[];
  weakSpotCount: number;
  /** The most confused pairs, for a scope of one pair. */
  pairs: ConfusionDTO[];
}
