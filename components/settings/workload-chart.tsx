import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { AXIS_TEXT, GRID_LINE, Responsive } from "@/components/stats/chart-parts";
import { ChartFrame } from "@/components/ui/chart-frame";
import type { WorkloadPoint } from "@/lib/srs/simulate-workload";
import type { WorkloadDTO } from "@/lib/types/workload";

const MARGIN = { top: 16, right: 16, bottom: 30, left: 34 };
const HEIGHT = 170;

const retentionLabel = (r: number) => r.toFixed(2);
const about = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));

/** "0.85: ~25 reviews a day; 0.90: ~40; 0.95: ~75": the figures of a few retentions in one line. */
export function workloadSummary(points: readonly WorkloadPoint[]): string {
  const shown = points.filter((p) => [0.8, 0.85, 0.9, 0.95].some((r) => Math.abs(p.retention - r) < 1e-9));
  return shown
    .map((p, i) => `${retentionLabel(p.retention)}: ~${about(p.reviewsPerDay)}${i === 0 ? " reviews a day" : ""}`)
    .join("; ");
}

function Chart({ workload, width }: { workload: WorkloadDTO; width: number }) {
  const { points, best, current } = workload;
  const x = scaleLinear()
    .domain([0.7, 0.97])
    .range([MARGIN.left, width - MARGIN.right]);
  const maxMinutes = Math.max(1, ...points.map((p) => p.minutesPerDay));
  const y = scaleLinear()
    .domain([0, maxMinutes])
    .nice(4)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<WorkloadPoint>()
    .x((p) => x(p.retention))
    .y((p) => y(p.minutesPerDay))(points);
  const bestPoint = points.find((p) => p.retention === best);
  const description = `Minutes of study a day over the next year at each desired retention, from ${about(points[0]?.minutesPerDay ?? 0)} at ${retentionLabel(points[0]?.retention ?? 0.7)} to ${about(points.at(-1)?.minutesPerDay ?? 0)} at ${retentionLabel(points.at(-1)?.retention ?? 0.97)}. Least time per card remembered at ${retentionLabel(best)}; yours is ${retentionLabel(current)}.`;
  return (
    <svg
      viewBox={`0 0 ${width} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`workload-title-${width}`}
      aria-describedby={`workload-desc-${width}`}
    >
      <title id={`workload-title-${width}`}>Workload by desired retention</title>
      <desc id={`workload-desc-${width}`}>{description}</desc>
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} className={GRID_LINE} />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={11} className={AXIS_TEXT}>
            {tick}
          </text>
        </g>
      ))}
      {[0.7, 0.8, 0.9, 0.97].map((tick, i, ticks) => (
        <text
          key={tick}
          x={x(tick)}
          y={HEIGHT - MARGIN.bottom + 16}
          textAnchor={i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle"}
          fontSize={11}
          className={AXIS_TEXT}
        >
          {retentionLabel(tick)}
        </text>
      ))}
      <text x={2} y={MARGIN.top - 6} fontSize={10} className={AXIS_TEXT}>
        min/day
      </text>
      <line
        x1={x(current)}
        x2={x(current)}
        y1={MARGIN.top}
        y2={HEIGHT - MARGIN.bottom}
        strokeDasharray="3 3"
        className="stroke-stone-400 dark:stroke-stone-500"
      />
      <text x={x(current)} y={MARGIN.top - 6} textAnchor="middle" fontSize={10} className={AXIS_TEXT}>
        yours
      </text>
      <path d={path ?? ""} fill="none" strokeWidth={2} className="stroke-accent-600 dark:stroke-accent-400" />
      {points.map((p) => (
        <circle
          key={p.retention}
          cx={x(p.retention)}
          cy={y(p.minutesPerDay)}
          r={2.5}
          className="fill-accent-600 dark:fill-accent-400"
        />
      ))}
      {bestPoint ? (
        <circle
          cx={x(bestPoint.retention)}
          cy={y(bestPoint.minutesPerDay)}
          r={6}
          fill="none"
          strokeWidth={2}
          className="stroke-green-600 dark:stroke-green-400"
        />
      ) : null}
    </svg>
  );
}

/**
 * The simulated year at each desired retention (lib/srs/simulate-workload.ts): minutes a day as a
 * line, the retention with the least study time per card remembered ringed, the learner's own
 * dashed; the figures of every retention in a table for screen readers.
 */
export function WorkloadChart({ workload }: { workload: WorkloadDTO }) {
  const { points, best } = workload;
  const bestPoint = points.find((p) => p.retention === best);
  return (
    <div className="space-y-2" data-testid="workload-chart">
      <p className="text-sm font-medium text-stone-700 dark:text-stone-300">What each retention costs over the next year</p>
      <ChartFrame
        empty={workload.cards === 0 ? "Study some cards first: the workload is simulated from your own cards." : null}
        table={{
          caption: `Simulated next ${workload.days} days for your ${workload.cards} cards, by desired retention`,
          head: ["Retention", "Reviews a day", "Minutes a day", "Cards remembered at the end", "Minutes per card remembered"],
          rows: points.map((p) => [
            retentionLabel(p.retention),
            about(p.reviewsPerDay),
            about(p.minutesPerDay),
            Math.round(p.rememberedAtEnd),
            p.minutesPerCardRemembered.toFixed(2),
          ]),
        }}
      >
        <Responsive narrow={<Chart workload={workload} width={320} />} wide={<Chart workload={workload} width={440} />} />
      </ChartFrame>
      {workload.cards > 0 ? (
        <p className="text-sm text-stone-600 dark:text-stone-400" data-testid="workload-summary">
          {workloadSummary(points)}.{" "}
          {bestPoint ? (
            <>
              <span className="text-green-700 dark:text-green-400">Ringed:</span> {retentionLabel(best)} costs the least time per
              card remembered ({bestPoint.minutesPerCardRemembered.toFixed(2)} min, ~{Math.round(bestPoint.rememberedAtEnd)} of{" "}
              {workload.cards} remembered after a year).
            </>
          ) : null}{" "}
          At your median {Math.round(workload.secondsPerReview)} s a review.
        </p>
      ) : null}
    </div>
  );
}
