import { testDatabaseKind, useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { Card, User } from "@/lib/generated/prisma/client";
import { disconnect, write } from "@/lib/server/db";
import { UserError } from "@/lib/server/errors";
import { schedulerSettingsOf, schedulingOf } from "@/lib/server/mappers";
import { recordReview, undoReview } from "@/lib/server/reviews";
import { getReviewQueue } from "@/lib/server/study/queue";
import { CardState } from "@/lib/srs/card";
import { applyGrade, previewIntervals, type Grade } from "@/lib/srs/scheduler";
import {
  cardRow,
  cardsOf,
  countRows,
  expectUserError,
  logsOfCard,
  newClientId,
  newUser,
  schedulingFieldsOf,
  seedBuiltIn,
} from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let alice: User;
let bob: User;
/** Alice's cards, handed out one per test so every test starts from a fresh New card. */
let spare: Card[];

function takeCard(): Card {
  const card = spare.shift();
  if (!card) throw new Error("out of spare cards");
  return card;
}

async function grade(
  userId: string,
  card: { id: string },
  value: Grade,
  when: Date,
  expectedVersion?: number,
  clientId = newClientId(),
) {
  const version = expectedVersion ?? (await cardRow(card.id))!.version;
  return recordReview(userId, { cardId: card.id, grade: value, clientId, expectedVersion: version, durationMs: 3000 }, when);
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  spare = await cardsOf(alice.id);
});

afterAll(async () => {
  await disconnect();
});

describe("recordReview with previewFor", () => {
  it("answers with the grade previews of the named cards that are the user's and not suspended, in the order asked", async () => {
    const [graded, next, suspended] = [takeCard(), takeCard(), takeCard()];
    await write((tx) => tx.card.update({ where: { id: suspended.id }, data: { suspended: true } }));
    const [bobs] = await cardsOf(bob.id);
    const result = await recordReview(
      alice.id,
      {
        cardId: graded.id,
        grade: 3,
        clientId: newClientId(),
        expectedVersion: 0,
        durationMs: 3000,
        previewFor: [bobs.id, next.id, suspended.id, "no-such-card"],
      },
      NOW,
    );
    const expected = previewIntervals(schedulingOf((await cardRow(next.id))!), NOW, schedulerSettingsOf(alice), next.id);
    expect(result.upcoming).toEqual([{ cardId: next.id, previews: expected }]);
    expect(expected.map((p) => p.grade)).toEqual([1, 2, 3, 4]);
  });
});

describe("recordReview", () => {
  it("updates the card as applyGrade says and writes exactly one log holding the card as it was before", async () => {
    const card = takeCard();
    const before = (await cardRow(card.id))!;
    const expected = applyGrade(schedulingOf(before), 3, NOW, schedulerSettingsOf(alice), before.id);

    const result = await grade(alice.id, card, 3, NOW, 0, "first-grade-0001");

    const after = (await cardRow(card.id))!;
    expect(schedulingFieldsOf(after)).toEqual(schedulingFieldsOf(expected.next));
    expect(after.state).toBe(CardState.Learning);
    expect(after.learningSteps).toBe(1);
    expect(after.version).toBe(1);
    // With the grade buttons' intervals for the card as it now is (a learning card comes back today).
    const previews = previewIntervals(schedulingOf(after), NOW, schedulerSettingsOf(alice), card.id);
    expect(result).toEqual({ cardId: card.id, version: 1, scheduling: schedulingOf(after), previews });
    expect(previews.map((p) => p.grade)).toEqual([1, 2, 3, 4]);
    expect(previews[0].intervalMs).toBe(MINUTE);

    const logs = await logsOfCard(card.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      userId: alice.id,
      grade: 3,
      state: CardState.New,
      due: before.due,
      lastReview: null,
      stability: 0,
      difficulty: 0,
      scheduledDays: 0,
      learningSteps: 0,
      elapsedDays: 0,
      reviewedAt: NOW,
      durationMs: 3000,
      clientId: "first-grade-0001",
      undoneAt: null,
    });
  });

  it("records a retried submit (same clientId) once and returns the same card state", async () => {
    const card = takeCard();
    const first = await grade(alice.id, card, 4, NOW, 0, "retry-0000001");
    const second = await grade(alice.id, card, 4, at(5_000), 0, "retry-0000001");
    expect(second).toEqual(first);
    expect(await logsOfCard(card.id)).toHaveLength(1);
    expect((await cardRow(card.id))!.version).toBe(1);
  });

  it("records a double submit sent at the same moment (same clientId) once", async () => {
    const card = takeCard();
    const [first, second] = await Promise.all([
      grade(alice.id, card, 3, NOW, 0, "double-click-01"),
      grade(alice.id, card, 3, NOW, 0, "double-click-01"),
    ]);
    expect(second).toEqual(first);
    expect(await logsOfCard(card.id)).toHaveLength(1);
    expect((await cardRow(card.id))!.reps).toBe(1);
  });

  it("applies only one of two grades sent at once from two tabs for the same card version", async () => {
    const card = takeCard();
    const results = await Promise.allSettled([grade(alice.id, card, 1, NOW, 0), grade(alice.id, card, 4, NOW, 0)]);
    // SQLite's queue applies the first sent; on PostgreSQL the two run at once and either may win.
    const applied = testDatabaseKind() === "postgres" ? results.findIndex((r) => r.status === "fulfilled") : 0;
    expect(results.map((r) => r.status)).toEqual(applied === 0 ? ["fulfilled", "rejected"] : ["rejected", "fulfilled"]);
    expect(((results[1 - applied] as PromiseRejectedResult).reason as UserError).code).toBe("STALE");
    const logs = await logsOfCard(card.id);
    expect(logs.map((l) => l.grade)).toEqual([[1, 4][applied]]);
    expect((await cardRow(card.id))!.version).toBe(1);
  });

  it("refuses a stale grade (card already changed) with STALE and changes nothing", async () => {
    const card = takeCard();
    await grade(alice.id, card, 3, NOW, 0);
    const rowBefore = await cardRow(card.id);
    const countsBefore = await countRows();

    const error = await expectUserError(grade(alice.id, card, 1, at(MINUTE), 0), "STALE");
    expect(error.message).toMatch(/another tab/);

    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await countRows()).toEqual(countsBefore);
  });

  it("refuses to grade someone else's card as not found and changes nothing", async () => {
    const card = takeCard();
    const rowBefore = await cardRow(card.id);
    const countsBefore = await countRows();
    await expectUserError(grade(bob.id, card, 3, NOW, 0), "NOT_FOUND");
    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await countRows()).toEqual(countsBefore);
  });

  it("refuses an unknown card id as not found", async () => {
    const countsBefore = await countRows();
    await expectUserError(grade(alice.id, { id: "no-such-card" }, 3, NOW, 0), "NOT_FOUND");
    expect(await countRows()).toEqual(countsBefore);
  });

  it("records 20 grades sent at once on 20 different cards, all of them", async () => {
    const cards = Array.from({ length: 20 }, takeCard);
    const logsBefore = (await countRows()).logs;
    const results = await Promise.all(cards.map((card, i) => grade(alice.id, card, ((i % 4) + 1) as Grade, NOW, 0)));
    expect(results.map((r) => r.cardId)).toEqual(cards.map((c) => c.id));
    expect((await countRows()).logs - logsBefore).toBe(20);
    for (const [i, card] of cards.entries()) {
      const row = (await cardRow(card.id))!;
      expect(row.version).toBe(1);
      expect(row.reps).toBe(1);
      expect(row.lastReview).toEqual(NOW);
      expect(await logsOfCard(card.id)).toHaveLength(1);
      expect((await logsOfCard(card.id))[0].grade).toBe((i % 4) + 1);
    }
  });

  it("refuses a clientId already used for a different card with CONFLICT, leaving that card untouched", async () => {
    const [used, other] = [takeCard(), takeCard()];
    await grade(alice.id, used, 3, NOW, 0, "reused-id-0001");
    const otherBefore = await cardRow(other.id);
    const countsBefore = await countRows();
    await expectUserError(grade(alice.id, other, 3, at(MINUTE), 0, "reused-id-0001"), "CONFLICT");
    expect(await cardRow(other.id)).toEqual(otherBefore);
    expect(await countRows()).toEqual(countsBefore);
  });

  it("lets two users use the same clientId independently", async () => {
    const aliceCard = takeCard();
    const [bobCard] = await cardsOf(bob.id);
    await grade(alice.id, aliceCard, 3, NOW, 0, "shared-id-0001");
    await grade(bob.id, bobCard, 3, NOW, 0, "shared-id-0001");
    expect(await logsOfCard(aliceCard.id)).toHaveLength(1);
    expect(await logsOfCard(bobCard.id)).toHaveLength(1);
  });

  it("rolls back the card update when the log insert fails (one transaction)", async () => {
    const card = takeCard();
    const rowBefore = await cardRow(card.id);
    const countsBefore = await countRows();
    // Make the second write of recordReview fail inside the database itself, after the card update ran.
    const onPostgres = testDatabaseKind() === "postgres";
    await write(async (tx) => {
      if (!onPostgres) {
        await tx.$executeRawUnsafe(
          "CREATE TRIGGER fail_review_log BEFORE INSERT ON ReviewLog BEGIN SELECT RAISE(ABORT, 'log insert refused'); END",
        );
        return;
      }
      await tx.$executeRawUnsafe(
        `CREATE FUNCTION fail_review_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log insert refused'; END $$`,
      );
      await tx.$executeRawUnsafe(
        `CREATE TRIGGER fail_review_log BEFORE INSERT ON "ReviewLog" FOR EACH ROW EXECUTE FUNCTION fail_review_log()`,
      );
    });
    try {
      // The adapter reports SQLite's trigger abort as a constraint violation; any failure will do.
      const error = await grade(alice.id, card, 3, NOW, 0).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(UserError);
    } finally {
      await write(async (tx) => {
        if (!onPostgres) return tx.$executeRawUnsafe("DROP TRIGGER fail_review_log");
        await tx.$executeRawUnsafe(`DROP TRIGGER fail_review_log ON "ReviewLog"`);
        return tx.$executeRawUnsafe("DROP FUNCTION fail_review_log()");
      });
    }
    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await countRows()).toEqual(countsBefore);
    // And the database is still usable afterwards.
    expect((await grade(alice.id, card, 3, NOW, 0)).version).toBe(1);
  });

  it("refuses a suspended card and changes nothing", async () => {
    const card = takeCard();
    await write((tx) => tx.card.update({ where: { id: card.id }, data: { suspended: true } }));
    const rowBefore = await cardRow(card.id);
    await expectUserError(grade(alice.id, card, 3, NOW, 0), "INVALID");
    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await logsOfCard(card.id)).toHaveLength(0);
  });
});

describe("undoReview", () => {
  /** Takes a card through learning into Review, then reviews it overdue: the interesting undo. */
  async function cardInReviewGradedOverdue(last: Grade) {
    const card = takeCard();
    await grade(alice.id, card, 3, NOW);
    await grade(alice.id, card, 3, at(10 * MINUTE));
    const inReview = (await cardRow(card.id))!;
    expect(inReview.state).toBe(CardState.Review);
    const overdue = new Date(inReview.due.getTime() + 5 * DAY);
    const clientId = newClientId("overdue");
    await grade(alice.id, card, last, overdue, undefined, clientId);
    return { card, inReview, clientId, overdue };
  }

  it("restores a new card field by field and marks the log undone, keeping it", async () => {
    const card = takeCard();
    const before = (await cardRow(card.id))!;
    await grade(alice.id, card, 3, NOW, 0, "undo-new-00001");
    const undoAt = at(30_000);
    const result = await undoReview(alice.id, "undo-new-00001", undoAt);

    const after = (await cardRow(card.id))!;
    expect(schedulingFieldsOf(after)).toEqual(schedulingFieldsOf(before));
    expect(after.version).toBe(2);
    expect(result).toEqual({
      cardId: card.id,
      version: 2,
      scheduling: schedulingOf(after),
      previews: previewIntervals(schedulingOf(after), undoAt, schedulerSettingsOf(alice), card.id),
    });
    const logs = await logsOfCard(card.id);
    expect(logs).toHaveLength(1);
    expect(logs[0].undoneAt).toEqual(undoAt);
  });

  it("restores an overdue review card exactly, due included (not its last review date)", async () => {
    const { card, inReview, clientId } = await cardInReviewGradedOverdue(3);
    expect(inReview.due.getTime()).not.toBe(inReview.lastReview!.getTime());
    await undoReview(alice.id, clientId, at(6 * DAY));
    const after = (await cardRow(card.id))!;
    expect(schedulingFieldsOf(after)).toEqual(schedulingFieldsOf(inReview));
  });

  it("gives a lapse back when an Again on a review card is undone", async () => {
    const { card, inReview, clientId } = await cardInReviewGradedOverdue(1);
    const lapsed = (await cardRow(card.id))!;
    expect(lapsed.state).toBe(CardState.Relearning);
    expect(lapsed.lapses).toBe(inReview.lapses + 1);
    await undoReview(alice.id, clientId, at(6 * DAY));
    const after = (await cardRow(card.id))!;
    expect(after.lapses).toBe(inReview.lapses);
    expect(schedulingFieldsOf(after)).toEqual(schedulingFieldsOf(inReview));
  });

  it("undoes several reviews of one card, latest first, each back to the state before it", async () => {
    const card = takeCard();
    const steps: [Grade, number][] = [
      [1, 0],
      [3, 2 * MINUTE],
      [3, 15 * MINUTE],
      [2, 4 * DAY],
    ];
    const rows = [(await cardRow(card.id))!];
    const ids: string[] = [];
    for (const [value, offset] of steps) {
      const clientId = newClientId("deep");
      await grade(alice.id, card, value, at(offset), undefined, clientId);
      ids.push(clientId);
      rows.push((await cardRow(card.id))!);
    }
    for (let i = ids.length - 1; i >= 0; i--) {
      await undoReview(alice.id, ids[i], at(5 * DAY));
      expect(schedulingFieldsOf((await cardRow(card.id))!)).toEqual(schedulingFieldsOf(rows[i]));
    }
  });

  it("refuses to undo a review that is not the card's latest, and changes nothing", async () => {
    const card = takeCard();
    await grade(alice.id, card, 3, NOW, 0, "older-review-01");
    await grade(alice.id, card, 3, at(10 * MINUTE), 1, "newer-review-01");
    const rowBefore = await cardRow(card.id);
    const logsBefore = await logsOfCard(card.id);
    await expectUserError(undoReview(alice.id, "older-review-01", at(11 * MINUTE)), "STALE");
    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await logsOfCard(card.id)).toEqual(logsBefore);
  });

  it("is harmless when done twice: the second undo changes nothing", async () => {
    const card = takeCard();
    await grade(alice.id, card, 2, NOW, 0, "twice-undo-0001");
    const first = await undoReview(alice.id, "twice-undo-0001", at(MINUTE));
    const rowAfterFirst = await cardRow(card.id);
    const logsAfterFirst = await logsOfCard(card.id);
    const second = await undoReview(alice.id, "twice-undo-0001", at(2 * MINUTE));
    expect(second).toEqual(first);
    expect(await cardRow(card.id)).toEqual(rowAfterFirst);
    expect(await logsOfCard(card.id)).toEqual(logsAfterFirst);
  });

  it("lets the card be graded again after an undo, with the new version", async () => {
    const card = takeCard();
    await grade(alice.id, card, 1, NOW, 0, "regrade-00001");
    const undone = await undoReview(alice.id, "regrade-00001", at(MINUTE));
    await expectUserError(grade(alice.id, card, 3, at(2 * MINUTE), 1), "STALE");
    const regraded = await grade(alice.id, card, 3, at(2 * MINUTE), undone.version);
    expect(regraded.version).toBe(3);
    expect(regraded.scheduling.reps).toBe(1);
  });

  it("refuses to undo someone else's review as not found, and changes nothing", async () => {
    const card = takeCard();
    await grade(alice.id, card, 3, NOW, 0, "alice-review-01");
    const rowBefore = await cardRow(card.id);
    const logsBefore = await logsOfCard(card.id);
    await expectUserError(undoReview(bob.id, "alice-review-01", at(MINUTE)), "NOT_FOUND");
    expect(await cardRow(card.id)).toEqual(rowBefore);
    expect(await logsOfCard(card.id)).toEqual(logsBefore);
  });

  it("refuses an unknown review as not found", async () => {
    await expectUserError(undoReview(alice.id, "never-recorded-1", NOW), "NOT_FOUND");
  });
});

describe("the queue after grades", () => {
  it("serves the first 20 new cards of the built-in deck in deck order, one card per concept", async () => {
    const carol = await newUser("carol", NOW);
    const queue = await getReviewQueue(carol.id, NOW);
    const cards = await cardsOf(carol.id);
    const firstTwenty = cards.filter((c) => c.kind === "TERM_TO_DEFINITION").slice(0, 20);
    expect(queue.cards.map((c) => c.id)).toEqual(firstTwenty.map((c) => c.id));
    expect(new Set(queue.cards.map((c) => c.term)).size).toBe(20);
    expect(queue.cards[0]).toMatchObject({ term: "Search space", version: 0, kind: "TERM_TO_DEFINITION" });
  });
});
