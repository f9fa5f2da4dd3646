import { dayIndexer } from "@/lib/server/optimizer";
import { seededRandom } from "@/lib/quiz/random";
import { dayIndexOfIsoDate } from "@/lib/srs/fsrs-items";
import { studyDayOf } from "@/lib/srs/study-day";

describe("the optimizer's study-day index", () => {
  it.each([
    ["America/New_York", 4],
    ["Asia/Kathmandu", 4],
    ["Australia/Lord_Howe", 0],
    ["UTC", 23],
  ])("remembered per quarter hour, agrees with studyDayOf at every instant (%s, day start %i)", (zone, hour) => {
    const index = dayIndexer(zone, hour);
    const random = seededRandom(42);
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 0; i < 5000; i++) {
      const ms = start + Math.floor(random() * 365 * 86_400_000);
      expect(index(ms)).toBe(dayIndexOfIsoDate(studyDayOf(new Date(ms), zone, hour)));
    }
    // Just before and at the day start in New York's spring-forward week.
    const ny = dayIndexer("America/New_York", 4);
    expect(ny(Date.parse("2026-03-09T07:59:59.999Z")) + 1).toBe(ny(Date.parse("2026-03-09T08:00:00Z")));
  });
});
