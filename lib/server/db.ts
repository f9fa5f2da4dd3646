import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { databaseUrl, isPostgresUrl, prepareDatabaseFile } from "@/lib/database-url";
import { TransactionSafePool } from "./pg-pool";

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
 * query_only mode outside write() (on PostgreSQL every read is a READ ONLY transaction), so even
 * raw SQL in a read cannot change a row.
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
 *
 * On PostgreSQL (DATABASE_URL postgresql://...) the adapter holds a pool and the server isolates
 * transactions, so there is no queue: each write() is a SERIALIZABLE transaction, retried when the
 * server aborts it for a conflict with another one (other processes included), and each read() is
 * a READ ONLY transaction on one snapshot (REPEATABLE READ), the equivalent of SQLite's queue and
 * query_only. Sessions run in UTC.
 */

const QUERY_ONLY_ON = "PRAGMA query_only = ON";
const QUERY_ONLY_OFF = "PRAGMA query_only = OFF";

interface DbState {
  provider: "sqlite" | "postgresql";
  client: PrismaClient;
  ready: Promise<void>;
  tail: Promise<unknown>;
}

/**
 * Kept on globalThis, like the connection: a bundler may load this module more than once in one
 * process, and every copy must count the same commits.
 */
interface CommitLog {
  /** Transactions committed by this process. */
  count: number;
  /** Recent commits that may have changed the review log, oldest first: [commit number, earliest instant ms]. */
  historyChanges: [number, number][];
}

const globalForDb = globalThis as unknown as { mesaDb?: DbState; mesaCommits?: CommitLog };
const committed: CommitLog = (globalForDb.mesaCommits ??= { count: 0, historyChanges: [] });

/** Connections per process: enough for a request's reads while a write runs, few enough for many servers. */
const POSTGRES_POOL_SIZE = 10;

function openPostgres(url: string): DbState {
  const pool = new TransactionSafePool({ connectionString: url, max: POSTGRES_POOL_SIZE, options: "-c TimeZone=UTC" });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // The two generated clients have the same models and methods; they differ in the provider only.
  const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  const ready = Promise.resolve();
  return { provider: "postgresql", client, ready, tail: ready };
}

function open(): DbState {
  const url = databaseUrl();
  if (isPostgresUrl(url)) return openPostgres(url);
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
  return { provider: "sqlite", client, ready, tail: ready.catch(() => undefined) };
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

function nestedCall(): Error | undefined {
  // It would queue behind the task that awaits it and never run (SQLite), or run outside the
  // transaction it was meant to share (PostgreSQL): fail now instead.
  return currentTask.getStore()?.running
    ? new Error("read() or write() called inside another read() or write(): pass its handle down instead")
    : undefined;
}

function enqueue<T>(task: (client: PrismaClient) => Promise<T>): Promise<T> {
  const nested = nestedCall();
  if (nested) return Promise.reject(nested);
  const db = state();
  // Every task waits for the pragmas: if they failed, nothing runs without them.
  const run = db.tail.then(() => db.ready).then(() => runTask(task, db.client));
  // A failed task must not block the ones queued after it.
  db.tail = run.catch(() => undefined);
  return run;
}

/**
 * How many write() transactions this process has committed: a value remembered from reads is
 * current while this has not moved (and SQLite's data_version has not, for other connections).
 */
export function writesCommitted(): number {
  return committed.count;
}

/*
 * Which commits may have changed the review log before some instant, for aggregates of past study
 * days that a grade today leaves alone (lib/server/stats.ts). Told from what each transaction
 * called, erring towards "changed": a review log inserted through the model API changes the log
 * from its reviewedAt on; any other change to the log (an undo), raw SQL other than a SELECT, a nested write that
 * names the log or deletes, and a delete of a model that may cascade into the log change all of it.
 */

/** Models whose rows can be deleted without the review log losing a row (nothing of theirs cascades into it). */
const DELETES_KEEP_REVIEW_LOG = new Set<string>(["session", "quiz", "quizQuestion", "quizAttempt", "enrolment"]);
const MUTATIONS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

/** True when a write's arguments reach the review log or delete through a relation. */
function nestsHistoryChange(value: unknown, depth = 0): boolean {
  if (depth > 8 || value === null || typeof value !== "object" || value instanceof Date) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === "reviewLogs" || key === "delete" || key === "deleteMany") return true;
    if (nestsHistoryChange(inner, depth + 1)) return true;
  }
  return false;
}

/** The earliest review instant (ms) a call may change, or undefined when it changes none. */
function historyChangeOf(model: string, method: string, args: unknown): number | undefined {
  if (!MUTATIONS.has(method)) return undefined;
  if (model === "reviewLog") {
    const data = (args as { data?: unknown } | undefined)?.data;
    const reviewedAt = (row: unknown) => (row as { reviewedAt?: unknown } | null)?.reviewedAt;
    if (method === "create") {
      const at = reviewedAt(data);
      return at instanceof Date ? at.getTime() : -Infinity;
    }
    // Many rows at once (the manual entries of a reset): from the earliest of them.
    if (method === "createMany" && Array.isArray(data) && data.length > 0) {
      const instants = data.map(reviewedAt);
      return instants.every((at): at is Date => at instanceof Date) ? Math.min(...instants.map((at) => at.getTime())) : -Infinity;
    }
    return -Infinity;
  }
  if (method.startsWith("delete") && !DELETES_KEEP_REVIEW_LOG.has(model)) return -Infinity;
  return nestsHistoryChange(args) ? -Infinity : undefined;
}

/** The text of a raw query, however it was passed. */
function rawText(query: unknown): string {
  return typeof query === "string"
    ? query
    : query instanceof Prisma.Sql
      ? query.sql
      : Array.isArray(query) && typeof query[0] === "string"
        ? query[0]
        : "";
}

/**
 * True for raw SQL that cannot change the review log: a plain SELECT, or a write to the full-text
 * index of concept text ("ConceptSearch", lib/server/concept-search.ts), which only reads the
 * other tables. Searching and editing concept text then leave the statistics' memo alone.
 */
function leavesReviewLog(query: unknown): boolean {
  const text = rawText(query);
  return /^\s*SELECT\s/i.test(text) || /^\s*(INSERT\s+INTO|DELETE\s+FROM)\s+"ConceptSearch"\s/i.test(text);
}

/** The transaction handle as the callback sees it, noting the earliest review instant its writes may change. */
function watchedForHistory(tx: Prisma.TransactionClient, note: (from: number) => void): Prisma.TransactionClient {
  const delegates = new Map<string, unknown>();
  return new Proxy(tx, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      if (prop.startsWith("$")) {
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if ((prop.startsWith("$executeRaw") || prop.startsWith("$queryRaw")) && !leavesReviewLog(args[0])) note(-Infinity);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (value === null || typeof value !== "object") return value;
      let delegate = delegates.get(prop);
      if (!delegate) {
        delegate = new Proxy(value, {
          get(model, method, modelReceiver) {
            const fn: unknown = Reflect.get(model, method, modelReceiver);
            if (typeof method !== "string" || typeof fn !== "function") return fn;
            return (args: unknown) => {
              const from = historyChangeOf(prop, method, args);
              if (from !== undefined) note(from);
              return (fn as (a: unknown) => unknown).call(model, args);
            };
          },
        });
        delegates.set(prop, delegate);
      }
      return delegate;
    },
  });
}

const HISTORY_CHANGES_KEPT = 1000;

/**
 * The earliest review instant (ms since the epoch) that this process's commits after commit number
 * `since` (a past writesCommitted()) may have changed, -Infinity when unknown, or null when none
 * changed the review log. Other connections' writes are not seen here: SQLite's data_version is.
 */
export function reviewLogChangedSince(since: number): number | null {
  const { count, historyChanges } = committed;
  if (since >= count) return null;
  const oldest = historyChanges[0];
  // Forgotten entries may lie between `since` and the oldest kept one.
  if (historyChanges.length === HISTORY_CHANGES_KEPT && oldest[0] > since + 1) return -Infinity;
  let earliest: number | null = null;
  for (const [commit, from] of historyChanges) if (commit > since) earliest = Math.min(earliest ?? Infinity, from);
  return earliest;
}

/**
 * The single write path: one transaction at a time, all or nothing. `timeoutMs` raises Prisma's
 * 5 s limit for the rare write that must be one transaction however large (an account restore).
 */
export function write<T>(fn: (tx: WriteTx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const db = state();
  if (db.provider === "postgresql") return writePostgres(db.client, fn, options.timeoutMs ?? POSTGRES_WRITE_TIMEOUT_MS);
  return enqueue(async (client) => {
    // Lifted outside the transaction, so it is restored even when the transaction itself fails.
    await client.$executeRawUnsafe(QUERY_ONLY_OFF);
    try {
      let changedFrom: number | null = null;
      const note = (from: number) => (changedFrom = Math.min(changedFrom ?? Infinity, from));
      const result = await client.$transaction((tx) => fn(watchedForHistory(tx, note) as WriteTx), {
        timeout: options.timeoutMs ?? 5000,
      });
      noteCommit(changedFrom);
      return result;
    } finally {
      await client.$executeRawUnsafe(QUERY_ONLY_ON);
    }
  });
}

/** Notes a committed write() and what it may have changed of the review log. */
function noteCommit(changedFrom: number | null): void {
  committed.count += 1;
  if (changedFrom !== null) {
    committed.historyChanges.push([committed.count, changedFrom]);
    if (committed.historyChanges.length > HISTORY_CHANGES_KEPT) committed.historyChanges.shift();
  }
}

/** Tries of a write() that PostgreSQL aborts for a conflict with another transaction. */
const SERIALIZATION_TRIES = 8;

/**
 * Prisma's limit on a write() transaction unless the caller sets one. A guard against a hung
 * transaction: every statement is a round trip to the server on PostgreSQL, so a large write takes
 * longer there than on SQLite's file in the same process.
 */
const POSTGRES_WRITE_TIMEOUT_MS = 30_000;

/**
 * PostgreSQL's "could not serialize access" (40001) and "deadlock detected" (40P01): the
 * transaction was rolled back whole and may simply run again. And "current transaction is
 * aborted" (25P02), which a statement meets when the server aborted the transaction under it for
 * such a conflict and the conflict itself was reported elsewhere: rolled back whole all the same.
 */
const RETRYABLE_CODES = new Set(["40001", "40P01", "25P02"]);

/**
 * True for a failure that a new run of the transaction may not meet (RETRYABLE_CODES). Prisma
 * reports the first as P2034, the adapter as a DriverAdapterError whose cause holds the code, and
 * raw SQL as P2010 with the code in the message.
 */
export function isSerializationFailure(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, originalCode, kind, meta, message } = e as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
      message?: unknown;
    };
    if (code === "P2034" || RETRYABLE_CODES.has(String(code))) return true;
    // The adapter's own error (DriverAdapterError), whose cause names the server's code.
    if (kind === "TransactionWriteConflict" || RETRYABLE_CODES.has(String(originalCode))) return true;
    const original = meta?.driverAdapterError?.cause?.originalCode;
    if (RETRYABLE_CODES.has(String(original))) return true;
    if (typeof message === "string" && /Code: `(40001|40P01|25P02)`/.test(message)) return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writePostgres<T>(client: PrismaClient, fn: (tx: WriteTx) => Promise<T>, timeoutMs: number): Promise<T> {
  const nested = nestedCall();
  if (nested) throw nested;
  for (let attempt = 1; ; attempt++) {
    let changedFrom: number | null = null;
    const note = (from: number) => (changedFrom = Math.min(changedFrom ?? Infinity, from));
    try {
      const result = await runTask(
        (c) =>
          c.$transaction((tx) => fn(watchedForHistory(tx, note) as WriteTx), {
            isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
            timeout: timeoutMs,
            maxWait: timeoutMs,
          }),
        client,
      );
      noteCommit(changedFrom);
      return result;
    } catch (error) {
      if (attempt >= SERIALIZATION_TRIES || !isSerializationFailure(error)) throw error;
      // Jitter, so two transactions that collided do not collide again on the next try.
      await sleep(5 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

/** A read has no time limit on SQLite; on PostgreSQL one that runs this long is a fault. */
const POSTGRES_READ_TIMEOUT_MS = 120_000;

async function readPostgres<T>(client: PrismaClient, fn: (db: ReadDb) => Promise<T>): Promise<T> {
  const nested = nestedCall();
  if (nested) throw nested;
  return runTask(
    (c) =>
      c.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          return fn(readOnly(tx as unknown as PrismaClient));
        },
        { timeout: POSTGRES_READ_TIMEOUT_MS, maxWait: POSTGRES_READ_TIMEOUT_MS },
      ),
    client,
  );
}

/** A consistent read: waits for writes in progress, so it never sees half of one. */
export function read<T>(fn: (db: ReadDb) => Promise<T>): Promise<T> {
  const db = state();
  if (db.provider === "postgresql") return readPostgres(db.client, fn);
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
