import type { QuizMode, QuizQuestionView } from "@/lib/quiz/types";
import type { SchedulingState } from "@/lib/srs/card-state";
import type { GradePreview } from "@/lib/srs/grades";
import type { SchedulerSettings } from "@/lib/srs/settings";

/** What a server action returns: data, or a message to show the user. */
export type ActionResult<T = undefined> =
  { ok: true; data: T } | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/**
 * What a form action (useActionState) answers: nothing yet, a success, or a failure with the
 * values of the fields it echoes (what was typed, so the form can show it again).
 */
export type FormState<K extends string = never> =
  | { ok: true; data: undefined }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]>; values?: Record<K, string> }
  | null;

export type CardKind = "TERM_TO_DEFINITION" | "DEFINITION_TO_TERM";

/** A concept's text as a card shows it: term and definition, examples, other names and source. */
export interface ConceptTextDTO {
  term: string;
  definition: string;
  examples: string[];
  aliases: string[];
  sourceLocator: string;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
}

/** One card of the review session, with everything the front and back show. */
export interface ReviewCardDTO extends ConceptTextDTO {
  id: string;
  version: number;
  kind: CardKind;
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

/** How many study days the reviews chart covers. */
export type StatsRange = 30 | 90 | 365;

/** A number for one study day (an ISO date, see lib/srs/study-day). */
export interface DayCountDTO {
  day: string;
  count: number;
}

/** One study day of the reviews chart, by the card's state before each review. */
export interface DayReviewsDTO {
  day: string;
  new: number;
  /** Learning and relearning together. */
  learning: number;
  review: number;
  /** Time spent, from each review's duration. */
  durationMs: number;
}

/** Passed reviews (Hard, Good or Easy) out of all reviews of cards that were in the Review state. */
export interface RetentionCellDTO {
  passed: number;
  total: number;
  /** passed / total, or null with no reviews. */
  rate: number | null;
}

export type RetentionPeriod = "today" | "yesterday" | "week" | "month" | "year";

/** Young: the interval before the review was under 21 days (Anki's definition); mature: 21 or more. */
export interface RetentionRowDTO {
  period: RetentionPeriod;
  /** How many study days the period covers, ending today (yesterday: 1 day, ending yesterday). */
  days: number;
  young: RetentionCellDTO;
  mature: RetentionCellDTO;
  all: RetentionCellDTO;
}

export interface HistogramBinDTO {
  label: string;
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (the last bin includes it); null for an open-ended last bin. */
  to: number | null;
  count: number;
}

export interface HistogramDTO {
  bins: HistogramBinDTO[];
  total: number;
  mean: number | null;
  median: number | null;
}

/** Cards by state; suspended cards are counted only as suspended. */
export interface CardCountsDTO {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  suspended: number;
  total: number;
}

/** Quiz answers and the share answered right. */
export interface AccuracyDTO {
  answers: number;
  correct: number;
  /** correct / answers, or null with no answers. */
  rate: number | null;
}

/** Quiz answers of one study day (or of the week starting that day). */
export interface DayQuizDTO extends AccuracyDTO {
  day: string;
}

export interface QuizModeAccuracyDTO extends AccuracyDTO {
  mode: QuizMode;
}

/** Quiz accuracy over the statistics page's range. */
export interface QuizStatsDTO {
  /** Whether the user has ever answered a quiz question (before the range too). */
  everQuizzed: boolean;
  /** One entry per study day of the range, oldest first, ending today. */
  days: DayQuizDTO[];
  overall: AccuracyDTO;
  /** The five modes, in the quiz's order. */
  byMode: QuizModeAccuracyDTO[];
}

export interface StatsDTO {
  /** The current study day. */
  today: string;
  timeZone: string;
  dayStartHour: number;
  /** Reviews per study day for the heatmap: the last 371 days (53 weeks), oldest first, ending today. */
  calendar: DayCountDTO[];
  range: StatsRange;
  /** One entry per study day of the range, oldest first, ending today. */
  reviews: DayReviewsDTO[];
  retention: RetentionRowDTO[];
  /** Cards due per study day, today first (overdue cards count today), 30 days. */
  forecast: DayCountDTO[];
  counts: CardCountsDTO;
  /** Studied, unsuspended cards: probability of recall now (0..1). */
  retrievability: HistogramDTO;
  /** Studied, unsuspended cards: FSRS stability in days. */
  stability: HistogramDTO;
  /** Studied, unsuspended cards: FSRS difficulty as a percentage, (D - 1) / 9. */
  difficulty: HistogramDTO;
  quiz: QuizStatsDTO;
}

/** One review of a card's history. */
export interface CardReviewDTO {
  id: string;
  reviewedAt: Date;
  grade: 1 | 2 | 3 | 4;
  /** The card's state before the review (0 New, 1 Learning, 2 Review, 3 Relearning). */
  stateBefore: number;
  /** How long until the card was due again after this grade; null for an undone review. */
  intervalMs: number | null;
  durationMs: number;
  undone: boolean;
}

export interface CardHistoryDTO extends ConceptTextDTO {
  id: string;
  kind: CardKind;
  state: number;
  suspended: boolean;
  due: Date;
  /** When the card joins the queue: a review card at the start of the study day holding `due`. */
  availableAt: Date;
  stability: number;
  difficulty: number;
  /** Probability of recall now (0..1); null for a card never reviewed. */
  retrievability: number | null;
  reps: number;
  lapses: number;
  timeZone: string;
  /** Newest first. */
  reviews: CardReviewDTO[];
}

/** The study settings as the settings page shows them. */
export interface StudySettingsDTO {
  timeZone: string;
  dayStartHour: number;
  newCardsPerDay: number;
  reviewsPerDay: number;
  dailyGoalKind: "REVIEWS" | "CLEAR_DUE";
  dailyGoalReviews: number;
}

/** The streak block of the home page, all computed from the review log. */
export interface StreakSummaryDTO {
  current: number;
  longest: number;
  freezesHeld: number;
  /** Missed days a freeze covered in the current streak, oldest first. */
  frozenDays: string[];
  goal: { kind: "REVIEWS"; reviews: number } | { kind: "CLEAR_DUE" };
  /** Non-undone reviews this study day. */
  reviewedToday: number;
  /** For the clear-the-queue goal: cards due before today ends and not yet reviewed. */
  dueLeftToday: number;
  todayMet: boolean;
  milestone: number | null;
  nextMilestone: number | null;
  /** Every study day whose goal was met, oldest first (the statistics heatmap marks them). */
  goalMetDays: string[];
}
