import { CardState, type CardStateValue, type SchedulingState } from "@/lib/srs/card-state";
import type { Grade, GradePreview } from "@/lib/srs/grades";
import type { CardUpdateDTO, ReviewCardDTO } from "@/lib/types/review";
import {
  LEARN_AHEAD_MS,
  remainingCounts,
  initialSessionState,
  sessionReducer,
  type GradedEntry,
  type SessionAction,
  type SessionState,
} from "@/components/review/session-state";

/*
 * The review session's client-side state machine, driven action by action the way ReviewSession
 * dispatches them. Every instant is fixed; nothing reads the clock.
 */

const NOW = Date.parse("2025-03-10T12:00:00.000Z");
const DAY_END = new Date("2025-03-11T04:00:00.000Z");
const MINUTE = 60_000;

function scheduling(state: CardStateValue, due: number, extra: Partial<SchedulingState> = {}): SchedulingState {
  return {
    due: new Date(due),
    stability: 1,
    difficulty: 5,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state,
    lastReview: new Date(NOW - 10 * MINUTE),
    ...extra,
  };
}

function card(id: string, sched: SchedulingState = scheduling(CardState.Review, NOW), version = 1): ReviewCardDTO {
  return {
    id,
    version,
    kind: "TERM_TO_DEFINITION",
    term: `Term ${id}`,
    definition: `Definition of ${id}.`,
    definitionHtml: { __html: `<p>Definition of ${id}.</p>` },
    examplesHtml: [],
    wording: null,
    examples: [],
    aliases: [],
    confusedWith: [],
    sourceLocator: "Section 1",
    deckTitle: "Test deck",
    sourceTitle: "Test source",
    sourceUrl: "https://example.org/source",
    scheduling: sched,
    previews: previewsFor(version),
  };
}

/** Grade previews that differ per version, so a test can tell which version's previews a card carries. */
function previewsFor(version: number): GradePreview[] {
  return ([1, 2, 3, 4] as const).map((grade) => ({ grade, intervalMs: grade * version * MINUTE }));
}

/** A learning card due at `due` (ms since epoch). */
function learning(id: string, due: number, version = 2): ReviewCardDTO {
  return card(id, scheduling(CardState.Learning, due, { learningSteps: 1 }), version);
}

function update(cardId: string, version: number, sched: SchedulingState): CardUpdateDTO {
  return { cardId, version, scheduling: sched, previews: previewsFor(version) };
}

function entry(clientId: string, shown: ReviewCardDTO, grade: Grade, durationMs: number): GradedEntry {
  return { clientId, card: shown, grade, durationMs };
}

function ids(cards: ReviewCardDTO[]): string[] {
  return cards.map((c) => c.id);
}

function run(state: SessionState, ...actions: SessionAction[]): SessionState {
  return actions.reduce(sessionReducer, state);
}

/** Grades the current card: reveal, then the grade, as the component does. */
function gradeCurrent(state: SessionState, clientId: string, grade: Grade, durationMs: number, now: number): SessionState {
  const shown = state.queue[0];
  return run(state, { type: "reveal" }, { type: "graded", entry: entry(clientId, shown, grade, durationMs), now });
}

describe("initialSessionState", () => {
  it("starts unrevealed with empty history, zero counters and no notice", () => {
    const state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);

    expect(ids(state.queue)).toEqual(["a", "b"]);
    expect(state.later).toEqual([]);
    expect(state.dayEnd).toBe(DAY_END);
    expect(state.revealed).toBe(false);
    expect(state.shownAt).toBe(NOW);
    expect(state.history).toEqual([]);
    expect([state.done, state.again, state.totalMs]).toEqual([0, 0, 0]);
    expect(state.notice).toBeNull();
  });

  it("moves learning cards that are already due to the front of the queue, earliest first, and sorts the rest by due", () => {
    const later = [
      learning("l3", NOW + 30 * MINUTE),
      learning("l-due", NOW),
      learning("l1", NOW + 5 * MINUTE),
      learning("l-past", NOW - MINUTE),
    ];

    const state = initialSessionState([card("a"), card("b")], later, DAY_END, NOW);

    expect(ids(state.queue)).toEqual(["l-past", "l-due", "a", "b"]);
    expect(ids(state.later)).toEqual(["l1", "l3"]);
  });

  it("brings the next learning card forward when the queue is empty and it is due within the learn-ahead window", () => {
    const later = [learning("far", NOW + LEARN_AHEAD_MS + 1), learning("edge", NOW + LEARN_AHEAD_MS)];

    const state = initialSessionState([], later, DAY_END, NOW);

    expect(ids(state.queue)).toEqual(["edge"]);
    expect(ids(state.later)).toEqual(["far"]);
  });

  it("does not bring a learning card forward when it is due after the learn-ahead window", () => {
    const state = initialSessionState([], [learning("far", NOW + LEARN_AHEAD_MS + 1)], DAY_END, NOW);

    expect(state.queue).toEqual([]);
    expect(ids(state.later)).toEqual(["far"]);
  });

  it("does not learn ahead while other cards are still in the queue", () => {
    const state = initialSessionState([card("a")], [learning("soon", NOW + MINUTE)], DAY_END, NOW);

    expect(ids(state.queue)).toEqual(["a"]);
    expect(ids(state.later)).toEqual(["soon"]);
  });
});

describe("reveal", () => {
  it("reveals the current card", () => {
    const state = sessionReducer(initialSessionState([card("a")], [], DAY_END, NOW), { type: "reveal" });

    expect(state.revealed).toBe(true);
  });

  it("does nothing when there is no card", () => {
    const before = initialSessionState([], [], DAY_END, NOW);

    const after = sessionReducer(before, { type: "reveal" });

    expect(after).toBe(before);
    expect(after.revealed).toBe(false);
  });
});

describe("graded", () => {
  it("removes the current card, records the grade and counts it", () => {
    const a = card("a");
    const start = run(
      initialSessionState([a, card("b"), card("c")], [], DAY_END, NOW),
      { type: "reveal" },
      { type: "notice", message: "old" },
    );

    const state = sessionReducer(start, { type: "graded", entry: entry("g1", a, 3, 4_000), now: NOW + 4_000 });

    expect(ids(state.queue)).toEqual(["b", "c"]);
    expect(state.history).toEqual([entry("g1", a, 3, 4_000)]);
    expect(state.history[0].card).toBe(a);
    expect([state.done, state.again, state.totalMs]).toEqual([1, 0, 4_000]);
    expect(state.revealed).toBe(false);
    expect(state.shownAt).toBe(NOW + 4_000);
    expect(state.notice).toBeNull();
  });

  it("counts Again separately and adds up the time of every grade", () => {
    let state = initialSessionState([card("a"), card("b"), card("c")], [], DAY_END, NOW);

    state = gradeCurrent(state, "g1", 1, 2_000, NOW + 2_000);
    state = gradeCurrent(state, "g2", 3, 5_000, NOW + 7_000);
    state = gradeCurrent(state, "g3", 1, 1_500, NOW + 8_500);

    expect([state.done, state.again, state.totalMs]).toEqual([3, 2, 8_500]);
    expect(state.history.map((e) => e.clientId)).toEqual(["g1", "g2", "g3"]);
    expect(state.queue).toEqual([]);
  });

  it("puts learning cards that have become due at the front of the remaining queue", () => {
    const start = initialSessionState(
      [card("a"), card("b")],
      [learning("l1", NOW + MINUTE), learning("l2", NOW + 3 * MINUTE)],
      DAY_END,
      NOW,
    );

    const state = gradeCurrent(start, "g1", 3, MINUTE, NOW + MINUTE);

    expect(ids(state.queue)).toEqual(["l1", "b"]);
    expect(ids(state.later)).toEqual(["l2"]);
  });

  it("learns ahead when the graded card was the last one", () => {
    const start = initialSessionState([card("a")], [learning("l1", NOW + 10 * MINUTE)], DAY_END, NOW);

    const state = gradeCurrent(start, "g1", 3, 5_000, NOW + 5_000);

    expect(ids(state.queue)).toEqual(["l1"]);
    expect(state.later).toEqual([]);
  });
});

describe("gradeSaved", () => {
  it("adds a card still in learning and due today to later, with the server's version and scheduling, sorted by due", () => {
    const a = card("a", scheduling(CardState.New, NOW, { reps: 0, lastReview: null }), 1);
    let state = initialSessionState(
      [a, card("b")],
      [learning("x", NOW + 10 * MINUTE), learning("y", NOW + 30 * MINUTE)],
      DAY_END,
      NOW,
    );
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    const saved = scheduling(CardState.Learning, NOW + 3_000 + 20 * MINUTE, { learningSteps: 1, reps: 1 });

    state = sessionReducer(state, { type: "gradeSaved", clientId: "g1", update: update("a", 2, saved), now: NOW + 4_000 });

    expect(ids(state.queue)).toEqual(["b"]);
    expect(ids(state.later)).toEqual(["x", "a", "y"]);
    const back = state.later[1];
    expect(back.version).toBe(2);
    expect(back.scheduling).toEqual(saved);
    // The grade buttons show the server's previews for the card as it now is.
    expect(back.previews).toEqual(previewsFor(2));
    // Everything the card shows comes from the card as it was graded.
    expect(back.term).toBe("Term a");
    expect(back.definition).toBe("Definition of a.");
    // The history keeps the pre-grade card, for undo.
    expect(state.history[0].card).toBe(a);
  });

  it("leaves out a card the grade made a leech and suspended", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    const saved = scheduling(CardState.Relearning, NOW + 3_000 + 10 * MINUTE, { lapses: 8 });
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: { ...update("a", 2, saved), suspended: true },
      now: NOW + 4_000,
    });
    expect(ids(state.queue)).toEqual(["b"]);
    expect(state.later).toEqual([]);
  });

  it("adds a relearning card to later", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Relearning, NOW + 10 * MINUTE, { lapses: 1 })),
      now: NOW + 4_000,
    });

    expect(ids(state.later)).toEqual(["a"]);
    expect(state.later[0].scheduling.state).toBe(CardState.Relearning);
  });

  it("does not add a card that graduated to Review", () => {
    let state = initialSessionState([learning("a", NOW), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 3, 3_000, NOW + 3_000);
    const before = state;

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 3, scheduling(CardState.Review, NOW + 86_400_000, { scheduledDays: 1 })),
      now: NOW + 4_000,
    });

    expect(state).toBe(before);
    expect(state.later).toEqual([]);
    expect(ids(state.queue)).toEqual(["b"]);
  });

  it("does not add a learning card due at or after the end of the study day", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    const before = state;

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, DAY_END.getTime())),
      now: NOW + 4_000,
    });

    expect(state).toBe(before);
    expect(state.later).toEqual([]);
  });

  it("puts a learning card that is already due right after the card on screen", () => {
    let state = initialSessionState([card("a"), card("b"), card("c")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 3_000)),
      now: NOW + 5_000,
    });

    expect(ids(state.queue)).toEqual(["b", "a", "c"]);
    expect(state.queue[1].version).toBe(2);
    expect(state.later).toEqual([]);
  });

  it("shows a learning card at once when nothing else is left and it is due within the learn-ahead window", () => {
    let state = initialSessionState([card("a")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    expect(state.queue).toEqual([]);

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 3_000 + MINUTE)),
      now: NOW + 4_000,
    });

    expect(ids(state.queue)).toEqual(["a"]);
    expect(state.queue[0].version).toBe(2);
    expect(state.later).toEqual([]);
  });

  it("is ignored when the grade was undone in the meantime and the card is back in the queue", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = gradeCurrent(state, "g2", 3, 3_000, NOW + 6_000);
    // Undo b, then a: a is back on screen while g1 is still in flight.
    state = run(state, { type: "undo", now: NOW + 7_000 }, { type: "undo", now: NOW + 8_000 });
    const before = state;

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 9_000,
    });

    expect(state).toBe(before);
    expect(ids(state.queue)).toEqual(["a", "b"]);
    expect(state.queue[0].version).toBe(1);
    expect(state.later).toEqual([]);
  });

  it("is ignored when the card is back in the queue even though an earlier grade of it is still in history", () => {
    const a1 = card("a", scheduling(CardState.New, NOW, { reps: 0, lastReview: null }), 1);
    let state = initialSessionState([a1, card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 3_000)),
      now: NOW + 4_000,
    });
    expect(ids(state.queue)).toEqual(["b", "a"]);
    state = gradeCurrent(state, "g2", 3, 2_000, NOW + 6_000); // b
    state = gradeCurrent(state, "g3", 1, 2_000, NOW + 8_000); // a again
    state = sessionReducer(state, { type: "undo", now: NOW + 9_000 }); // a is back, g3 in flight
    const before = state;

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g3",
      update: update("a", 3, scheduling(CardState.Learning, NOW + 9_000 + MINUTE)),
      now: NOW + 10_000,
    });

    expect(state).toBe(before);
    expect(ids(state.queue)).toEqual(["a"]);
    expect(state.queue[0].version).toBe(2);
    expect(state.later).toEqual([]);
  });

  it("is ignored when the card is already in later", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 4_000,
    });
    const before = state;

    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 5_000,
    });

    expect(state).toBe(before);
    expect(ids(state.later)).toEqual(["a"]);
  });

  it("is ignored for a card that is not in the history", () => {
    const before = gradeCurrent(initialSessionState([card("a"), card("b")], [], DAY_END, NOW), "g1", 1, 3_000, NOW + 3_000);

    const state = sessionReducer(before, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("zzz", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 4_000,
    });

    expect(state).toBe(before);
  });
});

describe("undo", () => {
  it("does nothing with an empty history", () => {
    const before = initialSessionState([card("a")], [learning("l", NOW + 30 * MINUTE)], DAY_END, NOW);

    expect(sessionReducer(before, { type: "undo", now: NOW + 1_000 })).toBe(before);
  });

  it("puts the exact pre-grade card back at the front and takes the grade off the counters", () => {
    const a = card("a", scheduling(CardState.Review, NOW - MINUTE, { stability: 7.5, difficulty: 4.2, reps: 5 }), 6);
    let state = initialSessionState([a, card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = run(state, { type: "reveal" }, { type: "notice", message: "something" });

    state = sessionReducer(state, { type: "undo", now: NOW + 5_000 });

    expect(ids(state.queue)).toEqual(["a", "b"]);
    expect(state.queue[0]).toBe(a);
    expect(state.history).toEqual([]);
    expect([state.done, state.again, state.totalMs]).toEqual([0, 0, 0]);
    expect(state.revealed).toBe(false);
    expect(state.shownAt).toBe(NOW + 5_000);
    expect(state.notice).toBeNull();
  });

  it("takes a non-Again grade off done and totalMs but leaves again alone", () => {
    let state = initialSessionState([card("a"), card("b"), card("c")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 2_000, NOW + 2_000);
    state = gradeCurrent(state, "g2", 4, 5_000, NOW + 7_000);

    state = sessionReducer(state, { type: "undo", now: NOW + 8_000 });

    expect([state.done, state.again, state.totalMs]).toEqual([1, 1, 2_000]);
    expect(ids(state.queue)).toEqual(["b", "c"]);
  });

  it("removes the card from later when its grade had put it there", () => {
    const a = card("a", scheduling(CardState.New, NOW, { reps: 0, lastReview: null }), 1);
    let state = initialSessionState([a, card("b")], [learning("x", NOW + 40 * MINUTE)], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 4_000,
    });
    expect(ids(state.later)).toEqual(["a", "x"]);

    state = sessionReducer(state, { type: "undo", now: NOW + 5_000 });

    expect(ids(state.queue)).toEqual(["a", "b"]);
    expect(state.queue[0]).toBe(a);
    expect(ids(state.later)).toEqual(["x"]);
  });

  it("removes the card from elsewhere in the queue so it is not shown twice", () => {
    const a = card("a", scheduling(CardState.New, NOW, { reps: 0, lastReview: null }), 1);
    let state = initialSessionState([a, card("b"), card("c")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 3_000, NOW + 3_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 4_000,
    });
    state = sessionReducer(state, { type: "tick", now: NOW + 2 * MINUTE });
    expect(ids(state.queue)).toEqual(["b", "a", "c"]);

    state = sessionReducer(state, { type: "undo", now: NOW + 2 * MINUTE + 1_000 });

    expect(ids(state.queue)).toEqual(["a", "b", "c"]);
    expect(state.queue[0]).toBe(a);
    expect(state.later).toEqual([]);
  });

  it("goes several levels deep, last grade first", () => {
    const [a, b, c] = [card("a"), card("b"), card("c")];
    let state = initialSessionState([a, b, c, card("d")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = gradeCurrent(state, "g2", 3, 2_000, NOW + 3_000);
    state = gradeCurrent(state, "g3", 1, 4_000, NOW + 7_000);
    expect([state.done, state.again, state.totalMs]).toEqual([3, 2, 7_000]);

    state = sessionReducer(state, { type: "undo", now: NOW + 8_000 });
    expect(ids(state.queue)).toEqual(["c", "d"]);
    expect([state.done, state.again, state.totalMs]).toEqual([2, 1, 3_000]);

    state = sessionReducer(state, { type: "undo", now: NOW + 9_000 });
    expect(ids(state.queue)).toEqual(["b", "c", "d"]);
    expect([state.done, state.again, state.totalMs]).toEqual([1, 1, 1_000]);

    state = sessionReducer(state, { type: "undo", now: NOW + 10_000 });
    expect(ids(state.queue)).toEqual(["a", "b", "c", "d"]);
    expect(state.queue.slice(0, 3)).toEqual([a, b, c]);
    expect([state.done, state.again, state.totalMs]).toEqual([0, 0, 0]);
    expect(state.history).toEqual([]);

    expect(sessionReducer(state, { type: "undo", now: NOW + 11_000 })).toBe(state);
  });
});

describe("undoSaved", () => {
  it("updates the version and scheduling of the card in the queue and in history, and nothing else", () => {
    let state = initialSessionState([card("a"), card("b"), card("c")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 3, 1_000, NOW + 1_000); // a
    state = gradeCurrent(state, "g2", 1, 1_000, NOW + 2_000); // b
    state = gradeCurrent(state, "g3", 3, 1_000, NOW + 3_000); // c
    state = run(state, { type: "undo", now: NOW + 4_000 }, { type: "undo", now: NOW + 5_000 }); // c, then b back
    const rolledBack = scheduling(CardState.Review, NOW - MINUTE, { stability: 3.3 });

    state = sessionReducer(state, { type: "undoSaved", update: update("b", 3, rolledBack) });

    expect(ids(state.queue)).toEqual(["b", "c"]);
    expect(state.queue[0].version).toBe(3);
    expect(state.queue[0].scheduling).toEqual(rolledBack);
    expect(state.queue[0].previews).toEqual(previewsFor(3));
    expect(state.queue[1].version).toBe(1);
    expect(state.history.map((e) => [e.clientId, e.card.id, e.card.version])).toEqual([["g1", "a", 1]]);
    expect([state.done, state.again, state.totalMs]).toEqual([1, 0, 1_000]);
  });

  it("updates the history entry of a card graded again before the undo was saved", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 3, 1_000, NOW + 1_000);
    state = sessionReducer(state, { type: "undo", now: NOW + 2_000 });
    state = gradeCurrent(state, "g2", 4, 1_000, NOW + 3_000);
    const rolledBack = scheduling(CardState.Review, NOW, { stability: 2.5 });

    state = sessionReducer(state, { type: "undoSaved", update: update("a", 3, rolledBack) });

    expect(state.history).toHaveLength(1);
    expect(state.history[0].clientId).toBe("g2");
    expect(state.history[0].card.version).toBe(3);
    expect(state.history[0].card.scheduling).toEqual(rolledBack);
    expect(ids(state.queue)).toEqual(["b"]);
  });

  it("drops a copy in later that a grade saved after the undo had put there (undo, then re-grade before the server answered)", () => {
    const newCard = scheduling(CardState.New, NOW, { reps: 0, lastReview: null });
    const a = card("a", newCard, 1);
    let state = initialSessionState([a, card("b")], [], DAY_END, NOW);
    // Again on a; undo; then Good on a, all before the server answered the first grade.
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = sessionReducer(state, { type: "undo", now: NOW + 2_000 });
    state = gradeCurrent(state, "g2", 3, 1_000, NOW + 3_000);
    // The server answers in order: g1 (learning), the undo, then g2 (graduated).
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 11 * MINUTE)),
      now: NOW + 4_000,
    });
    state = sessionReducer(state, { type: "undoSaved", update: update("a", 3, newCard) });
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g2",
      update: update("a", 4, scheduling(CardState.Review, NOW + 3 * 86_400_000, { scheduledDays: 3 })),
      now: NOW + 5_000,
    });

    // a graduated: it must not come back today.
    expect(state.later).toEqual([]);
    expect(ids(state.queue)).toEqual(["b"]);
    expect(ids(sessionReducer(state, { type: "tick", now: NOW + 20 * MINUTE }).queue)).toEqual(["b"]);
  });

  it("lets the re-grade's own result decide when the card is still learning after that race", () => {
    const newCard = scheduling(CardState.New, NOW, { reps: 0, lastReview: null });
    const a = card("a", newCard, 1);
    let state = initialSessionState([a, card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = sessionReducer(state, { type: "undo", now: NOW + 2_000 });
    state = gradeCurrent(state, "g2", 2, 1_000, NOW + 3_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + MINUTE)),
      now: NOW + 4_000,
    });
    state = sessionReducer(state, { type: "undoSaved", update: update("a", 3, newCard) });
    const regraded = scheduling(CardState.Learning, NOW + 6 * MINUTE, { learningSteps: 1 });

    state = sessionReducer(state, { type: "gradeSaved", clientId: "g2", update: update("a", 4, regraded), now: NOW + 5_000 });

    expect(ids(state.later)).toEqual(["a"]);
    expect(state.later[0].version).toBe(4);
    expect(state.later[0].scheduling).toEqual(regraded);
  });
});

describe("gradeFailed", () => {
  it("puts the card back at the front, removes its history entry, fixes the counters and shows the message", () => {
    const [a, b] = [card("a"), card("b")];
    let state = initialSessionState([a, b, card("c"), card("d")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 3, 1_000, NOW + 1_000); // a
    state = gradeCurrent(state, "g2", 1, 2_000, NOW + 3_000); // b
    state = gradeCurrent(state, "g3", 4, 4_000, NOW + 7_000); // c
    state = sessionReducer(state, { type: "reveal" });

    state = sessionReducer(state, { type: "gradeFailed", clientId: "g2", message: "Not saved.", now: NOW + 8_000 });

    expect(ids(state.queue)).toEqual(["b", "d"]);
    expect(state.queue[0]).toBe(b);
    expect(state.history.map((e) => e.clientId)).toEqual(["g1", "g3"]);
    expect([state.done, state.again, state.totalMs]).toEqual([2, 0, 5_000]);
    expect(state.revealed).toBe(false);
    expect(state.shownAt).toBe(NOW + 8_000);
    expect(state.notice).toBe("Not saved.");
  });

  it("takes a failed non-Again grade off done and totalMs only", () => {
    let state = initialSessionState([card("a"), card("b"), card("c")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = gradeCurrent(state, "g2", 2, 2_000, NOW + 3_000);

    state = sessionReducer(state, { type: "gradeFailed", clientId: "g2", message: "Not saved.", now: NOW + 4_000 });

    expect([state.done, state.again, state.totalMs]).toEqual([1, 1, 1_000]);
    expect(ids(state.queue)).toEqual(["b", "c"]);
  });

  it("takes the card out of later and out of the rest of the queue", () => {
    const a = card("a");
    let state = initialSessionState([a, card("b"), card("c")], [learning("x", NOW + 50 * MINUTE)], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = sessionReducer(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 30 * MINUTE)),
      now: NOW + 2_000,
    });
    expect(ids(state.later)).toEqual(["a", "x"]);

    state = sessionReducer(state, { type: "gradeFailed", clientId: "g1", message: "Not saved.", now: NOW + 3_000 });

    expect(ids(state.queue)).toEqual(["a", "b", "c"]);
    expect(state.queue[0]).toBe(a);
    expect(ids(state.later)).toEqual(["x"]);
  });

  it("only shows the message for an unknown clientId", () => {
    let state = initialSessionState([card("a"), card("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = sessionReducer(state, { type: "reveal" });

    const after = sessionReducer(state, { type: "gradeFailed", clientId: "nope", message: "Not saved.", now: NOW + 2_000 });

    expect(after).toEqual({ ...state, notice: "Not saved." });
    expect(after.queue).toBe(state.queue);
    expect(after.history).toBe(state.history);
  });
});

describe("tick", () => {
  it("puts due learning cards right after the card on screen, earliest first", () => {
    const later = [learning("l1", NOW + MINUTE), learning("l2", NOW + 2 * MINUTE), learning("l3", NOW + 30 * MINUTE)];
    const start = run(initialSessionState([card("a"), card("b")], later, DAY_END, NOW), { type: "reveal" });

    const state = sessionReducer(start, { type: "tick", now: NOW + 2 * MINUTE });

    expect(ids(state.queue)).toEqual(["a", "l1", "l2", "b"]);
    expect(ids(state.later)).toEqual(["l3"]);
    // The card being looked at stays as it is.
    expect(state.revealed).toBe(true);
    expect(state.shownAt).toBe(NOW);
  });

  it("puts due learning cards at the front when the queue is empty", () => {
    const start = initialSessionState(
      [],
      [learning("l1", NOW + 25 * MINUTE), learning("l2", NOW + 26 * MINUTE), learning("l3", NOW + 90 * MINUTE)],
      DAY_END,
      NOW,
    );
    expect(start.queue).toEqual([]);

    const state = sessionReducer(start, { type: "tick", now: NOW + 26 * MINUTE });

    expect(ids(state.queue)).toEqual(["l1", "l2"]);
    expect(ids(state.later)).toEqual(["l3"]);
  });

  it("learns ahead on an empty queue once the next card comes within the window", () => {
    const start = initialSessionState([], [learning("l1", NOW + 30 * MINUTE)], DAY_END, NOW);

    expect(sessionReducer(start, { type: "tick", now: NOW + 30 * MINUTE - LEARN_AHEAD_MS - 1 })).toBe(start);
    expect(ids(sessionReducer(start, { type: "tick", now: NOW + 30 * MINUTE - LEARN_AHEAD_MS }).queue)).toEqual(["l1"]);
  });

  it("returns the same state when nothing is due", () => {
    const start = initialSessionState([card("a")], [learning("l1", NOW + 5 * MINUTE)], DAY_END, NOW);

    expect(sessionReducer(start, { type: "tick", now: NOW + 5 * MINUTE - 1 })).toBe(start);
  });
});

describe("reload", () => {
  it("replaces queue, later and day end, clears history, keeps the counters and shows the notice", () => {
    let state = initialSessionState([card("a"), card("b")], [learning("old", NOW + 5 * MINUTE)], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 1, 1_000, NOW + 1_000);
    state = gradeCurrent(state, "g2", 3, 2_000, NOW + 3_000);
    state = sessionReducer(state, { type: "notice", message: "earlier" });
    const newDayEnd = new Date("2025-03-12T04:00:00.000Z");
    const reloadAt = NOW + 10 * MINUTE;

    state = sessionReducer(state, {
      type: "reload",
      queue: [card("c", scheduling(CardState.Review, NOW), 4), card("d")],
      later: [
        learning("l2", reloadAt + 40 * MINUTE),
        learning("l-due", reloadAt - MINUTE),
        learning("l1", reloadAt + 30 * MINUTE),
      ],
      dayEnd: newDayEnd,
      now: reloadAt,
      notice: "This card was changed elsewhere.",
    });

    expect(ids(state.queue)).toEqual(["l-due", "c", "d"]);
    expect(state.queue[1].version).toBe(4);
    expect(ids(state.later)).toEqual(["l1", "l2"]);
    expect(state.dayEnd).toBe(newDayEnd);
    expect(state.history).toEqual([]);
    expect([state.done, state.again, state.totalMs]).toEqual([2, 1, 3_000]);
    expect(state.revealed).toBe(false);
    expect(state.shownAt).toBe(reloadAt);
    expect(state.notice).toBe("This card was changed elsewhere.");
  });

  it("clears the notice when the reload brings none", () => {
    const start = run(initialSessionState([card("a")], [], DAY_END, NOW), { type: "notice", message: "earlier" });

    const state = sessionReducer(start, {
      type: "reload",
      queue: [card("b")],
      later: [],
      dayEnd: DAY_END,
      now: NOW + 1_000,
      notice: null,
    });

    expect(state.notice).toBeNull();
    expect(ids(state.queue)).toEqual(["b"]);
  });
});

describe("wordingReverted", () => {
  it("shows the original text on every card of that concept, revealed state and history kept, other cards untouched", () => {
    const wording = {
      conceptId: "k1",
      originalDefinition: "The original.",
      originalDefinitionHtml: { __html: "<p>The original.</p>" },
      originalExamplesHtml: [],
      originalAliases: ["old name"],
      examplesReworded: false,
      aliasesReworded: true,
      originalChanged: false,
    };
    const reworded = (id: string): ReviewCardDTO => ({
      ...card(id),
      definition: "Mine.",
      definitionHtml: { __html: "<p>Mine.</p>" },
      examplesHtml: [{ __html: "kept example" }],
      aliases: ["my name"],
      wording,
    });
    let state = initialSessionState([reworded("a"), card("b"), reworded("c")], [], DAY_END, NOW);
    state = sessionReducer(state, { type: "reveal" });
    state = sessionReducer(state, { type: "wordingReverted", conceptId: "k1" });
    expect(state.revealed).toBe(true);
    expect(state.queue.map((c) => [c.id, c.definition, c.definitionHtml.__html, c.aliases, c.examplesHtml, c.wording])).toEqual([
      ["a", "The original.", "<p>The original.</p>", ["old name"], [{ __html: "kept example" }], null],
      ["b", "Definition of b.", "<p>Definition of b.</p>", [], [], null],
      ["c", "The original.", "<p>The original.</p>", ["old name"], [{ __html: "kept example" }], null],
    ]);
    expect(sessionReducer(state, { type: "wordingReverted", conceptId: "other" })).toEqual(state);
  });
});

describe("what is left and the progress bar", () => {
  const newCard = (id: string) => card(id, scheduling(CardState.New, NOW, { reps: 0, lastReview: null }));

  it("counts what is left by kind, the learning cards due later today included", () => {
    const state = initialSessionState(
      [newCard("n1"), newCard("n2"), card("r1"), learning("l-now", NOW)],
      [learning("l-later", NOW + 30 * MINUTE), card("rl", scheduling(CardState.Relearning, NOW + 40 * MINUTE))],
      DAY_END,
      NOW,
    );

    expect(remainingCounts(state)).toEqual({ new: 2, learning: 3, review: 1, total: 6 });
  });

  it("never moves backwards when a graded card comes back in learning, and counts it as learning", () => {
    let state = initialSessionState([newCard("a"), newCard("b")], [], DAY_END, NOW);
    expect(state.progress).toBe(0);
    const seen: number[] = [state.progress];

    state = gradeCurrent(state, "g1", 3, 1000, NOW + MINUTE);
    seen.push(state.progress);
    // The server says "a" is learning, due in ten minutes: the session has grown by one card.
    state = run(state, {
      type: "gradeSaved",
      clientId: "g1",
      update: update("a", 2, scheduling(CardState.Learning, NOW + 11 * MINUTE, { learningSteps: 1 })),
      now: NOW + MINUTE,
    });
    seen.push(state.progress);
    expect(remainingCounts(state)).toEqual({ new: 1, learning: 1, review: 0, total: 2 });

    state = gradeCurrent(state, "g2", 3, 1000, NOW + 2 * MINUTE);
    seen.push(state.progress);
    state = run(state, {
      type: "gradeSaved",
      clientId: "g2",
      update: update("b", 2, scheduling(CardState.Learning, NOW + 12 * MINUTE, { learningSteps: 1 })),
      now: NOW + 2 * MINUTE,
    });
    seen.push(state.progress);
    state = run(state, { type: "tick", now: NOW + 11 * MINUTE });
    state = gradeCurrent(state, "g3", 3, 1000, NOW + 11 * MINUTE);
    seen.push(state.progress);

    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    // 1 of 2 done, then a came back: the bar holds at one half instead of dropping to a third.
    expect(seen.slice(0, 4)).toEqual([0, 0.5, 0.5, 2 / 3]);
    expect(seen.at(-1)).toBe(3 / 4);
    expect(remainingCounts(state)).toEqual({ new: 0, learning: 1, review: 0, total: 1 });
  });

  it("holds the bar through an undo, and a reload with more cards starts it from the new queue", () => {
    let state = initialSessionState([newCard("a"), newCard("b")], [], DAY_END, NOW);
    state = gradeCurrent(state, "g1", 4, 1000, NOW + MINUTE);
    state = gradeCurrent(state, "g2", 4, 1000, NOW + 2 * MINUTE);
    expect(state.progress).toBe(1);
    state = run(state, { type: "undo", now: NOW + 3 * MINUTE });
    expect(state.progress).toBe(1);
    state = gradeCurrent(state, "g3", 4, 1000, NOW + 4 * MINUTE);

    state = run(state, {
      type: "reload",
      queue: [newCard("c"), newCard("d")],
      later: [],
      dayEnd: DAY_END,
      now: NOW + 5 * MINUTE,
      notice: null,
    });
    expect(state.progress).toBe(0.5);
    expect(remainingCounts(state).new).toBe(2);
  });

  it("shows an empty bar, not a full one, when there was nothing to review", () => {
    expect(initialSessionState([], [], DAY_END, NOW).progress).toBe(0);
  });
});
