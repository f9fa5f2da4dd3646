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

/** The goals home offers a new learner to pick from, and the one preselected. */
export const DAILY_GOAL_CHOICES = ["10", "20", "50", "CLEAR_DUE"] as const;
export type DailyGoalChoice = (typeof DAILY_GOAL_CHOICES)[number];
export const DEFAULT_DAILY_GOAL_CHOICE: DailyGoalChoice = "20";
