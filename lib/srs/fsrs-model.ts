import { generatorParameters } from "ts-fsrs";

/*
 * FSRS-6's memory model as plain arithmetic on one weights array: what the workload simulator runs
 * hundreds of thousands of times. ts-fsrs's own methods read every weight through a Proxy and
 * validate each call, which made a year of 5,000 cards take seconds; these follow its formulas
 * (ts-fsrs 5.4, FSRSAlgorithm) and a test compares them with it.
 */

const S_MIN = 1e-3;
const S_MAX = 36500;

export interface MemoryModel {
  /** Probability of recall after `elapsedDays` at `stability`. */
  recall(elapsedDays: number, stability: number): number;
  /** Whole days until recall falls to the retention, within [1, maximum]. */
  interval(stability: number): number;
  /** The first review's memory state. */
  first(grade: number): { stability: number; difficulty: number };
  /** The memory state after a review `elapsedDays` (>= 1) after the last one. */
  next(stability: number, difficulty: number, elapsedDays: number, grade: number): { stability: number; difficulty: number };
}

const roundTo8 = (x: number) => Math.round(x * 1e8) / 1e8;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function memoryModel(weights: readonly number[] | null, retention: number, maximumIntervalDays: number): MemoryModel {
  // generatorParameters migrates and clips the weights exactly as the scheduler gets them.
  const w = [...generatorParameters(weights ? { w: [...weights] } : {}).w];
  const decay = -w[20];
  // Rounded to 8 decimals as ts-fsrs rounds them, so intervals come out the same whole days.
  const factor = roundTo8(Math.exp(Math.log(0.9) / decay) - 1);
  const intervalModifier = roundTo8((Math.pow(retention, 1 / decay) - 1) / factor);
  const initDifficulty = (g: number) => w[4] - Math.exp((g - 1) * w[5]) + 1;
  const easyDifficulty = initDifficulty(4);
  const recall = (t: number, s: number) => Math.pow(1 + (factor * t) / s, decay);
  return {
    recall,
    interval: (s) => Math.min(Math.max(1, Math.round(s * intervalModifier)), maximumIntervalDays),
    first: (g) => ({ stability: w[g - 1], difficulty: clamp(initDifficulty(g), 1, 10) }),
    next(s, d, t, g) {
      const r = recall(t, s);
      let stability: number;
      if (g === 1) {
        const afterFail = clamp(
          w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) * Math.exp((1 - r) * w[14]),
          S_MIN,
          S_MAX,
        );
        stability = clamp(s / Math.exp(w[17] * w[18]), S_MIN, afterFail);
      } else {
        const hard = g === 2 ? w[15] : 1;
        const easy = g === 4 ? w[16] : 1;
        stability = clamp(
          s * (1 + Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) * (Math.exp((1 - r) * w[10]) - 1) * hard * easy),
          S_MIN,
          S_MAX,
        );
      }
      const damped = d + (-w[6] * (g - 3) * (10 - d)) / 9;
      const difficulty = clamp(w[7] * easyDifficulty + (1 - w[7]) * damped, 1, 10);
      return { stability, difficulty };
    },
  };
}
