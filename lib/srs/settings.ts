import { z } from "zod";
import { parseSteps } from "./steps";

/** Lapses from which a card counts as a leech: Anki's default, until the learner sets their own (User.leechThreshold). */
export const LEECH_THRESHOLD_DEFAULT = 8;

const STEP_PATTERN = /^\d+(\.\d+)?[mhd]$/;

const StepsTextSchema = z
  .string()
  .trim()
  .max(100)
  .refine((text) => parseSteps(text).every((step) => STEP_PATTERN.test(step)), {
    message: "Steps are durations such as 1m 10m 1h 1d, separated by spaces",
  });

export const SchedulerSettingsSchema = z.object({
  desiredRetention: z.number().min(0.7).max(0.99),
  learningSteps: StepsTextSchema,
  relearningSteps: StepsTextSchema,
  maximumIntervalDays: z.number().int().min(1).max(36500),
  enableFuzz: z.boolean(),
  // FSRS-6 has 21 weights; null means the ts-fsrs defaults.
  fsrsWeights: z.array(z.number().finite()).length(21).nullable(),
});
export type SchedulerSettings = z.infer<typeof SchedulerSettingsSchema>;

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
  desiredRetention: 0.9,
  learningSteps: "1m 10m",
  relearningSteps: "10m",
  maximumIntervalDays: 36500,
  enableFuzz: true,
  fsrsWeights: null,
};
