/** What a restore brought back, for the page to confirm. */
export interface RestoreSummaryDTO {
  decks: number;
  concepts: number;
  cards: number;
  reviews: number;
  quizzes: number;
}

/** The restore route's answer. */
export type RestoreResultDTO = { ok: true; summary: RestoreSummaryDTO } | { ok: false; error: string };
