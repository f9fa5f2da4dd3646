import type { ReactNode } from "react";
import { Card } from "./card";

/**
 * One number that matters, large, under a quiet label; an item of a `StatList`. The label sits at
 * the top and the number at the bottom of a box as tall as its row, so the numbers of a row line
 * up even when one label wraps onto two lines on a phone. The number never wraps ("1m 46s").
 * Classes are joined, not merged (see cn): the session summary draws it on the review page.
 */
export function Stat({
  label,
  value,
  testId,
  emphasis = false,
  framed = false,
}: {
  label: string;
  value: number | string;
  testId: string;
  emphasis?: boolean;
  /** On its own card surface (home), or bare inside a larger panel (the session summary). */
  framed?: boolean;
}) {
  const content = (
    <>
      <dt className="text-xs font-medium tracking-wide text-balance text-stone-500 uppercase dark:text-stone-400">{label}</dt>
      <dd
        data-testid={testId}
        className={`mt-1 text-2xl font-semibold whitespace-nowrap tabular-nums min-[420px]:text-3xl${emphasis ? " text-accent-600 dark:text-accent-400" : ""}`}
      >
        {value}
      </dd>
    </>
  );
  const layout = "flex h-full flex-col justify-between";
  return framed ? <Card className={`${layout} px-4 py-4`}>{content}</Card> : <div className={layout}>{content}</div>;
}

/** A row of `Stat`s as one description list, in equal columns. */
export function StatList({ children, className, label }: { children: ReactNode; className?: string; label?: string }) {
  return (
    <dl aria-label={label} className={`grid grid-cols-3 gap-3${className ? ` ${className}` : ""}`}>
      {children}
    </dl>
  );
}
