import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, prepareDatabaseFile } from "@/lib/database-url";

/** The model properties of the client ("user", "card", "reviewLog", ...). */
type ModelName = Prisma.TypeMap["meta"]["modelProps"];
const READ_METHODS = [
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
] as const;
type ReadMethod = (typeof READ_METHODS)[number];

/**
 * What `read()` hands out: the find/count/aggregate/groupBy methods of every model and tagged
 * raw queries. No create/update/delete, no $executeRaw, no $transaction: a write through it does
 * not compile. At run time the handle has no write methods, and the connection is in SQLite's
 * query_only mode outside write(), so even raw SQL in a read cannot change a row.
 */
export type ReadDb = { readonly [M in ModelName]: Pick<Prisma.TransactionClient[M], ReadMethod> } & {
  readonly $queryRaw: Prisma.TransactionClient["$queryRaw"];
};

declare const writeBrand: unique symbol;
/**
 * What `write()` hands out: a transaction. Branded, so a helper that writes (and demands a WriteTx)
 * cannot be handed a read handle or a bare client; it can still be passed where a ReadDb is wanted.
 */
export type WriteTx = Prisma.TransactionClient & { readonly [writeBrand]: true };

/*
 * The one door to the database. The better-sqlite3 adapter holds ONE connection, and a plain
 * query issued while another request's transaction is open runs inside that transaction (and is
 * rolled back with it). So every database access, reads included, waits its turn on one
 * process-wide queue, and every write runs as a `$transaction` on that queue. Between writes the
 * connection is query_only, so nothing but write() can change the database.
 */

const QUERY_ONLY_ON = "PRAGMA query_only = ON";
const QUERY_ONLY_OFF = "PRAGMA query_only = OFF";

interface DbState {
  client: PrismaClient;
  ready: Promise<void>;
  tail: Promise<unknown>;
}

const globalForDb = globalThis as unknown as { mesaDb?: DbState };

function open(): DbState {
  const url = databaseUrl();
  prepareDatabaseFile(url);
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // WAL defaults to synchronous=NORMAL, which can lose the last commits on power loss.
  const ready = (async () => {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA synchronous = FULL");
    await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await client.$executeRawUnsafe(QUERY_ONLY_ON);
  })();
  return { client, ready, tail: ready.catch(() => undefined) };
}

function state(): DbState {
  globalForDb.mesaDb ??= open();
  return globalForDb.mesaDb;
}

const readOnlyHandles = new WeakMap<PrismaClient, ReadDb>();

/**
 * The client seen through its read methods only, so a cast around the types still cannot write
 * through a read handle. Built once per client: a read costs no extra allocation.
 */
function readOnly(client: PrismaClient): ReadDb {
  let handle = readOnlyHandles.get(client);
  if (!handle) {
    const models = Object.fromEntries(
      (Object.keys(Prisma.ModelName) as (keyof typeof Prisma.ModelName)[]).map((name) => {
        const prop = (name[0].toLowerCase() + name.slice(1)) as ModelName;
        const delegate = client[prop] as unknown as Record<ReadMethod, unknown>;
        return [
          prop,
          Object.freeze(
            Object.fromEntries(READ_METHODS.map((m) => [m, (delegate[m] as (...a: unknown[]) => unknown).bind(delegate)])),
          ),
        ];
      }),
    );
    handle = Object.freeze({ ...models, $queryRaw: client.$queryRaw.bind(client) }) as unknown as ReadDb;
    readOnlyHandles.set(client, handle);
  }
  return handle;
}

/**
 * The queued task the current code runs in, to catch a read() or write() issued from inside
 * another. Work the task started but did not wait for inherits it, so it records when it ended.
 */
const currentTask = new AsyncLocalStorage<{ running: boolean }>();

async function runTask<T>(task: (client: PrismaClient) => Promise<T>, client: PrismaClient): Promise<T> {
  const marker = { running: true };
  try {
    return await currentTask.run(marker, () => task(client));
  } finally {
    marker.running = false;
  }
}

function enqueue<T>(task: (client: PrismaClient) => Promise<T>): Promise<T> {
  // It would queue behind the task that awaits it and never run: fail now instead of hanging.
  if (currentTask.getStore()?.running) {
    return Promise.reject(new Error("read() or write() called inside another read() or write(): pass its handle down instead"));
  }
  const db = state();
  // Every task waits for the pragmas: if they failed, nothing runs without them.
  const run = db.tail.then(() => db.ready).then(() => runTask(task, db.client));
  // A failed task must not block the ones queued after it.
  db.tail = run.catch(() => undefined);
  return run;
}

let commits = 0;

/**
 * How many write() transactions this process has committed: a value remembered from reads is
 * current while this has not moved (and SQLite's data_version has not, for other connections).
 */
export function writesCommitted(): number {
  return commits;
}

/** The single write path: one transaction at a time, all or nothing. */
export function write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  return enqueue(async (client) => {
    // Lifted outside the transaction, so it is restored even when the transaction itself fails.
    await client.$executeRawUnsafe(QUERY_ONLY_OFF);
    try {
      const result = await client.$transaction((tx) => fn(tx as WriteTx));
      commits += 1;
      return result;
    } finally {
      await client.$executeRawUnsafe(QUERY_ONLY_ON);
    }
  });
}

/** A consistent read: waits for writes in progress, so it never sees half of one. */
export function read<T>(fn: (db: ReadDb) => Promise<T>): Promise<T> {
  return enqueue((client) => fn(readOnly(client)));
}

/** Closes the connection (tests and scripts); the next call opens a new one. */
export async function disconnect(): Promise<void> {
  const db = globalForDb.mesaDb;
  if (!db) return;
  globalForDb.mesaDb = undefined;
  await db.tail;
  await db.client.$disconnect();
}
