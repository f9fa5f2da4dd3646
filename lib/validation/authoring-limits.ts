/*
 * Limits of own decks and concepts, shared by the server's zod schemas, the quality checks and the
 * forms that state them. zod-free on purpose (see limits.ts): the concept form is a client component.
 */

/** Own decks one user may have. */
export const DECKS_PER_USER_MAX = 100;
/** Concepts in one own deck. */
export const CONCEPTS_PER_DECK_MAX = 5000;

export const DECK_TITLE_MAX = 120;
export const DECK_DESCRIPTION_MAX = 1000;

export const TERM_MAX = 200;
/** Characters of a definition: more is an error. */
export const DEFINITION_MAX = 4000;
/** Words of a definition: more is a warning (one idea per card; the built-in decks stay under it). */
export const DEFINITION_WORDS_WARN = 60;

export const ALIASES_MAX = 10;
export const ALIAS_MAX = 200;
export const EXAMPLES_MAX = 5;
export const EXAMPLE_MAX = 1000;
export const TAGS_MAX = 10;
export const TAG_MAX = 50;
export const SOURCE_TEXT_MAX = 300;
export const SOURCE_URL_MAX = 2000;
/** Confusables, and prerequisites, each. */
export const LINKS_MAX = 20;

/** The card kinds a concept can make, as the form offers them. */
export const CARD_KIND_CHOICES = ["BOTH", "TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] as const;
export type CardKindChoice = (typeof CARD_KIND_CHOICES)[number];

/** A list typed in one field: comma-separated (aliases, tags). */
export function splitCommaList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A list typed one item a line (examples). */
export function splitLines(text: string): string[] {
  return text
    .split("\n")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
