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
