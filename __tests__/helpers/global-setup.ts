import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Migrates one template database with the real migrations (prisma migrate deploy); each test
 * file copies it instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-template-"));
  const file = path.join(dir, "template.db");
  execFileSync(path.join(process.cwd(), "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
  process.env.MESA_TEST_TEMPLATE_DB = file;
}
