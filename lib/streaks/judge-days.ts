import { addDays, type StudyDay } from "@/lib/srs/study-day";
import type { DailyGoalKind } from "@/lib/validation/settings-limits";
import type { DayOutcome } from "./summary";

/*
 * How a study day stands against the daily goal (the streak itself is walked in ./summary.ts):
 * - "N reviews": met with at least N reviews that were not undone.
 * - "clear the due queue": met with at least one review and nothing left due at the day's end.
 * A day that is not met is excused (neither counts nor breaks) when nothing was left due at its
 * end: nothing could have been done. Otherwise it was missed. Whether new cards were left cannot be
 * told for a past day (enrolments and decks change), so new cards are not counted as work left.
 *
 * The facts come from the review log, which can be long, so judgePastDays asks for them in a few
 * batches and only for the days whose outcome depends on them: it yields a question, the caller
 * answers with the days it holds for (lib/server/streaks.ts, from SQL), and the outcomes come back
 * when nothing is left to ask.
 */

export interface DayBounds {
  start: Date;
  end: Date;
}

/** One batch of facts the judging needs; answered with the days of the batch it holds for. */
export type DayQuestion =
  /** Which of these days have at least `goal` reviews that were not undone? */
  | { ask: "reviews-at-least"; goal: number; days: ({ day: StudyDay } & DayBounds)[] }
  /**
   * Which of these days left a card due at their end? `bound` is where the search for a review
   * of such a card may stop: the end of the next study day with reviews (or now), because the
   * queue puts overdue cards first, so a card left through that day as well fails that day in turn.
   */
  | { ask: "left-due"; checks: { day: StudyDay; end: Date; bound: Date }[] };

export interface PastDaysInput {
  kind: DailyGoalKind;
  /** The review goal (at least 1); used by the "N reviews" goal only. */
  goal: number;
  /** The study days with at least one review that was not undone (today's included or not). */
  studied: Iterable<StudyDay>;
  today: StudyDay;
  now: Date;
  /** When a study day starts and ends, in the user's zone and day start. */
  bounds: (day: StudyDay) => DayBounds;
}

type Judging<T> = Generator<DayQuestion, T, ReadonlySet<StudyDay>>;

/** Asks a question unless it is about no day at all (then the answer is known: none). */
function* ask(question: DayQuestion): Judging<ReadonlySet<StudyDay>> {
  const empty = question.ask === "left-due" ? question.checks.length === 0 : question.days.length === 0;
  if (empty) return new Set<StudyDay>();
  return yield question;
}

/**
 * The outcome of every past study day from the first one studied to yesterday; a day not in the
 * result was missed. Days before the first goal-met day cannot change the streak, so under the
 * "N reviews" goal they are left unjudged.
 */
export function* judgePastDays(input: PastDaysInput): Judging<Map<StudyDay, DayOutcome>> {
  const { kind, goal, today, now, bounds } = input;
  const pastDays = [...new Set(input.studied)].filter((day) => day < today).sort();
  // Where the search for a card left due at a day's end stops: the end of the next study day
  // (now, when that is today). Days without reviews share the bound of the study day before them.
  const searchBound = new Map<StudyDay, Date>();
  const gaps: StudyDay[][] = [];
  for (let i = 0; i < pastDays.length; i++) {
    const following = pastDays[i + 1] ?? today;
    const bound = following === today ? now : bounds(following).end;
    searchBound.set(pastDays[i], bound);
    const gap: StudyDay[] = [];
    for (let day = addDays(pastDays[i], 1); day < following; day = addDays(day, 1)) {
      gap.push(day);
      searchBound.set(day, bound);
    }
    if (gap.length > 0) gaps.push(gap);
  }

  const outcomes = new Map<StudyDay, DayOutcome>();
  let belowGoal: StudyDay[] = [];
  if (kind === "REVIEWS" && goal > 1) {
    const met = yield* ask({ ask: "reviews-at-least", goal, days: pastDays.map((day) => ({ day, ...bounds(day) })) });
    for (const day of pastDays) if (met.has(day)) outcomes.set(day, "met");
    belowGoal = pastDays.filter((day) => !met.has(day));
  } else if (kind === "REVIEWS") {
    for (const day of pastDays) outcomes.set(day, "met");
  } else {
    belowGoal = pastDays;
  }

  // A run of days without reviews keeps whatever was left due at its first day's end (nothing
  // is reviewed in between), so only the days of runs whose first day left nothing need a look.
  const check = (day: StudyDay) => ({ day, end: bounds(day).end, bound: searchBound.get(day)! });
  // Nothing before the first goal-met day changes the streak, so those days are not looked at.
  const firstMet = () => [...outcomes.keys()].reduce((a, b) => (a < b ? a : b), today);
  const judged = kind === "CLEAR_DUE" ? belowGoal : belowGoal.filter((day) => day > firstMet());
  const leftBelowGoal = yield* ask({ ask: "left-due", checks: judged.map(check) });
  for (const day of judged) {
    if (kind === "CLEAR_DUE" && !leftBelowGoal.has(day)) outcomes.set(day, "met");
    else if (kind === "REVIEWS" && !leftBelowGoal.has(day)) outcomes.set(day, "excused");
  }
  const first = firstMet();
  const laterGaps = gaps.filter((gap) => gap[0] > first);
  const left = new Set(yield* ask({ ask: "left-due", checks: laterGaps.map((gap) => check(gap[0])) }));
  const rest = laterGaps.filter((gap) => !left.has(gap[0])).flatMap((gap) => gap.slice(1));
  for (const day of yield* ask({ ask: "left-due", checks: rest.map(check) })) left.add(day);
  for (const gap of laterGaps) {
    for (const day of gap) {
      if (left.has(day) || left.has(gap[0])) break;
      outcomes.set(day, "excused");
    }
  }
  return outcomes;
}

/** Whether today's goal is met so far (today is never missed: it is not over). */
export function isTodayMet(kind: DailyGoalKind, goal: number, reviewedToday: number, dueLeftToday: number): boolean {
  return kind === "REVIEWS" ? reviewedToday >= goal : reviewedToday > 0 && dueLeftToday === 0;
}
