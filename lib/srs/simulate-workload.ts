import { CardState, type CardStateValue } from "./card-state";
import { memoryModel } from "./fsrs-model";

/** A source of uniform numbers in [0, 1), seeded by the caller. */
type RandomSource = () => number;

/** A card as the simulator starts from it. */
export interface WorkloadCard {
  state: CardStateValue;
  stability: number;
  difficulty: number;
  /** Whole days from the last review to the start of the simulation (0 for a new card). */
  daysSinceReview: number;
}

export interface WorkloadInput {
  cards: readonly WorkloadCard[];
  /** FSRS weights (null: the defaults). */
  weights: readonly number[] | null;
  retentions: readonly number[];
  days: number;
  newPerDay: number;
  maximumIntervalDays: number;
  /** Extra same-day reviews a forgotten card takes (its relearning steps). */
  relearningSteps: number;
  /** The learner's median answer time of a remembered card, and of a forgotten one (slower, as a rule). */
  secondsPerReview: number;
  secondsPerLapse: number;
  /** A seeded source per retention: every retention sees the same luck, so they compare fairly. */
  random: (retention: number) => RandomSource;
}

export interface WorkloadPoint {
  retention: number;
  reviewsPerDay: number;
  minutesPerDay: number;
  /** Cards expected to be remembered on the last day (the sum of their recall probabilities). */
  rememberedAtEnd: number;
  /** Minutes of study over the whole period per card remembered at the end. */
  minutesPerCardRemembered: number;
}

export interface WorkloadResult {
  points: WorkloadPoint[];
  /** The retention whose study time per card remembered is least. */
  best: number;
}

export const WORKLOAD_RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97] as const;

// Grades of a recalled review (Hard, Good, Easy) and of a new card's first review (Again..Easy).
const RECALLED: readonly [number, number][] = [
  [2, 0.1],
  [3, 0.8],
  [4, 0.1],
];
const FIRST: readonly [number, number][] = [
  [1, 0.2],
  [2, 0.1],
  [3, 0.55],
  [4, 0.15],
];

function pick(choices: readonly [number, number][], u: number): number {
  for (const [grade, p] of choices) {
    if (u < p) return grade;
    u -= p;
  }
  return choices[choices.length - 1][0];
}

/**
 * The next `days` days of study at each desired retention, simulated: each day every due card is
 * reviewed, recalled with the probability its memory state gives (FSRS's forgetting curve), its
 * state updated as FSRS would and its next due day set by that retention; new cards come in at the
 * daily limit. Cards already studied are rescheduled from their current memory state. Pure: the
 * randomness comes from `input.random`.
 */
export function simulateWorkload(input: WorkloadInput): WorkloadResult {
  return summarizeWorkload(input.retentions.map((retention) => simulateRetention(input, retention)));
}

/** The points, with the retention of least study time per card remembered marked. */
export function summarizeWorkload(points: WorkloadPoint[]): WorkloadResult {
  const best = points.reduce((a, b) => (b.minutesPerCardRemembered < a.minutesPerCardRemembered ? b : a), points[0]);
  return { points, best: best?.retention ?? 0.9 };
}

/** One retention's year (simulateWorkload runs them all; a server can run them one at a time). */
export function simulateRetention(input: WorkloadInput, retention: number): WorkloadPoint {
  const model = memoryModel(input.weights, retention, input.maximumIntervalDays);
  const random = input.random(retention);
  const n = input.cards.length;
  const stability = new Float64Array(n);
  const difficulty = new Float64Array(n);
  const last = new Int32Array(n);
  // Due cards by day: each list is walked once, on its day.
  const dueOn: number[][] = Array.from({ length: input.days }, () => []);
  const schedule = (card: number, day: number) => {
    const interval = model.interval(stability[card]);
    const due = Math.max(day + interval, 0);
    if (due < input.days) dueOn[due].push(card);
  };
  const fresh: number[] = [];
  for (let card = 0; card < n; card++) {
    const c = input.cards[card];
    if (c.state === CardState.New || c.stability <= 0) {
      fresh.push(card);
      continue;
    }
    stability[card] = c.stability;
    difficulty[card] = c.difficulty;
    last[card] = -c.daysSinceReview;
    const interval = model.interval(c.stability);
    dueOn[Math.min(input.days - 1, Math.max(0, last[card] + interval))].push(card);
  }
  let reviews = 0;
  let seconds = 0;
  let nextFresh = 0;
  for (let day = 0; day < input.days; day++) {
    for (const card of dueOn[day]) {
      const elapsed = day - last[card];
      const recalled = random() < model.recall(elapsed, stability[card]);
      const grade = recalled ? pick(RECALLED, random()) : 1;
      const next = model.next(stability[card], difficulty[card], elapsed, grade);
      stability[card] = next.stability;
      difficulty[card] = next.difficulty;
      last[card] = day;
      reviews += recalled ? 1 : 1 + input.relearningSteps;
      seconds += recalled ? input.secondsPerReview : input.secondsPerLapse + input.relearningSteps * input.secondsPerReview;
      schedule(card, day);
    }
    for (let k = 0; k < input.newPerDay && nextFresh < fresh.length; k++, nextFresh++) {
      const card = fresh[nextFresh];
      const grade = pick(FIRST, random());
      const next = model.first(grade);
      stability[card] = next.stability;
      difficulty[card] = next.difficulty;
      last[card] = day;
      // A new card's first day takes its learning steps too; counted as two reviews.
      reviews += 2;
      seconds += 2 * input.secondsPerReview;
      schedule(card, day);
    }
  }
  let remembered = 0;
  for (let card = 0; card < n; card++) {
    if (stability[card] > 0) remembered += model.recall(input.days - last[card], stability[card]);
  }
  const minutes = seconds / 60;
  return {
    retention,
    reviewsPerDay: reviews / input.days,
    minutesPerDay: minutes / input.days,
    rememberedAtEnd: remembered,
    minutesPerCardRemembered: remembered > 0 ? minutes / remembered : Number.POSITIVE_INFINITY,
  };
}
