import type { QuizQuestionView } from "@/lib/quiz/types";
import type { SchedulingState } from "@/lib/srs/card-state";
import type { GradePreview } from "@/lib/srs/grades";
import type { SchedulerSettings } from "@/lib/srs/settings";

/** What a server action returns: data, or a message to show the user. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * What a form action (useActionState) answers: nothing yet, a success, or a failure with the
 * values of the fields it echoes (what was typed, so the form can show it again).
 */
export type FormState<K extends string = never> =
  | { ok: true; data: undefined }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]>; values?: Record<K, string> }
  | null;

export type CardKind = "TERM_TO_DEFINITION" | "DEFINITION_TO_TERM";

/** One card of the review session, with everything the front and back show. */
export interface ReviewCardDTO {
  id: string;
  version: number;
  kind: CardKind;
  term: string;
  definition: string;
  examples: string[];
  aliases: string[];
  sourceLocator: string;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
  /** What the page needs of the schedule (when a learning card comes back); the rest stays on the server. */
  scheduling: Pick<SchedulingState, "due" | "state">;
  /** The interval each grade would give, computed by the server (the browser has no scheduler). */
  previews: GradePreview[];
  /**
   * Terms to tell this one apart from, shown on the back: the ones the user has confused it with
   * in quizzes (most confused first), else the deck's declared confusables.
   */
  confusedWith: string[];
}

export interface ReviewQueueDTO {
  cards: ReviewCardDTO[];
  learningLater: ReviewCardDTO[];
  settings: SchedulerSettings;
  /** When the study day ends (later learning cards are not shown past it). */
  dayEnd: Date;
}

/** A card after a grade or an undo: its new scheduling state and version. */
export interface CardUpdateDTO {
  cardId: string;
  version: number;
  scheduling: SchedulingState;
  /** The grade buttons' intervals for the card as it is now (when it comes back later today). */
  previews: GradePreview[];
}

export interface HomeSummaryDTO {
  username: string;
  dueNow: number;
  newToday: number;
  reviewedToday: number;
  streak: number;
  longestStreak: number;
  /** The next time a card falls due, when nothing is due now. */
  nextDue: Date | null;
  totalCards: number;
  /** Learning cards that come back later this study day. */
  learningLaterToday: number;
  timeZone: string;
}

/** Who is signed in, as every page and action sees it (never the database row). */
export interface SessionUser {
  id: string;
  username: string;
  timeZone: string;
  /** The current session's id (its row, not the cookie's token). */
  sessionId: string;
}

/** One signed-in browser, as the account page lists it. */
export interface SessionDTO {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  /** A short description from the user agent, e.g. "Firefox on Linux". */
  browser: string;
  current: boolean;
}

/** What the account page shows. */
export interface AccountDTO {
  username: string;
  timeZone: string;
  dayStartHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  desiredRetention: number;
  createdAt: Date;
  sessions: SessionDTO[];
}

/** Whether a user studies a deck: never added (offered), studying, or stopped (cards kept, hidden). */
export type DeckStatus = "available" | "studying" | "stopped";

/** One deck on /decks, with the user's progress in it. */
export interface DeckSummaryDTO {
  id: string;
  slug: string;
  title: string;
  description: string;
  sourceTitle: string;
  sourceUrl: string;
  builtIn: boolean;
  conceptCount: number;
  status: DeckStatus;
  /** The user's cards in the deck, and how many of them have been studied at least once. */
  cardsTotal: number;
  cardsStudied: number;
  /** Studied cards due before the end of the study day. */
  dueToday: number;
  /** A built-in deck shipped after the user signed up, never added nor dismissed. */
  isNew: boolean;
}

/** A concept as quiz feedback and the confusions view show it: enough to tell it apart and cite it. */
export interface QuizConceptDTO {
  id: string;
  term: string;
  definition: string;
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
