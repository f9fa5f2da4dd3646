/*
 * `npm run backup [-- <destination>]`: a consistent copy of the whole Mesa database while the app
 * runs, through SQLite's online backup API (better-sqlite3's `db.backup`). The copy is one
 * self-contained file (no -wal beside it), readable by its owner only (it holds password hashes),
 * checked with `PRAGMA integrity_check` before it is given its name.
 *
 * `npm run backup -- --check <file>` runs the integrity check on a copy (step 3 of the restore in
 * README.md, "Backups").
 *
 * The copy is made in steps of pages with the event loop free between them. A write by the app
 * between two steps makes SQLite start the copy again from the beginning; each restart copies more
 * pages per step, so a busy server still gets its copy.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { databaseFilePath, databaseUrl, isPostgresUrl } from "@/lib/database-url";

const FIRST_STEP_PAGES = 1000;

export interface BackupResult {
  path: string;
  bytes: number;
  ms: number;
  /** How many times a write by the app made SQLite start the copy again. */
  restarts: number;
}

/** `data/backups/mesa-2026-12-04T18-30-00-000Z.db` beside the database. */
export function defaultBackupPath(databaseFile: string, now: Date): string {
  return path.join(path.dirname(databaseFile), "backups", `mesa-${now.toISOString().replace(/[:.]/g, "-")}.db`);
}

/** The result of `PRAGMA integrity_check` on a database file: "ok", or what is wrong. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join("\n");
  } finally {
    db.close();
  }
}

/** Copies the live database at `source` to `destination` (which must not exist yet). */
export async function backupDatabase(source: string, destination: string): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}.`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists; a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(destination), { recursive: true, mode: 0o700 });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  // Created owner-only before SQLite writes into it.
  fs.closeSync(fs.openSync(partial, "wx", 0o600));
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  let restarts = 0;
  try {
    db.pragma("busy_timeout = 5000");
    let rate = FIRST_STEP_PAGES;
    let lastRemaining = Infinity;
    await db.backup(partial, {
      progress: ({ remainingPages }) => {
        if (remainingPages > lastRemaining) {
          restarts += 1;
          rate *= 4;
        }
        lastRemaining = remainingPages;
        return rate;
      },
    });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  // A copy of a WAL database says so in its header; the copy is one file, so it is switched to a rollback journal.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const check = integrityCheck(partial);
  if (check !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`The copy failed its integrity check: ${check}`);
  }
  fs.renameSync(partial, destination);
  return { path: destination, bytes: fs.statSync(destination).size, ms: performance.now() - started, restarts };
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "--check") {
    if (!args[1]) throw new Error("Usage: npm run backup -- --check <file>");
    const result = integrityCheck(path.resolve(args[1]));
    console.log(`${args[1]}: integrity_check ${result}`);
    if (result !== "ok") process.exitCode = 1;
    return;
  }
  if (isPostgresUrl(databaseUrl())) {
    throw new Error("npm run backup copies an SQLite database; back up PostgreSQL with its own tools (pg_dump)");
  }
  const source = databaseFilePath(databaseUrl());
  const destination = path.resolve(args[0] ?? defaultBackupPath(source, new Date()));
  const result = await backupDatabase(source, destination);
  const mb = (result.bytes / (1024 * 1024)).toFixed(1);
  console.log(`Backed up ${source}`);
  console.log(`  to   ${result.path}`);
  console.log(`  size ${mb} MB (${result.bytes} bytes)`);
  console.log(
    `  took ${(result.ms / 1000).toFixed(2)} s${result.restarts > 0 ? ` (restarted ${result.restarts}x by writes)` : ""}`,
  );
  console.log("  integrity_check ok");
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
