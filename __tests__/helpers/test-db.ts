import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Which database the data-layer tests run on: SQLite unless MESA_TEST_DB=postgres (with MESA_PG_URL). */
export function testDatabaseKind(): "sqlite" | "postgres" {
  return process.env.MESA_TEST_DB === "postgres" ? "postgres" : "sqlite";
}

/** The prefix of this run's PostgreSQL test databases: the global teardown drops them all. */
export const PG_TEST_DATABASE_PREFIX = "mesa_t_";

function psql(serverUrl: string, sql: string): void {
  execFileSync("psql", [serverUrl, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * A fresh database for this test file, copied from the template database the global setup
 * migrated with scripts/pg-migrate.ts. Synchronous (psql), like the SQLite copy, so a test file
 * can call it at its top before anything opens the database.
 */
function copyPostgresTemplate(): { file: string; url: string } {
  const server = process.env.MESA_PG_URL;
  const template = process.env.MESA_TEST_TEMPLATE_PG;
  if (!server || !template) throw new Error("MESA_TEST_DB=postgres needs MESA_PG_URL (scripts/pg-cluster.sh start)");
  const name = `${template}_${randomBytes(5).toString("hex")}`;
  // Two workers copying the template at the same moment can see each other's copy as a user of it.
  for (let attempt = 1; ; attempt++) {
    try {
      psql(server, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String((error as { stderr?: unknown }).stderr))) throw error;
      execFileSync("sleep", ["0.2"]);
    }
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return { file: "", url: url.toString() };
}

/**
 * Points this test file at a fresh copy of the migrated template database. Call at the top of a
 * test file, before anything opens the database (lib/server/db.ts opens lazily on first use).
 * `file` is the SQLite file ("" on PostgreSQL).
 */
export function useTestDatabase(): { file: string; url: string } {
  if (testDatabaseKind() === "postgres") return copyPostgresTemplate();
  const template = process.env.MESA_TEST_TEMPLATE_DB;
  if (!template) throw new Error("MESA_TEST_TEMPLATE_DB is not set: run the tests through jest (global setup)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(template, file);
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  return { file, url };
}
