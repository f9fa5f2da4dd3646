/*
 * The Anki package import's limits, apart from the schemas so the page's client code can state and
 * check them without loading zod.
 */

/** The largest package one import takes (IMPORT_LIMITS.maxFileBytes, which the reader holds to). */
export const APKG_MAX_BYTES = 50 * 1024 * 1024;
export const APKG_FILE_EXTENSIONS = [".apkg", ".colpkg"] as const;
