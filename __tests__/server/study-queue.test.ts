import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { rankConcepts } from "@/lib/decks/concept-rank";
import { disconnect, read, write } from "@/lib/server/db";
import { ensureCards, seedBuiltInDecks } from "@/lib/server/decks";
import { recordReview } from "@/lib/server/reviews";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { formatInterval } from "@/lib/format";
import { CardState } from "@/lib/srs/card";
import { PREVIEWS_AHEAD } from "@/lib/srs/grades";
import { previewIntervals, type Grade } from "@/lib/srs/scheduler";
import { schedulerSettingsOf, schedulingOf } from "@/lib/server/mappers";
import { newClientId, newUser } from "../helpers/fixtures";

/*
 * The queue on collections shaped for it: a deck of 1,500 concepts (3,000 new cards) whose
 * prerequisites point both ways, a small deck for the sibling and limit cases, and the home counts
 * compared with the queue on each.
 */

const NOW = new Date("2026-03-07T12:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const BIG = 1500;
/** Every 10th concept requires the one after it (listed later); every 7th requires the one before. */
function bigRequires(i: number): number[] {
  return [i % 10 === 0 ? i + 1 : -1, i % 7 === 0 ? i - 1 : -1].filter((j) => j >= 1 && j <= BIG);
}

function deckText(slug: string, concepts: { slug: string; requires: string[] }[]): string {
  const lines = ["---", `slug: ${slug}`, `title: Deck ${slug}`, "source: Test source https://example.org/source", "---", ""];
  for (const concept of concepts) {
    lines.push(`## Term ${concept.slug}`, `Definition of ${concept.slug}.`, `- slug: ${concept.slug}`);
    if (concept.requires.length > 0) lines.push(`- requires: ${concept.requires.join(", ")}`);
    lines.push("");
  }
  return lines.join("\n");
}

const bigConcepts = Array.from({ length: BIG }, (_, k) => ({
  slug: `big-${k + 1}`,
  requires: bigRequires(k + 1).map((j) => `big-${j}`),
}));
const smallConcepts = Array.from({ length: 6 }, (_, k) => ({ slug: `small-${k + 1}`, requires: [] as string[] }));

beforeAll(async () => {
  await seedBuiltInDecks(
    [
      { name: "small.md", text: deckText("small", smallConcepts) },
      { name: "big.md", text: deckText("big", bigConcepts) },
    ],
    NOW,
  );
});

afterAll(async () => {
  await disconnect();
});

/** A user who studies the small deck first, then the big one (the enrolment order decides deck order). */
async function learner(name: string, settings: { newCardsPerDay?: number; reviewsPerDay?: number } = {}): Promise<User> {
  const user = await newUser(name, NOW);
  await write(async (tx) => {
    const decks = await tx.deck.findMany({ select: { id: true, slug: true } });
    for (const deck of decks) {
      const createdAt = deck.slug === "small" ? at(-2 * DAY) : at(-DAY);
      await tx.enrolment.upsert({
        where: { userId_deckId: { userId: user.id, deckId: deck.id } },
        create: { userId: user.id, deckId: deck.id, createdAt },
        update: { createdAt },
      });
    }
    // New users study the default deck only; this learner studies every deck.
    await ensureCards(tx, NOW, { userId: user.id });
    await tx.user.update({ where: { id: user.id }, data: settings });
  });
  return user;
}

async function cardsOfDeck(userId: string, deck: string) {
  return read((db) =>
    db.card.findMany({
      where: { userId, concept: { deck: { slug: deck } } },
      include: { concept: true },
      orderBy: [{ concept: { position: "asc" } }, { kind: "desc" }],
    }),
  );
}

/** Makes a card a review card last reviewed `daysAgo` days ago with the given stability, due `dueIn` from now. */
async function makeReview(cardId: string, daysAgo: number, stability: number, dueIn: number) {
  await write((tx) =>
    tx.card.update({
      where: { id: cardId },
      data: {
        state: CardState.Review,
        lastReview: at(-daysAgo * DAY),
        due: at(dueIn),
        stability,
        difficulty: 5,
        scheduledDays: daysAgo,
        reps: 3,
      },
    }),
  );
}

async function grade(user: User, cardId: string, value: Grade, when: Date) {
  const card = await read((db) => db.card.findUniqueOrThrow({ where: { id: cardId } }));
  return recordReview(
    user.id,
    { cardId, grade: value, clientId: newClientId(), expectedVersion: card.version, durationMs: 1000 },
    when,
  );
}

/** The home counts beside what the queue holds. */
async function countsAndQueue(user: User, when: Date) {
  const [home, queue] = [await getHomeSummary(user.id, when), await getReviewQueue(user.id, when)];
  const newInQueue = queue.cards.filter((c) => c.scheduling.state === CardState.New).length;
  return {
    home: { dueNow: home.dueNow, newToday: home.newToday, learningLaterToday: home.learningLaterToday },
    queue: { dueNow: queue.cards.length - newInQueue, newToday: newInQueue, learningLaterToday: queue.learningLater.length },
    cards: queue.cards,
  };
}

describe("new cards", () => {
  it("gives a user with 3,000 new cards exactly the day's limit, one card per concept, in rank order across the decks", async () => {
    const user = await learner("many-new", { newCardsPerDay: 30 });
    const queue = await getReviewQueue(user.id, NOW);
    expect(queue.cards).toHaveLength(30);
    const ranks = rankConcepts(bigConcepts.map((c) => ({ slug: c.slug, prerequisites: c.requires })));
    const bigInStudyOrder = bigConcepts
      .map((c, i) => ({ term: `Term ${c.slug}`, rank: ranks[i] }))
      .sort((a, b) => a.rank - b.rank);
    // The small deck (enrolled first) in deck order, then the big one in rank order; term cards first.
    expect(queue.cards.map((c) => c.term)).toEqual([
      ...smallConcepts.map((c) => `Term ${c.slug}`),
      ...bigInStudyOrder.slice(0, 24).map((c) => c.term),
    ]);
    expect(queue.cards.every((c) => c.kind === "TERM_TO_DEFINITION" && c.scheduling.state === CardState.New)).toBe(true);
    // big-10, listed before big-11 which it requires, comes after it.
    const terms = queue.cards.map((c) => c.term);
    expect(terms.indexOf("Term big-11")).toBeGreaterThan(-1);
    expect(terms.indexOf("Term big-10")).toBe(terms.indexOf("Term big-11") + 1);
    expect(terms.slice(6, 12)).toEqual(["Term big-1", "Term big-2", "Term big-3", "Term big-4", "Term big-5", "Term big-6"]);
  });

  it("skips studied and suspended cards and fills the limit from further down the deck", async () => {
    const user = await learner("deep-in-deck", { newCardsPerDay: 5 });
    const big = await cardsOfDeck(user.id, "big");
    const small = await cardsOfDeck(user.id, "small");
    await write(async (tx) => {
      // The small deck is finished; the first 400 concepts of the big one are studied, due next month.
      for (const card of [...small, ...big.slice(0, 800)]) {
        await tx.card.update({
          where: { id: card.id },
          data: { state: CardState.Review, lastReview: at(-DAY), due: at(30 * DAY), stability: 40, reps: 2 },
        });
      }
      await tx.card.update({ where: { id: big[800].id }, data: { suspended: true } });
    });
    const queue = await getReviewQueue(user.id, NOW);
    const ranks = rankConcepts(bigConcepts.map((c) => ({ slug: c.slug, prerequisites: c.requires })));
    const studied = new Set(bigConcepts.slice(0, 400).map((c) => c.slug));
    const expected = bigConcepts
      .map((c, i) => ({ slug: c.slug, rank: ranks[i] }))
      .filter((c) => !studied.has(c.slug))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, 5);
    // big-401's term card is suspended, so its definition card stands in for it.
    expect(queue.cards.map((c) => [c.term, c.kind])).toEqual(
      expected.map((c) => [`Term ${c.slug}`, c.slug === "big-401" ? "DEFINITION_TO_TERM" : "TERM_TO_DEFINITION"]),
    );
  });
});

describe("review cards", () => {
  it("carry the four grade previews the scheduler gives at that moment, and only the schedule the page uses", async () => {
    const user = await learner("previews");
    const [term] = (await cardsOfDeck(user.id, "small")).filter((c) => c.kind === "TERM_TO_DEFINITION");
    await makeReview(term.id, 30, 10, -DAY);
    const queue = await getReviewQueue(user.id, NOW);
    const shown = queue.cards[0];
    expect(shown.id).toBe(term.id);
    const row = await read((db) => db.card.findUniqueOrThrow({ where: { id: term.id } }));
    expect(shown.previews).toEqual(previewIntervals(schedulingOf(row), NOW, schedulerSettingsOf(user), term.id));
    expect(shown.previews.map((p) => p.grade)).toEqual([1, 2, 3, 4]);
    expect(shown.scheduling).toEqual({ due: at(-DAY), state: CardState.Review });
  });
});

describe("grade previews on the page", () => {
  it("are computed for the first cards and the learning cards due later only; the rest come with the grades before them", async () => {
    const user = await learner("previews-ahead");
    const [learningCard] = await cardsOfDeck(user.id, "small");
    await grade(user, learningCard.id, 3, at(-MINUTE));
    const queue = await getReviewQueue(user.id, NOW);
    const settings = schedulerSettingsOf(user);
    const previewOf = async (id: string) =>
      previewIntervals(schedulingOf(await read((db) => db.card.findUniqueOrThrow({ where: { id } }))), NOW, settings, id);

    expect(queue.cards.length).toBeGreaterThan(PREVIEWS_AHEAD + 5);
    for (const card of queue.cards.slice(0, PREVIEWS_AHEAD)) expect(card.previews).toEqual(await previewOf(card.id));
    for (const card of queue.cards.slice(PREVIEWS_AHEAD)) expect(card.previews).toEqual([]);
    // Graded Good a minute ago: the ten-minute step, later today.
    expect(queue.learningLater.map((card) => card.id)).toEqual([learningCard.id]);
    expect(queue.learningLater[0].previews).toEqual(await previewOf(learningCard.id));
  });
});

describe("learning and relearning cards", () => {
  /*
   * The intervals are written out, not computed by the scheduler as the queue computes them: a
   * schedule read back wrong (a column left out of the queue's read, a value mistyped) changes
   * them. Default steps (learning 1m 10m, relearning 10m), fuzz off, default FSRS weights: the
   * values ts-fsrs 5.4 gives, as a user sees them on the buttons.
   */
  const intervals = (card: { previews: { intervalMs: number }[] }) => card.previews.map((p) => p.intervalMs);

  it("show a learning card on its second step with the intervals of that step: Good graduates it", async () => {
    const user = await learner("preview-learning");
    const [term] = (await cardsOfDeck(user.id, "small")).filter((c) => c.kind === "TERM_TO_DEFINITION");
    // New -> Good: the second learning step, due in 10 minutes.
    await grade(user, term.id, 3, NOW);
    const stored = await read((db) => db.card.findUniqueOrThrow({ where: { id: term.id } }));
    expect([stored.state, stored.learningSteps, stored.due]).toEqual([CardState.Learning, 1, at(10 * MINUTE)]);

    const queue = await getReviewQueue(user.id, at(10 * MINUTE));
    const shown = queue.cards.find((c) => c.id === term.id)!;
    expect(shown.scheduling).toEqual({ due: at(10 * MINUTE), state: CardState.Learning });
    expect(intervals(shown)).toEqual([1 * MINUTE, 6 * MINUTE, 2 * DAY, 4 * DAY]);
    expect(shown.previews.map((p) => formatInterval(p.intervalMs))).toEqual(["1m", "6m", "2d", "4d"]);
  });

  it("show a relearning card (a lapsed review) with the relearning step's intervals", async () => {
    const user = await learner("preview-relearning");
    const [term] = (await cardsOfDeck(user.id, "small")).filter((c) => c.kind === "TERM_TO_DEFINITION");
    await makeReview(term.id, 30, 10, -DAY);
    // Review -> Again: the relearning step, due in 10 minutes.
    await grade(user, term.id, 1, NOW);
    const stored = await read((db) => db.card.findUniqueOrThrow({ where: { id: term.id } }));
    expect([stored.state, stored.learningSteps, stored.due]).toEqual([CardState.Relearning, 0, at(10 * MINUTE)]);

    const queue = await getReviewQueue(user.id, at(10 * MINUTE));
    const shown = queue.cards.find((c) => c.id === term.id)!;
    expect(shown.scheduling).toEqual({ due: at(10 * MINUTE), state: CardState.Relearning });
    expect(intervals(shown)).toEqual([10 * MINUTE, 15 * MINUTE, 2 * DAY, 3 * DAY]);
    expect(shown.previews.map((p) => formatInterval(p.intervalMs))).toEqual(["10m", "15m", "2d", "3d"]);
  });
});

describe("home counts equal the queue", () => {
  it("for a new user", async () => {
    const user = await learner("counts-new");
    const { home, queue } = await countsAndQueue(user, NOW);
    expect(home).toEqual(queue);
    expect(home).toEqual({ dueNow: 0, newToday: 20, learningLaterToday: 0 });
  });

  it("when both cards of concepts are due together (one shown per concept)", async () => {
    const user = await learner("counts-siblings");
    const small = await cardsOfDeck(user.id, "small");
    for (const [i, card] of small.entries()) await makeReview(card.id, 10 + i, 5, -DAY);
    const { home, queue, cards } = await countsAndQueue(user, NOW);
    expect(home).toEqual(queue);
    // Six concepts due, both cards each: six reviews; their new siblings do not exist, 20 new from the big deck.
    expect(home).toEqual({ dueNow: 6, newToday: 20, learningLaterToday: 0 });
    expect(new Set(cards.slice(0, 6).map((c) => c.term)).size).toBe(6);
  });

  it("when the limits are partly used today", async () => {
    const user = await learner("counts-limits", { newCardsPerDay: 10, reviewsPerDay: 5 });
    const small = await cardsOfDeck(user.id, "small");
    const big = await cardsOfDeck(user.id, "big");
    // Eight review cards due (terms of big-1..8), three reviewed today already.
    const terms = big.filter((c) => c.kind === "TERM_TO_DEFINITION").slice(0, 8);
    for (const [i, card] of terms.entries()) await makeReview(card.id, 20 + i, 5, -DAY);
    for (const card of terms.slice(0, 3)) await grade(user, card.id, 3, at(-HOUR));
    // Four new cards introduced today (terms of small-1..4).
    for (const card of small.filter((c) => c.kind === "TERM_TO_DEFINITION").slice(0, 4)) await grade(user, card.id, 4, at(-HOUR));
    const { home, queue } = await countsAndQueue(user, NOW);
    expect(home).toEqual(queue);
    expect(home).toEqual({ dueNow: 2, newToday: 6, learningLaterToday: 0 });
  });

  it("with a learning card due later today, whose sibling is buried", async () => {
    const user = await learner("counts-learning");
    const small = await cardsOfDeck(user.id, "small");
    await grade(user, small[0].id, 1, at(-30 * 1000));
    const soon = await countsAndQueue(user, NOW);
    expect(soon.home).toEqual(soon.queue);
    expect(soon.home).toEqual({ dueNow: 0, newToday: 19, learningLaterToday: 1 });
    const later = await countsAndQueue(user, at(2 * MINUTE));
    expect(later.home).toEqual(later.queue);
    expect(later.home).toEqual({ dueNow: 1, newToday: 19, learningLaterToday: 0 });
  });

  it("leaving out the cards of a deck the user stopped studying", async () => {
    const user = await learner("counts-unenrolled");
    const small = await cardsOfDeck(user.id, "small");
    for (const card of small.slice(0, 4)) await makeReview(card.id, 12, 5, -DAY);
    const big = await cardsOfDeck(user.id, "big");
    await makeReview(big[0].id, 12, 5, -DAY);
    await write((tx) => tx.enrolment.deleteMany({ where: { userId: user.id, deck: { slug: "small" } } }));
    const { home, queue, cards } = await countsAndQueue(user, NOW);
    expect(home).toEqual(queue);
    expect(home).toEqual({ dueNow: 1, newToday: 20, learningLaterToday: 0 });
    expect(cards.some((c) => c.deckTitle === "Deck small")).toBe(false);
  });

  it("when the review limit leaves due reviews out and their new siblings may come in", async () => {
    const user = await learner("counts-binding", { newCardsPerDay: 20, reviewsPerDay: 2 });
    await write((tx) => tx.enrolment.deleteMany({ where: { userId: user.id, deck: { slug: "big" } } }));
    const small = await cardsOfDeck(user.id, "small");
    // Every term card is a due review; every definition card is new. Two reviews fit the limit:
    // the other four concepts' new cards are shown.
    for (const [i, card] of small.filter((c) => c.kind === "TERM_TO_DEFINITION").entries())
      await makeReview(card.id, 10 + i, 5, -DAY);
    const { home, queue } = await countsAndQueue(user, NOW);
    expect(home).toEqual(queue);
    expect(home).toEqual({ dueNow: 2, newToday: 4, learningLaterToday: 0 });
  });
});
