/*
 * The study settings' ranges and choices, shared by the server's zod schema and the settings form.
 * zod-free on purpose: the form is a client component, and zod in the browser trips the CSP.
 */

export const DAY_START_HOUR_MAX = 23;
export const NEW_CARDS_PER_DAY_MAX = 1000;
export const REVIEWS_PER_DAY_MAX = 10000;
export const DAILY_GOAL_REVIEWS_MIN = 1;
export const DAILY_GOAL_REVIEWS_MAX = 1000;

/** The daily goal a study day must meet to count for the streak. */
export const DAILY_GOAL_KINDS = ["REVIEWS", "CLEAR_DUE"] as const;
export type DailyGoalKind = (typeof DAILY_GOAL_KINDS)[number];

export function isDailyGoalKind(value: string): value is DailyGoalKind {
  return (DAILY_GOAL_KINDS as readonly string[]).includes(value);
}
