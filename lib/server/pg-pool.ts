import "server-only";
import pg from "pg";

/*
 * The connection pool under Prisma's PostgreSQL adapter. Prisma 6.19 ends a transaction by sending
 * COMMIT (or ROLLBACK) and only then hands the connection back to the pool; when the statement
 * itself fails, as COMMIT does when PostgreSQL finds a serialization conflict at commit time, the
 * connection is never handed back. Every such conflict would then take one connection out of the
 * pool for good, until the process waits forever for one. The server has already ended the
 * transaction by then, so the connection is clean: this pool hands it back when the statement fails.
 */

const ENDING_STATEMENTS = new Set(["COMMIT", "ROLLBACK"]);

function statementText(query: unknown): string | undefined {
  if (typeof query === "string") return query;
  if (query && typeof query === "object" && typeof (query as { text?: unknown }).text === "string")
    return (query as { text: string }).text;
  return undefined;
}

/** A client whose failed COMMIT or ROLLBACK returns it to the pool, and whose release runs once. */
function releasedOnFailedEnd(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  };
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    const text = statementText(args[0])?.trim().toUpperCase();
    if (text && ENDING_STATEMENTS.has(text) && result instanceof Promise) {
      return result.catch((error: unknown) => {
        client.release();
        throw error;
      });
    }
    return result;
  };
  return client;
}

export class TransactionSafePool extends pg.Pool {
  // The overloads of pg.Pool#connect: the adapter calls the promise form only.
  connect(): Promise<pg.PoolClient>;
  connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then(releasedOnFailedEnd);
  }
}
