import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Points this test file at a fresh copy of the migrated template database. Call at the top of a
 * test file, before anything opens the database (lib/server/db.ts opens lazily on first use).
 */
export function useTestDatabase(): { file: string; url: string } {
  const template = process.env.MESA_TEST_TEMPLATE_DB;
  if (!template) throw new Error("MESA_TEST_TEMPLATE_DB is not set: run the tests through jest (global setup)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(template, file);
  const url = `file:${file}`;
  process.env.DATABASE_URL = url;
  return { file, url };
}
