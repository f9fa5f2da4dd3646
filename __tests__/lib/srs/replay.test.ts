import { fsrs, generatorParameters, Rating, type Card as FsrsCard } from "ts-fsrs";
import { CardState, newSchedulingState, toFsrsCard, type SchedulingState } from "@/lib/srs/card";
import { cardReplayer, replayReviews, type ReplayInput } from "@/lib/srs/replay";
import { applyGrade, undoGrade, type Grade } from "@/lib/srs/scheduler";
import { DEFAULT_SCHEDULER_SETTINGS, type SchedulerSettings } from "@/lib/srs/settings";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = new Date("2025-01-10T09:00:00Z").getTime();
const SETTINGS: SchedulerSettings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };

/** A year of answers: learning steps on day 0, a lapse, relearning, then growing gaps. */
const HISTORY: ReplayInput[] = [
  [0, 3],
  [1 * MINUTE, 1],
  [2 * MINUTE, 3],
  [12 * MINUTE, 3],
  [1 * DAY, 3],
  [4 * DAY, 2],
  [11 * DAY, 1],
  [11 * DAY + 10 * MINUTE, 3],
  [12 * DAY, 4],
  [40 * DAY, 3],
  [120 * DAY, 3],
  [300 * DAY, 1],
  [300 * DAY + 11 * MINUTE, 3],
].map(([offset, grade], index) => ({ reviewedAt: new Date(START + offset), grade: grade as Grade, durationMs: 1000 + index }));

/** The same answers given one by one through applyGrade, as the review page does. */
function gradeOneByOne(answers: ReplayInput[], settings: SchedulerSettings, cardId: string) {
  let state: SchedulingState = newSchedulingState(answers[0].reviewedAt);
  const snapshots = [];
  for (const answer of answers) {
    const applied = applyGrade(state, answer.grade, answer.reviewedAt, settings, cardId);
    snapshots.push(applied.snapshot);
    state = applied.next;
  }
  return { state, snapshots };
}

describe("replayReviews", () => {
  it("ends in the state, and logs the snapshots, that applying the same grades one by one gives", () => {
    const replayed = replayReviews(HISTORY, SETTINGS, "card-1");
    const expected = gradeOneByOne(HISTORY, SETTINGS, "card-1");
    expect(replayed.state).toEqual(expected.state);
    expect(replayed.reviews.map((r) => r.snapshot)).toEqual(expected.snapshots);
    expect(replayed.reviews.map((r) => r.durationMs)).toEqual(HISTORY.map((h) => h.durationMs));
    expect(replayed.state).toMatchObject({ reps: HISTORY.length, lapses: 2, state: CardState.Review });
    expect(replayed.state.lastReview).toEqual(HISTORY.at(-1)!.reviewedAt);
    expect(replayed.state.due.getTime()).toBeGreaterThan(HISTORY.at(-1)!.reviewedAt.getTime());
  });

  it("keeps the state before each answer as the review log stores it", () => {
    const { reviews } = replayReviews(HISTORY, SETTINGS, "card-1");
    expect(reviews.map((r) => r.snapshot.state)).toEqual([
      CardState.New,
      CardState.Learning,
      CardState.Learning,
      CardState.Learning,
      CardState.Review,
      CardState.Review,
      CardState.Review,
      CardState.Relearning,
      CardState.Review,
      CardState.Review,
      CardState.Review,
      CardState.Review,
      CardState.Relearning,
    ]);
    expect(reviews.map((r) => r.snapshot.reviewedAt)).toEqual(HISTORY.map((h) => h.reviewedAt));
    expect(reviews[0].snapshot.lastReview).toBeNull();
    expect(reviews[5].snapshot.elapsedDays).toBe(3);
  });

  it("agrees with ts-fsrs itself on the memory state of a plain Good/Good/Good history", () => {
    const answers = [0, 3 * DAY, 10 * DAY].map((offset): ReplayInput => ({
      reviewedAt: new Date(START + offset),
      grade: 3,
      durationMs: 0,
    }));
    const settings = { ...SETTINGS, learningSteps: "", relearningSteps: "" };
    const reference = fsrs(
      generatorParameters({ enable_fuzz: false, enable_short_term: true, learning_steps: [], relearning_steps: [] }),
    );
    let card: FsrsCard = toFsrsCard(newSchedulingState(answers[0].reviewedAt));
    for (const answer of answers) card = reference.next(card, answer.reviewedAt, Rating.Good).card;
    const { state } = replayReviews(answers, settings, "c");
    expect(state.stability).toBeCloseTo(card.stability, 10);
    expect(state.difficulty).toBeCloseTo(card.difficulty, 10);
  });

  it("sorts answers by time and uses the learner's weights and fuzz, seeded by the card id", () => {
    const shuffled = [...HISTORY].reverse();
    const fuzzed = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: true, desiredRetention: 0.85 };
    expect(replayReviews(shuffled, fuzzed, "x").state).toEqual(gradeOneByOne(HISTORY, fuzzed, "x").state);
    const weights = [
      0.1753, 0.8609, 2.6014, 6.6731, 6.5595, 0.5134, 3.1978, 0.0289, 1.6548, 0.2567, 0.6146, 1.5904, 0.0386, 0.3876, 1.7973,
      0.6014, 1.8729, 0.795, 0.0602, 0.1377, 0.2386,
    ];
    const own = replayReviews(HISTORY, { ...SETTINGS, fsrsWeights: weights }, "card-1").state;
    expect(own).toEqual(gradeOneByOne(HISTORY, { ...SETTINGS, fsrsWeights: weights }, "card-1").state);
    expect(own.stability).not.toBeCloseTo(replayReviews(HISTORY, SETTINGS, "card-1").state.stability, 3);
  });

  it("leaves a history Mesa can undo: undoing the last replayed answer gives the state before it", () => {
    const all = replayReviews(HISTORY, SETTINGS, "card-1");
    const allButLast = replayReviews(HISTORY.slice(0, -1), SETTINGS, "card-1");
    expect(undoGrade(all.state, all.reviews.at(-1)!.snapshot, SETTINGS)).toEqual(allButLast.state);
  });

  it("replays many cards with one replayer exactly as one by one", () => {
    const replay = cardReplayer(SETTINGS);
    expect(replay(HISTORY, "card-1")).toEqual(replayReviews(HISTORY, SETTINGS, "card-1"));
    expect(() => replay([], "empty")).toThrow("at least one answer");
  });
});
