import Papa from "papaparse";
import { REVIEW_LOG_COLUMNS, writeReviewLogCsv } from "@/lib/export/review-log-csv";
import type { ExportReview } from "@/lib/export/types";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5, 9);

/** Two cards, each learned on day 0 and reviewed at growing gaps. */
const REVIEWS: ExportReview[] = [
  { cardId: "ckb", reviewedAt: new Date(T0 + 60_000), grade: 1, stateBefore: 0, durationMs: 8000 },
  { cardId: "cka", reviewedAt: new Date(T0), grade: 3, stateBefore: 0, durationMs: 5000.4 },
  { cardId: "cka", reviewedAt: new Date(T0 + 10 * 60_000), grade: 3, stateBefore: 1, durationMs: 4000 },
  { cardId: "ckb", reviewedAt: new Date(T0 + 11 * 60_000), grade: 3, stateBefore: 1, durationMs: 3000 },
  { cardId: "cka", reviewedAt: new Date(T0 + 2 * DAY), grade: 3, stateBefore: 2, durationMs: 2000 },
  { cardId: "ckb", reviewedAt: new Date(T0 + 3 * DAY), grade: 1, stateBefore: 2, durationMs: 2500 },
  { cardId: "ckb", reviewedAt: new Date(T0 + 3 * DAY + 600_000), grade: 3, stateBefore: 3, durationMs: 1500 },
  { cardId: "cka", reviewedAt: new Date(T0 + 9 * DAY), grade: 4, stateBefore: 2, durationMs: 1000 },
  { cardId: "ckb", reviewedAt: new Date(T0 + 5 * DAY), grade: 2, stateBefore: 2, durationMs: 1200 },
];

describe("writeReviewLogCsv", () => {
  const csv = writeReviewLogCsv(REVIEWS);

  it("ends every line, the last included, with one line break: an empty log is the header alone", () => {
    expect(writeReviewLogCsv([])).toBe(`${REVIEW_LOG_COLUMNS.join(",")}\n`);
    expect(csv.endsWith("\n")).toBe(true);
    expect(csv.endsWith("\n\n")).toBe(false);
  });

  it("writes the optimizer's columns, in time order, card ids numbered by first review, times in ms", () => {
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(["card_id", "review_time", "review_rating", "review_state", "review_duration"]);
    expect(rows.slice(1, 4)).toEqual([
      ["1", String(T0), "3", "0", "5000"],
      ["2", String(T0 + 60_000), "1", "0", "8000"],
      ["1", String(T0 + 600_000), "3", "1", "4000"],
    ]);
    expect(rows).toHaveLength(REVIEWS.length + 1);
    expect(rows.slice(1).map((row) => Number(row[1]))).toEqual(
      [...rows.slice(1).map((row) => Number(row[1]))].sort((a, b) => a - b),
    );
  });

  it("is read by the FSRS binding's convertCsvToFsrsItems into one item per later-day review", () => {
    let binding: {
      convertCsvToFsrsItems: (csv: Uint8Array, hour: number, tz: string, offset: (ms: number, tz: string) => number) => unknown[];
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      binding = require("@open-spaced-repetition/binding-linux-x64-gnu");
    } catch {
      console.warn("FSRS binding not loadable here: CSV checked by layout only");
      return;
    }
    const items = binding.convertCsvToFsrsItems(new TextEncoder().encode(csv), 4, "UTC", () => 0);
    // Card 1: reviews on days 2 and 9 end items; card 2: days 3 and 5 (the relearning step on day 3 stays inside).
    expect(items).toHaveLength(4);
  });
});
