import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPrismaCli } from "./prisma-cli";

/**
 * Migrates one template database with the real migrations (prisma migrate deploy); each test
 * file copies it instead of migrating again.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-test-template-"));
  const file = path.join(dir, "template.db");
  await runPrismaCli(["migrate", "deploy"], file);
  process.env.MESA_TEST_TEMPLATE_DB = file;
}
