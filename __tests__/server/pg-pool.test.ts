import { Client } from "pg";
import { TransactionSafePool } from "@/lib/server/pg-pool";
import { createScratchDatabase, dropScratchDatabase, PG_URL } from "../helpers/pg";

/*
 * The pool under the PostgreSQL adapter hands a connection back when its COMMIT fails, which
 * Prisma 6.19 does not do (lib/server/pg-pool.ts). Against a real server (MESA_PG_URL); skipped
 * without one.
 */
const describeWithPg = PG_URL ? describe : describe.skip;

describeWithPg("TransactionSafePool", () => {
  const server = PG_URL as string;
  let name: string;
  let url: string;
  beforeAll(async () => {
    ({ name, url } = await createScratchDatabase(server, "mesa_pool"));
    const client = new Client({ connectionString: url });
    await client.connect();
    // A unique check deferred to COMMIT: a duplicate makes the COMMIT itself fail.
    await client.query(`CREATE TABLE "T" ("x" INT UNIQUE DEFERRABLE INITIALLY DEFERRED)`);
    await client.end();
  });
  afterAll(async () => {
    await dropScratchDatabase(server, name);
  });

  it("hands the connection of a failed COMMIT back to the pool, clean, and releases it only once", async () => {
    const pool = new TransactionSafePool({ connectionString: url, max: 1 });
    try {
      const first = await pool.connect();
      await first.query("BEGIN");
      await first.query(`INSERT INTO "T" VALUES (1), (1)`);
      await expect(first.query("COMMIT")).rejects.toThrow(/duplicate key/);
      // Released already: a second release (the caller's own) is ignored, not an error.
      expect(() => first.release()).not.toThrow();
      expect(pool.idleCount + pool.totalCount).toBeGreaterThan(0);

      // With one connection, this waits forever unless the failed COMMIT's connection came back.
      let timer: NodeJS.Timeout | undefined;
      const second = await Promise.race([
        pool.connect(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no connection came back")), 2000))),
      ]).finally(() => clearTimeout(timer));
      const { rows } = await second.query<{ status: string }>("SELECT 1 AS status");
      expect(rows).toEqual([{ status: 1 }]);
      // Not inside the failed transaction: a new one starts and commits.
      await second.query("BEGIN");
      await second.query(`INSERT INTO "T" VALUES (2)`);
      await second.query("COMMIT");
      second.release();
    } finally {
      await pool.end();
    }
  });

  it("leaves a connection whose COMMIT succeeds to be released by its user", async () => {
    const pool = new TransactionSafePool({ connectionString: url, max: 1 });
    try {
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query(`INSERT INTO "T" VALUES (3)`);
      await client.query("COMMIT");
      expect(pool.idleCount).toBe(0);
      client.release();
      expect(pool.idleCount).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
