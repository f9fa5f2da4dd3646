import type { CardReviewDTO } from "@/lib/types/cards";

/** A review log row as the card history needs it. */
export interface HistoryLog {
  id: string;
  reviewedAt: Date;
  /** 0 for a manual entry (see kind). */
  grade: 0 | 1 | 2 | 3 | 4;
  /** "GRADE", or the manual entry's kind ("RESCHEDULE", "RESET", "IMPORT"). */
  kind: string;
  /** The card's state before the review. */
  state: number;
  /** The card's due date before the review. */
  due: Date;
  durationMs: number;
  undoneAt: Date | null;
}

/**
 * A card's reviews, newest first, each with the interval its grade produced. The log keeps the
 * card as it was before each review, so a grade's outcome is the due date the next review (not
 * undone) found, and for the latest one the card's due date now. An undone review produced
 * nothing that lasted: its interval is null.
 */
export function reviewTimeline(logs: readonly HistoryLog[], cardDue: Date): CardReviewDTO[] {
  const ordered = [...logs].sort(
    (a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const kept = ordered.filter((log) => log.undoneAt === null);
  const nextDue = new Map(kept.map((log, i) => [log.id, i + 1 < kept.length ? kept[i + 1].due : cardDue]));
  return ordered
    .map((log) => {
      const due = nextDue.get(log.id);
      return {
        id: log.id,
        reviewedAt: log.reviewedAt,
        grade: log.grade,
        kind: log.kind,
        stateBefore: log.state,
        intervalMs: due === undefined ? null : due.getTime() - log.reviewedAt.getTime(),
        durationMs: log.durationMs,
        undone: log.undoneAt !== null,
      };
    })
    .reverse();
}
