"use server";

import { authAction, formAction } from "@/lib/server/action";
import { serverNow } from "@/lib/server/clock";
import { discardFit, getOptimizerStatus, restorePreviousWeights, saveFit, startFit } from "@/lib/server/optimizer";
import { rescheduleCards, undoReschedule } from "@/lib/server/reschedule";
import { updateSchedulingSettings } from "@/lib/server/scheduling";
import { chooseDailyGoal, updateStudySettings } from "@/lib/server/settings";
import { BatchIdSchema, NoInputSchema, SchedulingSettingsSchema } from "@/lib/validation/scheduling";
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

/** "Reschedule my cards now": every card's due date recomputed from its history with the current settings. */
export const rescheduleCardsAction = authAction(NoInputSchema, (_input, user) => rescheduleCards(user.id, serverNow()));

/** Undoes one reschedule as one step. */
export const undoRescheduleAction = authAction(BatchIdSchema, (input, user) =>
  undoReschedule(user.id, input.batchId, serverNow()),
);

/** "Fit FSRS to my reviews": starts the fit and returns; the page polls /api/optimizer for progress. */
// Each answers with the optimizer's status after the change, which the panel shows.
export const startFitAction = authAction(NoInputSchema, async (_input, user) => {
  await startFit(user.id, serverNow());
  return getOptimizerStatus(user.id);
});

/** Uses the fitted parameters from the next grade, keeping the ones in use for restore. */
export const saveFitAction = authAction(NoInputSchema, async (_input, user) => {
  await saveFit(user.id, serverNow());
  return getOptimizerStatus(user.id);
});

export const discardFitAction = authAction(NoInputSchema, async (_input, user) => {
  await discardFit(user.id);
  return getOptimizerStatus(user.id);
});

/** Brings back the parameters kept by the last save (or restore). */
export const restoreWeightsAction = authAction(NoInputSchema, async (_input, user) => {
  await restorePreviousWeights(user.id, serverNow());
  return getOptimizerStatus(user.id);
});
