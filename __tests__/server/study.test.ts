import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read, write } from "@/lib/server/db";
import { NotFoundError } from "@/lib/server/errors";
import { schedulerSettingsOf } from "@/lib/server/mappers";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { CardState } from "@/lib/srs/card";
import type { Grade } from "@/lib/srs/scheduler";
import { cardRow, cardsOf, newClientId, newUser, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let conceptCount: number;

async function grade(user: User, cardId: string, value: Grade, when: Date, clientId = newClientId()) {
  const { version } = (await cardRow(cardId))!;
  return recordReview(user.id, { cardId, grade: value, clientId, expectedVersion: version, durationMs: 2000 }, when);
}

/** The user's term->definition cards in deck order: one per concept, never buried by each other. */
async function firstCards(user: User, n: number) {
  return (await cardsOf(user.id)).filter((c) => c.kind === "TERM_TO_DEFINITION").slice(0, n);
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  // New users study the default deck only.
  conceptCount = await read((db) => db.concept.count({ where: { deck: { ownerId: null, enrolByDefault: true } } }));
});

afterAll(async () => {
  await disconnect();
});

describe("getHomeSummary", () => {
  it("shows a new user 20 new cards (the daily limit), nothing due, no streak, and 2 cards per concept", async () => {
    const user = await newUser("fresh", NOW);
    expect(await getHomeSummary(user.id, NOW)).toEqual({
      username: "fresh",
      dueNow: 0,
      newToday: 20,
      reviewedToday: 0,
      nextDue: null,
      totalCards: 2 * conceptCount,
      timeZone: "UTC",
      learningLaterToday: 0,
      heldBack: null,
    });
    expect(conceptCount).toBeGreaterThanOrEqual(18);
  });

  it("counts today's reviews", async () => {
    const user = await newUser("reviewer", NOW);
    for (const card of await firstCards(user, 3)) await grade(user, card.id, 3, NOW);
    const summary = await getHomeSummary(user.id, at(MINUTE));
    expect(summary).toMatchObject({ reviewedToday: 3, newToday: 17, dueNow: 0, learningLaterToday: 3 });
  });

  it("does not count undone reviews for today", async () => {
    const user = await newUser("undoer", NOW);
    const [first, second] = await firstCards(user, 2);
    await grade(user, first.id, 3, NOW, "undone-review-1");
    await grade(user, second.id, 3, NOW, "undone-review-2");
    await undoReview(user.id, "undone-review-1", at(MINUTE));
    expect(await getHomeSummary(user.id, at(2 * MINUTE))).toMatchObject({ reviewedToday: 1, newToday: 19 });
    await undoReview(user.id, "undone-review-2", at(MINUTE));
    expect(await getHomeSummary(user.id, at(2 * MINUTE))).toMatchObject({ reviewedToday: 0, newToday: 20 });
  });

  it("counts a review at 03:59 local time for the previous study day (New York, day start 4)", async () => {
    // 12:00 EST on 2026-03-06, then 03:59 EST on 2026-03-07 (08:59 UTC, after 04:00 in UTC).
    const dayOne = new Date("2026-03-06T17:00:00Z");
    const lateNight = new Date("2026-03-07T08:59:00Z");
    const nextNoon = new Date("2026-03-07T17:00:00Z");

    const night = await newUser("night-owl", dayOne, { timeZone: "America/New_York" });
    const [a, b] = await firstCards(night, 2);
    await grade(night, a.id, 3, dayOne);
    await grade(night, b.id, 3, lateNight);
    expect(await getHomeSummary(night.id, lateNight)).toMatchObject({ reviewedToday: 2 });
    // By noon the 03:59 review belongs to yesterday: nothing today.
    expect(await getHomeSummary(night.id, nextNoon)).toMatchObject({ reviewedToday: 0 });

    // The same reviews one minute later, at 04:00 local, start a second study day.
    const early = await newUser("early-bird", dayOne, { timeZone: "America/New_York" });
    const [c, d] = await firstCards(early, 2);
    await grade(early, c.id, 3, dayOne);
    await grade(early, d.id, 3, new Date("2026-03-07T09:00:00Z"));
    expect(await getHomeSummary(early.id, nextNoon)).toMatchObject({ reviewedToday: 1 });
  });

  it("shows when the next card is due once nothing is left for today", async () => {
    const user = await newUser("no-new", NOW);
    await write((tx) => tx.user.update({ where: { id: user.id }, data: { newCardsPerDay: 0 } }));
    const summary = await getHomeSummary(user.id, NOW);
    expect(summary).toMatchObject({ dueNow: 0, newToday: 0 });
    // New cards held back by the limit come back at the next study day (04:00 UTC).
    expect(summary.nextDue).toEqual(new Date("2026-03-08T04:00:00Z"));
  });

  it("says a review card is next due when its study day starts, not at the hour it was scheduled for", async () => {
    const user = await newUser("one-review", NOW);
    const [card] = await firstCards(user, 1);
    await grade(user, card.id, 3, NOW);
    await grade(user, card.id, 3, at(10 * MINUTE));
    const { due, state } = (await cardRow(card.id))!;
    expect(state).toBe(CardState.Review);
    expect(due.getUTCHours()).toBe(12);
    // Nothing else to wait for: no new cards left unseen.
    await write((tx) => tx.card.updateMany({ where: { userId: user.id, state: CardState.New }, data: { suspended: true } }));
    const summary = await getHomeSummary(user.id, at(11 * MINUTE));
    expect(summary).toMatchObject({ dueNow: 0, newToday: 0 });
    expect(summary.nextDue).toEqual(new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth(), due.getUTCDate(), 4)));
  });

  it("refuses an unknown user", async () => {
    await expect(getHomeSummary("no-such-user", NOW)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("getReviewQueue", () => {
  it("counts new cards introduced today against the limit: after 5, 15 more are offered", async () => {
    const user = await newUser("limited", NOW);
    const graded = await firstCards(user, 5);
    for (const card of graded) await grade(user, card.id, 3, NOW);

    const queue = await getReviewQueue(user.id, at(MINUTE));
    const fresh = queue.cards.filter((c) => c.scheduling.state === CardState.New);
    expect(fresh).toHaveLength(15);
    expect(queue.cards).toHaveLength(15);
    // The graded cards wait in learning; their siblings are buried.
    expect(queue.learningLater.map((c) => c.id)).toEqual(graded.map((c) => c.id));
    const gradedTerms = new Set(graded.map((c) => c.concept.term));
    expect(fresh.filter((c) => gradedTerms.has(c.term))).toEqual([]);
    expect((await getHomeSummary(user.id, at(MINUTE))).newToday).toBe(15);

    // The next study day offers a full 20 again, after the learning cards that are now due.
    const tomorrow = await getReviewQueue(user.id, at(DAY));
    expect(tomorrow.cards.slice(0, 5).map((c) => c.id)).toEqual(graded.map((c) => c.id));
    expect(tomorrow.cards.filter((c) => c.scheduling.state === CardState.New)).toHaveLength(20);
  });

  it("brings a card graded Again back first once it is due", async () => {
    const user = await newUser("forgetful", NOW);
    const [card] = await firstCards(user, 1);
    const result = await grade(user, card.id, 1, NOW);
    expect(result.scheduling.state).toBe(CardState.Learning);
    expect(result.scheduling.due).toEqual(at(MINUTE));

    const soon = await getReviewQueue(user.id, at(30_000));
    expect(soon.cards.map((c) => c.id)).not.toContain(card.id);
    expect(soon.learningLater.map((c) => c.id)).toEqual([card.id]);

    const later = await getReviewQueue(user.id, at(2 * MINUTE));
    expect(later.cards[0].id).toBe(card.id);
    expect(later.cards[0].version).toBe(1);
    expect(later.learningLater).toEqual([]);
  });

  it("returns the day's end, and none of the scheduler settings its previews were computed with", async () => {
    const user = await newUser("settings", NOW, { timeZone: "Europe/London" });
    const queue = await getReviewQueue(user.id, NOW);
    expect(queue.dayEnd).toEqual(new Date("2026-03-08T04:00:00Z"));
    expect(Object.keys(queue).sort()).toEqual(["cards", "dayEnd", "deck", "heldBack", "learningLater", "timeZone"]);
    // The previews come from the user's own settings: a new user's are the defaults.
    expect(schedulerSettingsOf(user)).toEqual({
      desiredRetention: 0.9,
      learningSteps: "1m 10m",
      relearningSteps: "10m",
      maximumIntervalDays: 36500,
      enableFuzz: false,
      fsrsWeights: null,
    });
  });

  it("leaves out suspended cards and cards buried until later", async () => {
    const user = await newUser("suspender", NOW);
    const [first, second, third] = await firstCards(user, 3);
    await write(async (tx) => {
      await tx.card.update({ where: { id: first.id }, data: { suspended: true } });
      await tx.card.update({ where: { id: second.id }, data: { buriedUntil: at(DAY) } });
    });
    const all = await cardsOf(user.id);
    const siblingOf = (card: { id: string; conceptId: string }) =>
      all.find((c) => c.conceptId === card.conceptId && c.id !== card.id)!;
    const queue = await getReviewQueue(user.id, NOW);
    const ids = queue.cards.map((c) => c.id);
    expect(ids).not.toContain(first.id);
    expect(ids).not.toContain(second.id);
    // Their siblings take their places; the next concept follows.
    expect(ids.slice(0, 3)).toEqual([siblingOf(first).id, siblingOf(second).id, third.id]);
    expect(ids).toHaveLength(20);
    // Once the bury ends, the buried card is back (and its sibling, reviewed by nobody, gives way).
    const tomorrow = await getReviewQueue(user.id, at(DAY));
    expect(tomorrow.cards.map((c) => c.id).slice(0, 2)).toEqual([siblingOf(first).id, second.id]);
  });
});
