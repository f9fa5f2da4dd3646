/*
 * What every importer produces: one shape whatever the source (reading notes, a Mesa deck file,
 * an Anki text export or an Anki package), so the step that stores an import handles one thing.
 */

export type ImportedCardKind = "TERM_TO_DEFINITION" | "DEFINITION_TO_TERM";

/** One concept found in the source. Text is plain text or markdown, never HTML. */
export interface ImportedConcept {
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  /** Lowercase slugs. */
  tags: string[];
  sourceLocator?: string;
  sourceUrl?: string;
  /** Where the concept came from: the 1-based line of a text source, or the note id of a package. */
  line?: number;
  noteId?: string;
  /** Anki's note identity (`guid`), kept so a re-import of the same package can match it. */
  guid?: string;
  /** The deck the source puts the concept in (Anki's `::` levels joined by " / "), if it names one. */
  deckName?: string;
  /** What was dropped from the text on the way in (sound, images), said once per concept. */
  notes?: string[];
}

/** One answer of an imported review history. */
export interface ImportedReview {
  reviewedAt: Date;
  grade: 1 | 2 | 3 | 4;
  durationMs: number;
}

/** A card's review history: the concept it belongs to (its index in `concepts`) and its direction. */
export interface ImportedHistory {
  conceptIndex: number;
  kind: ImportedCardKind;
  /** Oldest first. */
  reviews: ImportedReview[];
  /** The source's card id, for error messages and re-import matching. */
  sourceCardId?: string;
}

/** A part of the source that did not become a concept, and why. */
export interface SkippedItem {
  /** The 1-based line of a text source, or the note id of a package. */
  line?: number;
  noteId?: string;
  text: string;
  reason: string;
}

export interface ImportPreview {
  /** What the source calls itself: a deck file's title, an Anki export's `#deck:`, a package's main deck. */
  deckName?: string;
  concepts: ImportedConcept[];
  histories: ImportedHistory[];
  skipped: SkippedItem[];
  /** Problems that stop the import: nothing may be written when this is not empty. */
  errors: string[];
  /** Facts worth telling the learner (e.g. "3 cloze notes skipped", "audio omitted from 2 notes"). */
  warnings: string[];
}

/** Limits the importers hold to (issue 14: 50 MB, 100,000 notes). */
export const IMPORT_LIMITS = {
  maxFileBytes: 50 * 1024 * 1024,
  maxNotes: 100_000,
  /** Review-log rows of one package: each becomes objects in memory (about 1 KB per review through the replay). */
  maxReviews: 2_000_000,
  maxTermChars: 200,
  maxDefinitionChars: 4000,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

export function emptyPreview(partial: Partial<ImportPreview> = {}): ImportPreview {
  return { concepts: [], histories: [], skipped: [], errors: [], warnings: [], ...partial };
}

/** A preview that stops the import with one error. */
export function failedPreview(error: string): ImportPreview {
  return emptyPreview({ errors: [error] });
}
