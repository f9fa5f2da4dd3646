import { z } from "zod";
import { ConceptFieldsSchema } from "./authoring";
import { CONCEPTS_PER_DECK_MAX, DECK_TITLE_MAX } from "./authoring-limits";
import { IMPORT_FILE_EXTENSIONS, IMPORT_TEXT_MAX_BYTES } from "./import-limits";

const Id = z.string().min(1).max(64);
const trimmed = (max: number, what: string) => z.string().trim().max(max, `${what} can be at most ${max} characters.`);

/** The text to preview: what was pasted, or an uploaded file's name and text. */
export const ImportTextSchema = z.object({
  fileName: z
    .string()
    .trim()
    .max(200)
    .refine(
      (name) => name === "" || IMPORT_FILE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
      `Only ${IMPORT_FILE_EXTENSIONS.join(", ")} files can be imported.`,
    )
    .default(""),
  text: z
    .string()
    .refine((text) => text.trim() !== "", "Paste some notes or choose a file.")
    .refine((text) => new TextEncoder().encode(text).length <= IMPORT_TEXT_MAX_BYTES, "The text is larger than 5 MB."),
  deckId: Id.optional(),
});
export type ImportTextInput = z.infer<typeof ImportTextSchema>;

/** One concept as the learner kept it in the preview: the concept form's own text fields. */
export const ImportConceptSchema = ConceptFieldsSchema.pick({
  term: true,
  definition: true,
  aliases: true,
  examples: true,
  tags: true,
  sourceText: true,
  sourceUrl: true,
});
export type ImportConceptInput = z.infer<typeof ImportConceptSchema>;

/** The import itself: into one of my decks, or a new deck with this title. */
export const ImportConceptsSchema = z
  .object({
    deckId: Id.optional(),
    newDeckTitle: trimmed(DECK_TITLE_MAX, "The title").optional(),
    concepts: z
      .array(ImportConceptSchema)
      .min(1, "Tick at least one concept to import.")
      .max(CONCEPTS_PER_DECK_MAX, `At most ${CONCEPTS_PER_DECK_MAX} concepts at once.`),
  })
  .refine((input) => (input.deckId ? 1 : 0) + (input.newDeckTitle ? 1 : 0) === 1, {
    message: "Choose one of your decks, or give the new deck a title.",
    path: ["deck"],
  });
export type ImportConceptsInput = z.infer<typeof ImportConceptsSchema>;

/** Re-checking the kept concepts against another target deck (none: a new deck). */
export const ImportPlanInputSchema = z.object({
  deckId: Id.optional(),
  concepts: z.array(ImportConceptSchema).max(CONCEPTS_PER_DECK_MAX),
});
export type ImportPlanInput = z.infer<typeof ImportPlanInputSchema>;
