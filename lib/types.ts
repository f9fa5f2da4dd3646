import type { SchedulingState } from "@/lib/srs/card";
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
  scheduling: SchedulingState;
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
}
