import fs from "node:fs";
import path from "node:path";

// Shared by prisma.config.ts (CLI), lib/server/db.ts (app) and scripts, so all of them open the
// same file. Kept outside lib/server because the Prisma CLI cannot load "server-only".
export const DEFAULT_DATABASE_URL = "file:./data/mesa.db";

export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** The file path of a `file:` SQLite URL, resolved against the working directory. */
export function databaseFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:/, "").split("?")[0];
  return path.resolve(withoutScheme);
}

/** SQLite creates the file but not its folder. */
export function ensureDatabaseDirectory(url: string): void {
  fs.mkdirSync(path.dirname(databaseFilePath(url)), { recursive: true });
}
