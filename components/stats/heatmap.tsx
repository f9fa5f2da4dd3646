import { ChartFrame } from "@/components/ui/chart-frame";
import { plural, WORDS } from "@/lib/format";
import { heatLevelRanges, heatmapLayout, type HeatLevel } from "@/lib/stats/heatmap";
import type { DayCountDTO } from "@/lib/types/stats";
import { AXIS_TEXT } from "./chart-parts";
import { count, longDay, monthOf } from "./format";

const CELL = 11;
const GAP = 2.5;
const STEP = CELL + GAP;
const LEFT = 26;
const TOP = 16;

const LEVEL_CLASS: Record<HeatLevel, string> = {
  0: "fill-stone-200/70 dark:fill-stone-800",
  1: "fill-accent-300/60 dark:fill-accent-700/70",
  2: "fill-accent-400/80 dark:fill-accent-600",
  3: "fill-accent-600 dark:fill-accent-500",
  4: "fill-accent-700 dark:fill-accent-300",
};
const LEVELS = [0, 1, 2, 3, 4] as const;
const xOf = (cell: { week: number }) => LEFT + cell.week * STEP;
const yOf = (cell: { weekday: number }) => TOP + cell.weekday * STEP;
const WEEKDAYS = [
  [0, "Mon"],
  [2, "Wed"],
  [4, "Fri"],
] as const;

/**
 * A year of study days, a column per week, darker for more reviews. Days in `marked` (the days
 * that kept the streak) carry a small dot. On a phone the year scrolls inside its own box, which
 * opens on the latest weeks.
 */
export function Heatmap({ calendar, today, marked }: { calendar: DayCountDTO[]; today: string; marked: ReadonlySet<string> }) {
  const layout = heatmapLayout(calendar, today, marked);
  const width = LEFT + layout.weeks * STEP;
  const height = TOP + 7 * STEP;
  const byMonth = new Map<string, { reviews: number; days: number }>();
  for (const cell of layout.cells) {
    const month = monthOf(cell.day);
    const entry = byMonth.get(month) ?? { reviews: 0, days: 0 };
    entry.reviews += cell.count;
    entry.days += cell.count > 0 ? 1 : 0;
    byMonth.set(month, entry);
  }
  const markedCount = layout.cells.filter((cell) => cell.marked).length;
  const description =
    `${plural(layout.total, WORDS.review)} on ${count(layout.activeDays)} of the last ${layout.cells.length} study days` +
    (layout.busiest ? `; the busiest day was ${longDay(layout.busiest.day)} with ${count(layout.busiest.count)}.` : ".");
  const ranges = heatLevelRanges(layout.thresholds);

  return (
    <ChartFrame
      empty={layout.total === 0 ? "No reviews yet. Each study day gets a square here, darker the more cards you review." : null}
      table={{
        caption: "Reviews per month over the last year",
        head: ["Month", "Reviews", "Days studied"],
        rows: [...byMonth.entries()].map(([month, entry]) => [month, count(entry.reviews), count(entry.days)]),
      }}
    >
      {/* Right to left so that the box opens on the latest weeks; the chart inside reads left to right. */}
      <div
        dir="rtl"
        // A region that scrolls must take keyboard focus to be scrolled without a pointer (axe: scrollable-region-focusable).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        role="region"
        aria-label="Calendar of the last year, scrollable"
        className="overflow-x-auto rounded-md pb-1"
      >
        <div dir="ltr" className="w-[620px] sm:w-full">
          <svg
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby="heatmap-title heatmap-desc"
            className="block h-auto w-full text-[9px]"
          >
            <title id="heatmap-title">Reviews per study day over the last year</title>
            <desc id="heatmap-desc">{description}</desc>
            {layout.months.map((month) =>
              month.week <= layout.weeks - 2 ? (
                <text key={`${month.label}-${month.week}`} x={LEFT + month.week * STEP} y={TOP - 5} className={AXIS_TEXT}>
                  {month.label}
                </text>
              ) : null,
            )}
            {WEEKDAYS.map(([row, label]) => (
              <text key={label} x={0} y={TOP + row * STEP + CELL / 2} dy="0.35em" className={AXIS_TEXT}>
                {label}
              </text>
            ))}
            {/* Cells grouped by level, the marks in one group: the fill is set once per group
                rather than on each of the year's cells, which halves the page's markup for them. */}
            {LEVELS.map((level) => (
              <g key={level} className={LEVEL_CLASS[level]}>
                {layout.cells
                  .filter((cell) => cell.level === level)
                  .map((cell) => (
                    <rect key={cell.day} x={xOf(cell)} y={yOf(cell)} width={CELL} height={CELL} rx={2}>
                      <title>{`${longDay(cell.day)}: ${plural(cell.count, WORDS.review)}`}</title>
                    </rect>
                  ))}
              </g>
            ))}
            <g className="pointer-events-none fill-white/90 dark:fill-stone-950/80">
              {layout.cells
                .filter((cell) => cell.marked)
                .map((cell) => (
                  <circle key={cell.day} cx={xOf(cell) + CELL / 2} cy={yOf(cell) + CELL / 2} r={1.6} />
                ))}
            </g>
            {layout.cells
              .filter((cell) => cell.day === today)
              .map((cell) => (
                <rect
                  key={cell.day}
                  x={xOf(cell) - 1}
                  y={yOf(cell) - 1}
                  width={CELL + 2}
                  height={CELL + 2}
                  rx={3}
                  fill="none"
                  strokeWidth={1.2}
                  className="stroke-stone-900 dark:stroke-stone-100"
                />
              ))}
          </svg>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-x-6 gap-y-2 text-xs text-stone-500 dark:text-stone-400">
        <span className="inline-flex items-center gap-1.5">
          <svg width={CELL} height={CELL} aria-hidden="true">
            <rect width={CELL} height={CELL} rx={2} className={LEVEL_CLASS[3]} />
            <circle cx={CELL / 2} cy={CELL / 2} r={1.2} className="fill-white/60 dark:fill-stone-950/50" />
          </svg>
          Daily goal met ({plural(markedCount, WORDS.day)})
        </span>
        <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
          <span>Reviews a day:</span>
          {([1, 2, 3, 4] as const).map((level) => (
            <span key={level} className="inline-flex items-center gap-1 tabular-nums">
              <svg width={CELL} height={CELL} aria-hidden="true">
                <rect width={CELL} height={CELL} rx={2} className={LEVEL_CLASS[level]} />
              </svg>
              {ranges[level - 1]}
            </span>
          ))}
        </span>
      </div>
    </ChartFrame>
  );
}
