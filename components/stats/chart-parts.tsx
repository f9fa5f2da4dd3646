import type { ReactNode } from "react";

/** Classes of the one accent and its neutral companions, for SVG fills and strokes (light and dark). */
export const SERIES = {
  review: "fill-accent-600 dark:fill-accent-400",
  learning: "fill-accent-300 dark:fill-accent-700",
  new: "fill-stone-300 dark:fill-stone-600",
  relearning: "fill-accent-500 dark:fill-accent-500",
  suspended: "fill-stone-200 dark:fill-stone-800",
} as const;

export const AXIS_TEXT = "fill-stone-500 dark:fill-stone-400";
export const GRID_LINE = "stroke-stone-200 dark:stroke-stone-800";

/**
 * A chart drawn twice, for a phone and for a wider screen, so its text stays a readable size in
 * both (an SVG scales its text with it). Only one is displayed; the other is hidden from
 * everyone, screen readers included.
 */
export function Responsive({ narrow, wide }: { narrow: ReactNode; wide: ReactNode }) {
  return (
    <>
      <div className="sm:hidden">{narrow}</div>
      <div className="hidden sm:block">{wide}</div>
    </>
  );
}

export function LegendSwatch({ className, label, value }: { className: string; label: string; value?: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <svg width="10" height="10" aria-hidden="true" className="shrink-0">
        <rect width="10" height="10" rx="2" className={className} />
      </svg>
      <span>
        {label}
        {value !== undefined ? (
          <span className="ml-1 font-medium text-stone-900 tabular-nums dark:text-stone-100">{value}</span>
        ) : null}
      </span>
    </span>
  );
}
