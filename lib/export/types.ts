import type { ImportedCardKind } from "@/lib/import/types";

/*
 * What the exporters take: one deck's concepts with the learner's cards and review log, in plain
 * values (the data layer reads them and checks ownership; the writers are pure).
 */

export interface ExportConcept {
  id: string;
  slug?: string;
  term: string;
  definition: string;
  aliases?: string[];
  examples?: string[];
  confusables?: string[];
  prerequisites?: string[];
  sourceLocator?: string;
  tags: string[];
  /** Anki's note identity, if the concept came from Anki; otherwise one is made from the id. */
  guid?: string;
}

export interface ExportCard {
  id: string;
  conceptId: string;
  kind: ImportedCardKind;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning. */
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
  suspended: boolean;
}

/** One answer (review-log rows of kind GRADE that were not undone). */
export interface ExportReview {
  cardId: string;
  reviewedAt: Date;
  grade: 1 | 2 | 3 | 4;
  /** The card's state before the answer (0 New, 1 Learning, 2 Review, 3 Relearning). */
  stateBefore: number;
  durationMs: number;
}

export interface ExportDeck {
  slug: string;
  title: string;
  description?: string;
  sourceTitle?: string;
  sourceUrl?: string;
  concepts: ExportConcept[];
}
