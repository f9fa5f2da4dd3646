"use server";

import { authAction, formAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { updateSchedulingSettings } from "@/lib/server/scheduling";
import { chooseDailyGoal, updateStudySettings } from "@/lib/server/settings";
import { SchedulingSettingsSchema } from "@/lib/validation/scheduling";
import { DailyGoalChoiceSchema, StudySettingsSchema } from "@/lib/validation/settings";

const FIELDS = ["timeZone", "dayStartHour", "newCardsPerDay", "reviewsPerDay", "dailyGoalKind", "dailyGoalReviews"] as const;

// No revalidatePath: every signed-in page renders per request, so the next page shows the new settings.
export const updateStudySettingsAction = formAction(
  { signedIn: true, schema: StudySettingsSchema, echo: FIELDS },
  async (input, user) => {
    await updateStudySettings(user!.id, input, serverNow());
  },
);

/** Home's first-visit question: the learner's daily goal, picked from a few. */
export const chooseDailyGoalAction = authAction(DailyGoalChoiceSchema, (input, user) =>
  chooseDailyGoal(user.id, input, serverNow()),
);

const SCHEDULING_FIELDS = [
  "desiredRetention",
  "learningSteps",
  "relearningSteps",
  "maximumIntervalDays",
  "enableFuzz",
  "newCardOrder",
  "leechThreshold",
  "leechAction",
] as const;

/** The scheduling section: applies from the next grade (rescheduling existing cards is its own action). */
export const updateSchedulingSettingsAction = formAction(
  { signedIn: true, schema: SchedulingSettingsSchema, echo: SCHEDULING_FIELDS },
  async (input, user) => {
    await updateSchedulingSettings(user!.id, input);
  },
);
