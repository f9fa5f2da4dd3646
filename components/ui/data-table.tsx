import type { ReactNode } from "react";

export interface DataTableProps {
  caption: string;
  head: string[];
  /** The first cell of each row is its header; the others are right-aligned figures. */
  rows: ReactNode[][];
  /** A last row set apart in bold (a total). */
  totalRow?: ReactNode[];
  /**
   * Shown (a small figures table), or for screen readers only: the numbers behind a chart. A
   * hidden table's wrapper is what is hidden, since a table sizes itself to its content whatever
   * width it is given and would widen the page.
   */
  visible?: boolean;
}

/** A table of figures: the one shape of every table on the statistics page. */
export function DataTable({ caption, head, rows, totalRow, visible = false }: DataTableProps) {
  const cellClass = visible ? "px-2 py-1.5 text-right tabular-nums whitespace-nowrap" : undefined;
  const rowHeadClass = visible ? "py-1.5 pr-1 pl-2 text-left font-normal text-stone-700 dark:text-stone-300" : undefined;
  const row = (cells: ReactNode[], key: number, total = false) => (
    <tr key={key} className={total && visible ? "font-medium text-stone-900 dark:text-stone-100" : undefined}>
      {cells.map((cell, j) =>
        j === 0 ? (
          <th key={j} scope="row" className={total && visible ? `${rowHeadClass} font-medium` : rowHeadClass}>
            {cell}
          </th>
        ) : (
          <td key={j} className={cellClass}>
            {cell}
          </td>
        ),
      )}
    </tr>
  );
  return (
    <div className={visible ? "-mx-2 overflow-x-auto" : "sr-only"}>
      <table className={visible ? "w-full text-sm" : undefined}>
        <caption className={visible ? "sr-only" : undefined}>{caption}</caption>
        <thead>
          <tr className={visible ? "text-xs text-stone-500 dark:text-stone-400" : undefined}>
            {head.map((cell, i) => (
              <th
                key={cell}
                scope="col"
                className={visible ? `px-2 py-1 font-medium ${i === 0 ? "text-left" : "text-right"}` : undefined}
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={visible ? "divide-y divide-stone-100 dark:divide-stone-800" : undefined}>
          {rows.map((cells, i) => row(cells, i))}
          {totalRow ? row(totalRow, rows.length, true) : null}
        </tbody>
      </table>
    </div>
  );
}
