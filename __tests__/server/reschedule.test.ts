import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { Card, User } from "@/lib/generated/prisma/client";
import { read, disconnect, write } from "@/lib/server/db";
import { getCardHistory } from "@/lib/server/cards";
import { getLatestReschedule, rescheduleCards, undoReschedule } from "@/lib/server/reschedule";
import { recordReview } from "@/lib/server/reviews";
import { CardState } from "@/lib/srs/card";
import { cardsOf, expectUserError, newClientId, newUser, schedulingFieldsOf, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

let alice: User;
let bob: User;

/** Grades each card Good on day 0, then Good (or Again for every third) on day 3, and Good on day 10. */
async function studyAMonth(user: User, cards: Card[]): Promise<Date> {
  const versions = new Map(cards.map((c) => [c.id, c.version]));
  const grade = async (card: Card, value: 1 | 3, at: Date) => {
    const update = await recordReview(
      user.id,
      { cardId: card.id, grade: value, clientId: newClientId(), expectedVersion: versions.get(card.id)!, durationMs: 2000 },
      at,
    );
    versions.set(card.id, update.version);
  };
  for (const card of cards) await grade(card, 3, NOW);
  for (const [i, card] of cards.entries()) await grade(card, i % 3 === 0 ? 1 : 3, new Date(NOW.getTime() + 3 * DAY));
  for (const card of cards) await grade(card, 3, new Date(NOW.getTime() + 10 * DAY));
  return new Date(NOW.getTime() + 12 * DAY);
}

async function snapshot(userId: string) {
  return read(async (db) => ({
    cards: (await db.card.findMany({ where: { userId }, orderBy: { id: "asc" } })).map(
      (c): Record<string, unknown> & { id: string } => ({
        ...schedulingFieldsOf(c),
        id: c.id,
      }),
    ),
    logs: await db.reviewLog.count({ where: { userId } }),
  }));
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  const cards = (await cardsOf(alice.id)).slice(0, 9);
  await studyAMonth(alice, cards);
  await studyAMonth(bob, (await cardsOf(bob.id)).slice(0, 3));
});

afterAll(async () => {
  await disconnect();
});

describe("rescheduleCards", () => {
  it("changes nothing when the settings are those the cards were graded with", async () => {
    const before = await snapshot(alice.id);
    expect(await rescheduleCards(alice.id, new Date(NOW.getTime() + 12 * DAY))).toEqual({
      checked: 9,
      changed: 0,
      batchId: null,
    });
    expect(await snapshot(alice.id)).toEqual(before);
  });

  it("recomputes due dates with the new retention in one batch, logged per card, and undoes it exactly", async () => {
    const at = new Date(NOW.getTime() + 12 * DAY);
    const before = await snapshot(alice.id);
    const bobBefore = await snapshot(bob.id);
    await write((tx) => tx.user.update({ where: { id: alice.id }, data: { desiredRetention: 0.8 } }));

    const result = await rescheduleCards(alice.id, at);
    expect(result.checked).toBe(9);
    expect(result.changed).toBeGreaterThanOrEqual(6);
    const after = await snapshot(alice.id);
    const rows = await read((db) => db.reviewLog.findMany({ where: { batchId: result.batchId } }));
    expect(rows).toHaveLength(result.changed);
    const changed = new Set(rows.map((row) => row.cardId));
    // Lower retention, longer intervals: a changed card is due later, counters and last review kept;
    // the others are untouched.
    for (const [i, card] of after.cards.entries()) {
      const old = before.cards[i];
      if (!changed.has(card.id)) {
        expect(card).toEqual(old);
        continue;
      }
      expect(Date.parse(card.due as string)).toBeGreaterThan(Date.parse(old.due as string));
      expect(card).toMatchObject({ reps: old.reps, lapses: old.lapses, lastReview: old.lastReview, state: CardState.Review });
    }
    expect(after.logs).toBe(before.logs + result.changed);
    expect(rows.every((row) => row.kind === "RESCHEDULE" && row.grade === 0 && row.userId === alice.id)).toBe(true);
    expect(await snapshot(bob.id)).toEqual(bobBefore);

    const history = await getCardHistory(alice.id, rows[0].cardId, at);
    expect(history.reviews[0]).toMatchObject({ kind: "RESCHEDULE", grade: 0, undone: false });
    expect(await getLatestReschedule(alice.id)).toEqual({ batchId: result.batchId, at, cards: result.changed });

    // Bob cannot undo Alice's reschedule: not found, nothing changed.
    await expectUserError(undoReschedule(bob.id, result.batchId!, at), "NOT_FOUND");
    expect(await snapshot(alice.id)).toEqual(after);

    expect(await undoReschedule(alice.id, result.batchId!, new Date(at.getTime() + 1000))).toEqual({ restored: result.changed });
    const undone = await snapshot(alice.id);
    expect(undone.cards).toEqual(before.cards);
    expect(undone.logs).toBe(before.logs + result.changed);
    expect(await getLatestReschedule(alice.id)).toBeNull();
    await expectUserError(undoReschedule(alice.id, result.batchId!, at), "STALE");
  });

  it("refuses to undo once a card of the batch was graded since, and changes nothing", async () => {
    const at = new Date(NOW.getTime() + 13 * DAY);
    await write((tx) => tx.user.update({ where: { id: alice.id }, data: { desiredRetention: 0.75 } }));
    const { batchId } = await rescheduleCards(alice.id, at);
    const [card] = await read((db) => db.card.findMany({ where: { userId: alice.id, state: CardState.Review }, take: 1 }));
    await recordReview(
      alice.id,
      { cardId: card.id, grade: 3, clientId: newClientId(), expectedVersion: card.version, durationMs: 1000 },
      new Date(at.getTime() + 60_000),
    );
    const before = await snapshot(alice.id);
    const error = await expectUserError(undoReschedule(alice.id, batchId!, new Date(at.getTime() + 120_000)), "STALE");
    expect(error.message).toBe(
      "A card was reviewed or changed since that reschedule, so it can no longer be undone. Nothing was changed.",
    );
    expect(await snapshot(alice.id)).toEqual(before);
  });
});
