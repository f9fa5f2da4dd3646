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
