import type { CardReviewDTO, ManualEntryKind } from "@/lib/types/cards";

/** A review log row as the card history needs it. */
export interface HistoryLog {
  id: string;
  reviewedAt: Date;
  /** 1-4 for a grade; 0 for a manual entry. */
  grade: 0 | 1 | 2 | 3 | 4;
  /** "GRADE", or the manual entry's kind ("RESET", "RESCHEDULE", "IMPORT"). */
  kind: string;
  /** The card's state before the review. */
  state: number;
  /** The card's due date before the review. */
  due: Date;
  durationMs: number;
  undoneAt: Date | null;
}

function manualKindOf(kind: string): ManualEntryKind {
  return kind === "RESCHEDULE" || kind === "IMPORT" ? kind : "RESET";
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
        ...(log.kind === "GRADE" && log.grade > 0
          ? { kind: "GRADE" as const, grade: log.grade as 1 | 2 | 3 | 4 }
          : { kind: manualKindOf(log.kind), grade: 0 as const }),
        stateBefore: log.state,
        intervalMs: due === undefined ? null : due.getTime() - log.reviewedAt.getTime(),
        durationMs: log.durationMs,
        undone: log.undoneAt !== null,
      };
    })
    .reverse();
}
