import { z } from "zod";
import {
  ALIAS_MAX,
  ALIASES_MAX,
  CARD_KIND_CHOICES,
  DECK_DESCRIPTION_MAX,
  DECK_TITLE_MAX,
  DEFINITION_MAX,
  EXAMPLE_MAX,
  EXAMPLES_MAX,
  LINKS_MAX,
  SOURCE_TEXT_MAX,
  SOURCE_URL_MAX,
  TAG_MAX,
  TAGS_MAX,
  TERM_MAX,
} from "./authoring-limits";

const Id = z.string().min(1).max(64);
const trimmed = (max: number, what: string) => z.string().trim().max(max, `${what} can be at most ${max} characters.`);

export const DeckIdSchema = z.object({ deckId: Id });
export type DeckIdInput = z.infer<typeof DeckIdSchema>;

export const DeckFieldsSchema = z.object({
  title: trimmed(DECK_TITLE_MAX, "The title").min(1, "Give the deck a title."),
  description: trimmed(DECK_DESCRIPTION_MAX, "The description").default(""),
});
export type DeckFields = z.infer<typeof DeckFieldsSchema>;

export const UpdateDeckSchema = DeckFieldsSchema.extend({ deckId: Id });
export type UpdateDeckInput = z.infer<typeof UpdateDeckSchema>;

export const DeleteDeckSchema = z.object({ deckId: Id, confirmTitle: z.string().max(DECK_TITLE_MAX + 50) });
export type DeleteDeckInput = z.infer<typeof DeleteDeckSchema>;

const list = (max: number, itemMax: number, what: string, items: string) =>
  z.array(trimmed(itemMax, what).min(1)).max(max, `At most ${max} ${items}.`).default([]);

const httpUrl = z
  .string()
  .trim()
  .max(SOURCE_URL_MAX, `The link can be at most ${SOURCE_URL_MAX} characters.`)
  .refine((value) => {
    if (value === "") return true;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }, "The link must be a full http:// or https:// address.");

/** The fields of an own concept, as the concept form sends them (lists already split). */
export const ConceptFieldsSchema = z.object({
  term: trimmed(TERM_MAX, "The term").min(1, "Give the concept a term."),
  definition: trimmed(DEFINITION_MAX, "The definition").min(1, "Write a definition."),
  aliases: list(ALIASES_MAX, ALIAS_MAX, "An alias", "aliases"),
  examples: list(EXAMPLES_MAX, EXAMPLE_MAX, "An example", "examples"),
  tags: list(TAGS_MAX, TAG_MAX, "A tag", "tags"),
  sourceText: trimmed(SOURCE_TEXT_MAX, "The source").default(""),
  sourceUrl: httpUrl.default(""),
  confusableIds: z.array(Id).max(LINKS_MAX, `At most ${LINKS_MAX} confusables.`).default([]),
  prerequisiteIds: z.array(Id).max(LINKS_MAX, `At most ${LINKS_MAX} prerequisites.`).default([]),
  cardKinds: z.enum(CARD_KIND_CHOICES).default("BOTH"),
});
export type ConceptFields = z.infer<typeof ConceptFieldsSchema>;

export const CreateConceptSchema = ConceptFieldsSchema.extend({ deckId: Id });
export type CreateConceptInput = z.infer<typeof CreateConceptSchema>;

export const UpdateConceptSchema = ConceptFieldsSchema.extend({ conceptId: Id });
export type UpdateConceptInput = z.infer<typeof UpdateConceptSchema>;

export const ConceptIdSchema = z.object({ conceptId: Id });
export type ConceptIdInput = z.infer<typeof ConceptIdSchema>;

/** A user's wording of a built-in concept: definition, examples and aliases only. */
export const RewordSchema = z.object({
  conceptId: Id,
  definition: trimmed(DEFINITION_MAX, "The definition").min(1, "Write a definition."),
  examples: list(EXAMPLES_MAX, EXAMPLE_MAX, "An example", "examples"),
  aliases: list(ALIASES_MAX, ALIAS_MAX, "An alias", "aliases"),
});
export type RewordInput = z.infer<typeof RewordSchema>;
