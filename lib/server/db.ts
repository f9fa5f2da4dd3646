import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, ensureDatabaseDirectory } from "@/lib/database-url";

export type Tx = Prisma.TransactionClient;

/*
 * The one door to the database. The better-sqlite3 adapter holds ONE connection, and a plain
 * query issued while another request's transaction is open runs inside that transaction (and is
 * rolled back with it). So every database access, reads included, waits its turn on one
 * process-wide queue, and every write runs as a `$transaction` on that queue.
 */

interface DbState {
  client: PrismaClient;
  ready: Promise<void>;
  tail: Promise<unknown>;
}

const globalForDb = globalThis as unknown as { mesaDb?: DbState };

function open(): DbState {
  const url = databaseUrl();
  ensureDatabaseDirectory(url);
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // WAL defaults to synchronous=NORMAL, which can lose the last commits on power loss.
  const ready = (async () => {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = FULL");
    await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  })();
  return { client, ready, tail: ready.catch(() => undefined) };
}

function state(): DbState {
  globalForDb.mesaDb ??= open();
  return globalForDb.mesaDb;
}

function enqueue<T>(task: (client: PrismaClient) => Promise<T>): Promise<T> {
  const db = state();
  // Every task waits for the pragmas: if they failed, nothing runs without them.
  const run = db.tail.then(() => db.ready).then(() => task(db.client));
  // A failed task must not block the ones queued after it.
  db.tail = run.catch(() => undefined);
  return run;
}

/** The single write path: one transaction at a time, all or nothing. */
export function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return enqueue((client) => client.$transaction(fn));
}

/** A consistent read: waits for writes in progress, so it never sees half of one. */
export function read<T>(fn: (db: Tx) => Promise<T>): Promise<T> {
  return enqueue((client) => fn(client));
}

/** Closes the connection (tests and scripts); the next call opens a new one. */
export async function disconnect(): Promise<void> {
  const db = globalForDb.mesaDb;
  if (!db) return;
  globalForDb.mesaDb = undefined;
  await db.tail;
  await db.client.$disconnect();
}
