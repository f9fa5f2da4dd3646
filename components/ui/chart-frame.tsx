import type { ReactNode } from "react";
import { DataTable, type DataTableProps } from "./data-table";

/**
 * Where a chart sits: the chart (or, with nothing to draw, a quiet box saying why and what will
 * fill it) and the numbers behind it in a table for screen readers. An empty chart
 * is never drawn: seven blank axes read as a broken page to a new learner.
 */
export function ChartFrame({
  empty,
  table,
  children,
}: {
  /** When set, shown instead of the chart and its table. */
  empty?: ReactNode;
  table?: DataTableProps;
  children?: ReactNode;
}) {
  if (empty) {
    return (
      <p
        data-testid="chart-empty"
        className="flex min-h-24 items-center justify-center rounded-xl border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-balance text-stone-500 dark:border-stone-700 dark:text-stone-400"
      >
        {empty}
      </p>
    );
  }
  return (
    <div>
      {children}
      {table ? <DataTable {...table} /> : null}
    </div>
  );
}
