import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Stat, StatList } from "@/components/ui/stat";
import { formatDuration, formatInterval, plural, pluralWord } from "@/lib/format";

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
        <StatList className="mx-auto mt-6 max-w-md">
          <Stat label="Cards" value={done} testId="summary-done" />
          <Stat label="Again" value={again} testId="summary-again" />
          <Stat label="Time" value={formatDuration(totalMs)} testId="summary-time" />
        </StatList>
      ) : null}
      {nextLearningInMs !== null ? (
        <p className="mt-6 text-stone-600 dark:text-stone-400">
          {plural(laterCount, { one: "learning card", other: "learning cards" })}{" "}
          {pluralWord(laterCount, { one: "comes", other: "come" })} back in {formatInterval(nextLearningInMs)}. Keep this page
          open, or come back later.
        </p>
      ) : done > 0 && !heldBack ? (
        <p className="mt-6 text-stone-600 dark:text-stone-400">That is everything due today. See you tomorrow.</p>
      ) : null}
      {children}
    </Card>
  );
}
