import type { SchedulingState } from "@/lib/srs/card-state";
import type { GradePreview } from "@/lib/srs/grades";
import type { SchedulerSettings } from "@/lib/srs/settings";

/** What a server action returns: data, or a message to show the user. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: string; fieldErrors?: Record<string, string[]> };

/** A failed sign-in or sign-up, with the username typed so the form can show it again. */
export type AuthFormState = (ActionResult<never> & { username?: string }) | null;

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
