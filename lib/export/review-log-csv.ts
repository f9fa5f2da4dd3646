import Papa from "papaparse";
import type { ExportReview } from "./types";

/*
 * The review log in the column layout the FSRS optimizer tools read (fsrs-rs, the
 * @open-spaced-repetition binding's convertCsvToFsrsItems, STACK.md): card_id, review_time (Unix
 * ms), review_rating (1-4), review_state (the card's state before the answer: 0 new, 1 learning,
 * 2 review, 3 relearning) and review_duration (ms). The tools read card_id as an integer, so
 * Mesa's card ids are numbered 1, 2, ... in the order of each card's first review.
 */
export const REVIEW_LOG_COLUMNS = ["card_id", "review_time", "review_rating", "review_state", "review_duration"] as const;

/** The header line of the review log CSV, with its line end. */
export function reviewLogCsvHeader(): string {
  return `${Papa.unparse([[...REVIEW_LOG_COLUMNS]], { newline: "\n" })}\n`;
}

/** Oldest first; answers at the same instant by card id, as the optimizer tools expect them. */
export function compareReviews(a: ExportReview, b: ExportReview): number {
  return a.reviewedAt.getTime() - b.reviewedAt.getTime() || a.cardId.localeCompare(b.cardId);
}

/**
 * Writes the log's lines a slice at a time (for a download streamed in pages): each call takes the
 * next reviews, already in compareReviews order, and returns their lines, each with its line end.
 * The numbering of the cards carries over from one call to the next.
 */
export function reviewLogCsvLines(): (ordered: readonly ExportReview[]) => string {
  const numbers = new Map<string, number>();
  return (ordered) => {
    if (ordered.length === 0) return "";
    const rows = ordered.map((review) => {
      let number = numbers.get(review.cardId);
      if (number === undefined) numbers.set(review.cardId, (number = numbers.size + 1));
      return [number, review.reviewedAt.getTime(), review.grade, review.stateBefore, Math.max(0, Math.round(review.durationMs))];
    });
    return `${Papa.unparse(rows, { newline: "\n" })}\n`;
  };
}

export function writeReviewLogCsv(reviews: readonly ExportReview[]): string {
  return reviewLogCsvHeader() + reviewLogCsvLines()([...reviews].sort(compareReviews));
}
