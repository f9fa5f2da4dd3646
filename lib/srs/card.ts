import { createEmptyCard, type Card as FsrsCard } from "ts-fsrs";
import type { CardStateValue, SchedulingState } from "./card-state";

export { CardState, isLearning, type CardStateValue, type SchedulingState } from "./card-state";

export type SchedulingField = keyof SchedulingState;

// A record, not an array, so the compiler refuses a missing or an unknown field.
const SCHEDULING_FIELD_SET: { readonly [F in SchedulingField]: true } = {
  due: true,
  stability: true,
  difficulty: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
};

/**
 * Every scheduling field, in one list: the Card columns read and written for a schedule, the
 * review-log snapshot and the tests that compare schedules all follow it.
 */
export const SCHEDULING_FIELDS = Object.keys(SCHEDULING_FIELD_SET) as readonly SchedulingField[];

export function toFsrsCard(s: SchedulingState): FsrsCard {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    // Deprecated in ts-fsrs 5 and recomputed from last_review; not stored.
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.lastReview ?? undefined,
  };
}

export function fromFsrsCard(c: FsrsCard): SchedulingState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as CardStateValue,
    lastReview: c.last_review ?? null,
  };
}

/** A card nobody has studied yet, due at `now`. */
export function newSchedulingState(now: Date): SchedulingState {
  return fromFsrsCard(createEmptyCard(now));
}
