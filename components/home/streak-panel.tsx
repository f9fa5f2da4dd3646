import Link from "next/link";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { plural, WORDS } from "@/lib/format";
import type { StreakSummaryDTO } from "@/lib/types/streaks";

const MILESTONE_WORDS: Record<number, string> = {
  7: "A full week of study.",
  30: "A month without a break.",
  100: "A hundred days. That is a habit.",
  365: "A whole year, every day.",
};

function Snowflake({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      <path d="M12 2v20M4.9 6.5l14.2 11M4.9 17.5l14.2-11M9.5 3.5 12 6l2.5-2.5M9.5 20.5 12 18l2.5 2.5" />
    </svg>
  );
}

/** Today's goal: reviews toward N with a thin bar, or the cards still due for the clear-the-queue goal. */
function GoalProgress({ streak }: { streak: StreakSummaryDTO }) {
  if (streak.goal.kind === "REVIEWS") {
    const { reviews } = streak.goal;
    const done = Math.min(streak.reviewedToday, reviews);
    return (
      <div>
        <p className="flex items-baseline justify-between gap-2 text-sm">
          <span className="text-stone-600 dark:text-stone-400">Today&rsquo;s goal</span>
          <span className="font-medium tabular-nums" data-testid="goal-progress">
            {streak.reviewedToday} / {plural(reviews, WORDS.review)}
          </span>
        </p>
        <div
          role="progressbar"
          aria-label="Reviews toward today's goal"
          aria-valuemin={0}
          aria-valuemax={reviews}
          aria-valuenow={done}
          className="mt-2 h-1.5 overflow-hidden rounded-full bg-stone-200 dark:bg-stone-800"
        >
          <div className="h-full rounded-full bg-accent-600 dark:bg-accent-400" style={{ width: `${(done / reviews) * 100}%` }} />
        </div>
      </div>
    );
  }
  return (
    <p className="flex items-baseline justify-between gap-2 text-sm">
      <span className="text-stone-600 dark:text-stone-400">Today&rsquo;s goal: clear the due queue</span>
      <span className="font-medium tabular-nums" data-testid="goal-progress">
        {streak.todayMet
          ? "Cleared"
          : streak.dueLeftToday > 0
            ? `${plural(streak.dueLeftToday, WORDS.card)} left`
            : "Review one card"}
      </span>
    </p>
  );
}

/** What keeps the streak, in the words of the goal that is set. */
export function streakRule(streak: Pick<StreakSummaryDTO, "goal">): string {
  const goal =
    streak.goal.kind === "REVIEWS" ? `Review ${plural(streak.goal.reviews, WORDS.card)}` : "Review every card due (at least one)";
  return `${goal} each study day to keep your streak. A day with nothing due never breaks it, and a freeze covers a missed day.`;
}

/** The home page's streak: the current run large, freezes beside it, then today's goal and the longest run. */
export function StreakPanel({ streak }: { streak: StreakSummaryDTO }) {
  const word = streak.milestone ? MILESTONE_WORDS[streak.milestone] : null;
  return (
    <Card as="section" aria-labelledby="streak-heading" className="mt-6 px-5 py-5 sm:px-6" data-testid="streak-panel">
      <h2 id="streak-heading" className="sr-only">
        Streak
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <p className="flex items-baseline gap-2">
          <span
            data-testid="streak"
            className={cn(
              "text-5xl font-semibold tabular-nums sm:text-6xl",
              streak.current > 0 && "text-accent-600 dark:text-accent-400",
            )}
          >
            {streak.current}
          </span>
          <span className="text-stone-600 dark:text-stone-400">day streak</span>
        </p>
        <div className="flex flex-col items-start gap-1 text-sm sm:items-end">
          <p className="flex items-center gap-1.5" data-testid="freezes">
            <Snowflake
              className={cn(
                "size-4",
                streak.freezesHeld > 0 ? "text-sky-600 dark:text-sky-400" : "text-stone-400 dark:text-stone-600",
              )}
            />
            <span>
              {streak.freezesHeld === 0
                ? "No freezes held"
                : `${plural(streak.freezesHeld, { one: "freeze", other: "freezes" })} held`}
              <span className="text-stone-500 dark:text-stone-400"> · one per 7 days, up to 2</span>
            </span>
          </p>
          <p className="text-stone-500 dark:text-stone-400" data-testid="longest-streak">
            Longest {plural(streak.longest, WORDS.day)}
          </p>
        </div>
      </div>
      {streak.frozenDays.length > 0 ? (
        <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">
          {streak.frozenDays.length === 1
            ? "A freeze covered a missed day"
            : `Freezes covered ${plural(streak.frozenDays.length, { one: "missed day", other: "missed days" })}`}{" "}
          in this streak.
        </p>
      ) : null}
      {word ? (
        <p
          className="mt-3 rounded-lg bg-accent-50 px-3 py-2 text-sm text-accent-700 dark:bg-accent-700/10 dark:text-accent-300"
          data-testid="milestone"
        >
          <span className="font-medium">{streak.milestone} days.</span> {word}
        </p>
      ) : null}
      <div className="mt-4 border-t border-stone-200 pt-4 dark:border-stone-800">
        <GoalProgress streak={streak} />
        <p className="mt-2 text-xs text-stone-500 dark:text-stone-400" data-testid="streak-rule">
          {streakRule(streak)}
        </p>
        <p className="mt-2 flex flex-wrap justify-between gap-2 text-xs text-stone-500 dark:text-stone-400">
          <span>
            {streak.nextMilestone
              ? `${plural(streak.nextMilestone - streak.current, WORDS.day)} to a ${streak.nextMilestone}-day streak`
              : ""}
          </span>
          <Link
            href="/settings#daily-goal"
            className="font-medium text-accent-600 underline-offset-4 hover:underline dark:text-accent-400"
          >
            Change goal
          </Link>
        </p>
      </div>
    </Card>
  );
}
