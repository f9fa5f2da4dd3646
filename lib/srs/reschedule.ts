import { Rating, type FSRSHistory } from "ts-fsrs";
import { CardState, fromFsrsCard, toFsrsCard, type SchedulingState } from "./card";
import type { Grade } from "./grades";
import { createScheduler } from "./scheduler";
import type { SchedulerSettings } from "./settings";

/** One graded review of a card's history, oldest first (undone and manual entries left out). */
export interface GradedReview {
  grade: Grade;
  reviewedAt: Date;
}

/** The schedule fields a reschedule changes; the counters and the last review stay as they are. */
export type RescheduledFields = Pick<
  SchedulingState,
  "due" | "stability" | "difficulty" | "scheduledDays" | "learningSteps" | "state"
>;

/**
 * The card's schedule recomputed from its graded history with `settings` (ts-fsrs `reschedule`
 * replays every grade from a new card), or null when nothing would change. The reps, lapses and
 * last review are kept from the card, so a log row holding the card's schedule before is enough
 * to restore it exactly.
 */
export function rescheduleCard(
  card: SchedulingState,
  history: readonly GradedReview[],
  settings: SchedulerSettings,
  now: Date,
): RescheduledFields | null {
  if (card.state === CardState.New || history.length === 0) return null;
  const reviews: FSRSHistory[] = history.map((review) => ({ rating: review.grade, review: review.reviewedAt }));
  const { collections } = createScheduler(settings).reschedule(toFsrsCard(card), reviews, { now, skipManual: true });
  const last = collections.at(-1);
  if (!last || last.log.rating === Rating.Manual) return null;
  const replayed = fromFsrsCard(last.card);
  const next: RescheduledFields = {
    due: replayed.due,
    stability: replayed.stability,
    difficulty: replayed.difficulty,
    scheduledDays: replayed.scheduledDays,
    learningSteps: replayed.learningSteps,
    state: replayed.state,
  };
  const same =
    next.due.getTime() === card.due.getTime() &&
    next.stability === card.stability &&
    next.difficulty === card.difficulty &&
    next.scheduledDays === card.scheduledDays &&
    next.learningSteps === card.learningSteps &&
    next.state === card.state;
  return same ? null : next;
}
