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

/** One review of a card's history. */
export interface CardReviewDTO {
  id: string;
  reviewedAt: Date;
  /** 0 for a manual entry (kind other than "GRADE"). */
  grade: 0 | 1 | 2 | 3 | 4;
  kind: string;
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
