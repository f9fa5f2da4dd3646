import fs from "node:fs";
import path from "node:path";

// Shared by prisma.config.ts (CLI), lib/server/db.ts (app) and scripts, so all of them open the
// same file. Kept outside lib/server because the Prisma CLI cannot load "server-only".
export const DEFAULT_DATABASE_URL = "file:./data/mesa.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** True for a PostgreSQL URL (postgresql:// or postgres://); anything else is an SQLite `file:` URL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** The file path of a `file:` SQLite URL, resolved against the working directory. */
export function databaseFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:/, "").split("?")[0];
  return path.resolve(withoutScheme);
}

/**
 * The folder that holds what the app keeps beside its data (the session secret): the SQLite
 * file's folder, or the default one (./data) when the database is a PostgreSQL server.
 */
export function dataDirectory(url: string): string {
  return path.dirname(databaseFilePath(isPostgresUrl(url) ? DEFAULT_DATABASE_URL : url));
}

/** SQLite creates the file but not its folder. */
export function ensureDatabaseDirectory(url: string): void {
  fs.mkdirSync(path.dirname(databaseFilePath(url)), { recursive: true });
}

const OWNER_ONLY = 0o600;

/**
 * Creates the folder and the database file, readable by its owner only, before SQLite opens it:
 * it holds password hashes, and SQLite would create it with the umask's (usually world-readable)
 * permissions. SQLite gives the -wal and -shm files the main file's permissions, so they follow.
 * A database (or WAL file) that others can already read is tightened, and that is logged.
 */
export function prepareDatabaseFile(url: string, log: (message: string) => void = console.warn): void {
  ensureDatabaseDirectory(url);
  const file = databaseFilePath(url);
  try {
    fs.closeSync(fs.openSync(file, "wx", OWNER_ONLY));
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) {
    let mode: number;
    try {
      mode = fs.statSync(existing).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) !== 0) {
      fs.chmodSync(existing, OWNER_ONLY);
      log(`${existing} was readable by others (mode ${mode.toString(8)}); it is now owner-only (600).`);
    }
  }
}
