import type { CardKind } from "./cards";

export const CARD_SORTS = ["due", "term", "r", "lapses", "added"] as const;
/** What the card list is sorted by: due date, term, retrievability now, lapses, date added. */
export type CardSort = (typeof CARD_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** One card in the browser's list. */
export interface CardListRowDTO {
  id: string;
  term: string;
  deckTitle: string;
  deckSlug: string;
  /** False when the user stopped studying the deck: the card is kept but not reviewed. */
  deckStudied: boolean;
  /** The concept left its built-in deck: the card is kept but not reviewed. */
  retired: boolean;
  kind: CardKind;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  /** Study days from today to the card's due day; null for a new card. */
  dueDays: number | null;
  stability: number;
  /** Probability of recall now (0..1); null for a card never reviewed. */
  retrievability: number | null;
  lapses: number;
  suspended: boolean;
}

export type CardListDTO =
  { ok: true; rows: CardListRowDTO[]; total: number; page: number; pageCount: number } | { ok: false; error: string };

/** What an action on many cards did: how many cards it was for, and how many cards or concepts it changed. */
export interface BulkResultDTO {
  cards: number;
  changed: number;
}

/** What deleting a selection removes: own concepts with every card of theirs and their reviews. */
export interface DeletionPreviewDTO {
  concepts: number;
  cards: number;
  reviews: number;
  /** Cards of built-in decks in the selection: never deleted (the deletion is refused while they are selected). */
  builtInCards: number;
}
