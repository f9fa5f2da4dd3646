import { z } from "zod";
import { stepsProblem } from "@/lib/srs/steps";
import {
  LEECH_ACTIONS,
  LEECH_THRESHOLD_MAX,
  LEECH_THRESHOLD_MIN,
  MAXIMUM_INTERVAL_MAX,
  NEW_CARD_ORDERS,
  RETENTION_MAX,
  RETENTION_MIN,
} from "./scheduling-limits";
import { wholeNumber } from "./settings";

const RETENTION_RANGE = `Desired retention is a number from ${RETENTION_MIN.toFixed(2)} to ${RETENTION_MAX.toFixed(2)}, e.g. 0.90`;

/** A steps text in Anki's syntax; the message says which step is wrong and why. */
function stepsText(what: string) {
  return z
    .string({ error: `Enter the ${what}, or leave it empty for none` })
    .trim()
    .max(100, `Keep the ${what} under 100 characters`)
    .superRefine((text, ctx) => {
      const problem = stepsProblem(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((text) => text.split(/\s+/).filter(Boolean).join(" "));
}

/** The scheduling section of /settings, as its form posts it (text fields; a checkbox is "on" or absent). */
export const SchedulingSettingsSchema = z.object({
  desiredRetention: z
    .string({ error: RETENTION_RANGE })
    .trim()
    .regex(/^(0?\.\d{1,3}|1(\.0+)?)$/, RETENTION_RANGE)
    .transform(Number)
    .pipe(z.number().min(RETENTION_MIN, RETENTION_RANGE).max(RETENTION_MAX, RETENTION_RANGE)),
  learningSteps: stepsText("learning steps"),
  relearningSteps: stepsText("relearning steps"),
  maximumIntervalDays: wholeNumber("The maximum interval", 1, MAXIMUM_INTERVAL_MAX),
  enableFuzz: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  newCardOrder: z.enum(NEW_CARD_ORDERS, { error: "Choose an order for new cards" }),
  leechThreshold: wholeNumber("The leech threshold", LEECH_THRESHOLD_MIN, LEECH_THRESHOLD_MAX),
  leechAction: z.enum(LEECH_ACTIONS, { error: "Choose what happens to a leech" }),
});
export type SchedulingSettingsInput = z.infer<typeof SchedulingSettingsSchema>;

/** A reschedule (or fit) to act on, by the id the server handed out. */
export const BatchIdSchema = z.object({ batchId: z.string().uuid("Unknown reschedule") });
export type BatchIdInput = z.infer<typeof BatchIdSchema>;

/** Actions that take no input. */
export const NoInputSchema = z.object({}).strict();
