import { Prisma } from "@/lib/generated/prisma/client";
import {
  LOGGED_SCHEDULING_FIELDS,
  SCHEDULING_SELECT,
  schedulingColumns,
  schedulingOf,
  snapshotColumns,
  snapshotOf,
} from "@/lib/server/mappers";
import { schedulingColumnsSql, schedulingOfRow } from "@/lib/server/raw-rows";
import { SCHEDULING_FIELDS, type SchedulingState } from "@/lib/srs/card";
import type { ReviewSnapshot } from "@/lib/srs/scheduler";

/*
 * The one list of scheduling fields against the schema: a column added to Card or ReviewLog must
 * be classified here (scheduling or not), so it cannot be left out of the mappings by accident.
 */

const CARD_COLUMNS = Object.values(Prisma.CardScalarFieldEnum);
const LOG_COLUMNS = Object.values(Prisma.ReviewLogScalarFieldEnum);
// deckId and rank are copies from the concept and its deck, kept for the queue's index.
const CARD_NON_SCHEDULING = [
  "id",
  "userId",
  "conceptId",
  "deckId",
  "rank",
  "kind",
  "suspended",
  "buriedUntil",
  "version",
  "createdAt",
];
// kind tells a grade from a manual entry (reset, reschedule, import); batchId groups one reschedule's rows.
const LOG_NON_SNAPSHOT = ["id", "cardId", "userId", "kind", "durationMs", "clientId", "batchId", "undoneAt"];

const STATE: SchedulingState = {
  due: new Date("2026-03-01T10:00:00Z"),
  stability: 4.5,
  difficulty: 5.25,
  scheduledDays: 4,
  learningSteps: 0,
  reps: 3,
  lapses: 1,
  state: 2,
  lastReview: new Date("2026-02-25T10:00:00Z"),
};

describe("SCHEDULING_FIELDS", () => {
  it("is every Card column that is not identity, ownership or bookkeeping", () => {
    expect([...SCHEDULING_FIELDS].sort()).toEqual(CARD_COLUMNS.filter((c) => !CARD_NON_SCHEDULING.includes(c)).sort());
    expect(new Set(SCHEDULING_FIELDS).size).toBe(SCHEDULING_FIELDS.length);
  });

  it("gives the Prisma select exactly those columns", () => {
    expect(Object.keys(SCHEDULING_SELECT).sort()).toEqual([...SCHEDULING_FIELDS].sort());
    expect(Object.values(SCHEDULING_SELECT).every((v) => v === true)).toBe(true);
  });

  it("are all kept by the review log except the two counters, next to the grade, elapsed days and review time", () => {
    expect([...LOGGED_SCHEDULING_FIELDS].sort()).toEqual(SCHEDULING_FIELDS.filter((f) => f !== "reps" && f !== "lapses").sort());
    expect(LOG_COLUMNS).not.toContain("reps");
    expect(LOG_COLUMNS).not.toContain("lapses");
    expect(LOG_COLUMNS.filter((c) => !LOG_NON_SNAPSHOT.includes(c)).sort()).toEqual(
      [...LOGGED_SCHEDULING_FIELDS, "grade", "elapsedDays", "reviewedAt"].sort(),
    );
  });
});

describe("the scheduling mappings", () => {
  it("round-trip a card's schedule and drop the other columns of a row", () => {
    const row = { ...STATE, id: "c1", userId: "u1", version: 7, suspended: false };
    expect(schedulingOf(row)).toEqual(STATE);
    expect(schedulingColumns({ ...STATE, extra: 1 } as SchedulingState)).toEqual(STATE);
    expect(Object.keys(schedulingColumns(STATE)).sort()).toEqual([...SCHEDULING_FIELDS].sort());
  });

  it("round-trip a review-log snapshot and drop the log's other columns", () => {
    const snapshot: ReviewSnapshot = {
      grade: 3,
      state: 1,
      due: STATE.due,
      lastReview: null,
      stability: 1.5,
      difficulty: 6,
      scheduledDays: 0,
      learningSteps: 1,
      elapsedDays: 0,
      reviewedAt: new Date("2026-03-01T10:05:00Z"),
    };
    const row = { ...snapshotColumns(snapshot), id: "l1", clientId: "grade-000001", durationMs: 1200, undoneAt: null };
    expect(snapshotOf(row)).toEqual(snapshot);
    expect(Object.keys(snapshotColumns(snapshot)).sort()).toEqual(Object.keys(snapshot).sort());
  });
});

describe("the raw-SQL scheduling columns", () => {
  it("name every scheduling field of the card, from the one list", () => {
    expect(schedulingColumnsSql().sql).toBe(SCHEDULING_FIELDS.map((field) => `c."${field}"`).join(", "));
    expect(schedulingColumnsSql(["due", "state"], "s").sql).toBe('s."due", s."state"');
  });

  it("read back as a schedule from SQLite's text dates and bigint integers", () => {
    const raw = {
      due: "2026-03-01T10:00:00.000+00:00",
      stability: 4.5,
      difficulty: 5.25,
      scheduledDays: BigInt(4),
      learningSteps: BigInt(0),
      reps: BigInt(3),
      lapses: 1,
      state: BigInt(2),
      lastReview: "2026-02-25T10:00:00.000+00:00",
      extra: "not a scheduling column",
    };
    expect(schedulingOfRow(raw)).toEqual(STATE);
    expect(schedulingOfRow({ ...raw, lastReview: null, learningSteps: 2 })).toEqual({
      ...STATE,
      lastReview: null,
      learningSteps: 2,
    });
  });
});
