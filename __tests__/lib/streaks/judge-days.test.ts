import { addDays, type StudyDay } from "@/lib/srs/study-day";
import { isTodayMet, judgePastDays, type DayQuestion, type PastDaysInput } from "@/lib/streaks/judge-days";

/*
 * Day judging on its own: the questions are answered from a table of facts (reviews per day, days
 * that left a card due at their end) instead of the review log, so each rule is seen in isolation.
 * Study days start at 04:00 UTC here.
 */

const TODAY = "2026-03-10";
const NOW = new Date("2026-03-10T12:00:00Z");
const bounds = (day: StudyDay) => ({ start: new Date(`${day}T04:00:00Z`), end: new Date(`${addDays(day, 1)}T04:00:00Z`) });

interface Facts {
  /** Reviews (not undone) per study day; a day studied has at least one. */
  reviews: Record<StudyDay, number>;
  /** Days at whose end a card was left due. */
  leftDue?: StudyDay[];
}

function judge(kind: PastDaysInput["kind"], goal: number, facts: Facts) {
  const questions: DayQuestion[] = [];
  const judging = judgePastDays({ kind, goal, studied: Object.keys(facts.reviews), today: TODAY, now: NOW, bounds });
  let step = judging.next();
  while (!step.done) {
    const question = step.value;
    questions.push(question);
    const answer =
      question.ask === "reviews-at-least"
        ? question.days.filter(({ day }) => (facts.reviews[day] ?? 0) >= question.goal).map(({ day }) => day)
        : question.checks.filter(({ day }) => facts.leftDue?.includes(day)).map(({ day }) => day);
    step = judging.next(new Set(answer));
  }
  return { outcomes: Object.fromEntries([...step.value].sort()), questions };
}

describe("judging past study days, goal of N reviews", () => {
  it("counts every studied day as met with a goal of 1, and asks nothing when no day is unstudied", () => {
    const { outcomes, questions } = judge("REVIEWS", 1, { reviews: { "2026-03-08": 1, "2026-03-09": 4 } });
    expect(outcomes).toEqual({ "2026-03-08": "met", "2026-03-09": "met" });
    expect(questions).toEqual([]);
  });

  it("leaves today out: it is not over", () => {
    const { outcomes } = judge("REVIEWS", 1, { reviews: { "2026-03-09": 1, [TODAY]: 5 } });
    expect(outcomes).toEqual({ "2026-03-09": "met" });
  });

  it("meets a day with at least N reviews; excuses one below N that left nothing due; misses one that left work", () => {
    const { outcomes } = judge("REVIEWS", 3, {
      reviews: { "2026-03-05": 3, "2026-03-06": 2, "2026-03-07": 1, "2026-03-08": 9 },
      leftDue: ["2026-03-07"],
    });
    // 03-09 has no reviews and nothing was left due: excused too.
    expect(outcomes).toEqual({ "2026-03-05": "met", "2026-03-06": "excused", "2026-03-08": "met", "2026-03-09": "excused" });
  });

  it("does not look at days before the first met day: they cannot change the streak", () => {
    const { outcomes, questions } = judge("REVIEWS", 3, {
      reviews: { "2026-03-04": 1, "2026-03-05": 3, "2026-03-06": 1, "2026-03-09": 3 },
    });
    expect(outcomes).toEqual({
      "2026-03-05": "met",
      "2026-03-06": "excused",
      "2026-03-07": "excused",
      "2026-03-08": "excused",
      "2026-03-09": "met",
    });
    expect(questions).toEqual([
      {
        ask: "reviews-at-least",
        goal: 3,
        days: ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"].map((day) => ({ day, ...bounds(day) })),
      },
      // Only 03-06 is below the goal after the first met day; its search runs to the end of the next studied day.
      { ask: "left-due", checks: [{ day: "2026-03-06", end: bounds("2026-03-06").end, bound: bounds("2026-03-09").end }] },
      // The run without reviews after it: its first day, then the rest.
      { ask: "left-due", checks: [{ day: "2026-03-07", end: bounds("2026-03-07").end, bound: bounds("2026-03-09").end }] },
      { ask: "left-due", checks: [{ day: "2026-03-08", end: bounds("2026-03-08").end, bound: bounds("2026-03-09").end }] },
    ]);
  });

  it("excuses days without reviews while nothing was left due, and misses the rest of the run from the first day that left work", () => {
    const { outcomes, questions } = judge("REVIEWS", 1, {
      reviews: { "2026-03-02": 1, "2026-03-06": 1 },
      leftDue: ["2026-03-04"],
    });
    // 03-03 left nothing: excused. 03-04 left a card due: missed, and so is 03-05 (nobody reviewed it since).
    // 03-07 to 03-09 left nothing: excused.
    expect(outcomes).toEqual({
      "2026-03-02": "met",
      "2026-03-03": "excused",
      "2026-03-06": "met",
      "2026-03-07": "excused",
      "2026-03-08": "excused",
      "2026-03-09": "excused",
    });
    const nextStudiedEnd = bounds("2026-03-06").end;
    const check = (day: StudyDay, bound: Date) => ({ day, end: bounds(day).end, bound });
    expect(questions).toEqual([
      // The first day of each run (03-03, and 03-07 before today, searched up to now) ...
      { ask: "left-due", checks: [check("2026-03-03", nextStudiedEnd), check("2026-03-07", NOW)] },
      // ... then the rest of the runs whose first day left nothing.
      {
        ask: "left-due",
        checks: [
          check("2026-03-04", nextStudiedEnd),
          check("2026-03-05", nextStudiedEnd),
          check("2026-03-08", NOW),
          check("2026-03-09", NOW),
        ],
      },
    ]);
  });

  it("misses a whole run of days without reviews when its first day left work due", () => {
    const { outcomes } = judge("REVIEWS", 1, { reviews: { "2026-03-06": 1 }, leftDue: ["2026-03-07"] });
    expect(outcomes).toEqual({ "2026-03-06": "met" });
  });
});

describe("judging past study days, goal of clearing the due queue", () => {
  it("meets a studied day that left nothing due and misses one that left work (never excused)", () => {
    const { outcomes } = judge("CLEAR_DUE", 1, {
      reviews: { "2026-03-07": 40, "2026-03-08": 1, "2026-03-09": 12 },
      leftDue: ["2026-03-07"],
    });
    expect(outcomes).toEqual({ "2026-03-08": "met", "2026-03-09": "met" });
  });

  it("checks every studied day, also before the first met one, and asks nothing about review counts", () => {
    const { questions } = judge("CLEAR_DUE", 5, { reviews: { "2026-03-08": 1, "2026-03-09": 1 }, leftDue: ["2026-03-08"] });
    expect(questions).toEqual([
      {
        ask: "left-due",
        checks: [
          { day: "2026-03-08", end: bounds("2026-03-08").end, bound: bounds("2026-03-09").end },
          { day: "2026-03-09", end: bounds("2026-03-09").end, bound: NOW },
        ],
      },
    ]);
  });

  it("excuses the days without reviews after a met day while nothing was left due", () => {
    const { outcomes } = judge("CLEAR_DUE", 1, { reviews: { "2026-03-06": 3 }, leftDue: ["2026-03-09"] });
    expect(outcomes).toEqual({ "2026-03-06": "met", "2026-03-07": "excused", "2026-03-08": "excused" });
  });
});

describe("today's goal", () => {
  it("is met with N reviews under the review goal", () => {
    expect(isTodayMet("REVIEWS", 10, 9, 0)).toBe(false);
    expect(isTodayMet("REVIEWS", 10, 10, 3)).toBe(true);
  });

  it("is met with at least one review and nothing left due under the clear-the-queue goal", () => {
    expect(isTodayMet("CLEAR_DUE", 1, 0, 0)).toBe(false);
    expect(isTodayMet("CLEAR_DUE", 1, 5, 1)).toBe(false);
    expect(isTodayMet("CLEAR_DUE", 1, 5, 0)).toBe(true);
  });
});
