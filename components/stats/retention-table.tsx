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
  return (
    <td className="py-2 pl-1 text-right whitespace-nowrap tabular-nums sm:px-2">
      <span className="font-medium">{percent(cell.rate)}</span>
      <span className="block text-[0.7rem] text-stone-500 sm:text-xs dark:text-stone-400">
        {cell.total > 0 ? `${count(cell.passed)} / ${count(cell.total)}` : "no reviews"}
      </span>
    </td>
  );
}

/**
 * Anki's true retention: of the reviews of cards that were in review, the share not graded Again.
 * Young and mature follow Anki: the interval before the review was under 21 days, or 21 or more.
 */
export function RetentionTable({ rows }: { rows: RetentionRowDTO[] }) {
  return (
    <div className="-mx-2 overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">True retention: the share of reviews of cards in review not graded Again</caption>
        <thead>
          <tr className="text-xs text-stone-500 dark:text-stone-400">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Period
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Young
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Mature
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              All
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 dark:divide-stone-800">
          {rows.map((row) => (
            <tr key={row.period}>
              <th scope="row" className="py-2 pr-1 pl-2 text-left font-normal text-stone-700 dark:text-stone-300">
                {PERIOD_LABELS[row.period]}
              </th>
              <Cell cell={row.young} />
              <Cell cell={row.mature} />
              <Cell cell={row.all} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
