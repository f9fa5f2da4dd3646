import Link from "next/link";
import { ChartFrame } from "@/components/ui/chart-frame";
import { cn } from "@/components/ui/cn";
import { plural, WORDS } from "@/lib/format";
import { fromFirstActive } from "@/lib/stats/days";
import type { DayReviewsDTO, StatsRange } from "@/lib/types/stats";
import { BarChart, type BarDatum } from "./bar-chart";
import { LegendSwatch, Responsive, SERIES } from "./chart-parts";
import { count, longDay, minutesText, shortDay } from "./format";

const RANGE_LABELS: Record<StatsRange, string> = { 30: "30 days", 90: "90 days", 365: "1 year" };

/** The 30 / 90 / 365-day choice: plain links, so it works without JavaScript. */
export function RangeSelector({ range, ranges }: { range: StatsRange; ranges: readonly StatsRange[] }) {
  return (
    <nav aria-label="Period" className="inline-flex rounded-lg border border-stone-200 p-0.5 text-sm dark:border-stone-800">
      {ranges.map((r) => (
        <Link
          key={r}
          href={`/stats?range=${r}`}
          scroll={false}
          aria-current={r === range ? "page" : undefined}
          className={cn(
            "rounded-md px-2.5 py-1",
            r === range
              ? "bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900"
              : "text-stone-600 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100",
          )}
        >
          {RANGE_LABELS[r]}
        </Link>
      ))}
    </nav>
  );
}

export function labelsFor(days: { day: string }[], width: number): number[] {
  const wanted = width < 400 ? 4 : 7;
  const every = Math.max(1, Math.ceil(days.length / wanted));
  return days.map((_, i) => i).filter((i) => (days.length - 1 - i) % every === 0);
}

export function reviewTotals(days: DayReviewsDTO[]) {
  const reviews = days.reduce((sum, d) => sum + d.new + d.learning + d.review, 0);
  const studied = days.filter((d) => d.new + d.learning + d.review > 0).length;
  const durationMs = days.reduce((sum, d) => sum + d.durationMs, 0);
  return { reviews, studied, durationMs };
}

/**
 * A year of days is too many bars to read: beyond this many days the chart shows weeks (counted
 * back from today), as Anki does; the table for screen readers keeps the days.
 */
export const DAYS_BEFORE_WEEKS = 120;

function weeksOf(days: DayReviewsDTO[]): DayReviewsDTO[] {
  const weeks: DayReviewsDTO[] = [];
  for (let end = days.length; end > 0; end -= 7) {
    const week = days.slice(Math.max(0, end - 7), end);
    weeks.unshift({
      day: week[0].day,
      new: week.reduce((sum, d) => sum + d.new, 0),
      learning: week.reduce((sum, d) => sum + d.learning, 0),
      review: week.reduce((sum, d) => sum + d.review, 0),
      durationMs: week.reduce((sum, d) => sum + d.durationMs, 0),
    });
  }
  return weeks;
}

/** The fewest days the daily charts show, however new the account: a first day reads as one bar of a week. */
export const MIN_DAYS_SHOWN = 7;

/**
 * Reviews per study day (per week for a year), stacked by the card's state before the review, and
 * the minutes spent. Days before the first review in the range are left out (down to a week), so
 * a new learner's first days fill the chart instead of sitting as thin bars at its right edge.
 */
export function ReviewsChart({ days }: { days: DayReviewsDTO[] }) {
  const totals = reviewTotals(days);
  const active = fromFirstActive(days, (d) => d.new + d.learning + d.review > 0, MIN_DAYS_SHOWN);
  const byWeek = active.length > DAYS_BEFORE_WEEKS;
  const shown = byWeek ? weeksOf(active) : active;
  const bars: BarDatum[] = shown.map((d) => ({ key: d.day, label: shortDay(d.day), values: [d.review, d.learning, d.new] }));
  const minutes: BarDatum[] = shown.map((d) => ({ key: d.day, label: shortDay(d.day), values: [d.durationMs / 60_000] }));
  const series = [SERIES.review, SERIES.learning, SERIES.new];
  const sum = (key: "review" | "learning" | "new") => days.reduce((s, d) => s + d[key], 0);
  const studyDays = { one: "study day", other: "study days" };
  const description = `${plural(totals.reviews, WORDS.review)} on ${count(totals.studied)} of ${plural(days.length, studyDays)}: ${count(sum("review"))} of cards in review, ${count(sum("learning"))} learning or relearning steps, ${plural(sum("new"), { one: "new card", other: "new cards" })}.`;
  const chart = (width: number, height: number) => (
    <BarChart
      title={byWeek ? "Reviews per week" : "Reviews per day"}
      description={description}
      data={bars}
      series={series}
      width={width}
      height={height}
      labelAt={labelsFor(shown, width)}
    />
  );
  const minutesChart = (width: number) => (
    <BarChart
      title={byWeek ? "Minutes per week" : "Minutes per day"}
      description={`${minutesText(totals.durationMs)} in ${plural(days.length, studyDays)}.`}
      data={minutes}
      series={["fill-stone-400/70 dark:fill-stone-500/70"]}
      width={width}
      height={90}
      labelAt={labelsFor(shown, width)}
    />
  );
  return (
    <ChartFrame
      empty={totals.reviews === 0 ? `No reviews in the last ${plural(days.length, WORDS.day)}.` : null}
      table={{
        caption: "Reviews per study day (days with reviews)",
        head: ["Day", "Review", "Learning and relearning", "New", "Minutes"],
        rows: days
          .filter((d) => d.new + d.learning + d.review > 0)
          .map((d) => [longDay(d.day), d.review, d.learning, d.new, Math.round(d.durationMs / 6000) / 10]),
      }}
    >
      <Responsive narrow={chart(340, 170)} wide={chart(680, 200)} />
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600 dark:text-stone-400">
        <LegendSwatch className={SERIES.review} label="Review" value={count(sum("review"))} />
        <LegendSwatch className={SERIES.learning} label="Learning and relearning" value={count(sum("learning"))} />
        <LegendSwatch className={SERIES.new} label="New" value={count(sum("new"))} />
      </div>
      <h3 className="mt-6 text-sm font-medium text-stone-700 dark:text-stone-300">
        {byWeek ? "Minutes per week" : "Minutes per day"}{" "}
        <span className="font-normal text-stone-500 dark:text-stone-400">· {minutesText(totals.durationMs)} in total</span>
      </h3>
      <div className="mt-2">
        <Responsive narrow={minutesChart(340)} wide={minutesChart(680)} />
      </div>
    </ChartFrame>
  );
}
