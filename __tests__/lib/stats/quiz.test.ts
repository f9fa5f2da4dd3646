import { accuracyByMode, dailyQuizAccuracy, foldQuizByStudyDay, overallAccuracy, quizWeeks } from "@/lib/stats/quiz";
import { DAY_START_HOUR, TIME_ZONE, TODAY } from "./fixture-log";
import { ATTEMPTS, EXPECTED_BY_MODE_30, EXPECTED_QUIZ_DAYS, quizBucketsOf } from "./fixture-quiz";

const days = foldQuizByStudyDay(quizBucketsOf(ATTEMPTS), 3600, TIME_ZONE, DAY_START_HOUR);
const inRange = (from: string) => ATTEMPTS.filter((a) => a.answeredAt >= new Date(`${from}T03:00:00Z`));

describe("folding quiz answers into study days", () => {
  it("puts 03:59 on the day before and the answers around the clock change on their own days", () => {
    expect([...days.keys()].sort()).toEqual(["2026-02-01", "2026-03-24", "2026-03-28", "2026-03-29", "2026-04-02"]);
    expect(days.get("2026-03-24")).toEqual({ answers: 3, correct: 2 });
    expect(days.get("2026-03-28")).toEqual({ answers: 1, correct: 0 });
    expect(days.get("2026-03-29")).toEqual({ answers: 1, correct: 1 });
  });

  it("gives the same days with quarter-hour groups as with hourly ones", () => {
    expect(foldQuizByStudyDay(quizBucketsOf(ATTEMPTS, 900), 900, TIME_ZONE, DAY_START_HOUR)).toEqual(days);
  });
});

describe("quiz accuracy per day", () => {
  it("lists every study day of the range, oldest first, with no rate on days without answers", () => {
    const daily = dailyQuizAccuracy(days, TODAY, 30);
    expect(daily).toHaveLength(30);
    expect(daily[0]).toEqual({ day: "2026-03-04", answers: 0, correct: 0, rate: null });
    expect(daily[29].day).toBe(TODAY);
    const answered = Object.fromEntries(daily.filter((d) => d.answers > 0).map(({ day, ...rest }) => [day, rest]));
    expect(answered).toEqual(EXPECTED_QUIZ_DAYS);
    expect(overallAccuracy(daily)).toEqual({ answers: 8, correct: 5, rate: 5 / 8 });
  });

  it("reaches the answer of 2026-02-01 over 90 days", () => {
    const daily = dailyQuizAccuracy(days, TODAY, 90);
    expect(daily[0].day).toBe("2026-01-03");
    expect(daily.find((d) => d.day === "2026-02-01")).toEqual({ day: "2026-02-01", answers: 1, correct: 1, rate: 1 });
    expect(overallAccuracy(daily)).toEqual({ answers: 9, correct: 6, rate: 6 / 9 });
  });

  it("sums weeks counted back from today, each dated by its first day", () => {
    const weeks = quizWeeks(dailyQuizAccuracy(days, TODAY, 30));
    expect(weeks).toEqual([
      { day: "2026-03-04", answers: 0, correct: 0, rate: null },
      { day: "2026-03-06", answers: 0, correct: 0, rate: null },
      { day: "2026-03-13", answers: 0, correct: 0, rate: null },
      { day: "2026-03-20", answers: 3, correct: 2, rate: 2 / 3 },
      { day: "2026-03-27", answers: 5, correct: 3, rate: 3 / 5 },
    ]);
  });
});

describe("quiz accuracy by mode", () => {
  it("lists the five modes in the quiz's order, each with its own answers", () => {
    expect(accuracyByMode(quizBucketsOf(inRange("2026-03-04")))).toEqual(EXPECTED_BY_MODE_30);
  });

  it("lists a mode without answers with no rate, and leaves a mode it does not know out of the rows only", () => {
    const buckets = [...quizBucketsOf(inRange("2026-04-02")), { bucket: 0, mode: "retired-mode", answers: 4, correct: 4 }];
    const rows = accuracyByMode(buckets);
    expect(rows.map((r) => [r.mode, r.answers, r.correct, r.rate])).toEqual([
      ["definition-to-term", 2, 1, 0.5],
      ["term-to-definition", 0, 0, null],
      ["typed-recall", 0, 0, null],
      ["example-to-concept", 0, 0, null],
      ["true-false", 1, 1, 1],
    ]);
  });
});
