import { testDatabaseKind, useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { Card } from "@/lib/generated/prisma/client";
import {
  disconnect,
  isSerializationFailure,
  read,
  reviewLogChangedSince,
  write,
  writesCommitted,
  type ReadDb,
} from "@/lib/server/db";
import { cardRow, cardsOf, newUser, seedBuiltIn } from "../helpers/fixtures";

/*
 * lib/server/db.ts is the one door to the database (STACK.md): one connection, so every access
 * waits its turn on one queue, and only write() can change a row. On PostgreSQL the server
 * isolates transactions instead: a read runs at once on the last committed state.
 */

const onPostgres = testDatabaseKind() === "postgres";

const NOW = new Date("2026-03-07T12:00:00Z");

let cards: Card[];

beforeAll(async () => {
  await seedBuiltIn(NOW);
  const user = await newUser("alice", NOW);
  cards = await cardsOf(user.id);
});

afterAll(async () => {
  await disconnect();
});

/** A promise and the function that resolves it, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Long enough for a query that is not held back by the queue to run to completion. */
const wait = (ms: number) => new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), ms));

describe("the queue", () => {
  it("keeps a read out of a write that is open, and the write's rollback leaves the row as it was", async () => {
    const card = cards[0];
    const before = await cardRow(card.id);
    expect(before).not.toBeNull();

    const updated = gate();
    const release = gate();
    const failingWrite = write(async (tx) => {
      await tx.card.update({ where: { id: card.id }, data: { reps: before!.reps + 41, lapses: before!.lapses + 7 } });
      updated.open();
      await release.opened;
      throw new Error("abandoned after the update");
    });
    await updated.opened;

    const readDuringWrite = read((db) => db.card.findUnique({ where: { id: card.id } }));
    // Without the queue the read runs at once on the one connection, inside the open transaction.
    const first = await Promise.race([readDuringWrite.then(() => "read"), wait(200)]);
    release.open();

    expect(await readDuringWrite).toEqual(before);
    await expect(failingWrite).rejects.toThrow("abandoned after the update");
    expect(await cardRow(card.id)).toEqual(before);
    // PostgreSQL does not hold the read back: it reads the committed row, never the open write's.
    expect(first).toBe(onPostgres ? "read" : "waited");
  });

  it("runs a read issued after a write that commits on the committed row", async () => {
    const card = cards[1];
    const before = (await cardRow(card.id))!;
    const release = gate();
    const committing = write(async (tx) => {
      const row = await tx.card.update({ where: { id: card.id }, data: { reps: before.reps + 1 } });
      await release.opened;
      return row;
    });
    const after = read((db) => db.card.findUniqueOrThrow({ where: { id: card.id } }));
    // On PostgreSQL the read does not wait: it sees the row as committed when it began.
    const seen = onPostgres ? await after : undefined;
    release.open();
    expect((await committing).reps).toBe(before.reps + 1);
    expect((await after).reps).toBe(onPostgres ? before.reps : before.reps + 1);
    if (seen) expect((await cardRow(card.id))!.reps).toBe(before.reps + 1);
  });

  it("keeps serving after a failed task", async () => {
    await expect(read(() => Promise.reject(new Error("read failed")))).rejects.toThrow("read failed");
    await expect(write(() => Promise.reject(new Error("write failed")))).rejects.toThrow("write failed");
    expect(await read((db) => db.card.count({ where: { id: cards[0].id } }))).toBe(1);
  });

  it("refuses a read() or write() issued inside another, which would wait for itself forever", async () => {
    const message = "read() or write() called inside another read() or write(): pass its handle down instead";
    await expect(read(() => read((db) => db.card.count()))).rejects.toThrow(message);
    await expect(read(() => write((tx) => tx.card.count()))).rejects.toThrow(message);
    await expect(write(() => read((db) => db.card.count()))).rejects.toThrow(message);
    await expect(write(() => write((tx) => tx.card.count()))).rejects.toThrow(message);
  });

  it("lets work that a task started but did not wait for use the queue once the task is over", async () => {
    const done = gate();
    let later: Promise<number> | undefined;
    await read(async () => {
      later = done.opened.then(() => read((db) => db.card.count({ where: { id: cards[0].id } })));
    });
    done.open();
    expect(await later).toBe(1);
  });
});

describe("the read handle", () => {
  it("has no write methods at run time, even through a cast, and cannot be changed", async () => {
    await read(async (db) => {
      const loose = db as unknown as Record<string, Record<string, unknown> | undefined>;
      for (const method of ["create", "createMany", "update", "updateMany", "upsert", "delete", "deleteMany"]) {
        expect(loose.card?.[method]).toBeUndefined();
        expect(loose.reviewLog?.[method]).toBeUndefined();
      }
      for (const method of ["$executeRaw", "$executeRawUnsafe", "$queryRawUnsafe", "$transaction", "$disconnect"]) {
        expect(loose[method]).toBeUndefined();
      }
      expect(() => {
        loose.card!.update = () => undefined;
      }).toThrow(TypeError);
      expect(() => {
        (db as unknown as { $executeRaw: unknown }).$executeRaw = () => undefined;
      }).toThrow(TypeError);
      expect(typeof db.card.findMany).toBe("function");
    });
  });

  it("refuses a write in raw SQL, and the row is unchanged", async () => {
    const card = cards[2];
    const before = await cardRow(card.id);
    await expect(
      read((db) => db.$queryRaw`UPDATE "Card" SET "reps" = "reps" + 1 WHERE "id" = ${card.id} RETURNING "id"`),
    ).rejects.toThrow(/read-?only/i);
    expect(await cardRow(card.id)).toEqual(before);
  });

  it("is the same frozen object for every read (one per transaction on PostgreSQL)", async () => {
    const handles: ReadDb[] = [];
    await read(async (db) => handles.push(db));
    await read(async (db) => handles.push(db));
    if (onPostgres) expect(handles[0]).not.toBe(handles[1]);
    else expect(handles[0]).toBe(handles[1]);
    expect(Object.isFrozen(handles[0])).toBe(true);
    expect(Object.isFrozen(handles[0].card)).toBe(true);
  });
});

describe("write()", () => {
  it("can change rows again after a read refused a raw write", async () => {
    const card = cards[3];
    const before = (await cardRow(card.id))!;
    await expect(read((db) => db.$queryRaw`DELETE FROM "Card" WHERE "id" = ${card.id} RETURNING "id"`)).rejects.toThrow();
    const after = await write((tx) => tx.card.update({ where: { id: card.id }, data: { lapses: before.lapses + 2 } }));
    expect(after.lapses).toBe(before.lapses + 2);
    expect((await cardRow(card.id))!.lapses).toBe(before.lapses + 2);
  });
});

describe("reviewLogChangedSince()", () => {
  /** What one write() tells about the review log: the earliest instant it may have changed, or null. */
  async function changedBy(fn: Parameters<typeof write>[0]): Promise<number | null> {
    const since = writesCommitted();
    await write(fn);
    expect(writesCommitted()).toBe(since + 1);
    return reviewLogChangedSince(since);
  }

  const logData = (reviewedAt: Date, clientId: string) => ({
    cardId: cards[5].id,
    userId: cards[5].userId,
    grade: 3,
    state: 0,
    due: reviewedAt,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    elapsedDays: 0,
    reviewedAt,
    durationMs: 1000,
    clientId,
  });

  it("is null after writes that leave the review log alone, plain SELECTs included", async () => {
    expect(await changedBy((tx) => tx.card.update({ where: { id: cards[4].id }, data: { lapses: 1 } }))).toBeNull();
    expect(await changedBy((tx) => tx.user.update({ where: { id: cards[4].userId }, data: { dayStartHour: 5 } }))).toBeNull();
    expect(await changedBy((tx) => tx.$queryRaw`SELECT COUNT(*) FROM "ReviewLog"`)).toBeNull();
    expect(await changedBy((tx) => tx.session.deleteMany({ where: { userId: "nobody" } }))).toBeNull();
  });

  it("is the reviewedAt of an inserted review, the earliest of several commits", async () => {
    const since = writesCommitted();
    const later = new Date("2026-03-07T10:00:00Z");
    const earlier = new Date("2026-02-01T10:00:00Z");
    expect(await changedBy((tx) => tx.reviewLog.create({ data: logData(later, "changed-since-1") }))).toBe(later.getTime());
    await write((tx) => tx.reviewLog.create({ data: logData(earlier, "changed-since-2") }));
    expect(reviewLogChangedSince(since)).toBe(earlier.getTime());
    expect(reviewLogChangedSince(writesCommitted())).toBeNull();
  });

  it("is unknown (-Infinity) after an update of the log, raw SQL that writes, a nested log write or a delete that may cascade", async () => {
    const log = await write((tx) => tx.reviewLog.create({ data: logData(NOW, "changed-since-3") }));
    expect(await changedBy((tx) => tx.reviewLog.update({ where: { id: log.id }, data: { undoneAt: NOW } }))).toBe(-Infinity);
    expect(await changedBy((tx) => tx.$executeRaw`UPDATE "Card" SET "reps" = "reps" WHERE "id" = ${cards[4].id}`)).toBe(
      -Infinity,
    );
    expect(
      await changedBy((tx) =>
        tx.card.update({
          where: { id: cards[6].id },
          data: { reviewLogs: { create: (({ cardId: _card, ...rest }) => rest)(logData(NOW, "changed-since-4")) } },
        }),
      ),
    ).toBe(-Infinity);
    expect(await changedBy((tx) => tx.card.delete({ where: { id: cards[7].id } }))).toBe(-Infinity);
  });

  it("is the earliest reviewedAt of reviews inserted many at once", async () => {
    const early = new Date("2026-01-05T10:00:00Z");
    const late = new Date("2026-01-09T10:00:00Z");
    expect(
      await changedBy((tx) =>
        tx.reviewLog.createMany({ data: [logData(late, "changed-since-many-1"), logData(early, "changed-since-many-2")] }),
      ),
    ).toBe(early.getTime());
  });

  it("is null after keeping the full-text index of concept text in step (raw SQL on ConceptSearch only)", async () => {
    const { syncConceptSearch } = await import("@/lib/server/concept-search");
    const conceptId = (await cardRow(cards[4].id))!.conceptId;
    expect(await changedBy((tx) => syncConceptSearch(tx, [conceptId]))).toBeNull();
    expect(await changedBy((tx) => tx.$executeRaw`DELETE FROM "ReviewLog" WHERE "id" = ${"none"}`)).toBe(-Infinity);
  });

  it("counts nothing for a transaction that failed", async () => {
    const since = writesCommitted();
    await expect(
      write(async (tx) => {
        await tx.reviewLog.create({ data: logData(new Date("2020-01-01T00:00:00Z"), "changed-since-5") });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(writesCommitted()).toBe(since);
    expect(reviewLogChangedSince(since)).toBeNull();
  });
});

(onPostgres ? describe : describe.skip)("write() on PostgreSQL", () => {
  it("retries a transaction the server aborts for a conflict, so two concurrent increments both count", async () => {
    const card = cards[4];
    const before = (await cardRow(card.id))!;
    const bothRead = gate();
    let reads = 0;
    const increment = () =>
      write(async (tx) => {
        const row = await tx.card.findUniqueOrThrow({ where: { id: card.id } });
        // Both transactions read the row before either writes: SERIALIZABLE aborts one of them.
        if (++reads === 2) bothRead.open();
        await Promise.race([bothRead.opened, wait(500)]);
        return tx.card.update({ where: { id: card.id }, data: { reps: row.reps + 1 } });
      });
    await Promise.all([increment(), increment()]);
    expect(reads).toBeGreaterThan(2);
    expect((await cardRow(card.id))!.reps).toBe(before.reps + 2);
  });

  it("tells serialization failures and deadlocks from other errors", () => {
    expect(isSerializationFailure({ code: "P2034" })).toBe(true);
    expect(
      isSerializationFailure({ code: "P2010", message: "Raw query failed. Code: `40001`. Message: `could not serialize`" }),
    ).toBe(true);
    expect(
      isSerializationFailure({ code: "P2010", message: "Raw query failed. Code: `40P01`. Message: `deadlock detected`" }),
    ).toBe(true);
    expect(isSerializationFailure({ meta: { driverAdapterError: { cause: { originalCode: "40001" } } } })).toBe(true);
    expect(isSerializationFailure(new Error("wrapped", { cause: { code: "40P01" } }))).toBe(true);
    expect(isSerializationFailure({ code: "P2002" })).toBe(false);
    expect(isSerializationFailure(new Error("abandoned"))).toBe(false);
  });

  it("does not retry a failure that is not a conflict", async () => {
    let runs = 0;
    await expect(
      write(async () => {
        runs++;
        throw new Error("not a conflict");
      }),
    ).rejects.toThrow("not a conflict");
    expect(runs).toBe(1);
  });

  it("runs its sessions in UTC", async () => {
    const [{ zone }] = await read((db) => db.$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS "zone"`);
    expect(zone).toBe("UTC");
  });
});
