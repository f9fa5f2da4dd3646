import type { HistogramDTO } from "@/lib/types/stats";
import { BarChart } from "./bar-chart";
import { ChartFrame } from "@/components/ui/chart-frame";
import { plural, WORDS } from "@/lib/format";
import { Responsive, SERIES } from "./chart-parts";
import { count } from "./format";

interface HistogramChartProps {
  title: string;
  histogram: HistogramDTO;
  /** Label these bins under their middle. */
  labelAt?: number[];
  /** Or label bin edges: edge i is where bin i starts. */
  edgeTicks?: { edge: number; label: string }[];
  /** How a mean or median reads, e.g. "90%" or "14d". */
  formatValue: (value: number) => string;
  /** Drop empty bins at the start in steps of this many bins (so the axis starts on a round value). */
  trimStep?: number;
  /** Full width: drawn for a phone and for a wide screen. */
  wide?: boolean;
}

/** A distribution over the studied cards: a bar per bin. */
export function HistogramChart({
  title,
  histogram,
  labelAt,
  edgeTicks,
  formatValue,
  trimStep,
  wide = false,
}: HistogramChartProps) {
  const firstUsed = histogram.bins.findIndex((bin) => bin.count > 0);
  const start = trimStep && firstUsed > 0 ? Math.floor(firstUsed / trimStep) * trimStep : 0;
  const bins = histogram.bins.slice(start);
  const data = bins.map((bin, i) => ({ key: `${start + i}`, label: bin.label, values: [bin.count] }));
  const ticks = edgeTicks?.filter((tick) => tick.edge >= start).map((tick) => ({ ...tick, edge: tick.edge - start }));
  const description =
    histogram.total === 0
      ? "No studied cards yet."
      : `${plural(histogram.total, WORDS.card)}; mean ${formatValue(histogram.mean!)}, median ${formatValue(histogram.median!)}.`;
  const chart = (width: number) => (
    <BarChart
      title={title}
      description={description}
      data={data}
      series={[SERIES.review]}
      width={width}
      height={150}
      labelAt={labelAt}
      edgeTicks={ticks}
    />
  );
  return (
    <ChartFrame
      empty={histogram.total === 0 ? "No studied cards yet: drawn once you have reviewed a card." : null}
      table={{
        caption: `${title}: cards per range`,
        head: ["Range", "Cards"],
        rows: histogram.bins.map((bin) => [bin.label, count(bin.count)]),
      }}
    >
      {wide ? <Responsive narrow={chart(340)} wide={chart(680)} /> : chart(340)}
    </ChartFrame>
  );
}
