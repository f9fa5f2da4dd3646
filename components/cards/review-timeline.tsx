import { formatDuration, formatInterval } from "@/lib/format";
import type { CardReviewDTO } from "@/lib/types/cards";
import { cn } from "@/components/ui/cn";

const GRADES = {
  1: { label: "Again", badge: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300", dot: "bg-red-500" },
  2: { label: "Hard", badge: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300", dot: "bg-amber-500" },
  3: { label: "Good", badge: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300", dot: "bg-green-600" },
  4: { label: "Easy", badge: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300", dot: "bg-sky-500" },
} as const;

/** Manual entries: the card changed without a review (reset from the card browser, new settings, an import). */
const MANUAL = {
  RESET: { label: "Reset", badge: "bg-stone-200 text-stone-800 dark:bg-stone-700 dark:text-stone-100", dot: "bg-stone-500" },
  RESCHEDULE: {
    label: "Rescheduled",
    badge: "bg-stone-200 text-stone-800 dark:bg-stone-700 dark:text-stone-100",
    dot: "bg-stone-500",
  },
  IMPORT: { label: "Imported", badge: "bg-stone-200 text-stone-800 dark:bg-stone-700 dark:text-stone-100", dot: "bg-stone-500" },
} as const;

const STATE_LABELS = ["New", "Learning", "Review", "Relearning"];

/** Every review of one card, newest first, on a vertical line; undone reviews struck through. */
export function ReviewTimeline({ reviews, timeZone }: { reviews: CardReviewDTO[]; timeZone: string }) {
  const when = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  if (reviews.length === 0) return <p className="text-sm text-stone-600 dark:text-stone-400">Not reviewed yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-stone-200 pl-5 dark:border-stone-800" data-testid="review-timeline">
      {reviews.map((review) => {
        const grade = review.kind === "GRADE" ? GRADES[review.grade] : MANUAL[review.kind];
        return (
          <li key={review.id} className="relative" data-testid="timeline-review" data-undone={review.undone ? "true" : undefined}>
            <span
              aria-hidden="true"
              className={cn(
                "absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white dark:ring-stone-900",
                review.undone ? "bg-stone-300 dark:bg-stone-600" : grade.dot,
              )}
            />
            <div
              className={cn(
                "flex flex-wrap items-baseline gap-x-3 gap-y-1",
                review.undone && "text-stone-500 line-through dark:text-stone-400",
              )}
            >
              <time dateTime={review.reviewedAt.toISOString()} className="text-sm tabular-nums">
                {when.format(review.reviewedAt)}
              </time>
              <span
                className={cn(
                  "rounded-md px-1.5 py-0.5 text-xs font-medium",
                  review.undone ? "bg-stone-100 text-stone-600 dark:bg-stone-800 dark:text-stone-300" : grade.badge,
                )}
              >
                {grade.label}
              </span>
            </div>
            <p className={cn("mt-0.5 text-xs text-stone-500 dark:text-stone-400", review.undone && "line-through")}>
              {STATE_LABELS[review.stateBefore] ?? "Unknown"} card
              {review.kind === "GRADE"
                ? ` · answered in ${formatDuration(review.durationMs)}`
                : review.kind === "RESET"
                  ? " · made new again"
                  : review.kind === "RESCHEDULE"
                    ? " · with the settings of the time"
                    : ""}
              {review.intervalMs !== null ? ` · next in ${formatInterval(review.intervalMs)}` : ""}
            </p>
            {review.undone ? (
              <p className="mt-0.5 text-xs font-medium text-stone-600 no-underline dark:text-stone-300">Undone</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
