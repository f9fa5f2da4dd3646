import { z } from "zod";
import { isValidTimeZone } from "@/lib/srs/study-day";
import {
  DAILY_GOAL_CHOICES,
  DAILY_GOAL_KINDS,
  DAILY_GOAL_REVIEWS_MAX,
  DAILY_GOAL_REVIEWS_MIN,
  DAY_START_HOUR_MAX,
  NEW_CARDS_PER_DAY_MAX,
  REVIEWS_PER_DAY_MAX,
} from "./settings-limits";

/** A whole number typed into a form field, within [min, max], with the field's own wording. */
export function wholeNumber(what: string, min: number, max: number) {
  const range = `${what} is a whole number from ${min} to ${max}`;
  return z
    .string({ error: `Enter ${what.toLowerCase()}` })
    .trim()
    .regex(/^\d{1,6}$/, range)
    .transform(Number)
    .pipe(z.number().int().min(min, range).max(max, range));
}

export const StudySettingsSchema = z.object({
  timeZone: z
    .string({ error: "Choose a time zone" })
    .trim()
    .max(64, "Choose a time zone from the list")
    .refine(isValidTimeZone, "Choose a time zone from the list"),
  dayStartHour: wholeNumber("The day start hour", 0, DAY_START_HOUR_MAX),
  newCardsPerDay: wholeNumber("New cards per day", 0, NEW_CARDS_PER_DAY_MAX),
  reviewsPerDay: wholeNumber("Maximum reviews per day", 0, REVIEWS_PER_DAY_MAX),
  dailyGoalKind: z.enum(DAILY_GOAL_KINDS, { error: "Choose a daily goal" }),
  dailyGoalReviews: wholeNumber("The review goal", DAILY_GOAL_REVIEWS_MIN, DAILY_GOAL_REVIEWS_MAX),
});
export type StudySettings = z.infer<typeof StudySettingsSchema>;

/** Home's first-visit question: one of a few goals (settings takes any number). */
export const DailyGoalChoiceSchema = z
  .object({ goal: z.enum(DAILY_GOAL_CHOICES, { error: "Choose a daily goal" }) })
  .transform(({ goal }) =>
    goal === "CLEAR_DUE"
      ? { dailyGoalKind: "CLEAR_DUE" as const, dailyGoalReviews: null }
      : { dailyGoalKind: "REVIEWS" as const, dailyGoalReviews: Number(goal) },
  );
export type DailyGoalChoiceInput = z.infer<typeof DailyGoalChoiceSchema>;
