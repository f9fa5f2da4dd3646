import "server-only";
import type { Card, ReviewLog, User } from "@/lib/generated/prisma/client";
import { SCHEDULING_FIELDS, type CardStateValue, type SchedulingField, type SchedulingState } from "@/lib/srs/card";
import type { Grade, ReviewSnapshot } from "@/lib/srs/scheduler";
import type { SchedulerSettings } from "@/lib/srs/settings";

export function parseJsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function schedulerSettingsOf(
  user: Pick<
    User,
    "desiredRetention" | "learningSteps" | "relearningSteps" | "maximumIntervalDays" | "enableFuzz" | "fsrsWeights"
  >,
): SchedulerSettings {
  // Malformed stored weights fall back to the defaults rather than breaking every review.
  let weights: number[] | null = null;
  try {
    const parsed: unknown = user.fsrsWeights ? JSON.parse(user.fsrsWeights) : null;
    if (Array.isArray(parsed) && parsed.length === 21 && parsed.every((w) => typeof w === "number")) weights = parsed;
  } catch {
    weights = null;
  }
  return {
    desiredRetention: user.desiredRetention,
    learningSteps: user.learningSteps,
    relearningSteps: user.relearningSteps,
    maximumIntervalDays: user.maximumIntervalDays,
    enableFuzz: user.enableFuzz,
    fsrsWeights: weights,
  };
}

/** `keys` of `row` and nothing else: a row carries more columns than its mapping may pass on. */
function pick<T, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = row[key];
  return picked;
}

/** The Prisma `select` for a card's scheduling columns, made from the one list of scheduling fields. */
export const SCHEDULING_SELECT = Object.freeze(Object.fromEntries(SCHEDULING_FIELDS.map((field) => [field, true]))) as {
  readonly [F in SchedulingField]: true;
};

export type SchedulingColumns = Pick<Card, SchedulingField>;

/** A card's schedule from its Prisma row, every other column dropped (the inverse of schedulingColumns). */
export function schedulingOf(card: SchedulingColumns): SchedulingState {
  return { ...pick(card, SCHEDULING_FIELDS), state: card.state as CardStateValue };
}

/** The Card columns for a scheduling state (the inverse of schedulingOf). */
export function schedulingColumns(s: SchedulingState): SchedulingColumns {
  return pick(s, SCHEDULING_FIELDS);
}

/** The scheduling fields a review log keeps from the card before its grade: all but the counters. */
type LoggedSchedulingField = Exclude<SchedulingField, "reps" | "lapses">;
export const LOGGED_SCHEDULING_FIELDS = SCHEDULING_FIELDS.filter(
  (field): field is LoggedSchedulingField => field !== "reps" && field !== "lapses",
);
export const SNAPSHOT_FIELDS: readonly (keyof ReviewSnapshot)[] = [
  ...LOGGED_SCHEDULING_FIELDS,
  "grade",
  "elapsedDays",
  "reviewedAt",
];

/** What undo needs from a review log. */
export function snapshotOf(log: Pick<ReviewLog, keyof ReviewSnapshot>): ReviewSnapshot {
  return { ...pick(log, SNAPSHOT_FIELDS), grade: log.grade as Grade, state: log.state as CardStateValue };
}

/** The ReviewLog columns that store a snapshot (the inverse of snapshotOf). */
export function snapshotColumns(snapshot: ReviewSnapshot): Pick<ReviewLog, keyof ReviewSnapshot> {
  return pick(snapshot, SNAPSHOT_FIELDS);
}
