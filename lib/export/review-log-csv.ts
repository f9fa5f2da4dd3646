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

export function writeReviewLogCsv(reviews: readonly ExportReview[]): string {
  const ordered = [...reviews].sort(
    (a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || a.cardId.localeCompare(b.cardId),
  );
  const numbers = new Map<string, number>();
  for (const review of ordered) if (!numbers.has(review.cardId)) numbers.set(review.cardId, numbers.size + 1);
  const rows = ordered.map((review) => [
    numbers.get(review.cardId)!,
    review.reviewedAt.getTime(),
    review.grade,
    review.stateBefore,
    Math.max(0, Math.round(review.durationMs)),
  ]);
  // Papa ends a header with no rows in a newline of its own: one line end either way.
  return `${Papa.unparse({ fields: [...REVIEW_LOG_COLUMNS], data: rows }, { newline: "\n" }).replace(/\n$/, "")}\n`;
}
