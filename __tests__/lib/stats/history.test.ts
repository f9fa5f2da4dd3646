import { reviewTimeline, type HistoryLog } from "@/lib/stats/history";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const t0 = Date.parse("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(t0 + ms);

const log = (id: string, reviewedAt: number, due: number, grade: 1 | 2 | 3 | 4, undoneAt: number | null = null): HistoryLog => ({
  id,
  reviewedAt: at(reviewedAt),
  grade,
  kind: "GRADE",
  state: 0,
  due: at(due),
  durationMs: 4000,
  undoneAt: undoneAt === null ? null : at(undoneAt),
});

describe("a card's review timeline", () => {
  // New card graded Good (next due +10 min), Good again (due +1 day), then Easy undone, then Good (due +3 days).
  const logs = [
    log("c", DAY, DAY, 4, DAY + MINUTE),
    log("a", 0, 0, 3),
    log("d", DAY + 2 * MINUTE, DAY, 3),
    log("b", 10 * MINUTE, 10 * MINUTE, 3),
  ];
  const timeline = reviewTimeline(logs, at(DAY + 2 * MINUTE + 3 * DAY));

  it("is newest first", () => {
    expect(timeline.map((r) => r.id)).toEqual(["d", "c", "b", "a"]);
  });

  it("gives each kept grade the interval until the due date the next kept review found (the card's due for the last)", () => {
    expect(timeline.map((r) => r.intervalMs)).toEqual([3 * DAY, null, DAY - 10 * MINUTE, 10 * MINUTE]);
  });

  it("marks the undone review", () => {
    expect(timeline.map((r) => r.undone)).toEqual([false, true, false, false]);
  });

  it("orders reviews at the same instant by id", () => {
    expect(reviewTimeline([log("y", 0, 0, 3), log("x", 0, 0, 1)], at(DAY)).map((r) => r.id)).toEqual(["y", "x"]);
  });
});
