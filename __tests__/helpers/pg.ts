import { randomBytes } from "node:crypto";
import { Client } from "pg";

/*
 * The PostgreSQL cluster the tests may use (scripts/pg-cluster.sh start prints its URL): given by
 * MESA_PG_URL. Suites that need it skip themselves when it is not set.
 */
export const PG_URL = process.env.MESA_PG_URL?.trim() || undefined;

/** The URL of another database on the same server. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates an empty database with a fresh name and returns its URL. */
export async function createScratchDatabase(serverUrl: string, prefix = "mesa_test"): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // The name is ours (letters, digits, underscores): safe to write into the statement.
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrlFor(serverUrl, name) };
}

/** Drops a database made by createScratchDatabase, ending any connection still open to it. */
export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
