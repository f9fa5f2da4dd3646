import { fsrs, generatorParameters, type FSRSState } from "ts-fsrs";
import type { Grade } from "./grades";

/** A source of uniform numbers in [0, 1) (seeded in tests and benchmarks). */
type RandomSource = () => number;

export interface SyntheticLearnerOptions {
  /** The learner's true FSRS-6 weights: their memory follows this model exactly. */
  weights: readonly number[];
  cards: number;
  newPerDay: number;
  days: number;
  /** The retention their schedule aims at. */
  retention: number;
  random: RandomSource;
}

export interface SyntheticReview {
  card: number;
  day: number;
  grade: Grade;
  /** True for the card's first review. */
  first: boolean;
}

const FIRST_GRADES: readonly [Grade, number][] = [
  [1, 0.2],
  [2, 0.1],
  [3, 0.55],
  [4, 0.15],
];
const RECALLED_GRADES: readonly [Grade, number][] = [
  [2, 0.1],
  [3, 0.8],
  [4, 0.1],
];

function pick(choices: readonly [Grade, number][], random: RandomSource): Grade {
  let u = random();
  for (const [grade, p] of choices) {
    if (u < p) return grade;
    u -= p;
  }
  return choices[choices.length - 1][0];
}

/**
 * A learner whose memory is an FSRS-6 model with known weights, reviewing on the days their
 * schedule says: whether they recall a card is drawn from the forgetting curve of its true
 * stability, so the log carries exactly the signal the optimizer looks for. Reviews in time order.
 */
export function simulateLearner(options: SyntheticLearnerOptions): SyntheticReview[] {
  const model = fsrs(generatorParameters({ w: [...options.weights], request_retention: options.retention, enable_fuzz: false }));
  const memory: (FSRSState | null)[] = new Array<FSRSState | null>(options.cards).fill(null);
  const lastDay = new Array<number>(options.cards).fill(0);
  const dueDay = new Array<number>(options.cards).fill(Number.POSITIVE_INFINITY);
  const reviews: SyntheticReview[] = [];
  let introduced = 0;
  for (let day = 0; day < options.days; day++) {
    for (let card = 0; card < introduced; card++) {
      if (dueDay[card] > day) continue;
      const state = memory[card]!;
      const elapsed = day - lastDay[card];
      const recalled = options.random() < model.forgetting_curve(elapsed, state.stability);
      const grade = recalled ? pick(RECALLED_GRADES, options.random) : 1;
      const next = model.next_state(state, elapsed, grade);
      memory[card] = next;
      lastDay[card] = day;
      dueDay[card] = day + Math.max(1, model.next_interval(next.stability, elapsed));
      reviews.push({ card, day, grade, first: false });
    }
    for (let n = 0; n < options.newPerDay && introduced < options.cards; n++, introduced++) {
      const grade = pick(FIRST_GRADES, options.random);
      const state = model.next_state(null, 0, grade);
      memory[introduced] = state;
      lastDay[introduced] = day;
      dueDay[introduced] = day + Math.max(1, model.next_interval(state.stability, 0));
      reviews.push({ card: introduced, day, grade, first: true });
    }
  }
  return reviews;
}

/**
 * The probability an FSRS-6 model with `weights` gives for the last review of `item` being
 * recalled: the memory state replayed through the reviews before it, then the forgetting curve at
 * the last review's deltaT. Lets a test compare fitted weights with the true ones by what they predict.
 */
export function predictedRecall(item: readonly (readonly [number, number])[], weights: readonly number[]): number {
  const model = fsrs(generatorParameters({ w: [...weights], enable_fuzz: false }));
  let state: FSRSState | null = null;
  for (const [rating, deltaT] of item.slice(0, -1)) state = model.next_state(state, deltaT, rating);
  return state ? model.forgetting_curve(item[item.length - 1][1], state.stability) : 0;
}
