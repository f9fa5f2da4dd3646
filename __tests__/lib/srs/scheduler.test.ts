import { fsrs, generatorParameters, Rating, State, type Card as FsrsCard, type Grade as FsrsGrade } from "ts-fsrs";
import { SCHEDULING_FIELDS } from "../../helpers/fixtures";
import { formatGradeIntervals } from "@/lib/format";
import { CardState, newSchedulingState, toFsrsCard, type SchedulingState } from "@/lib/srs/card";
import {
  applyGrade,
  forgettingCurveOf,
  memoryRetrievabilityAt,
  previewGrades,
  resetCard,
  retrievability,
  undoGrade,
  type Grade,
} from "@/lib/srs/scheduler";
import { DEFAULT_SCHEDULER_SETTINGS, type SchedulerSettings } from "@/lib/srs/settings";

const NOW = new Date("2026-03-07T12:00:00Z");
const CARD_ID = "card-1";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SETTINGS: SchedulerSettings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };

/** A card in Review, last reviewed 6 days ago and due 2 days ago (so `due` != `lastReview`). */
const OVERDUE_REVIEW: SchedulingState = {
  due: new Date("2026-03-05T12:00:00Z"),
  stability: 4.5,
  difficulty: 6.2,
  scheduledDays: 4,
  learningSteps: 0,
  reps: 5,
  lapses: 1,
  state: CardState.Review,
  lastReview: new Date("2026-03-01T12:00:00Z"),
};

/** The same card, written directly in ts-fsrs's shape (independent of lib/srs/card.ts). */
const OVERDUE_REVIEW_FSRS: FsrsCard = {
  due: new Date("2026-03-05T12:00:00Z"),
  stability: 4.5,
  difficulty: 6.2,
  elapsed_days: 0,
  scheduled_days: 4,
  learning_steps: 0,
  reps: 5,
  lapses: 1,
  state: State.Review,
  last_review: new Date("2026-03-01T12:00:00Z"),
};

const NEW_CARD_FSRS: FsrsCard = {
  due: NOW,
  stability: 0,
  difficulty: 0,
  elapsed_days: 0,
  scheduled_days: 0,
  learning_steps: 0,
  reps: 0,
  lapses: 0,
  state: State.New,
};

function referenceScheduler(overrides: Partial<Parameters<typeof generatorParameters>[0]> = {}) {
  return fsrs(
    generatorParameters({
      request_retention: 0.9,
      maximum_interval: 36500,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: ["1m", "10m"],
      relearning_steps: ["10m"],
      ...overrides,
    }),
  );
}

/** Field by field, so a failure names the field that was not restored. */
function expectSameState(actual: SchedulingState, expected: SchedulingState) {
  for (const field of SCHEDULING_FIELDS) {
    const a = actual[field];
    const e = expected[field];
    const normalise = (v: unknown) => (v instanceof Date ? `Date(${v.toISOString()})` : v);
    expect({ field, value: normalise(a) }).toEqual({ field, value: normalise(e) });
  }
}

const GRADES: [Grade, FsrsGrade][] = [
  [1, Rating.Again],
  [2, Rating.Hard],
  [3, Rating.Good],
  [4, Rating.Easy],
];

describe("previewGrades", () => {
  it("gives the due dates ts-fsrs computes for a new card", () => {
    const expected = referenceScheduler().repeat(NEW_CARD_FSRS, NOW);
    const previews = previewGrades(newSchedulingState(NOW), NOW, SETTINGS, CARD_ID);
    expect(previews.map((p) => p.grade)).toEqual([1, 2, 3, 4]);
    for (const [grade, rating] of GRADES) {
      const preview = previews.find((p) => p.grade === grade)!;
      expect(preview.due.toISOString()).toBe(expected[rating].card.due.toISOString());
      expect(preview.intervalMs).toBe(expected[rating].card.due.getTime() - NOW.getTime());
    }
  });

  it("gives the due dates ts-fsrs computes for an overdue review card", () => {
    const expected = referenceScheduler().repeat(OVERDUE_REVIEW_FSRS, NOW);
    const previews = previewGrades(OVERDUE_REVIEW, NOW, SETTINGS, CARD_ID);
    for (const [grade, rating] of GRADES) {
      expect(previews[grade - 1].due.toISOString()).toBe(expected[rating].card.due.toISOString());
    }
    // Again relearns after the 10m relearning step; the others are whole days, growing with the grade.
    expect(previews[0].intervalMs).toBe(10 * MINUTE);
    const days = previews.slice(1).map((p) => p.intervalMs / DAY);
    for (const d of days) expect(Number.isInteger(d)).toBe(true);
    expect(days[0]).toBeLessThan(days[1]);
    expect(days[1]).toBeLessThan(days[2]);
  });

  it("shows 1m, 6m and 10m for Again, Hard and Good on a new card with steps 1m 10m, and days for Easy", () => {
    const previews = previewGrades(newSchedulingState(NOW), NOW, SETTINGS, CARD_ID);
    expect(previews.slice(0, 3).map((p) => p.intervalMs)).toEqual([1 * MINUTE, 6 * MINUTE, 10 * MINUTE]);
    const easyDays = previews[3].intervalMs / DAY;
    expect(Number.isInteger(easyDays)).toBe(true);
    expect(easyDays).toBeGreaterThanOrEqual(1);
  });

  it("passes the user's retention, steps and maximum interval to ts-fsrs", () => {
    const custom: SchedulerSettings = {
      desiredRetention: 0.8,
      learningSteps: "5m 30m",
      relearningSteps: "15m",
      maximumIntervalDays: 3,
      enableFuzz: false,
      fsrsWeights: null,
    };
    const reference = referenceScheduler({
      request_retention: 0.8,
      maximum_interval: 3,
      learning_steps: ["5m", "30m"],
      relearning_steps: ["15m"],
    });
    const forNew = reference.repeat(NEW_CARD_FSRS, NOW);
    const forReview = reference.repeat(OVERDUE_REVIEW_FSRS, NOW);
    const newPreviews = previewGrades(newSchedulingState(NOW), NOW, custom, CARD_ID);
    const reviewPreviews = previewGrades(OVERDUE_REVIEW, NOW, custom, CARD_ID);
    for (const [grade, rating] of GRADES) {
      expect(newPreviews[grade - 1].due.getTime()).toBe(forNew[rating].card.due.getTime());
      expect(reviewPreviews[grade - 1].due.getTime()).toBe(forReview[rating].card.due.getTime());
    }
    expect(newPreviews[0].intervalMs).toBe(5 * MINUTE);
    expect(reviewPreviews[0].intervalMs).toBe(15 * MINUTE);
    // Hard would be 11 days uncapped; the 3-day cap holds. (ts-fsrs then keeps Good and Easy one
    // day apart from it, so they end up at 4 and 5 days: its behaviour, reproduced above.)
    expect(reviewPreviews[1].intervalMs).toBe(3 * DAY);
  });

  it("uses custom FSRS weights when the user has them", () => {
    const w = [...generatorParameters().w];
    w[0] = 0.5; // initial stability after Again
    w[2] = 10; // initial stability after Good
    const custom = { ...SETTINGS, learningSteps: "", relearningSteps: "", fsrsWeights: w };
    const expected = referenceScheduler({ w, learning_steps: [], relearning_steps: [] }).repeat(NEW_CARD_FSRS, NOW);
    const previews = previewGrades(newSchedulingState(NOW), NOW, custom, CARD_ID);
    for (const [grade, rating] of GRADES.filter(([g]) => g === 1 || g === 3)) {
      expect(previews[grade - 1].due.getTime()).toBe(expected[rating].card.due.getTime());
    }
    // ts-fsrs gives Hard 1d like Again, and Easy (default w3) less than this Good of 10d: both are
    // raised to a day past the grade below (see "grade order").
    expect(previews.map((p) => p.intervalMs / DAY)).toEqual([1, 2, 10, 11]);
    const defaults = previewGrades(newSchedulingState(NOW), NOW, { ...custom, fsrsWeights: null }, CARD_ID);
    expect(previews[2].due.getTime()).not.toBe(defaults[2].due.getTime());
  });
});

describe("fuzz", () => {
  const FUZZ_ON: SchedulerSettings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: true };
  /** Review cards alike except for when they were last reviewed, each now 1 hour past due. */
  const cards = Array.from({ length: 40 }, (_, k): { card: SchedulingState; revealedAt: Date } => {
    const lastReview = new Date(Date.UTC(2026, 0, 1) + k * DAY + k * 1_234);
    const card: SchedulingState = {
      ...OVERDUE_REVIEW,
      stability: 20,
      scheduledDays: 20,
      lastReview,
      due: new Date(lastReview.getTime() + 20 * DAY),
    };
    return { card, revealedAt: new Date(card.due.getTime() + 3_600_000) };
  });
  const days = (ms: number) => ms / DAY;

  it("applies the interval that was shown on the button when the grade arrives seconds later", () => {
    const mismatches: string[] = [];
    for (const { card, revealedAt } of cards) {
      const pressedAt = new Date(revealedAt.getTime() + 7_000);
      const shown = previewGrades(card, revealedAt, FUZZ_ON, CARD_ID);
      for (const grade of [2, 3, 4] as Grade[]) {
        const applied = applyGrade(card, grade, pressedAt, FUZZ_ON, CARD_ID).next.due.getTime() - pressedAt.getTime();
        if (applied !== shown[grade - 1].intervalMs) {
          mismatches.push(
            `${card.lastReview!.toISOString()} grade ${grade}: shown ${days(shown[grade - 1].intervalMs)}d, applied ${days(applied)}d`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("still spreads the intervals of similar cards (fuzz is on), unlike with fuzz off", () => {
    const goodDays = (settings: SchedulerSettings) =>
      new Set(cards.map(({ card, revealedAt }) => days(previewGrades(card, revealedAt, settings, CARD_ID)[2].intervalMs)));
    expect(goodDays(SETTINGS).size).toBe(1);
    expect(goodDays(FUZZ_ON).size).toBeGreaterThan(3);
  });

  it("spreads new cards created together and first graded Easy at the same moment, by card id", () => {
    const easyDue = (cardId: string) => applyGrade(newSchedulingState(NOW), 4, NOW, FUZZ_ON, cardId).next.due.getTime();
    const ids = Array.from({ length: 20 }, (_, i) => `card-${i}`);
    expect(new Set(ids.map(easyDue)).size).toBeGreaterThan(1);
    for (const id of ids) expect(previewGrades(newSchedulingState(NOW), NOW, FUZZ_ON, id)[3].due.getTime()).toBe(easyDue(id));
  });
});

describe("grade order: Again < Hard <= Good < Easy", () => {
  /** A card graded Good once: second learning step, due now. */
  const LEARNING: SchedulingState = {
    due: NOW,
    stability: 2.3065,
    difficulty: 2.1181,
    scheduledDays: 0,
    learningSteps: 1,
    reps: 1,
    lapses: 0,
    state: CardState.Learning,
    lastReview: new Date(NOW.getTime() - 10 * MINUTE),
  };
  /** A review card just graded Again: relearning, its stability well under a day. */
  const RELEARNING: SchedulingState = {
    due: NOW,
    stability: 0.6,
    difficulty: 7.5,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 6,
    lapses: 2,
    state: CardState.Relearning,
    lastReview: new Date(NOW.getTime() - 10 * MINUTE),
  };
  /** A review card reviewed yesterday with a tiny stability: every grade lands on the one-day floor. */
  const FRAGILE_REVIEW: SchedulingState = {
    ...OVERDUE_REVIEW,
    stability: 0.4,
    difficulty: 9,
    scheduledDays: 1,
    due: NOW,
    lastReview: new Date(NOW.getTime() - DAY),
  };
  const STATES: [string, SchedulingState][] = [
    ["new", newSchedulingState(NOW)],
    ["learning", LEARNING],
    ["review", OVERDUE_REVIEW],
    ["review, fragile", FRAGILE_REVIEW],
    ["relearning", RELEARNING],
  ];
  const STEPS: [string, Pick<SchedulerSettings, "learningSteps" | "relearningSteps">][] = [
    ["steps 1m 10m / 10m", { learningSteps: "1m 10m", relearningSteps: "10m" }],
    ["one step 10m / none", { learningSteps: "10m", relearningSteps: "" }],
    ["no steps", { learningSteps: "", relearningSteps: "" }],
  ];
  const CASES = STATES.flatMap(([state, card]) =>
    STEPS.flatMap(([steps, stepSettings]) =>
      [false, true].map((enableFuzz) => ({
        name: `${state}, ${steps}, fuzz ${enableFuzz ? "on" : "off"}`,
        card,
        settings: { ...DEFAULT_SCHEDULER_SETTINGS, ...stepSettings, enableFuzz },
      })),
    ),
  );

  it.each(CASES)("$name: the previews increase, and each grade applies what its button showed", ({ card, settings }) => {
    for (const cardId of ["card-1", "card-2", "card-3"]) {
      const [again, hard, good, easy] = previewGrades(card, NOW, settings, cardId).map((p) => p.intervalMs);
      expect(again).toBeLessThan(hard);
      expect(hard).toBeLessThanOrEqual(good);
      expect(good).toBeLessThan(easy);
      const labels = formatGradeIntervals([again, hard, good, easy]);
      expect(labels[0]).not.toBe(labels[1]);
      expect(labels[2]).not.toBe(labels[3]);
      for (const [grade, shown] of [again, hard, good, easy].entries()) {
        const applied = applyGrade(card, (grade + 1) as Grade, NOW, settings, cardId).next;
        expect(applied.due.getTime() - NOW.getTime()).toBe(shown);
        if (applied.state === CardState.Review) expect(applied.scheduledDays * DAY).toBe(shown);
      }
    }
  });

  it("shows 10m 15m 1d 2d after an Again with relearning step 10m, where ts-fsrs alone gives Good and Easy 1d", () => {
    const fsrsAlone = referenceScheduler().repeat({ ...toFsrsCard(RELEARNING) }, NOW);
    expect(fsrsAlone[Rating.Good].card.due.getTime()).toBe(fsrsAlone[Rating.Easy].card.due.getTime());
    expect(previewGrades(RELEARNING, NOW, SETTINGS, CARD_ID).map((p) => p.intervalMs)).toEqual([
      10 * MINUTE,
      15 * MINUTE,
      DAY,
      2 * DAY,
    ]);
  });

  it("shows 1d 2d 2d 3d for a fragile review card with no relearning steps, where Again and Hard were both 1d", () => {
    const noSteps = { ...SETTINGS, learningSteps: "", relearningSteps: "" };
    expect(previewGrades(FRAGILE_REVIEW, NOW, noSteps, CARD_ID).map((p) => p.intervalMs / DAY)).toEqual([1, 2, 2, 3]);
  });

  it("never raises an interval past the maximum interval", () => {
    const capped = { ...SETTINGS, maximumIntervalDays: 1 };
    const days = previewGrades(RELEARNING, NOW, capped, CARD_ID).map((p) => p.intervalMs);
    expect(days).toEqual([10 * MINUTE, 15 * MINUTE, DAY, DAY]);
  });
});

describe("applyGrade", () => {
  it("moves a new card to Learning (step 1 stored) on Good, then to Review on a second Good", () => {
    const first = applyGrade(newSchedulingState(NOW), 3, NOW, SETTINGS, CARD_ID);
    expect(first.next.state).toBe(CardState.Learning);
    expect(first.next.learningSteps).toBe(1);
    expect(first.next.reps).toBe(1);
    expect(first.next.lastReview?.toISOString()).toBe(NOW.toISOString());
    expect(first.next.due.getTime() - NOW.getTime()).toBe(10 * MINUTE);

    const later = new Date(NOW.getTime() + 10 * MINUTE);
    const second = applyGrade(first.next, 3, later, SETTINGS, CARD_ID);
    expect(second.next.state).toBe(CardState.Review);
    expect(second.next.learningSteps).toBe(0);
    expect(second.next.reps).toBe(2);
    expect(second.next.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(second.next.due.getTime()).toBe(later.getTime() + second.next.scheduledDays * DAY);
  });

  it("matches ts-fsrs's next() for the same card, instant and grade", () => {
    for (const [grade, rating] of GRADES) {
      const expected = referenceScheduler().next(OVERDUE_REVIEW_FSRS, NOW, rating).card;
      const { next } = applyGrade(OVERDUE_REVIEW, grade, NOW, SETTINGS, CARD_ID);
      expect(next.due.getTime()).toBe(expected.due.getTime());
      expect(next.stability).toBe(expected.stability);
      expect(next.difficulty).toBe(expected.difficulty);
      expect(next.scheduledDays).toBe(expected.scheduled_days);
      expect(next.learningSteps).toBe(expected.learning_steps);
      expect(next.reps).toBe(expected.reps);
      expect(next.lapses).toBe(expected.lapses);
      expect(next.state).toBe(expected.state);
    }
  });

  it("keeps the card as it was before the grade in the snapshot", () => {
    const { snapshot } = applyGrade(OVERDUE_REVIEW, 2, NOW, SETTINGS, CARD_ID);
    expect(snapshot).toEqual({
      grade: 2,
      state: CardState.Review,
      due: OVERDUE_REVIEW.due,
      lastReview: OVERDUE_REVIEW.lastReview,
      stability: 4.5,
      difficulty: 6.2,
      scheduledDays: 4,
      learningSteps: 0,
      elapsedDays: 6,
      reviewedAt: NOW,
    });
  });

  it("counts a lapse when a review card is graded Again", () => {
    const { next } = applyGrade(OVERDUE_REVIEW, 1, NOW, SETTINGS, CARD_ID);
    expect(next.state).toBe(CardState.Relearning);
    expect(next.lapses).toBe(2);
  });
});

describe("undoGrade", () => {
  it.each(GRADES.map(([g]) => g))("restores a new card exactly after grade %i", (grade) => {
    const before = newSchedulingState(NOW);
    const { next, snapshot } = applyGrade(before, grade, NOW, SETTINGS, CARD_ID);
    expectSameState(undoGrade(next, snapshot, SETTINGS), before);
  });

  it.each(GRADES.map(([g]) => g))("restores an overdue review card exactly, due included, after grade %i", (grade) => {
    const { next, snapshot } = applyGrade(OVERDUE_REVIEW, grade, NOW, SETTINGS, CARD_ID);
    expectSameState(undoGrade(next, snapshot, SETTINGS), OVERDUE_REVIEW);
  });

  it("restores a due that ts-fsrs's rollback alone would get wrong", () => {
    const reference = referenceScheduler();
    const { card, log } = reference.next(OVERDUE_REVIEW_FSRS, NOW, Rating.Good);
    // The premise of the custom undo: plain rollback cannot give back the old due date.
    expect(reference.rollback(card, log).due.getTime()).not.toBe(OVERDUE_REVIEW.due.getTime());
    const { next, snapshot } = applyGrade(OVERDUE_REVIEW, 3, NOW, SETTINGS, CARD_ID);
    expect(undoGrade(next, snapshot, SETTINGS).due.toISOString()).toBe("2026-03-05T12:00:00.000Z");
  });

  it("gives the lapse back when an Again on a review card is undone", () => {
    const { next, snapshot } = applyGrade(OVERDUE_REVIEW, 1, NOW, SETTINGS, CARD_ID);
    expect(next.lapses).toBe(2);
    const restored = undoGrade(next, snapshot, SETTINGS);
    expect(restored.lapses).toBe(1);
    expect(restored.state).toBe(CardState.Review);
    expectSameState(restored, OVERDUE_REVIEW);
  });

  it("undoes several grades in a row, each back to the state before it", () => {
    const states: SchedulingState[] = [newSchedulingState(NOW)];
    const snapshots = [];
    const plan: [Grade, number][] = [
      [3, 0],
      [1, 10 * MINUTE],
      [3, 12 * MINUTE],
      [3, 25 * MINUTE],
      [1, 9 * DAY],
      [4, 9 * DAY + 20 * MINUTE],
    ];
    for (const [grade, offset] of plan) {
      const { next, snapshot } = applyGrade(states.at(-1)!, grade, new Date(NOW.getTime() + offset), SETTINGS, CARD_ID);
      states.push(next);
      snapshots.push(snapshot);
    }
    let current = states.at(-1)!;
    for (let i = snapshots.length - 1; i >= 0; i--) {
      current = undoGrade(current, snapshots[i], SETTINGS);
      expectSameState(current, states[i]);
    }
  });
});

describe("retrievability", () => {
  it("is 0 for a card never reviewed", () => {
    expect(retrievability(newSchedulingState(NOW), NOW, SETTINGS)).toBe(0);
  });

  it("matches ts-fsrs and decreases as time passes since the last review", () => {
    const at = (days: number) => new Date(OVERDUE_REVIEW.lastReview!.getTime() + days * DAY);
    const values = [0, 1, 6, 30, 365].map((d) => retrievability(OVERDUE_REVIEW, at(d), SETTINGS));
    expect(values[0]).toBeCloseTo(1, 6);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
    expect(values[2]).toBeCloseTo(referenceScheduler().get_retrievability(OVERDUE_REVIEW_FSRS, at(6), false), 10);
    // FSRS's definition of stability: recall probability is 90% after `stability` days.
    expect(retrievability({ ...OVERDUE_REVIEW, stability: 6 }, at(6), SETTINGS)).toBeCloseTo(0.9, 6);
  });
});

describe("memoryRetrievabilityAt", () => {
  it("gives what ts-fsrs gives from the whole card, from the memory state alone", () => {
    const recall = memoryRetrievabilityAt(NOW, SETTINGS);
    const reference = referenceScheduler();
    // Part days included: whole days since the last review count, as in ts-fsrs.
    for (const [days, stability] of [
      [0.2, 0.5],
      [1.7, 4.5],
      [6, 4.5],
      [40.5, 12.25],
      [400, 123.456789012],
    ]) {
      const lastReview = new Date(NOW.getTime() - days * DAY);
      const card = { ...OVERDUE_REVIEW_FSRS, stability, last_review: lastReview };
      expect(recall(CardState.Review, stability, lastReview.getTime())).toBe(reference.get_retrievability(card, NOW, false));
    }
    expect(recall(CardState.Review, 6, NOW.getTime() - 6 * DAY)).toBeCloseTo(0.9, 6);
  });

  it("is 0 for a new card and for one never reviewed", () => {
    const recall = memoryRetrievabilityAt(NOW, SETTINGS);
    expect(recall(CardState.New, 3, NOW.getTime() - DAY)).toBe(0);
    expect(recall(CardState.Review, 3, null)).toBe(0);
  });
});

describe("card states without ts-fsrs", () => {
  it("uses ts-fsrs's State values, so the browser's copy and the scheduler agree", () => {
    expect(CardState).toEqual({ New: State.New, Learning: State.Learning, Review: State.Review, Relearning: State.Relearning });
  });
});

describe("resetCard", () => {
  it("makes the card new, due now, with no memory state, keeping its counts; the snapshot is the card before", () => {
    const { next, snapshot } = resetCard(OVERDUE_REVIEW, NOW, SETTINGS);
    expect(next).toMatchObject({
      state: CardState.New,
      due: NOW,
      stability: 0,
      difficulty: 0,
      scheduledDays: 0,
      learningSteps: 0,
    });
    expect(next.reps).toBe(OVERDUE_REVIEW.reps);
    expect(next.lapses).toBe(OVERDUE_REVIEW.lapses);
    expect(snapshot).toMatchObject({
      state: OVERDUE_REVIEW.state,
      due: OVERDUE_REVIEW.due,
      lastReview: OVERDUE_REVIEW.lastReview,
      stability: OVERDUE_REVIEW.stability,
      difficulty: OVERDUE_REVIEW.difficulty,
      reviewedAt: NOW,
    });
  });
});

describe("forgettingCurveOf", () => {
  it("gives the curve ts-fsrs computes, for the default and for fitted weights", () => {
    for (const settings of [SETTINGS, { ...SETTINGS, fsrsWeights: [...generatorParameters().w.slice(0, 20), 0.35] }]) {
      const { decay, factor } = forgettingCurveOf(settings);
      const curve = memoryRetrievabilityAt(NOW, settings);
      for (const [days, stability] of [
        [0, 3],
        [5, 3],
        [40, 12.5],
      ]) {
        expect((1 + (factor * days) / stability) ** decay).toBeCloseTo(
          curve(CardState.Review, stability, NOW.getTime() - days * DAY),
          7,
        );
      }
    }
    expect(forgettingCurveOf(SETTINGS).decay).toBeCloseTo(-generatorParameters().w[20], 10);
  });
});
