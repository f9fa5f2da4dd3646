import { CardState } from "./card-state";

/** One review as the FSRS optimizer reads it: the grade (1-4) and whole study days since the previous one. */
export type FsrsReview = readonly [rating: number, deltaT: number];
/** One training sample: a card's reviews up to and including one that came on a later day. */
export type FsrsItem = readonly FsrsReview[];

/** A review-log row as the optimizer input needs it, in time order. */
export interface OptimizerLog {
  cardId: string;
  grade: number;
  /** The card's state before the grade (0 New). */
  state: number;
  /** "GRADE" for a review; manual entries ("RESET", "RESCHEDULE", "IMPORT") are not reviews. */
  kind: string;
  reviewedAtMs: number;
  undone: boolean;
}

/**
 * The optimizer's training items from a user's review log (Anki's rules, ANKI.md section 4): per
 * card, graded reviews that were not undone, from the last one made on a new card (a reset starts
 * the card over, and a card whose first review is missing is left out); deltaT = whole study days
 * since the previous review (`dayIndexOf` counts days in the user's zone and day start), 0 for the
 * first; one item per review on a later day than the one before, holding every review so far (same-day
 * reviews stay inside with deltaT 0). Items are in the order of their last review, which the
 * training's recency weighting and the time-series split both rely on.
 */
export function trainingItems(logs: readonly OptimizerLog[], dayIndexOf: (ms: number) => number): FsrsItem[] {
  const byCard = new Map<string, OptimizerLog[]>();
  for (const log of logs) {
    if (log.undone) continue;
    if (log.kind === "RESET") byCard.set(log.cardId, []);
    if (log.kind !== "GRADE" || log.grade < 1 || log.grade > 4) continue;
    const list = byCard.get(log.cardId) ?? [];
    if (log.state === CardState.New) list.length = 0;
    list.push(log);
    byCard.set(log.cardId, list);
  }
  const items: { item: FsrsItem; lastMs: number; order: number }[] = [];
  let order = 0;
  for (const reviews of byCard.values()) {
    if (reviews.length < 2 || reviews[0].state !== CardState.New) continue;
    const history: FsrsReview[] = [];
    let previousDay = dayIndexOf(reviews[0].reviewedAtMs);
    for (const [i, review] of reviews.entries()) {
      const day = dayIndexOf(review.reviewedAtMs);
      const deltaT = i === 0 ? 0 : Math.max(0, day - previousDay);
      previousDay = day;
      history.push([review.grade, deltaT]);
      if (i > 0 && deltaT > 0) items.push({ item: [...history], lastMs: review.reviewedAtMs, order: order++ });
    }
  }
  items.sort((a, b) => a.lastMs - b.lastMs || a.order - b.order);
  return items.map((entry) => entry.item);
}

const MAX_DELTA_T = 2 ** 31 - 1;

/**
 * Why the optimizer would refuse (or crash on) an item, or null when it is sound: at least two
 * reviews, the first with deltaT 0, the last with deltaT > 0, ratings 1-4 and whole non-negative
 * day counts. The native optimizer aborts its whole process on some malformed items, so every item
 * is checked before it is handed over.
 */
export function itemProblem(item: unknown): string | null {
  if (!Array.isArray(item)) return "not a list of reviews";
  if (item.length < 2) return "fewer than two reviews";
  for (const review of item as unknown[]) {
    if (!Array.isArray(review) || review.length !== 2) return "a review is not a [rating, deltaT] pair";
    const [rating, deltaT] = review as unknown[];
    if (typeof rating !== "number" || !Number.isInteger(rating) || rating < 1 || rating > 4) return "a rating outside 1-4";
    if (typeof deltaT !== "number" || !Number.isInteger(deltaT) || deltaT < 0 || deltaT > MAX_DELTA_T) {
      return "a day count that is not a whole number of days";
    }
  }
  if ((item[0] as number[])[1] !== 0) return "the first review does not have deltaT 0";
  if ((item.at(-1) as number[])[1] <= 0) return "the last review is on the same day as the one before";
  return null;
}

/** The study-day index (days since 1970-01-01) of an ISO date "YYYY-MM-DD". */
export function dayIndexOfIsoDate(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}
