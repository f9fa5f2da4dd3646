import type { CardKindChoice } from "@/lib/validation/authoring-limits";

/** One of the user's own decks, as "Your decks" on /decks lists it. */
export interface OwnDeckDTO {
  id: string;
  slug: string;
  title: string;
  description: string;
  conceptCount: number;
}

/** A concept of an own deck on its deck page. */
export interface OwnConceptRowDTO {
  id: string;
  term: string;
  /** The definition as plain text, shortened. */
  excerpt: string;
  cardKinds: CardKindChoice;
  /** One of the user's cards of it (its page holds the history and the edit link); null if none. */
  cardId: string | null;
}

export interface OwnDeckPageDTO {
  deck: OwnDeckDTO;
  concepts: OwnConceptRowDTO[];
}

/** A concept the user may name as a confusable or a prerequisite. */
export interface ConceptOptionDTO {
  id: string;
  term: string;
  deckTitle: string;
}

/** An own concept's fields as the form edits them. */
export interface ConceptFormValuesDTO {
  id: string;
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  tags: string[];
  sourceText: string;
  sourceUrl: string;
  confusableIds: string[];
  prerequisiteIds: string[];
  cardKinds: CardKindChoice;
}

/** Everything the concept form needs: the deck, the concept (null for a new one) and what the checks compare with. */
export interface ConceptFormDTO {
  deck: { id: string; title: string };
  concept: ConceptFormValuesDTO | null;
  options: ConceptOptionDTO[];
  /** The other concepts of the deck with their names (a name may be used once per deck). */
  deckNames: { id: string; term: string; aliases: string[] }[];
  /** Concept id -> the ids it requires, for the cycle check. */
  requires: [string, string[]][];
}

/** What a save of an own concept answers: its id and the warnings the checks gave. */
export interface SavedConceptDTO {
  conceptId: string;
  warnings: string[];
}

/** A new concept also answers one of the cards it made (null when the owner has stopped the deck). */
export interface CreatedConceptDTO extends SavedConceptDTO {
  cardId: string | null;
}
