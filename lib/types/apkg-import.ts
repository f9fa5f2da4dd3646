import type { SkippedItem } from "@/lib/import/types";

/*
 * What the Anki package import's route answers (app/api/import/apkg): the job's state, and once
 * the package is read, what it holds and what importing it would do to the chosen deck.
 */

/**
 * waiting: for a free reader; reading: the package is read and its history replayed; ready: the
 * summary is there, nothing is written; storing: being written; done: written (see outcome);
 * failed: the package could not be read (see errors), nothing was written.
 */
export type ApkgJobStatus = "waiting" | "reading" | "ready" | "storing" | "done" | "failed";

/** One concept as the summary shows it. */
export interface ApkgSampleConceptDTO {
  term: string;
  definition: string;
  tags: string[];
}

export interface ApkgSummaryDTO {
  /** The package's main deck, or null when it names none. */
  deckName: string | null;
  /** A new deck's title unless the learner types another: the deck's name, or the file's. */
  defaultDeckTitle: string;
  concepts: number;
  /** The first concepts, as a sample of what is brought. */
  sample: ApkgSampleConceptDTO[];
  /** Cards with a review history, and their reviews. */
  cardsWithHistory: number;
  reviews: number;
  skipped: SkippedItem[];
  /** How many notes were skipped in all (`skipped` lists the first of them). */
  skippedCount: number;
  warnings: string[];
}

/** A note of the package that cannot become a concept in the chosen deck, and why. */
export interface ApkgSkippedNoteDTO {
  noteId: string;
  term: string;
  reason: string;
}

/** What importing would do to the chosen deck (planAnkiImport), before anything is written. */
export interface ApkgPlanDTO {
  /** The deck planned against; null for a new deck. */
  deckId: string | null;
  /**
   * The decks written to: the chosen one, or the new deck (several, "Title (1 of 3)", when the
   * package holds more concepts than a deck may); deckId set where a deck of that title exists.
   */
  decks: { title: string; deckId: string | null; concepts: number }[];
  added: number;
  updated: number;
  unchanged: number;
  reviewsToAdd: number;
  /** Cards already graded in Mesa: they keep their state and history. */
  cardsKept: number;
  /** Notes left out on top of those the reading skipped. */
  skipped: ApkgSkippedNoteDTO[];
  /** What stops the import (nothing importable, a deck past its limit). */
  limitError: string | null;
}

export interface ApkgOutcomeDTO {
  /** The first deck written to. */
  deckId: string;
  deckIds: string[];
  added: number;
  updated: number;
  unchanged: number;
  skipped: ApkgSkippedNoteDTO[];
  cards: number;
  reviews: number;
}

export interface ApkgJobDTO {
  jobId: string;
  fileName: string;
  status: ApkgJobStatus;
  /** What is happening now, in words ("Replaying 1,200 of 4,000 cards' reviews"). */
  stage: string;
  /** 0..1 of the current step (reading, or writing). */
  progress: number;
  /** Why the package could not be read, or the import failed: nothing was written. */
  errors: string[];
  /** Why the last Import was refused (nothing was written); `onTitle` when the new deck's title is at fault. */
  storeError: { message: string; onTitle: boolean } | null;
  summary: ApkgSummaryDTO | null;
  plan: ApkgPlanDTO | null;
  outcome: ApkgOutcomeDTO | null;
}

/** The route's error answer. */
export interface ApkgErrorDTO {
  error: string;
  fieldErrors?: Record<string, string[]>;
}
