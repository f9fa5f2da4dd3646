import { ChartFrame } from "@/components/ui/chart-frame";
import type { CardCountsDTO } from "@/lib/types/stats";
import { LegendSwatch, SERIES } from "./chart-parts";
import { count } from "./format";

const PARTS = [
  { key: "review", label: "Review", className: SERIES.review },
  { key: "relearning", label: "Relearning", className: SERIES.relearning },
  { key: "learning", label: "Learning", className: SERIES.learning },
  { key: "new", label: "New", className: SERIES.new },
  { key: "suspended", label: "Suspended", className: "fill-stone-200 dark:fill-stone-700" },
] as const;

/** The collection by card state, as one bar split in proportion, with the counts beside. */
export function CardCounts({ counts }: { counts: CardCountsDTO }) {
  const total = Math.max(1, counts.total);
  const widths = PARTS.map((part) => (counts[part.key] / total) * 100);
  const offsets = widths.map((_, i) => widths.slice(0, i).reduce((sum, w) => sum + w, 0));
  return (
    <ChartFrame empty={counts.total === 0 ? "No cards yet. Add a deck on the Decks page to start." : null}>
      <svg
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        width="100%"
        height="14"
        aria-hidden="true"
        className="block overflow-hidden rounded-full"
      >
        <rect width="100" height="6" className="fill-stone-100 dark:fill-stone-800" />
        {PARTS.map((part, i) =>
          widths[i] > 0 ? <rect key={part.key} x={offsets[i]} width={widths[i]} height="6" className={part.className} /> : null,
        )}
      </svg>
      <ul className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 text-stone-600 dark:text-stone-400">
        {PARTS.map((part) => (
          <li key={part.key}>
            <LegendSwatch className={part.className} label={part.label} value={count(counts[part.key])} />
          </li>
        ))}
        <li>
          <span className="pl-4">
            Total <span className="ml-1 font-medium text-stone-900 tabular-nums dark:text-stone-100">{count(counts.total)}</span>
          </span>
        </li>
      </ul>
    </ChartFrame>
  );
}
