import "server-only";
import type { StudySettingsDTO } from "@/lib/types/settings";
import type { StudySettings } from "@/lib/validation/settings";
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

/** Saves the acting user's study settings (already validated by StudySettingsSchema). */
export async function updateStudySettings(userId: string, input: StudySettings): Promise<StudySettingsDTO> {
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
      },
      select: SETTINGS_COLUMNS,
    }),
  );
  return { ...row, dailyGoalKind: input.dailyGoalKind };
}
