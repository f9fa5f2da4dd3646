import { performance } from "node:perf_hooks";
import { getStats } from "@/lib/server/stats";
import type { StatsRange } from "@/lib/types/stats";

const WARMUP_CALLS = 2;
const CALLS = 20;
// The page's three ranges cost the same in SQL; each is timed so the figure covers what people open.
const RANGES: StatsRange[] = [30, 90, 365];

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Times the statistics page's data (getStats) for one user, one call at a time: the median and
 * 95th percentile in milliseconds over CALLS calls, after a warm-up.
 */
export async function benchStats(userId: string, now: Date): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARMUP_CALLS; i++) await getStats(userId, now, 30);
  const durations: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await getStats(userId, now, RANGES[i % RANGES.length]);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 50), p95: percentile(durations, 95) };
}
