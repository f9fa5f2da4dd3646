import { newSchedulingState, type SchedulingState } from "./card";
import { gradeApplier, type Grade, type ReviewSnapshot } from "./scheduler";
import type { SchedulerSettings } from "./settings";

/** One answer of a history brought in from elsewhere. */
export interface ReplayInput {
  reviewedAt: Date;
  grade: Grade;
  durationMs: number;
}

/** One replayed answer: what Mesa's review log keeps for it (the card as it was before the grade). */
export interface ReplayedReview {
  snapshot: ReviewSnapshot;
  durationMs: number;
}

export interface ReplayResult {
  /** The card after the last answer: its FSRS memory state, due date and counters. */
  state: SchedulingState;
  /** Oldest first, one per input answer. */
  reviews: ReplayedReview[];
}

/**
 * Replays a card's answers, oldest first, from a new card, with the learner's settings: each
 * answer goes through the same code as a grade given in Mesa (applyGrade), so an imported card's
 * state and log rows are those Mesa would have made had the answers been given here. The card id
 * seeds the interval fuzz as it does for live grades. Answers are sorted by time; equal times
 * keep their order.
 */
export function replayReviews(
  answers: readonly ReplayInput[],
  settings: SchedulerSettings,
  cardId: string,
  apply: ReturnType<typeof gradeApplier> = gradeApplier(settings),
): ReplayResult {
  const ordered = answers
    .map((answer, index) => ({ answer, index }))
    .sort((a, b) => a.answer.reviewedAt.getTime() - b.answer.reviewedAt.getTime() || a.index - b.index)
    .map(({ answer }) => answer);
  if (ordered.length === 0) throw new Error("replayReviews needs at least one answer");
  let state = newSchedulingState(ordered[0].reviewedAt);
  const reviews: ReplayedReview[] = [];
  for (const answer of ordered) {
    const applied = apply(state, answer.grade, answer.reviewedAt, cardId);
    reviews.push({ snapshot: applied.snapshot, durationMs: answer.durationMs });
    state = applied.next;
  }
  return { state, reviews };
}

/** A replayer for many cards under one set of settings: one scheduler for all of them. */
export function cardReplayer(settings: SchedulerSettings): (answers: readonly ReplayInput[], cardId: string) => ReplayResult {
  const apply = gradeApplier(settings);
  return (answers, cardId) => replayReviews(answers, settings, cardId, apply);
}
