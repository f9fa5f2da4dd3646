import type { HistogramBinDTO, HistogramDTO } from "@/lib/types/stats";

export interface BinSpec {
  label: string;
  from: number;
  /** null: open-ended. */
  to: number | null;
}

/**
 * Counts values into bins: each bin holds from <= value < to, the last one also its upper edge
 * (so a retrievability of exactly 1 lands in 98-100%). Values below the first bin count in the
 * first and above the last in the last, so every value is shown somewhere. Mean and median
 * (the lower middle value for an even count) are of the values themselves.
 */
export function histogram(values: readonly number[], bins: readonly BinSpec[]): HistogramDTO {
  const counts = bins.map(() => 0);
  // Sorted once (a typed array sorts numbers natively), the values fill the bins in one walk.
  const sorted = Float64Array.from(values).sort();
  let bin = 0;
  for (const value of sorted) {
    for (let to = bins[bin].to; bin < bins.length - 1 && to !== null && value >= to; to = bins[bin].to) bin++;
    counts[bin] += 1;
  }
  const total = values.length;
  return {
    bins: bins.map((spec, i): HistogramBinDTO => ({ ...spec, count: counts[i] })),
    total,
    mean: total > 0 ? values.reduce((sum, v) => sum + v, 0) / total : null,
    median: total > 0 ? sorted[Math.floor((total - 1) / 2)] : null,
  };
}

function evenBins(from: number, to: number, width: number, label: (from: number, to: number) => string): BinSpec[] {
  const count = Math.round((to - from) / width);
  return Array.from({ length: count }, (_, i) => {
    const lower = from + i * width;
    const upper = from + (i + 1) * width;
    return { label: label(lower, upper), from: lower, to: upper };
  });
}

/** Retrievability 0..1 in fifty 2% steps: most studied cards sit between 80% and 100%, and fine steps show their shape. */
export const RETRIEVABILITY_BINS: BinSpec[] = evenBins(0, 100, 2, (a, b) => `${a}–${b}%`).map((bin) => ({
  ...bin,
  from: bin.from / 100,
  to: bin.to! / 100,
}));

/** Difficulty as a percentage (Anki shows FSRS difficulty 1..10 as 0..100%) in ten 10% steps. */
export const DIFFICULTY_BINS: BinSpec[] = evenBins(0, 100, 10, (a, b) => `${a}–${b}%`);

/** FSRS difficulty (1..10) as Anki shows it: 0% for 1, 100% for 10. */
export function difficultyPercent(difficulty: number): number {
  return ((difficulty - 1) / 9) * 100;
}

/** Stability in days: finer where most cards are (days to weeks), coarser beyond. */
export const STABILITY_BINS: BinSpec[] = [
  { label: "<1d", from: 0, to: 1 },
  { label: "1–2d", from: 1, to: 2 },
  { label: "2–4d", from: 2, to: 4 },
  { label: "4–7d", from: 4, to: 7 },
  { label: "1–2w", from: 7, to: 14 },
  { label: "2–4w", from: 14, to: 30 },
  { label: "1–2mo", from: 30, to: 60 },
  { label: "2–4mo", from: 60, to: 120 },
  { label: "4–6mo", from: 120, to: 180 },
  { label: "6–12mo", from: 180, to: 365 },
  { label: "1–2y", from: 365, to: 730 },
  { label: "2y+", from: 730, to: null },
];
