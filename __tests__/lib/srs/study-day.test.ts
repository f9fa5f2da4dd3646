import {
  addDays,
  availableAt,
  daysBetween,
  isValidTimeZone,
  studyDayBounds,
  studyDayOf,
  studyDayStart,
} from "@/lib/srs/study-day";

const HOUR = 3_600_000;
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

describe("studyDayOf with day start 4", () => {
  it("counts 03:59 local for the previous day and 04:00 for the current one (London, winter time = UTC)", () => {
    expect(studyDayOf(new Date("2026-01-15T03:59:59Z"), LONDON, 4)).toBe("2026-01-14");
    expect(studyDayOf(new Date("2026-01-15T04:00:00Z"), LONDON, 4)).toBe("2026-01-15");
  });

  it("uses local time, not UTC (London, summer time = UTC+1)", () => {
    // 03:59 BST is 02:59 UTC; 04:00 BST is 03:00 UTC.
    expect(studyDayOf(new Date("2026-07-15T02:59:00Z"), LONDON, 4)).toBe("2026-07-14");
    expect(studyDayOf(new Date("2026-07-15T03:00:00Z"), LONDON, 4)).toBe("2026-07-15");
    expect(studyDayOf(new Date("2026-07-15T03:00:00Z"), "UTC", 4)).toBe("2026-07-14");
  });

  it("moves to the previous month and year before the day start on the 1st", () => {
    expect(studyDayOf(new Date("2026-01-01T03:00:00Z"), LONDON, 4)).toBe("2025-12-31");
    expect(studyDayOf(new Date("2026-03-01T03:00:00Z"), LONDON, 4)).toBe("2026-02-28");
    expect(studyDayOf(new Date("2028-03-01T03:00:00Z"), LONDON, 4)).toBe("2028-02-29");
  });

  it("puts a time zone ahead of UTC on the next calendar date", () => {
    // 2026-03-07 20:00 UTC is 2026-03-08 05:00 in Tokyo (UTC+9).
    expect(studyDayOf(new Date("2026-03-07T20:00:00Z"), "Asia/Tokyo", 4)).toBe("2026-03-08");
    expect(studyDayOf(new Date("2026-03-07T18:59:00Z"), "Asia/Tokyo", 4)).toBe("2026-03-07");
  });
});

describe("studyDayOf and studyDayBounds across DST in New York", () => {
  it("counts hours on the spring-forward date (2026-03-08, 02:00 EST -> 03:00 EDT) by local clock", () => {
    // 03:59 EDT = 07:59 UTC: still the previous study day; 04:00 EDT = 08:00 UTC: the new one.
    expect(studyDayOf(new Date("2026-03-08T07:59:59Z"), NEW_YORK, 4)).toBe("2026-03-07");
    expect(studyDayOf(new Date("2026-03-08T08:00:00Z"), NEW_YORK, 4)).toBe("2026-03-08");
  });

  it("makes the study day that contains the spring-forward 23 hours long", () => {
    const bounds = studyDayBounds(new Date("2026-03-07T18:00:00Z"), NEW_YORK, 4);
    expect(bounds.day).toBe("2026-03-07");
    expect(bounds.start.toISOString()).toBe("2026-03-07T09:00:00.000Z"); // 04:00 EST
    expect(bounds.end.toISOString()).toBe("2026-03-08T08:00:00.000Z"); // 04:00 EDT
    expect(bounds.end.getTime() - bounds.start.getTime()).toBe(23 * HOUR);
  });

  it("makes the spring-forward date 23 hours long with day start 0", () => {
    const bounds = studyDayBounds(new Date("2026-03-08T12:00:00Z"), NEW_YORK, 0);
    expect(bounds.day).toBe("2026-03-08");
    expect(bounds.start.toISOString()).toBe("2026-03-08T05:00:00.000Z"); // midnight EST
    expect(bounds.end.toISOString()).toBe("2026-03-09T04:00:00.000Z"); // midnight EDT
    expect(bounds.end.getTime() - bounds.start.getTime()).toBe(23 * HOUR);
  });

  it("starts a study day whose start hour falls in the spring-forward gap at the next valid time", () => {
    // 02:00 does not exist on 2026-03-08 in New York; the day starts at 03:00 EDT.
    expect(studyDayStart("2026-03-08", NEW_YORK, 2).toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(studyDayOf(new Date("2026-03-08T06:59:59Z"), NEW_YORK, 2)).toBe("2026-03-07");
    expect(studyDayOf(new Date("2026-03-08T07:00:00Z"), NEW_YORK, 2)).toBe("2026-03-08");
  });

  it("counts hours on the fall-back date (2026-11-01, 02:00 EDT -> 01:00 EST) by local clock", () => {
    // 03:59 EST = 08:59 UTC: previous study day; 04:00 EST = 09:00 UTC: the new one.
    expect(studyDayOf(new Date("2026-11-01T08:59:59Z"), NEW_YORK, 4)).toBe("2026-10-31");
    expect(studyDayOf(new Date("2026-11-01T09:00:00Z"), NEW_YORK, 4)).toBe("2026-11-01");
  });

  it("makes the study day that contains the fall-back 25 hours long", () => {
    const bounds = studyDayBounds(new Date("2026-11-01T06:30:00Z"), NEW_YORK, 4);
    expect(bounds.day).toBe("2026-10-31");
    expect(bounds.start.toISOString()).toBe("2026-10-31T08:00:00.000Z"); // 04:00 EDT
    expect(bounds.end.toISOString()).toBe("2026-11-01T09:00:00.000Z"); // 04:00 EST
    expect(bounds.end.getTime() - bounds.start.getTime()).toBe(25 * HOUR);
  });

  it("makes the fall-back date 25 hours long with day start 0", () => {
    const bounds = studyDayBounds(new Date("2026-11-01T12:00:00Z"), NEW_YORK, 0);
    expect(bounds.start.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(bounds.end.toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(bounds.end.getTime() - bounds.start.getTime()).toBe(25 * HOUR);
  });

  it("starts a study day at the first 01:00 when that hour happens twice", () => {
    const start = studyDayStart("2026-11-01", NEW_YORK, 1);
    expect(start.toISOString()).toBe("2026-11-01T05:00:00.000Z"); // 01:00 EDT
    // Both 01:30s (EDT, then EST) belong to the new study day, so bounds and studyDayOf agree.
    expect(studyDayOf(new Date("2026-11-01T05:30:00Z"), NEW_YORK, 1)).toBe("2026-11-01");
    expect(studyDayOf(new Date("2026-11-01T06:30:00Z"), NEW_YORK, 1)).toBe("2026-11-01");
    expect(studyDayOf(new Date("2026-11-01T04:59:59Z"), NEW_YORK, 1)).toBe("2026-10-31");
  });

  it("gives bounds that contain the instant and agree with studyDayOf at both edges, every hour for a week of each change", () => {
    for (const from of ["2026-03-05T00:00:00Z", "2026-10-29T00:00:00Z"]) {
      for (let h = 0; h < 7 * 24; h++) {
        const instant = new Date(new Date(from).getTime() + h * HOUR + 17 * 60_000);
        for (const dayStart of [0, 1, 2, 4]) {
          const bounds = studyDayBounds(instant, NEW_YORK, dayStart);
          expect(bounds.start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(bounds.end.getTime()).toBeGreaterThan(instant.getTime());
          expect(studyDayOf(bounds.start, NEW_YORK, dayStart)).toBe(bounds.day);
          expect(studyDayOf(new Date(bounds.end.getTime() - 1), NEW_YORK, dayStart)).toBe(bounds.day);
          expect(studyDayOf(bounds.end, NEW_YORK, dayStart)).toBe(addDays(bounds.day, 1));
        }
      }
    }
  });
});

describe("day start 0", () => {
  it("makes the study day the plain local calendar date", () => {
    expect(studyDayOf(new Date("2026-03-07T23:59:59Z"), LONDON, 0)).toBe("2026-03-07");
    expect(studyDayOf(new Date("2026-03-08T00:00:00Z"), LONDON, 0)).toBe("2026-03-08");
    const bounds = studyDayBounds(new Date("2026-03-07T00:00:00Z"), LONDON, 0);
    expect(bounds).toEqual({
      day: "2026-03-07",
      start: new Date("2026-03-07T00:00:00Z"),
      end: new Date("2026-03-08T00:00:00Z"),
    });
  });
});

describe("studyDayBounds on an ordinary day", () => {
  it("runs from 04:00 local to 04:00 local the next day", () => {
    expect(studyDayBounds(new Date("2026-03-07T12:00:00Z"), LONDON, 4)).toEqual({
      day: "2026-03-07",
      start: new Date("2026-03-07T04:00:00Z"),
      end: new Date("2026-03-08T04:00:00Z"),
    });
    // At 02:00 the study day is still yesterday's.
    expect(studyDayBounds(new Date("2026-03-07T02:00:00Z"), LONDON, 4)).toEqual({
      day: "2026-03-06",
      start: new Date("2026-03-06T04:00:00Z"),
      end: new Date("2026-03-07T04:00:00Z"),
    });
  });
});

describe("addDays", () => {
  it.each([
    ["2026-03-07", 1, "2026-03-08"],
    ["2026-03-07", -1, "2026-03-06"],
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2025-12-31", 1, "2026-01-01"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2026-03-07", 365, "2027-03-07"],
    ["2026-03-07", 0, "2026-03-07"],
    // Days are labels: a DST change has no effect.
    ["2026-03-08", 1, "2026-03-09"],
  ])("%s + %i = %s", (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });
});

describe("isValidTimeZone", () => {
  it.each(["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])("accepts %s", (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(["Mars/Olympus_Mons", "Europe/Londn", "not a zone", ""])("refuses %j", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("availableAt", () => {
  it("puts a review card at the start of the study day holding its due, in the user's zone", () => {
    // 19:09 in New York on 8 March (EDT from 02:00 that day): available from 04:00 local.
    expect(availableAt(new Date("2026-03-08T23:09:00Z"), true, NEW_YORK, 4)).toEqual(new Date("2026-03-08T08:00:00Z"));
    // Due at 03:30 local: still the study day before, which began at 04:00 the day before.
    expect(availableAt(new Date("2026-03-10T07:30:00Z"), true, NEW_YORK, 4)).toEqual(new Date("2026-03-09T08:00:00Z"));
  });

  it("leaves a learning card at its due", () => {
    const due = new Date("2026-03-08T23:09:00Z");
    expect(availableAt(due, false, NEW_YORK, 4)).toBe(due);
  });
});

describe("daysBetween", () => {
  it("counts whole study days either way, across months and years", () => {
    expect(daysBetween("2026-03-07", "2026-03-07")).toBe(0);
    expect(daysBetween("2026-03-07", "2026-03-10")).toBe(3);
    expect(daysBetween("2026-03-07", "2026-03-05")).toBe(-2);
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });
});
