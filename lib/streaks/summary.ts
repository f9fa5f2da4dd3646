import { addDays, type StudyDay } from "@/lib/srs/study-day";

/** Streak lengths worth a word on the home page. */
export const MILESTONES = [7, 30, 100, 365] as const;
/** Days of goal met in a row that earn one streak freeze. */
export const FREEZE_EARNED_EVERY = 7;
/** The most freezes held at once; one earned beyond this is not kept. */
export const MAX_FREEZES = 2;

/**
 * How a past study day stands against the daily goal: met (counts), excused (nothing was left to
 * do, so it neither counts nor breaks), or missed (breaks the streak unless a freeze is spent).
 * A day that is not listed was missed.
 */
export type DayOutcome = "met" | "excused";

export interface StreakState {
  /** Goal-met days in the current streak, today's included once it is met. */
  current: number;
  longest: number;
  freezesHeld: number;
  /** Missed days a freeze covered, oldest first, within the current streak. */
  frozenDays: StudyDay[];
  todayMet: boolean;
  /** The milestone the current streak stands on (7, 30, 100, 365), or null. */
  milestone: number | null;
  /** The next milestone still ahead, or null past the last one. */
  nextMilestone: number | null;
}

/**
 * Walks the study days from the first goal-met day to today. Today is not over, so it counts once
 * its goal is met and never breaks the streak. A missed day spends a held freeze while a streak is
 * running (a freeze has nothing to protect at zero); without one the streak ends. Every
 * FREEZE_EARNED_EVERY goal-met days of a running streak earn a freeze, at most MAX_FREEZES held.
 * Excused and frozen days pause the count of days toward a freeze; a broken streak restarts it.
 */
export function streakState(outcomes: ReadonlyMap<StudyDay, DayOutcome>, today: StudyDay): StreakState {
  const metDays = [...outcomes].filter(([, outcome]) => outcome === "met").map(([day]) => day);
  const todayMet = outcomes.get(today) === "met";
  let run = 0;
  let longest = 0;
  let freezes = 0;
  let towardFreeze = 0;
  let frozenDays: StudyDay[] = [];
  if (metDays.length > 0) {
    const first = metDays.reduce((a, b) => (a < b ? a : b));
    for (let day = first; day <= today; day = addDays(day, 1)) {
      const outcome = outcomes.get(day);
      if (outcome === "met") {
        run += 1;
        towardFreeze += 1;
        if (towardFreeze === FREEZE_EARNED_EVERY) {
          freezes = Math.min(MAX_FREEZES, freezes + 1);
          towardFreeze = 0;
        }
        longest = Math.max(longest, run);
      } else if (outcome === "excused" || day === today) {
        continue;
      } else if (run > 0 && freezes > 0) {
        freezes -= 1;
        frozenDays.push(day);
      } else {
        run = 0;
        towardFreeze = 0;
        frozenDays = [];
      }
    }
  }
  return {
    current: run,
    longest,
    freezesHeld: freezes,
    frozenDays: run > 0 ? frozenDays : [],
    todayMet,
    milestone: MILESTONES.find((m) => m === run) ?? null,
    nextMilestone: MILESTONES.find((m) => m > run) ?? null,
  };
}
