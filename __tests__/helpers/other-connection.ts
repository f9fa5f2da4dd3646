import Database from "better-sqlite3";
import { Client } from "pg";
import { testDatabaseKind } from "./test-db";

/**
 * Runs one statement through a connection of its own, as a script or the seed would, not through
 * lib/server/db.ts: `?` placeholders, the test file's database (SQLite file or PostgreSQL URL).
 */
export async function runOnAnotherConnection(
  database: { file: string; url: string },
  sql: string,
  params: unknown[],
): Promise<void> {
  if (testDatabaseKind() === "postgres") {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    } finally {
      await client.end();
    }
    return;
  }
  const other = new Database(database.file);
  try {
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}
