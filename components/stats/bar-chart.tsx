import { scaleBand, scaleLinear } from "d3-scale";
import { AXIS_TEXT, GRID_LINE } from "./chart-parts";

export interface BarDatum {
  key: string;
  /** Under the bar, when the bar is one of the labelled ones. */
  label: string;
  /** One value per series, stacked bottom up. */
  values: number[];
}

export interface BarChartProps {
  title: string;
  description: string;
  data: BarDatum[];
  /** Fill classes, one per series. */
  series: string[];
  width: number;
  height: number;
  /** Which bars get their label under the axis. */
  labelEvery?: number;
  /** Label these bar indexes (instead of every n-th). */
  labelAt?: number[];
  /** Labels on bar edges instead: edge i is the left edge of bar i, edge n the right edge of the last. */
  edgeTicks?: { edge: number; label: string }[];
  formatTick?: (value: number) => string;
}

export const MARGIN = { top: 8, right: 4, bottom: 22, left: 34 };

/** The x scale of a bar chart, so another chart drawn above it can put its points over the bars. */
export function barScale(keys: string[], width: number) {
  return scaleBand<string>()
    .domain(keys)
    .range([MARGIN.left, width - MARGIN.right])
    .paddingInner(keys.length > 60 ? 0.1 : 0.25)
    .paddingOuter(0.1);
}

/**
 * Vertical bars (stacked when there are several series) on a light grid, as a server-rendered
 * SVG. The SVG is one image to assistive technology, named by its title and description; the
 * numbers themselves go in a DataTable beside it.
 */
export function BarChart({
  title,
  description,
  data,
  series,
  width,
  height,
  labelEvery = 1,
  labelAt,
  edgeTicks,
  formatTick = String,
}: BarChartProps) {
  const totals = data.map((d) => d.values.reduce((sum, v) => sum + v, 0));
  const max = Math.max(1, ...totals);
  const x = barScale(
    data.map((d) => d.key),
    width,
  );
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t));
  const labelled = new Set(
    edgeTicks ? [] : (labelAt ?? data.map((_, i) => i).filter((i) => (data.length - 1 - i) % labelEvery === 0)),
  );
  const edgeX = (edge: number) => {
    const step = x.step();
    const first = x(data[0]?.key ?? "") ?? MARGIN.left;
    return first + edge * step - (x.step() - x.bandwidth()) / 2;
  };
  const titleId = `${title.replace(/\W+/g, "-").toLowerCase()}-${width}`;

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId}-t ${titleId}-d`}
      className="block overflow-visible text-[11px]"
    >
      <title id={`${titleId}-t`}>{title}</title>
      <desc id={`${titleId}-d`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            className={GRID_LINE}
            strokeDasharray={tick === 0 ? undefined : "2 3"}
          />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className={AXIS_TEXT}>
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {data.map((d) =>
        d.values.map((value, s) => {
          if (value <= 0) return null;
          const below = d.values.slice(0, s).reduce((sum, v) => sum + v, 0);
          const top = y(below + value);
          const isTop = d.values.slice(s + 1).every((v) => v <= 0);
          return (
            <rect
              key={`${d.key}-${s}`}
              x={x(d.key)}
              y={top}
              width={x.bandwidth()}
              height={Math.max(0.5, y(below) - top)}
              rx={isTop ? Math.min(2, x.bandwidth() / 3) : 0}
              className={series[s]}
            />
          );
        }),
      )}
      {data.map((d, i) =>
        labelled.has(i) ? (
          <text key={d.key} x={x(d.key)! + x.bandwidth() / 2} y={height - 6} textAnchor="middle" className={AXIS_TEXT}>
            {d.label}
          </text>
        ) : null,
      )}
      {edgeTicks?.map((tick) => (
        <text key={tick.edge} x={edgeX(tick.edge)} y={height - 6} textAnchor="middle" className={AXIS_TEXT}>
          {tick.label}
        </text>
      ))}
    </svg>
  );
}
