import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { read, write, type ReadDb, type WriteTx } from "@/lib/server/db";
import { enrolInBuiltInDecks, ensureCards } from "@/lib/server/decks";

/*
 * Type-checked, never run (write-path.test.ts compiles it, and so do `tsc` and `next build`).
 * Every `@ts-expect-error` is followed by part of the error the next line must raise:
 * the test removes the directives and checks that exactly those lines fail, with those errors.
 */

declare const client: PrismaClient;
declare const unbranded: Prisma.TransactionClient;
const id = "card";
const now = new Date("2026-03-07T12:00:00Z");

/** A read helper: takes whatever handle it is given, as long as it can read. */
async function countCards(db: ReadDb, userId: string): Promise<number> {
  return db.card.count({ where: { userId } });
}

export async function writesThroughTheReadHandle() {
  await read(async (db) => {
    // @ts-expect-error Property 'create' does not exist
    await db.card.create({ data: {} });
    // @ts-expect-error Property 'createMany' does not exist
    await db.card.createMany({ data: [] });
    // @ts-expect-error Property 'update' does not exist
    await db.card.update({ where: { id }, data: { reps: 1 } });
    // @ts-expect-error Property 'updateMany' does not exist
    await db.reviewLog.updateMany({ data: { undoneAt: now } });
    // @ts-expect-error Property 'upsert' does not exist
    await db.user.upsert({ where: { id }, create: {}, update: {} });
    // @ts-expect-error Property 'delete' does not exist
    await db.card.delete({ where: { id } });
    // @ts-expect-error Property 'deleteMany' does not exist
    await db.reviewLog.deleteMany({});
    // @ts-expect-error Property '$executeRaw' does not exist
    await db.$executeRaw`DELETE FROM "Card"`;
    // @ts-expect-error Property '$executeRawUnsafe' does not exist
    await db.$executeRawUnsafe('DELETE FROM "Card"');
    // @ts-expect-error Property '$queryRawUnsafe' does not exist
    await db.$queryRawUnsafe('DELETE FROM "Card" RETURNING "id"');
    // @ts-expect-error Property '$transaction' does not exist
    await db.$transaction(async () => undefined);
    // @ts-expect-error Cannot assign to 'card' because it is a read-only property
    db.card = client.card;
  });
}

export async function writeHelpersGivenSomethingElse() {
  await read(async (db) => {
    // @ts-expect-error Argument of type 'ReadDb' is not assignable to parameter of type 'WriteTx'
    await ensureCards(db, now);
    // @ts-expect-error Argument of type 'ReadDb' is not assignable to parameter of type 'WriteTx'
    await enrolInBuiltInDecks(db, id, now);
  });
  // @ts-expect-error Argument of type 'PrismaClient
  await ensureCards(client, now);
  // @ts-expect-error Argument of type 'TransactionClient' is not assignable to parameter of type 'WriteTx'
  await ensureCards(unbranded, now);
  // @ts-expect-error Type 'ReadDb' is not assignable to type 'WriteTx'
  await read(async (tx: WriteTx) => ensureCards(tx, now));
}

export async function allowed() {
  const written = await write(async (tx) => {
    const card = await tx.card.update({ where: { id }, data: { reps: 1 } });
    await tx.reviewLog.deleteMany({ where: { cardId: card.id } });
    await tx.$executeRaw`UPDATE "Card" SET "reps" = 0 WHERE "id" = ${id}`;
    await ensureCards(tx, now, { userId: card.userId });
    await enrolInBuiltInDecks(tx, card.userId, now);
    return countCards(tx, card.userId);
  });
  const readBack = await read(async (db) => {
    const cards = await db.card.findMany({ where: { id }, include: { concept: true } });
    const first = await db.card.findFirst({ where: { id } });
    const total = await db.reviewLog.aggregate({ _count: true });
    const byState = await db.card.groupBy({ by: ["state"], _count: true });
    const rows = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*) AS n FROM "Card"`;
    return cards.length + (first ? 1 : 0) + total._count + byState.length + rows.length + (await countCards(db, id));
  });
  return written + readBack;
}
