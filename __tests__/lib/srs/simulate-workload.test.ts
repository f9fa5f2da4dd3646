import { fsrs, generatorParameters } from "ts-fsrs";
import { seededRandom } from "@/lib/quiz/random";
import { memoryModel } from "@/lib/srs/fsrs-model";
import { simulateWorkload, WORKLOAD_RETENTIONS, type WorkloadInput } from "@/lib/srs/simulate-workload";

describe("memoryModel", () => {
  it("follows ts-fsrs's formulas: recall, intervals, first and later memory states", () => {
    const weights = [
      0.8, 2.5, 6.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.3, 0.1666, 0.796, 2.2, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
      0.0912, 0.0658, 0.1542,
    ];
    const random = seededRandom(7);
    for (const w of [null, weights]) {
      const model = memoryModel(w, 0.85, 36500);
      const reference = fsrs(generatorParameters({ request_retention: 0.85, enable_fuzz: false, ...(w ? { w } : {}) }));
      for (let g = 1; g <= 4; g++) {
        const first = reference.next_state(null, 0, g);
        expect(model.first(g).stability).toBeCloseTo(first.stability, 6);
        expect(model.first(g).difficulty).toBeCloseTo(first.difficulty, 6);
      }
      for (let i = 0; i < 500; i++) {
        const s = 0.1 + random() * 200;
        const d = 1 + random() * 9;
        const t = 1 + Math.floor(random() * 300);
        const g = 1 + Math.floor(random() * 4);
        const expected = reference.next_state({ stability: s, difficulty: d }, t, g);
        const actual = model.next(s, d, t, g);
        // ts-fsrs rounds each step to 8 decimals; the model does not: equal to a millionth, relatively.
        expect(Math.abs(actual.stability - expected.stability)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected.stability));
        expect(actual.difficulty).toBeCloseTo(expected.difficulty, 6);
        expect(model.recall(t, s)).toBeCloseTo(reference.forgetting_curve(t, s), 6);
        expect(model.interval(s)).toBe(reference.next_interval(s, t));
      }
    }
  });
});

describe("simulateWorkload", () => {
  const input: WorkloadInput = {
    cards: Array.from({ length: 600 }, (_, i) =>
      i < 400
        ? { state: 2 as const, stability: 1 + (i % 40), difficulty: 3 + (i % 6), daysSinceReview: i % 15 }
        : { state: 0 as const, stability: 0, difficulty: 0, daysSinceReview: 0 },
    ),
    weights: null,
    retentions: WORKLOAD_RETENTIONS,
    days: 365,
    newPerDay: 10,
    maximumIntervalDays: 36500,
    relearningSteps: 1,
    secondsPerReview: 6,
    secondsPerLapse: 15,
    random: (retention) => seededRandom(Math.round(retention * 1000)),
  };

  it("costs more reviews and keeps more cards as the retention rises, and marks the cheapest per card remembered", () => {
    const { points, best } = simulateWorkload(input);
    expect(points.map((p) => p.retention)).toEqual([...WORKLOAD_RETENTIONS]);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].reviewsPerDay).toBeGreaterThan(points[i - 1].reviewsPerDay);
      expect(points[i].rememberedAtEnd).toBeGreaterThan(points[i - 1].rememberedAtEnd);
    }
    const cheapest = Math.min(...points.map((p) => p.minutesPerCardRemembered));
    expect(points.find((p) => p.retention === best)?.minutesPerCardRemembered).toBe(cheapest);
    // Every card is remembered with some probability at the end, none more than once.
    expect(points.at(-1)!.rememberedAtEnd).toBeLessThanOrEqual(600);
    expect(points.at(-1)!.rememberedAtEnd).toBeGreaterThan(500);
  });

  it("is deterministic for a seed, and the minutes follow the answer times given", () => {
    const again = simulateWorkload(input);
    expect(again).toEqual(simulateWorkload(input));
    const slower = simulateWorkload({ ...input, secondsPerReview: 12, secondsPerLapse: 30 });
    again.points.forEach((p, i) => expect(slower.points[i].minutesPerDay).toBeCloseTo(p.minutesPerDay * 2, 9));
  });
});
