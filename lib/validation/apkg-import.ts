import { z } from "zod";
import { DECK_TITLE_MAX } from "./authoring-limits";
import { APKG_FILE_EXTENSIONS } from "./apkg-import-limits";

/*
 * The Anki package import's inputs (app/api/import/apkg): the uploaded file's name, the job, the
 * deck to plan against, and the confirmation.
 */

const Id = z.string().min(1).max(64);

export const ApkgFileNameSchema = z
  .string()
  .trim()
  .min(1, "The file has no name.")
  .max(255, "The file name is longer than 255 characters.")
  .refine(
    (name) => APKG_FILE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)),
    "Choose an Anki package: a .apkg or .colpkg file.",
  );

export const ApkgJobIdSchema = z.uuid("That import is not known: upload the package again.");

const Title = z.string().trim().max(DECK_TITLE_MAX, `The title can be at most ${DECK_TITLE_MAX} characters.`);

/** GET: the job, and the deck to plan against (none: a new deck, with its title if given). */
export const ApkgJobQuerySchema = z.object({
  job: ApkgJobIdSchema,
  deck: Id.optional(),
  title: Title.optional(),
});
export type ApkgJobQuery = z.infer<typeof ApkgJobQuerySchema>;

/** The confirmation: into one of my decks, or a new deck with this title. */
export const ApkgConfirmSchema = z
  .object({
    jobId: ApkgJobIdSchema,
    deckId: Id.optional(),
    newDeckTitle: Title.optional(),
  })
  .refine((input) => (input.deckId ? 1 : 0) + (input.newDeckTitle ? 1 : 0) === 1, {
    message: "Choose one of your decks, or give the new deck a title.",
    path: ["newDeckTitle"],
  });
export type ApkgConfirmInput = z.infer<typeof ApkgConfirmSchema>;
