"use server";

import { formAction } from "@/lib/server/action";
import { updateStudySettings } from "@/lib/server/settings";
import { StudySettingsSchema } from "@/lib/validation/settings";

const FIELDS = ["timeZone", "dayStartHour", "newCardsPerDay", "reviewsPerDay", "dailyGoalKind", "dailyGoalReviews"] as const;

// No revalidatePath: every signed-in page renders per request, so the next page shows the new settings.
export const updateStudySettingsAction = formAction(
  { signedIn: true, schema: StudySettingsSchema, echo: FIELDS },
  async (input, user) => {
    await updateStudySettings(user!.id, input);
  },
);
