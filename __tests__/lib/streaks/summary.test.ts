import { addDays, type StudyDay } from "@/lib/srs/study-day";
import { streakState, type DayOutcome } from "@/lib/streaks/summary";

const TODAY = "2026-03-31";

/** Outcomes from a compact picture of the days up to today: M met, E excused, . missed, oldest first. */
function days(picture: string, today: StudyDay = TODAY): Map<StudyDay, DayOutcome> {
  const outcomes = new Map<StudyDay, DayOutcome>();
  [...picture].forEach((mark, i) => {
    const day = addDays(today, i - (picture.length - 1));
    if (mark === "M") outcomes.set(day, "met");
    if (mark === "E") outcomes.set(day, "excused");
  });
  return outcomes;
}

describe("streakState", () => {
  it.each([
    ["no history at all", "", 0, 0, 0],
    ["met today only", "M", 1, 1, 0],
    ["three days ending today", "MMM", 3, 3, 0],
    ["today not met yet: the streak stands up to yesterday", "MMM.", 3, 3, 0],
    ["a missed day with no freeze ends the streak", "MMM.M", 1, 3, 0],
    ["excused days neither count nor break", "MMEEM", 3, 3, 0],
    ["seven days earn a freeze", "MMMMMMM", 7, 7, 1],
    ["a freeze is spent on a missed day and the streak goes on", "MMMMMMM.MM", 9, 9, 0],
    ["two missed days in a row need two freezes", "MMMMMMMMMMMMMM..M", 15, 15, 0],
    ["with one freeze, the second missed day ends the streak", "MMMMMMM..MM", 2, 7, 0],
    ["at most two freezes are held", "MMMMMMMMMMMMMMMMMMMMMMMMMMMM", 28, 28, 2],
    ["a third run of seven earns no third freeze: three missed days end the streak", "MMMMMMMMMMMMMMMMMMMMM...M", 1, 21, 0],
    ["a freeze is earned again after a spent one", "MMMMMMM.MMMMMMM", 14, 14, 1],
  ])("%s", (_name, picture, current, longest, freezes) => {
    const state = streakState(days(picture), TODAY);
    expect([state.current, state.longest, state.freezesHeld]).toEqual([current, longest, freezes]);
  });

  it("lists the frozen days of the current streak", () => {
    const state = streakState(days("MMMMMMM.MM"), TODAY);
    expect(state.frozenDays).toEqual([addDays(TODAY, -2)]);
  });

  it("forgets frozen days once the streak they saved is over", () => {
    expect(streakState(days("MMMMMMM.M..M"), TODAY).frozenDays).toEqual([]);
  });

  it("says whether today's goal is met", () => {
    expect(streakState(days("MM"), TODAY).todayMet).toBe(true);
    expect(streakState(days("M."), TODAY).todayMet).toBe(false);
  });

  it.each([
    [6, null, 7],
    [7, 7, 30],
    [8, null, 30],
    [30, 30, 100],
    [100, 100, 365],
    [365, 365, null],
    [400, null, null],
  ])("a streak of %i stands on milestone %p, next %p", (length, milestone, next) => {
    const state = streakState(days("M".repeat(length)), TODAY);
    expect(state.current).toBe(length);
    expect([state.milestone, state.nextMilestone]).toEqual([milestone, next]);
  });
});
