import type { HistogramDTO } from "@/lib/types";
import { BarChart } from "./bar-chart";
import { DataTable, SERIES } from "./chart-parts";
import { count } from "./format";

/** A distribution over a studied collection: bars per bin, labelled under a few of them. */
export function HistogramChart({
  title,
  histogram,
  labelAt,
  edgeTicks,
  formatValue,
}: {
  title: string;
  histogram: HistogramDTO;
  labelAt?: number[];
  edgeTicks?: { edge: number; label: string }[];
  /** How a bin edge or mean reads, e.g. "90%" or "14d". */
  formatValue: (value: number) => string;
}) {
  const data = histogram.bins.map((bin, i) => ({ key: `${i}`, label: bin.label, values: [bin.count] }));
  const description =
    histogram.total === 0
      ? "No studied cards yet."
      : `${count(histogram.total)} cards; mean ${formatValue(histogram.mean!)}, median ${formatValue(histogram.median!)}.`;
  return (
    <div>
      <BarChart
        title={title}
        description={description}
        data={data}
        series={[SERIES.review]}
        width={340}
        height={150}
        labelAt={labelAt}
        edgeTicks={edgeTicks}
      />
      <DataTable
        caption={`${title}: cards per range`}
        head={["Range", "Cards"]}
        rows={histogram.bins.map((bin) => [bin.label, bin.count])}
      />
    </div>
  );
}
