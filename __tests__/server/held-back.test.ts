import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockActingUser = { id: "", username: "" };
jest.mock("@/lib/server/auth", () => ({ requireUser: jest.fn(() => Promise.resolve(mockActingUser)) }));

import { addExtraNewCardsAction } from "@/app/(app)/review/actions";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read, write } from "@/lib/server/db";
import { startStudyingDeck } from "@/lib/server/enrolments";
import { recordReview } from "@/lib/server/reviews";
import { addExtraNewCards } from "@/lib/server/study/held-back";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { CardState } from "@/lib/srs/card";
import { EXTRA_NEW_CARDS_PER_DAY_MAX } from "@/lib/validation/study";
import { cardRow, expectUserError, newClientId, newUser, seedBuiltIn } from "../helpers/fixtures";

/*
 * The new-card limit explaining itself (what it holds back, per deck) and "N more new cards today":
 * one study day only, the setting untouched, a repeated press counted once.
 */

const NOW = new Date("2026-03-07T12:00:00Z");
const NEXT_DAY_START = new Date("2026-03-08T04:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

let defaultDeck: { id: string; slug: string; title: string; concepts: number };
let otherDeck: { id: string; slug: string; title: string; concepts: number };

/** Studies every new card in today's queue with Easy, as a first session does. */
async function studyQueue(user: User, when: Date, deckId?: string): Promise<number> {
  const queue = await getReviewQueue(user.id, when, deckId);
  for (const card of queue.cards) {
    const { version } = (await cardRow(card.id))!;
    await recordReview(
      user.id,
      { cardId: card.id, grade: 4, clientId: newClientId(), expectedVersion: version, durationMs: 1000 },
      when,
    );
  }
  return queue.cards.length;
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  const decks = await read((db) =>
    db.deck.findMany({
      where: { ownerId: null },
      select: { id: true, slug: true, title: true, enrolByDefault: true, _count: { select: { concepts: true } } },
    }),
  );
  const shape = (d: (typeof decks)[number]) => ({ id: d.id, slug: d.slug, title: d.title, concepts: d._count.concepts });
  defaultDeck = shape(decks.find((d) => d.enrolByDefault)!);
  otherDeck = shape(decks.find((d) => !d.enrolByDefault)!);
  expect(defaultDeck.concepts).toBeGreaterThan(20);
});

afterAll(async () => {
  await disconnect();
});

describe("the new-card limit on home and the review screen", () => {
  it("says nothing while the limit leaves room", async () => {
    const user = await newUser("roomy", NOW);
    await write((tx) => tx.user.update({ where: { id: user.id }, data: { newCardsPerDay: 100 } }));
    expect((await getHomeSummary(user.id, NOW)).heldBack).toBeNull();
    expect((await getReviewQueue(user.id, NOW)).heldBack).toBeNull();
  });

  it("once today's new cards are studied, names the limit, the cards waiting per deck and when new cards come again", async () => {
    const user = await newUser("held", NOW);
    expect(await studyQueue(user, NOW)).toBe(20);
    await startStudyingDeck(user.id, otherDeck.id, at(1000));

    const home = await getHomeSummary(user.id, at(2000));
    expect(home.newToday).toBe(0);
    // One card per concept a day: the concepts studied today wait for tomorrow, not for the limit.
    const waitingDefault = defaultDeck.concepts - 20;
    expect(home.heldBack).toEqual({
      newPerDay: 20,
      extraToday: 0,
      introducedToday: 20,
      waiting: waitingDefault + otherDeck.concepts,
      decks: [
        { slug: defaultDeck.slug, title: defaultDeck.title, waiting: waitingDefault },
        { slug: otherDeck.slug, title: otherDeck.title, waiting: otherDeck.concepts },
      ],
      nextNewAt: NEXT_DAY_START,
      batch: 10,
    });

    const oneDeck = await getReviewQueue(user.id, at(2000), otherDeck.id);
    expect(oneDeck.cards).toEqual([]);
    expect(oneDeck.deck).toEqual({ slug: otherDeck.slug, title: otherDeck.title });
    expect(oneDeck.heldBack?.decks).toEqual([{ slug: otherDeck.slug, title: otherDeck.title, waiting: otherDeck.concepts }]);
    expect(oneDeck.heldBack?.waiting).toBe(otherDeck.concepts);
  });

  it("on a queue that takes the last of the limit, tells in advance what will be held back after it", async () => {
    const user = await newUser("inadvance", NOW);
    const queue = await getReviewQueue(user.id, NOW);
    expect(queue.cards).toHaveLength(20);
    expect(queue.heldBack?.waiting).toBe(defaultDeck.concepts - 20);
    expect(queue.deck).toBeNull();
  });
});

describe("addExtraNewCards", () => {
  it("raises today's limit only: the queue gets that many more new cards, the setting is unchanged, tomorrow is back to the limit", async () => {
    const user = await newUser("custom", NOW);
    await studyQueue(user, NOW);
    expect(await addExtraNewCards(user.id, { clientId: newClientId("extra"), cards: 10 }, at(1000))).toEqual({ extraToday: 10 });

    const home = await getHomeSummary(user.id, at(2000));
    expect(home.newToday).toBe(10);
    const queue = await getReviewQueue(user.id, at(2000));
    expect(queue.cards.filter((c) => c.scheduling.state === CardState.New)).toHaveLength(10);
    expect(await read((db) => db.user.findUniqueOrThrow({ where: { id: user.id }, select: { newCardsPerDay: true } }))).toEqual({
      newCardsPerDay: 20,
    });

    await studyQueue(user, at(3000));
    // The first deck is all seen now: nothing is held back until another deck comes in.
    expect((await getHomeSummary(user.id, at(4000))).heldBack).toBeNull();
    await startStudyingDeck(user.id, otherDeck.id, at(4000));
    const after = await getHomeSummary(user.id, at(5000));
    expect(after.heldBack).toMatchObject({ newPerDay: 20, extraToday: 10, introducedToday: 30, waiting: otherDeck.concepts });

    const tomorrow = await getHomeSummary(user.id, at(DAY));
    expect(tomorrow.newToday).toBe(20);
  });

  it("records a repeated press of the same offer once, and a new offer again", async () => {
    const user = await newUser("doubleclick", NOW);
    await studyQueue(user, NOW);
    await startStudyingDeck(user.id, otherDeck.id, at(500));
    const offer = newClientId("extra");
    const [first, second] = await Promise.all([
      addExtraNewCards(user.id, { clientId: offer, cards: 10 }, at(1000)),
      addExtraNewCards(user.id, { clientId: offer, cards: 10 }, at(1001)),
    ]);
    expect([first, second]).toEqual([{ extraToday: 10 }, { extraToday: 10 }]);
    expect((await getHomeSummary(user.id, at(2000))).newToday).toBe(10);

    expect(await addExtraNewCards(user.id, { clientId: newClientId("extra"), cards: 5 }, at(3000))).toEqual({ extraToday: 15 });
    expect((await getHomeSummary(user.id, at(4000))).newToday).toBe(15);
  });

  it("is one user's alone", async () => {
    const alice = await newUser("alice-extra", NOW);
    const bob = await newUser("bob-extra", NOW);
    await studyQueue(alice, NOW);
    await studyQueue(bob, NOW);
    await addExtraNewCards(alice.id, { clientId: newClientId("extra"), cards: 10 }, at(1000));
    expect((await getHomeSummary(alice.id, at(2000))).newToday).toBe(10);
    expect((await getHomeSummary(bob.id, at(2000))).newToday).toBe(0);
  });

  it("refuses to go past the day's cap", async () => {
    const user = await newUser("greedy", NOW);
    for (let i = 0; i < EXTRA_NEW_CARDS_PER_DAY_MAX / 100; i++) {
      await addExtraNewCards(user.id, { clientId: newClientId("extra"), cards: 100 }, NOW);
    }
    const error = await expectUserError(addExtraNewCards(user.id, { clientId: newClientId("extra"), cards: 1 }, NOW), "INVALID");
    expect(error.message).toMatch(/At most 1000 extra new cards a day/);
  });

  it("as an action, acts for the signed-in user and refuses a batch out of range", async () => {
    const user = await newUser("via-action", NOW);
    Object.assign(mockActingUser, { id: user.id, username: user.username });
    const bad = await addExtraNewCardsAction({ clientId: newClientId("extra"), cards: 0 });
    expect(bad).toMatchObject({ ok: false, code: "INVALID" });
    const tooMany = await addExtraNewCardsAction({ clientId: newClientId("extra"), cards: 101 });
    expect(tooMany).toMatchObject({ ok: false, code: "INVALID" });
    const good = await addExtraNewCardsAction({ clientId: newClientId("extra"), cards: 10 });
    expect(good).toEqual({ ok: true, data: { extraToday: 10 } });
  });
});
