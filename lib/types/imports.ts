import type { SkippedItem } from "@/lib/import/types";

/** What an import does to one concept, matched with the target deck by term. */
export type ImportStatus = "added" | "updated" | "unchanged";

/** What an import would do to a deck, per concept (in the order sent), before anything is written. */
export interface ImportPlanDTO {
  statuses: ImportStatus[];
  /** The quality checks' errors of each concept: any one refuses the import. */
  errors: string[][];
  warnings: string[][];
  /** Set when the deck would hold more concepts than a deck may. */
  limitError: string | null;
}

/** What an import did. */
export interface ImportOutcome {
  deckId: string;
  added: number;
  updated: number;
  unchanged: number;
}

/** One detected concept as the preview lists it. */
export interface ImportDraftDTO {
  term: string;
  definition: string;
  aliases: string[];
  examples: string[];
  tags: string[];
  sourceText: string;
  sourceUrl: string;
  /** The 1-based line of the source it came from. */
  line: number | null;
}

/** The preview of pasted or uploaded text. */
export interface ImportPreviewDTO {
  format: "notes" | "mesa-deck" | "anki-text";
  deckName: string | null;
  concepts: ImportDraftDTO[];
  skipped: SkippedItem[];
  errors: string[];
  warnings: string[];
  plan: ImportPlanDTO;
}
