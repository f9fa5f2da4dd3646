import {
  computeDecayFactor,
  fsrs,
  generatorParameters,
  State,
  StrategyMode,
  type AbstractScheduler,
  type Card as FsrsCard,
  type FSRS,
  type Grade as FsrsGrade,
  type RecordLogItem,
  type ReviewLog as FsrsReviewLog,
  type StepUnit,
} from "ts-fsrs";
import { CardState, fromFsrsCard, toFsrsCard, type CardStateValue, type SchedulingState } from "./card";
import { GRADES, type Grade, type GradePreview } from "./grades";
import type { SchedulerSettings } from "./settings";
import { parseSteps } from "./steps";

export { GRADES, GRADE_LABELS, type Grade, type GradePreview } from "./grades";

/**
 * The card as it was before a grade, as kept in the review log. `due` and `lastReview` are both
 * kept because ts-fsrs's own log folds them into one field, so its rollback cannot restore `due`.
 */
export interface ReviewSnapshot {
  grade: Grade;
  state: CardStateValue;
  due: Date;
  lastReview: Date | null;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  elapsedDays: number;
  reviewedAt: Date;
}

/**
 * The fuzz seed. ts-fsrs's default seeds with the exact review instant, so the interval previewed
 * on a grade button when the answer is revealed and the one applied when the button is pressed
 * seconds later differ (by days, for long intervals). This seeds with the card as it was before
 * the review and the whole days since its last review (which the interval depends on anyway), so
 * preview and grade agree while different cards still get different fuzz.
 */
function seedFromCardState(this: AbstractScheduler): string {
  // `last` (the card before the review) and `elapsed_days` are protected in ts-fsrs's typings.
  const before = Reflect.get(this, "last") as FsrsCard & { card_id?: string };
  const elapsedDays = Reflect.get(this, "elapsed_days") as number;
  return [
    // New cards of one deck share every other field: the id keeps their fuzz apart.
    before.card_id ?? "",
    before.last_review?.getTime() ?? 0,
    before.due.getTime(),
    before.reps,
    before.stability,
    before.difficulty,
    elapsedDays,
  ].join("_");
}

/** The ts-fsrs card, carrying the card id for the fuzz seed. */
function seededCard(card: SchedulingState, cardId: string): FsrsCard {
  return { ...toFsrsCard(card), card_id: cardId } as FsrsCard;
}

export function createScheduler(settings: SchedulerSettings): FSRS {
  return fsrs(
    generatorParameters({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumIntervalDays,
      enable_fuzz: settings.enableFuzz,
      enable_short_term: true,
      learning_steps: parseSteps(settings.learningSteps) as StepUnit[],
      relearning_steps: parseSteps(settings.relearningSteps) as StepUnit[],
      ...(settings.fsrsWeights ? { w: settings.fsrsWeights } : {}),
    }),
  ).useStrategy(StrategyMode.SEED, seedFromCardState);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Each grade's outcome, with the day intervals put in order: Again < Hard <= Good < Easy.
 *
 * ts-fsrs orders Hard, Good and Easy only for a card already in Review. A card in (re)learning
 * that graduates gets each grade's interval from that grade's own stability, rounded to whole
 * days with a floor of one day (and fuzzed apart), so after a lapse, when stability is below a
 * day or two, Good and Easy both come out as 1d (or Again and Hard, with no steps). A graduating
 * grade is raised to one day past the grade below it (to the same day, for Hard -> Good), never
 * past the maximum interval. Minute steps are left as ts-fsrs made them: they are already below
 * any day interval. Previews and applyGrade both go through here, so a button shows what it applies.
 */
function orderedOutcomes(
  scheduler: FSRS,
  card: SchedulingState,
  cardId: string,
  now: Date,
  maximumIntervalDays: number,
): Record<Grade, RecordLogItem> {
  const outcomes = scheduler.repeat(seededCard(card, cardId), now);
  const ordered = {} as Record<Grade, RecordLogItem>;
  let belowMs = -Infinity;
  for (const grade of GRADES) {
    const item = outcomes[grade as FsrsGrade];
    let next = item.card;
    const strict = grade !== 3;
    if (next.state === State.Review && Number.isFinite(belowMs)) {
      const belowDays = belowMs / DAY_MS;
      const neededDays = Math.min(maximumIntervalDays, Math.max(1, strict ? Math.floor(belowDays) + 1 : Math.ceil(belowDays)));
      if (next.scheduled_days < neededDays) {
        next = { ...next, scheduled_days: neededDays, due: new Date(now.getTime() + neededDays * DAY_MS) };
      }
    }
    ordered[grade] = { card: next, log: item.log };
    belowMs = next.due.getTime() - now.getTime();
  }
  return ordered;
}

/**
 * The next due time for each of the four grades, shown on the buttons before a grade. Same card,
 * same id and same day give the same fuzz as applyGrade, so the button shows what a press applies.
 */
export function previewGrades(
  card: SchedulingState,
  now: Date,
  settings: SchedulerSettings,
  cardId: string,
): (GradePreview & { due: Date })[] {
  const outcomes = orderedOutcomes(createScheduler(settings), card, cardId, now, settings.maximumIntervalDays);
  return GRADES.map((grade) => {
    const due = outcomes[grade].card.due;
    return { grade, due, intervalMs: due.getTime() - now.getTime() };
  });
}

/**
 * The grade buttons' intervals only (what the server sends the review page), for many cards: one
 * scheduler serves them all, since building one per card dominated the cost of a queue's previews.
 */
export function previewIntervalsAt(
  now: Date,
  settings: SchedulerSettings,
): (card: SchedulingState, cardId: string) => GradePreview[] {
  const scheduler = createScheduler(settings);
  return (card, cardId) => {
    const outcomes = orderedOutcomes(scheduler, card, cardId, now, settings.maximumIntervalDays);
    return GRADES.map((grade) => ({ grade, intervalMs: outcomes[grade].card.due.getTime() - now.getTime() }));
  };
}

/** The grade buttons' intervals for one card. */
export function previewIntervals(card: SchedulingState, now: Date, settings: SchedulerSettings, cardId: string): GradePreview[] {
  return previewIntervalsAt(now, settings)(card, cardId);
}

export interface AppliedGrade {
  next: SchedulingState;
  snapshot: ReviewSnapshot;
}

export function applyGrade(
  card: SchedulingState,
  grade: Grade,
  now: Date,
  settings: SchedulerSettings,
  cardId: string,
): AppliedGrade {
  return gradeApplier(settings)(card, grade, now, cardId);
}

/**
 * applyGrade for many grades under one set of settings (a replayed history of thousands of
 * reviews): one scheduler serves them all, and each grade is applied exactly as applyGrade does.
 */
export function gradeApplier(
  settings: SchedulerSettings,
): (card: SchedulingState, grade: Grade, now: Date, cardId: string) => AppliedGrade {
  const scheduler = createScheduler(settings);
  return (card, grade, now, cardId) => applyWith(scheduler, card, grade, now, settings, cardId);
}

function applyWith(
  scheduler: FSRS,
  card: SchedulingState,
  grade: Grade,
  now: Date,
  settings: SchedulerSettings,
  cardId: string,
): AppliedGrade {
  const { card: next, log } = orderedOutcomes(scheduler, card, cardId, now, settings.maximumIntervalDays)[grade];
  return {
    next: fromFsrsCard(next),
    snapshot: {
      grade,
      state: card.state,
      due: card.due,
      lastReview: card.lastReview,
      stability: log.stability,
      difficulty: log.difficulty,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      elapsedDays: log.elapsed_days,
      reviewedAt: now,
    },
  };
}

/** The card exactly as it was before the review in `snapshot` (ts-fsrs rollback + the exact dates). */
export function undoGrade(current: SchedulingState, snapshot: ReviewSnapshot, settings: SchedulerSettings): SchedulingState {
  const log: FsrsReviewLog = {
    rating: snapshot.grade,
    state: snapshot.state,
    due: snapshot.lastReview ?? snapshot.due,
    stability: snapshot.stability,
    difficulty: snapshot.difficulty,
    elapsed_days: snapshot.elapsedDays,
    last_elapsed_days: 0,
    scheduled_days: snapshot.scheduledDays,
    learning_steps: snapshot.learningSteps,
    review: snapshot.reviewedAt,
  };
  const previous = fromFsrsCard(createScheduler(settings).rollback(toFsrsCard(current), log));
  return { ...previous, due: snapshot.due, lastReview: snapshot.lastReview };
}

/**
 * Probability of recall at `now` (0..1) for many cards: one scheduler serves them all, since
 * building one per card dominated the cost of sorting a large queue. 0 for a card never reviewed.
 */
export function retrievabilityAt(now: Date, settings: SchedulerSettings): (card: SchedulingState) => number {
  const scheduler = createScheduler(settings);
  return (card) => (card.lastReview === null ? 0 : scheduler.get_retrievability(toFsrsCard(card), now, false));
}

/**
 * retrievabilityAt for many cards known only by their memory state (the statistics read tens of
 * thousands): the same forgetting curve, whole days since the last review and stability as ts-fsrs
 * rounds them, without building a ts-fsrs card for each.
 */
export function memoryRetrievabilityAt(
  now: Date,
  settings: SchedulerSettings,
): (state: CardStateValue, stability: number, lastReviewMs: number | null) => number {
  const scheduler = createScheduler(settings);
  const nowMs = now.getTime();
  return (state, stability, lastReviewMs) =>
    lastReviewMs === null || state === CardState.New
      ? 0
      : scheduler.forgetting_curve(Math.max(Math.floor((nowMs - lastReviewMs) / DAY_MS), 0), +stability.toFixed(8));
}

/** Probability of recall now (0..1); 0 for a card never reviewed. */
export function retrievability(card: SchedulingState, now: Date, settings: SchedulerSettings): number {
  return retrievabilityAt(now, settings)(card);
}

/**
 * The forgetting curve's two constants for these settings (FSRS-6: the decay is the user's w[20],
 * the defaults' when no weights are fitted): R(t, S) = (1 + factor * t / S) ^ decay, t in whole
 * days since the last review. For computing retrievability where ts-fsrs cannot run (in SQL).
 */
export function forgettingCurveOf(settings: SchedulerSettings): { decay: number; factor: number } {
  return computeDecayFactor(createScheduler(settings).parameters.w);
}

export interface AppliedReset {
  next: SchedulingState;
  /** The card as it was before the reset, for its manual review-log entry. */
  snapshot: Omit<ReviewSnapshot, "grade">;
}

/**
 * Forgets a card (ts-fsrs `forget`): it becomes new again, due now, its memory state cleared; its
 * review and lapse counts are kept, as Anki keeps them by default.
 */
export function resetCard(card: SchedulingState, now: Date, settings: SchedulerSettings): AppliedReset {
  const { card: next, log } = createScheduler(settings).forget(toFsrsCard(card), now, false);
  return {
    next: fromFsrsCard(next),
    snapshot: {
      state: card.state,
      due: card.due,
      lastReview: card.lastReview,
      stability: card.stability,
      difficulty: card.difficulty,
      scheduledDays: card.scheduledDays,
      learningSteps: card.learningSteps,
      elapsedDays: log.elapsed_days,
      reviewedAt: now,
    },
  };
}
