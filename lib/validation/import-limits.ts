/*
 * The import page's limits, apart from the schemas so the page's client code can state and check
 * them without loading zod.
 */

/** The most text one import takes, pasted or uploaded (the page states it). */
export const IMPORT_TEXT_MAX_BYTES = 5 * 1024 * 1024;
/** The file types the import page accepts: text only. */
export const IMPORT_FILE_EXTENSIONS = [".txt", ".md", ".tsv", ".csv"] as const;
