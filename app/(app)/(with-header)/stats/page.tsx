import type { Metadata } from "next";
import { CardCounts } from "@/components/stats/card-counts";
import { ForecastChart } from "@/components/stats/forecast-chart";
import { count, minutesText, percent } from "@/components/stats/format";
import { Heatmap } from "@/components/stats/heatmap";
import { HistogramChart } from "@/components/stats/histogram-chart";
import { QuizAccuracy, QuizSummary } from "@/components/stats/quiz-accuracy";
import { RetentionTable } from "@/components/stats/retention-table";
import { RangeSelector, ReviewsChart, reviewTotals } from "@/components/stats/reviews-chart";
import { StatsSection } from "@/components/stats/section";
import { plural, WORDS } from "@/lib/format";
import { requireUser } from "@/lib/server/auth";
import { serverNow } from "@/lib/server/clock";
import { getStats } from "@/lib/server/stats";
import { getStreakSummary } from "@/lib/server/streaks";
import { STATS_RANGES, StatsRangeSchema } from "@/lib/validation/stats";

export const metadata: Metadata = { title: "Statistics" };

const pct = (value: number) => `${Math.round(value)}%`;
const days = (value: number) =>
  value < 1
    ? `${Math.round(value * 24)}h`
    : value < 60
      ? `${value.toFixed(value < 10 ? 1 : 0)}d`
      : `${(value / 30).toFixed(1)}mo`;

export default async function StatsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const range = StatsRangeSchema.parse((await searchParams).range);
  const now = serverNow();
  const [stats, streak] = await Promise.all([getStats(user.id, now, range), getStreakSummary(user.id, now)]);
  const totals = reviewTotals(stats.reviews);
  // Days with at least one review; the streak's own days (goal met, freezes) can be passed here instead.
  const studied = new Set(stats.calendar.filter((d) => d.count > 0).map((d) => d.day));
  const month = stats.retention.find((row) => row.period === "month")!;
  const forecastTotal = stats.forecast.reduce((sum, d) => sum + d.count, 0);
  // A panel with nothing to draw says so once, in its chart's place, with no summary line above.

  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Statistics</h1>
      <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">
        Study days start at {String(stats.dayStartHour).padStart(2, "0")}:00 ({stats.timeZone}).
      </p>

      <div className="mt-6 space-y-6">
        <StatsSection
          id="calendar"
          title="The last year"
          summary={
            studied.size > 0 ? `${plural(studied.size, { one: "study day", other: "study days" })} with reviews` : undefined
          }
        >
          <Heatmap calendar={stats.calendar} today={stats.today} marked={new Set(streak.goalMetDays)} />
        </StatsSection>

        <StatsSection
          id="reviews"
          title="Reviews"
          action={<RangeSelector range={range} ranges={STATS_RANGES} />}
          summary={
            totals.reviews === 0
              ? undefined
              : `${plural(totals.reviews, WORDS.review)} on ${count(totals.studied)} of the last ${plural(stats.reviews.length, WORDS.day)} · ${minutesText(totals.durationMs)}${
                  totals.studied > 1 ? ` · ${count(Math.round(totals.reviews / totals.studied))} a day when studying` : ""
                }`
          }
        >
          <ReviewsChart days={stats.reviews} />
        </StatsSection>

        <StatsSection
          id="retention"
          title="True retention"
          summary={
            !stats.retention.some((row) => row.all.total > 0)
              ? undefined
              : month.all.rate === null
                ? "No reviews of cards in review in the last 30 days."
                : `${percent(month.all.rate)} passed in the last 30 days`
          }
        >
          <RetentionTable rows={stats.retention} />
          {stats.retention.some((row) => row.all.total > 0) ? (
            <p className="mt-3 text-xs text-stone-500 dark:text-stone-400">
              Reviews of cards in review not graded Again. Young: interval under 21 days before the review; mature: 21 days or
              more.
            </p>
          ) : null}
        </StatsSection>

        <StatsSection
          id="quiz"
          title="Quiz accuracy"
          summary={stats.quiz.everQuizzed && stats.quiz.overall.answers === 0 ? undefined : <QuizSummary quiz={stats.quiz} />}
        >
          {stats.quiz.everQuizzed ? <QuizAccuracy quiz={stats.quiz} /> : null}
        </StatsSection>

        <StatsSection id="cards" title="Cards" summary={`${plural(stats.counts.total, WORDS.card)} in your collection`}>
          <CardCounts counts={stats.counts} />
        </StatsSection>

        <StatsSection
          id="forecast"
          title="Due in the next 30 days"
          summary={
            forecastTotal === 0
              ? undefined
              : `${plural(forecastTotal, WORDS.review)} · ${count(stats.forecast[0]?.count ?? 0)} today, overdue included`
          }
        >
          <ForecastChart days={stats.forecast} />
        </StatsSection>

        <StatsSection
          id="retrievability"
          title="Retrievability now"
          summary={
            stats.retrievability.mean === null
              ? undefined
              : `${percent(stats.retrievability.mean)} average chance of recalling a studied card right now`
          }
        >
          <HistogramChart
            title="Retrievability of studied cards"
            histogram={stats.retrievability}
            edgeTicks={Array.from({ length: 11 }, (_, i) => ({ edge: i * 5, label: `${i * 10}%` }))}
            formatValue={(v) => pct(v * 100)}
            trimStep={5}
            wide
          />
        </StatsSection>

        <div className="grid gap-6 md:grid-cols-2">
          <StatsSection
            id="stability"
            title="Stability"
            summary={
              stats.stability.median === null
                ? undefined
                : `Median ${days(stats.stability.median)}: the interval at which recall falls to 90%`
            }
          >
            <HistogramChart
              title="Stability of studied cards"
              histogram={stats.stability}
              labelAt={[0, 4, 6, 9, 11]}
              formatValue={days}
            />
          </StatsSection>
          <StatsSection
            id="difficulty"
            title="Difficulty"
            summary={stats.difficulty.mean === null ? undefined : `Average ${pct(stats.difficulty.mean)}`}
          >
            <HistogramChart
              title="Difficulty of studied cards"
              histogram={stats.difficulty}
              edgeTicks={[0, 5, 10].map((edge) => ({ edge, label: `${edge * 10}%` }))}
              formatValue={pct}
            />
          </StatsSection>
        </div>
      </div>
    </main>
  );
}
