import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { formatDuration, formatInterval, plural } from "@/lib/format";

export function SessionSummary({
  done,
  again,
  totalMs,
  nextLearningInMs,
  laterCount,
  heldBack = false,
  children,
}: {
  done: number;
  again: number;
  totalMs: number;
  nextLearningInMs: number | null;
  laterCount: number;
  /** New cards are held back by the daily limit (the notice saying so comes in `children`). */
  heldBack?: boolean;
  /** The way out, below the counts. */
  children: ReactNode;
}) {
  return (
    <Card as="section" size="lg" data-testid="session-summary" className="px-6 py-8 text-center sm:px-10 sm:py-12">
      <h2 className="font-serif text-2xl font-semibold sm:text-3xl">
        {done > 0 ? "Session complete" : heldBack ? "Today’s new cards are done" : "Nothing to review right now"}
      </h2>
      {done > 0 ? (
        <dl className="mx-auto mt-6 grid max-w-md grid-cols-3 gap-3">
          <div>
            <dt className="text-xs tracking-wide text-stone-500 uppercase dark:text-stone-400">Cards</dt>
            <dd data-testid="summary-done" className="mt-1 text-3xl font-semibold tabular-nums">
              {done}
            </dd>
          </div>
          <div>
            <dt className="text-xs tracking-wide text-stone-500 uppercase dark:text-stone-400">Again</dt>
            <dd data-testid="summary-again" className="mt-1 text-3xl font-semibold tabular-nums">
              {again}
            </dd>
          </div>
          <div>
            <dt className="text-xs tracking-wide text-stone-500 uppercase dark:text-stone-400">Time</dt>
            <dd data-testid="summary-time" className="mt-1 text-3xl font-semibold tabular-nums">
              {formatDuration(totalMs)}
            </dd>
          </div>
        </dl>
      ) : null}
      {nextLearningInMs !== null ? (
        <p className="mt-6 text-stone-600 dark:text-stone-400">
          {plural(laterCount, "learning card")} {laterCount === 1 ? "comes" : "come"} back in {formatInterval(nextLearningInMs)}.
          Keep this page open, or come back later.
        </p>
      ) : done > 0 && !heldBack ? (
        <p className="mt-6 text-stone-600 dark:text-stone-400">That is everything due today. See you tomorrow.</p>
      ) : null}
      {children}
    </Card>
  );
}
