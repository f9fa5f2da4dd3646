import { createEmptyCard, type Card as FsrsCard, type State } from "ts-fsrs";
import type { CardState, SchedulingState } from "./card-state";

export { CardState, isLearning, type CardStateValue, type SchedulingState } from "./card-state";

/*
 * CardState copies ts-fsrs's State as plain numbers (so comparisons are between numbers, and the
 * client needs no ts-fsrs). Each of its names must hold the same value in State, both ways; a state
 * ts-fsrs adds breaks fromFsrsCard, whose State no longer fits a CardStateValue.
 */
type Agrees<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const CARD_STATES_AGREE: {
  readonly [K in keyof typeof CardState]: Agrees<(typeof State)[K & keyof typeof State], (typeof CardState)[K]>;
} = {
  New: true,
  Learning: true,
  Review: true,
  Relearning: true,
};
void CARD_STATES_AGREE;

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
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

/** A card nobody has studied yet, due at `now`. */
export function newSchedulingState(now: Date): SchedulingState {
  return fromFsrsCard(createEmptyCard(now));
}
