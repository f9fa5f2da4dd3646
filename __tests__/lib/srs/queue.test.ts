import { CardState, type CardStateValue, type SchedulingState } from "@/lib/srs/card";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { buildQueue, type QueueCandidate, type QueueInput } from "@/lib/srs/queue";
import { retrievability } from "@/lib/srs/scheduler";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";

const NOW = new Date("2026-03-07T12:00:00Z");
const DAY_END = new Date("2026-03-08T04:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SETTINGS = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };

const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

interface CardSpec {
  id: string;
  /** Concept slug; the concept id is derived from it. Defaults to the card id. */
  concept?: string;
  /** [deck, concept rank, kind] */
  order: [number, number, number];
  state?: CardStateValue;
  due?: Date;
  stability?: number;
  lastReview?: Date | null;
}

function card(spec: CardSpec): QueueCandidate {
  const state = spec.state ?? CardState.New;
  const scheduling: SchedulingState = {
    due: spec.due ?? NOW,
    stability: spec.stability ?? (state === CardState.New ? 0 : 10),
    difficulty: state === CardState.New ? 0 : 5,
    scheduledDays: state === CardState.Review ? 10 : 0,
    learningSteps: 0,
    reps: state === CardState.New ? 0 : 3,
    lapses: 0,
    state,
    lastReview: spec.lastReview !== undefined ? spec.lastReview : state === CardState.New ? null : at(-10 * DAY),
  };
  const slug = spec.concept ?? spec.id;
  return { id: spec.id, conceptId: `concept-${slug}`, order: spec.order, scheduling };
}

function input(candidates: QueueCandidate[], overrides: Partial<QueueInput> = {}): QueueInput {
  return {
    candidates,
    now: NOW,
    dayEnd: DAY_END,
    limits: { newPerDay: 20, reviewsPerDay: 200 },
    reviewsDoneToday: 0,
    newIntroducedToday: 0,
    reviewedToday: [],
    retrievability: (s) => retrievability(s, NOW, SETTINGS),
    ...overrides,
  };
}

const ids = (cards: QueueCandidate[]) => cards.map((c) => c.id);

describe("buildQueue order", () => {
  it("shows learning cards due now (earliest first), then due reviews (lowest retrievability first), then new cards in deck order", () => {
    const candidates = [
      card({ id: "new-b", order: [0, 9, 0] }),
      card({ id: "new-a", order: [0, 8, 0] }),
      // Same stability; the longer since the last review, the lower the retrievability.
      card({ id: "review-recent", order: [0, 1, 0], state: CardState.Review, due: at(-1 * DAY), lastReview: at(-11 * DAY) }),
      card({ id: "review-old", order: [0, 3, 0], state: CardState.Review, due: at(-20 * DAY), lastReview: at(-40 * DAY) }),
      card({ id: "review-mid", order: [0, 2, 0], state: CardState.Review, due: at(-5 * DAY), lastReview: at(-20 * DAY) }),
      card({ id: "learning-late", order: [0, 4, 0], state: CardState.Learning, due: at(-1 * MINUTE) }),
      card({ id: "relearning-early", order: [0, 5, 0], state: CardState.Relearning, due: at(-30 * MINUTE) }),
    ];
    const queue = buildQueue(input(candidates));
    expect(ids(queue.cards)).toEqual([
      "relearning-early",
      "learning-late",
      "review-old",
      "review-mid",
      "review-recent",
      "new-a",
      "new-b",
    ]);
    expect(queue.learningLater).toEqual([]);
  });

  it("orders due reviews by retrievability, not by due date or deck order", () => {
    // "stable" was reviewed long ago but is very stable, so it is the most likely to be recalled.
    const candidates = [
      card({
        id: "stable",
        order: [0, 0, 0],
        state: CardState.Review,
        due: at(-30 * DAY),
        stability: 500,
        lastReview: at(-60 * DAY),
      }),
      card({
        id: "fragile",
        order: [0, 1, 0],
        state: CardState.Review,
        due: at(-1 * DAY),
        stability: 2,
        lastReview: at(-3 * DAY),
      }),
    ];
    const r = (id: string) => retrievability(candidates.find((c) => c.id === id)!.scheduling, NOW, SETTINGS);
    expect(r("fragile")).toBeLessThan(r("stable"));
    expect(ids(buildQueue(input(candidates)).cards)).toEqual(["fragile", "stable"]);
  });

  it("puts learning cards due later today in learningLater, not in cards, and drops those due after the day ends", () => {
    const candidates = [
      card({ id: "due-in-20m", order: [0, 0, 0], state: CardState.Learning, due: at(20 * MINUTE) }),
      card({ id: "due-in-5m", order: [0, 1, 0], state: CardState.Relearning, due: at(5 * MINUTE) }),
      card({ id: "due-tomorrow", order: [0, 2, 0], state: CardState.Learning, due: new Date(DAY_END.getTime() + MINUTE) }),
    ];
    const queue = buildQueue(input(candidates));
    expect(ids(queue.cards)).toEqual([]);
    expect(ids(queue.learningLater)).toEqual(["due-in-5m", "due-in-20m"]);
  });

  it("includes reviews due before the study day ends and excludes those due at or after it", () => {
    const candidates = [
      card({ id: "due-tonight", order: [0, 0, 0], state: CardState.Review, due: new Date(DAY_END.getTime() - MINUTE) }),
      card({ id: "due-at-day-end", order: [0, 1, 0], state: CardState.Review, due: DAY_END }),
      card({ id: "due-tomorrow", order: [0, 2, 0], state: CardState.Review, due: new Date(DAY_END.getTime() + 2 * DAY) }),
    ];
    expect(ids(buildQueue(input(candidates)).cards)).toEqual(["due-tonight"]);
  });
});

describe("buildQueue limits", () => {
  const reviews = [40, 30, 20, 10].map((daysAgo, i) =>
    card({
      id: `review-${daysAgo}`,
      order: [0, i, 0],
      state: CardState.Review,
      due: at(-daysAgo * DAY),
      lastReview: at(-(daysAgo + 10) * DAY),
    }),
  );
  const newCards = [0, 1, 2, 3, 4, 5].map((i) => card({ id: `new-${i}`, order: [0, 10 + i, 0] }));

  it("shows at most reviewsPerDay minus the reviews done today, lowest retrievability first", () => {
    const queue = buildQueue(
      input([...reviews, ...newCards], { limits: { newPerDay: 0, reviewsPerDay: 5 }, reviewsDoneToday: 3 }),
    );
    expect(ids(queue.cards)).toEqual(["review-40", "review-30"]);
  });

  it("shows no reviews once the day's review limit is used up (never a negative budget)", () => {
    const queue = buildQueue(input(reviews, { limits: { newPerDay: 20, reviewsPerDay: 5 }, reviewsDoneToday: 9 }));
    expect(ids(queue.cards)).toEqual([]);
  });

  it("shows at most newPerDay minus the new cards introduced today, in deck order", () => {
    const queue = buildQueue(
      input([...newCards].reverse(), { limits: { newPerDay: 5, reviewsPerDay: 200 }, newIntroducedToday: 2 }),
    );
    expect(ids(queue.cards)).toEqual(["new-0", "new-1", "new-2"]);
  });

  it("shows no new cards once the new-card limit is used up", () => {
    const queue = buildQueue(input(newCards, { limits: { newPerDay: 5, reviewsPerDay: 200 }, newIntroducedToday: 7 }));
    expect(ids(queue.cards)).toEqual([]);
  });

  it("does not count learning cards against either limit", () => {
    const learning = [0, 1, 2].map((i) =>
      card({ id: `learning-${i}`, order: [1, i, 0], state: CardState.Learning, due: at(-(3 - i) * MINUTE) }),
    );
    const queue = buildQueue(input([...learning, ...reviews, ...newCards], { limits: { newPerDay: 1, reviewsPerDay: 1 } }));
    expect(ids(queue.cards)).toEqual(["learning-0", "learning-1", "learning-2", "review-40", "new-0"]);
  });
});

describe("buildQueue sibling bury", () => {
  it("queues only one of the two new cards of a concept (the first kind), and the bury does not use up the limit", () => {
    const candidates = [
      card({ id: "a-term", concept: "a", order: [0, 0, 0] }),
      card({ id: "a-definition", concept: "a", order: [0, 0, 1] }),
      card({ id: "b-definition", concept: "b", order: [0, 1, 1] }),
      card({ id: "b-term", concept: "b", order: [0, 1, 0] }),
      card({ id: "c-term", concept: "c", order: [0, 2, 0] }),
    ];
    const queue = buildQueue(input(candidates, { limits: { newPerDay: 2, reviewsPerDay: 200 } }));
    expect(ids(queue.cards)).toEqual(["a-term", "b-term"]);
  });

  it("queues only one of two due reviews of a concept", () => {
    const candidates = [
      card({ id: "a-term", concept: "a", order: [0, 0, 0], state: CardState.Review, due: at(-2 * DAY) }),
      card({
        id: "a-definition",
        concept: "a",
        order: [0, 0, 1],
        state: CardState.Review,
        due: at(-1 * DAY),
        lastReview: at(-30 * DAY),
      }),
    ];
    // The one with the lower retrievability is the one kept.
    expect(ids(buildQueue(input(candidates)).cards)).toEqual(["a-definition"]);
  });

  it("buries a card whose sibling was reviewed today, whatever state either is in", () => {
    const candidates = [
      card({ id: "a-definition", concept: "a", order: [0, 0, 1] }),
      card({ id: "b-definition", concept: "b", order: [0, 1, 1], state: CardState.Review, due: at(-1 * DAY) }),
      card({ id: "c-term", concept: "c", order: [0, 2, 0] }),
    ];
    const queue = buildQueue(
      input(candidates, {
        reviewedToday: [
          { cardId: "a-term", conceptId: "concept-a" },
          { cardId: "b-term", conceptId: "concept-b" },
        ],
      }),
    );
    expect(ids(queue.cards)).toEqual(["c-term"]);
  });

  it("still shows a card reviewed today that is now learning, and buries its sibling", () => {
    const candidates = [
      card({ id: "a-term", concept: "a", order: [0, 0, 0], state: CardState.Learning, due: at(-1 * MINUTE) }),
      card({ id: "a-definition", concept: "a", order: [0, 0, 1] }),
      card({ id: "b-term", concept: "b", order: [0, 1, 0], state: CardState.Relearning, due: at(30 * MINUTE) }),
      card({ id: "b-definition", concept: "b", order: [0, 1, 1], state: CardState.Review, due: at(-1 * DAY) }),
    ];
    const queue = buildQueue(
      input(candidates, {
        reviewedToday: [
          { cardId: "a-term", conceptId: "concept-a" },
          { cardId: "b-term", conceptId: "concept-b" },
        ],
      }),
    );
    expect(ids(queue.cards)).toEqual(["a-term"]);
    expect(ids(queue.learningLater)).toEqual(["b-term"]);
  });

  it("buries the new sibling of a learning card even when nothing was reviewed today", () => {
    const candidates = [
      card({ id: "a-term", concept: "a", order: [0, 0, 0], state: CardState.Learning, due: at(3 * MINUTE) }),
      card({ id: "a-definition", concept: "a", order: [0, 0, 1] }),
      card({ id: "b-term", concept: "b", order: [0, 1, 0] }),
    ];
    const queue = buildQueue(input(candidates));
    expect(ids(queue.cards)).toEqual(["b-term"]);
    expect(ids(queue.learningLater)).toEqual(["a-term"]);
  });
});

describe("new cards in study order", () => {
  /** New cards of one deck whose order comes from the deck's ranks, as the data layer stores them. */
  function deck(concepts: { slug: string; requires?: string[]; kinds?: number[] }[]): QueueCandidate[] {
    const ranks = rankConcepts(concepts.map((c) => ({ slug: c.slug, prerequisites: c.requires ?? [] })));
    return concepts.flatMap((c, i) =>
      (c.kinds ?? [0]).map((kind) =>
        card({
          id: c.kinds ? `${c.slug}-${kind === 0 ? "term" : "definition"}` : c.slug,
          concept: c.slug,
          order: [0, ranks[i], kind],
        }),
      ),
    );
  }

  it("moves a concept placed before its prerequisite in deck order to after it", () => {
    const candidates = deck([{ slug: "advanced", requires: ["basic"] }, { slug: "other" }, { slug: "basic" }]);
    expect(ids(buildQueue(input(candidates)).cards)).toEqual(["other", "basic", "advanced"]);
  });

  it("keeps a concept whose prerequisite is already studied where the deck ranks it", () => {
    const [advanced, basic, other] = deck([{ slug: "advanced", requires: ["basic"] }, { slug: "basic" }, { slug: "other" }]);
    const studied = {
      ...basic,
      scheduling: { ...basic.scheduling, state: CardState.Review, due: at(5 * DAY), lastReview: at(-DAY) },
    };
    expect(ids(buildQueue(input([advanced, studied, other])).cards)).toEqual(["advanced", "other"]);
  });

  it("shows one card of each concept on the first day, prerequisite first", () => {
    const candidates = deck([
      { slug: "adv", requires: ["basic"], kinds: [0, 1] },
      { slug: "basic", kinds: [0, 1] },
    ]);
    expect(ids(buildQueue(input(candidates)).cards)).toEqual(["basic-term", "adv-term"]);
  });

  it("is stable: deck, then rank, then kind, then id, whatever the input order", () => {
    const inOrder = [
      card({ id: "d0-c0-k0", concept: "a", order: [0, 0, 0] }),
      card({ id: "d0-c1-k0", concept: "b", order: [0, 1, 0] }),
      card({ id: "d0-c10-k0", concept: "c", order: [0, 10, 0] }),
      card({ id: "d1-c0-k0-a", concept: "d", order: [1, 0, 0] }),
      card({ id: "d1-c0-k0-b", concept: "e", order: [1, 0, 0] }),
      card({ id: "d1-c0-k1", concept: "f", order: [1, 0, 1] }),
    ];
    const expected = ids(inOrder);
    const shuffled = [inOrder[4], inOrder[2], inOrder[5], inOrder[0], inOrder[3], inOrder[1]];
    expect(ids(buildQueue(input(shuffled)).cards)).toEqual(expected);
    expect(ids(buildQueue(input([...inOrder].reverse())).cards)).toEqual(expected);
    // The input is not reordered in place.
    expect(ids(shuffled)).toEqual(["d1-c0-k0-b", "d0-c10-k0", "d1-c0-k1", "d0-c0-k0", "d1-c0-k0-a", "d0-c1-k0"]);
  });
});
