/*
 * The card states and scheduling fields, without ts-fsrs: the review page's client code needs
 * these, and importing them from card.ts would ship the scheduler to the browser.
 */

/** ts-fsrs State, stored as an integer (card.ts checks that the values agree). */
export const CardState = {
  New: 0,
  Learning: 1,
  Review: 2,
  Relearning: 3,
} as const;
export type CardStateValue = (typeof CardState)[keyof typeof CardState];

/** The scheduling fields of one card, as stored in the Card table. */
export interface SchedulingState {
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: CardStateValue;
  lastReview: Date | null;
}

export function isLearning(state: CardStateValue): boolean {
  return state === CardState.Learning || state === CardState.Relearning;
}
