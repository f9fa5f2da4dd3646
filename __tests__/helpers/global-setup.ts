import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migratePostgres } from "../../scripts/pg-migrate";
import { createScratchDatabase } from "./pg";
import { runPrismaCli } from "./prisma-cli";
import { PG_TEST_DATABASE_PREFIX, testDatabaseKind } from "./test-db";

/**
 * Migrates one template database with the real migrations (prisma migrate deploy); each test
 * file copies it instead of migrating again. With MESA_TEST_DB=postgres, a PostgreSQL template
 * too, migrated by scripts/pg-migrate.ts, which each test file copies (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-template-"));
  const file = path.join(dir, "template.db");
  await runPrismaCli(["migrate", "deploy"], file);
  process.env.MESA_TEST_TEMPLATE_DB = file;
  if (testDatabaseKind() === "postgres") {
    const server = process.env.MESA_PG_URL;
    if (!server) throw new Error("MESA_TEST_DB=postgres needs MESA_PG_URL (scripts/pg-cluster.sh start)");
    const { name, url } = await createScratchDatabase(server, `${PG_TEST_DATABASE_PREFIX}${randomBytes(3).toString("hex")}`);
    await migratePostgres(url);
    process.env.MESA_TEST_TEMPLATE_PG = name;
  }
}
