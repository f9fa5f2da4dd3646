import { ChartFrame } from "@/components/ui/chart-frame";
import type { RetentionCellDTO, RetentionPeriod, RetentionRowDTO } from "@/lib/types/stats";
import { count, percent } from "./format";

const PERIOD_LABELS: Record<RetentionPeriod, string> = {
  today: "Today",
  yesterday: "Yesterday",
  week: "7 days",
  month: "30 days",
  year: "Year",
};

function Cell({ cell }: { cell: RetentionCellDTO }) {
  if (cell.total === 0) return <span className="text-stone-400 dark:text-stone-500">–</span>;
  return (
    <>
      <span className="font-medium">{percent(cell.rate)}</span>
      <span className="block text-[0.7rem] text-stone-500 sm:text-xs dark:text-stone-400">
        {count(cell.passed)} / {count(cell.total)}
      </span>
    </>
  );
}

/**
 * Anki's true retention: of the reviews of cards that were in review, the share not graded Again.
 * Young and mature follow Anki: the interval before the review was under 21 days, or 21 or more.
 * Periods without such a review are left out; with none at all, the panel says when they come.
 */
export function RetentionTable({ rows }: { rows: RetentionRowDTO[] }) {
  const withReviews = rows.filter((row) => row.all.total > 0);
  return (
    <ChartFrame
      empty={
        withReviews.length === 0
          ? "No reviews of cards in review yet. A card counts here once it has left learning and comes back, a day or more after you first learn it."
          : null
      }
      table={{
        visible: true,
        caption: "True retention: the share of reviews of cards in review not graded Again",
        head: ["Period", "Young", "Mature", "All"],
        rows: withReviews.map((row) => [
          PERIOD_LABELS[row.period],
          <Cell key="young" cell={row.young} />,
          <Cell key="mature" cell={row.mature} />,
          <Cell key="all" cell={row.all} />,
        ]),
      }}
    />
  );
}
