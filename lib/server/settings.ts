import "server-only";
import type { StudySettingsDTO } from "@/lib/types/settings";
import type { DailyGoalChoiceInput, StudySettings } from "@/lib/validation/settings";
import { isDailyGoalKind } from "@/lib/validation/settings-limits";
import { read, write } from "./db";
import { NotFoundError } from "./errors";

/*
 * Nothing stored is derived from the time zone or the day start hour: study days, "reviewed
 * today", limits and streaks are all computed from the review log on every read. So changing them
 * is one row update, and everything shown follows on the next page.
 */

const SETTINGS_COLUMNS = {
  timeZone: true,
  dayStartHour: true,
  newCardsPerDay: true,
  reviewsPerDay: true,
  dailyGoalKind: true,
  dailyGoalReviews: true,
} as const;

export async function getStudySettings(userId: string): Promise<StudySettingsDTO> {
  const row = await read((db) => db.user.findUnique({ where: { id: userId }, select: SETTINGS_COLUMNS }));
  if (!row) throw new NotFoundError("User");
  return { ...row, dailyGoalKind: isDailyGoalKind(row.dailyGoalKind) ? row.dailyGoalKind : "REVIEWS" };
}

/** Saves the acting user's study settings (already validated by StudySettingsSchema); the goal counts as chosen. */
export async function updateStudySettings(userId: string, input: StudySettings, now = new Date()): Promise<StudySettingsDTO> {
  const row = await write((tx) =>
    tx.user.update({
      where: { id: userId },
      data: {
        timeZone: input.timeZone,
        dayStartHour: input.dayStartHour,
        newCardsPerDay: input.newCardsPerDay,
        reviewsPerDay: input.reviewsPerDay,
        dailyGoalKind: input.dailyGoalKind,
        dailyGoalReviews: input.dailyGoalReviews,
        dailyGoalChosenAt: now,
      },
      select: SETTINGS_COLUMNS,
    }),
  );
  return { ...row, dailyGoalKind: input.dailyGoalKind };
}

/** Whether home should still ask for a daily goal: nobody has chosen one for this account yet. */
export async function isDailyGoalUnchosen(userId: string): Promise<boolean> {
  const row = await read((db) => db.user.findUnique({ where: { id: userId }, select: { dailyGoalChosenAt: true } }));
  if (!row) throw new NotFoundError("User");
  return row.dailyGoalChosenAt === null;
}

/** Home's first-visit answer: the goal picked (a review goal keeps its number when the queue goal is picked). */
export async function chooseDailyGoal(userId: string, input: DailyGoalChoiceInput, now: Date): Promise<void> {
  await write((tx) =>
    tx.user.update({
      where: { id: userId },
      data: {
        dailyGoalKind: input.dailyGoalKind,
        ...(input.dailyGoalReviews === null ? {} : { dailyGoalReviews: input.dailyGoalReviews }),
        dailyGoalChosenAt: now,
      },
      select: { id: true },
    }),
  );
}
