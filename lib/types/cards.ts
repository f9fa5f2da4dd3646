import type { MarkdownHtml } from "./markdown";

export type CardKind = "TERM_TO_DEFINITION" | "DEFINITION_TO_TERM";

/** The user's own wording of a built-in concept, with the original it replaces. */
export interface WordingDTO {
  conceptId: string;
  originalDefinition: string;
  originalDefinitionHtml: MarkdownHtml;
  /** The original's examples and aliases, where the user reworded them (empty otherwise). */
  originalExamplesHtml: MarkdownHtml[];
  originalAliases: string[];
  examplesReworded: boolean;
  aliasesReworded: boolean;
  /** The original changed since the user reworded it, and they have not been told yet. */
  originalChanged: boolean;
}

/**
 * A concept's text as a card shows it: term and definition, examples, other names and source. The
 * text is the user's: their wording of a built-in concept where they have one (`wording`).
 */
export interface ConceptTextDTO {
  term: string;
  definition: string;
  /** The definition and examples rendered from markdown by the server. */
  definitionHtml: MarkdownHtml;
  examplesHtml: MarkdownHtml[];
  /** Set when the text is the user's wording of a built-in concept. */
  wording: WordingDTO | null;
  examples: string[];
  aliases: string[];
  sourceLocator: string;
  deckTitle: string;
  sourceTitle: string;
  sourceUrl: string;
}

/** A review-log entry that is not a grade: the card was changed by hand (reset), by new settings or by an import. */
export type ManualEntryKind = "RESET" | "RESCHEDULE" | "IMPORT";

/** One review of a card's history: a grade, or a manual entry (grade 0). */
export type CardReviewDTO = CardReviewFields & ({ kind: "GRADE"; grade: 1 | 2 | 3 | 4 } | { kind: ManualEntryKind; grade: 0 });

interface CardReviewFields {
  id: string;
  reviewedAt: Date;
  /** The card's state before the review (0 New, 1 Learning, 2 Review, 3 Relearning). */
  stateBefore: number;
  /** How long until the card was due again after this grade; null for an undone review. */
  intervalMs: number | null;
  durationMs: number;
  undone: boolean;
}

export interface CardHistoryDTO extends ConceptTextDTO {
  id: string;
  conceptId: string;
  /** "own": the user's concept, edited in the concept form; "built-in": reworded as an override. */
  origin: "own" | "built-in";
  /** The own concept's deck (for the way back to it); null for a built-in concept. */
  ownDeckId: string | null;
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
