import { runFitChild } from "@/lib/server/optimizer-process";
import { seededRandom } from "@/lib/quiz/random";
import { itemProblem, trainingItems, type OptimizerLog } from "@/lib/srs/fsrs-items";
import { predictedRecall, simulateLearner } from "@/lib/srs/synthetic-learner";

/*
 * The optimizer on a synthetic learner: 3,000 cards over 300 days reviewed by a memory that follows
 * FSRS-6 with known weights (recall drawn from the forgetting curve with a fixed seed), fitted in
 * the child process exactly as the app does.
 */

const DAY = 86_400_000;
const DEFAULT_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014,
  1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];
/** The learner's true memory: initial stabilities, recall growth and post-lapse stability unlike the defaults. */
const TRUE_W = [...DEFAULT_W];
TRUE_W.splice(0, 4, 0.8, 2.5, 6.0, 20.0);
TRUE_W[8] = 1.3;
TRUE_W[11] = 2.2;

jest.setTimeout(120_000);

const reviews = simulateLearner({
  weights: TRUE_W,
  cards: 3000,
  newPerDay: 20,
  days: 300,
  retention: 0.85,
  random: seededRandom(15),
});
const logs: OptimizerLog[] = reviews.map((review, i) => ({
  cardId: String(review.card),
  grade: review.grade,
  state: review.first ? 0 : 2,
  kind: "GRADE",
  reviewedAtMs: review.day * DAY + 12 * 3_600_000 + i,
  undone: false,
}));
const items = trainingItems(logs, (ms) => Math.floor(ms / DAY));

describe("fitting FSRS to a synthetic learner", () => {
  it("predicts held-out reviews better than the defaults and lands near the true weights", async () => {
    expect(reviews.length).toBeGreaterThanOrEqual(20_000);
    expect(items.every((item) => itemProblem(item) === null)).toBe(true);
    const progress: number[] = [];
    const outcome = await runFitChild({ items, currentWeights: null, numRelearningSteps: 1 }, (f) => progress.push(f));

    // Out of sample (time-series split: each later fifth predicted by weights fitted on what came before).
    expect(outcome.folds).toBe(4);
    expect(outcome.fitted!.logLoss).toBeLessThan(outcome.current!.logLoss);
    expect(outcome.fitted!.rmse).toBeLessThan(outcome.current!.rmse);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // Near the true weights: each initial stability (w0-w3) within 35% of the truth, and closer than the default.
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(outcome.weights[i] - TRUE_W[i]) / TRUE_W[i]).toBeLessThan(0.35);
      expect(Math.abs(outcome.weights[i] - TRUE_W[i])).toBeLessThan(Math.abs(DEFAULT_W[i] - TRUE_W[i]));
    }
    // And by what they predict: on the last fifth of the items, the recall probability the fitted
    // weights give is within 0.03 of the true model's on average, much nearer than the defaults'.
    const heldOut = items.slice(Math.floor(items.length * 0.8));
    const gap = (w: number[]) =>
      heldOut.reduce((sum, item) => sum + Math.abs(predictedRecall(item, w) - predictedRecall(item, TRUE_W)), 0) / heldOut.length;
    const fittedGap = gap(outcome.weights);
    expect(fittedGap).toBeLessThan(0.03);
    expect(fittedGap).toBeLessThan(gap(DEFAULT_W) / 2);
  });

  it("survives items that abort the native optimizer: the child dies, this process keeps going", async () => {
    // A single-review item (no later-day review) makes fsrs-rs panic and abort its process.
    const malformed = [[[3, 0]], ...items.slice(0, 50)] as unknown as typeof items;
    expect(itemProblem(malformed[0])).toBe("fewer than two reviews");
    await expect(runFitChild({ items: malformed, currentWeights: null, numRelearningSteps: 1 }, () => {})).rejects.toMatchObject({
      code: "CRASHED",
      message: expect.stringMatching(/^The optimizer stopped unexpectedly \(SIGABRT\)/),
    });
    // This process is alive and fits again.
    const again = await runFitChild({ items: items.slice(0, 2000), currentWeights: null, numRelearningSteps: 1 }, () => {});
    expect(again.weights).toHaveLength(21);
  });
});
