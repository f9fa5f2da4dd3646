import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { dataDirectory, isPostgresUrl, prepareDatabaseFile } from "@/lib/database-url";

/*
 * The database holds password hashes: it and its WAL files must be readable by their owner only,
 * whatever the umask, whether `npm run db:setup` (prisma migrate deploy + seed) or the app
 * creates it first.
 */

const ROOT = path.join(__dirname, "../..");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-db-file-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function modeOf(file: string): string {
  return (fs.statSync(file).mode & 0o777).toString(8);
}

it("creates the database owner-only under a permissive umask, and SQLite's -wal and -shm files follow it", () => {
  const file = path.join(dir, "data", "mesa.db");
  const output = execFileSync("sh", ["-c", "umask 022 && npm run --silent db:setup 2>&1"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  expect(modeOf(file)).toBe("600");
  // Created owner-only by migrate deploy, not tightened afterwards by the seed's connection.
  expect(output).not.toContain("readable by others");

  // While a connection is open in WAL mode (as the app keeps it), the side files exist.
  const previous = process.umask(0o022);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE wal_probe (x INTEGER)");
    expect(modeOf(`${file}-wal`)).toBe("600");
    expect(modeOf(`${file}-shm`)).toBe("600");
    expect(db.prepare("SELECT count(*) AS n FROM Deck").get()).toEqual({ n: expect.any(Number) });
  } finally {
    db.close();
    process.umask(previous);
  }
}, 120_000);

it("tightens an existing world-readable database and its WAL file, and says so", () => {
  const file = path.join(dir, "mesa.db");
  fs.writeFileSync(file, "", { mode: 0o644 });
  fs.writeFileSync(`${file}-wal`, "", { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  fs.chmodSync(`${file}-wal`, 0o644);
  const log: string[] = [];
  prepareDatabaseFile(`file:${file}`, (message) => log.push(message));
  expect([modeOf(file), modeOf(`${file}-wal`)]).toEqual(["600", "600"]);
  expect(log).toEqual([
    `${file} was readable by others (mode 644); it is now owner-only (600).`,
    `${file}-wal was readable by others (mode 644); it is now owner-only (600).`,
  ]);

  // Already owner-only: nothing to do, nothing logged.
  prepareDatabaseFile(`file:${file}`, (message) => log.push(message));
  expect(log).toHaveLength(2);
});

it("creates a missing database file empty and owner-only, with its folder", () => {
  const previous = process.umask(0o022);
  try {
    const file = path.join(dir, "nested", "mesa.db");
    prepareDatabaseFile(`file:${file}`, () => undefined);
    expect(modeOf(file)).toBe("600");
    expect(fs.statSync(file).size).toBe(0);
  } finally {
    process.umask(previous);
  }
});

describe("isPostgresUrl", () => {
  it("tells a PostgreSQL URL from an SQLite one", () => {
    expect(isPostgresUrl("postgresql://mesa@127.0.0.1:55432/mesa")).toBe(true);
    expect(isPostgresUrl("postgres://mesa@db/mesa")).toBe(true);
    expect(isPostgresUrl("POSTGRESQL://mesa@db/mesa")).toBe(true);
    expect(isPostgresUrl("file:./data/mesa.db")).toBe(false);
    expect(isPostgresUrl("file:postgresql.db")).toBe(false);
    expect(isPostgresUrl("")).toBe(false);
  });
});

describe("dataDirectory", () => {
  it("is the SQLite file's folder, or ./data for a PostgreSQL server (never a folder named after the URL)", () => {
    expect(dataDirectory("file:/srv/mesa/db/mesa.db")).toBe("/srv/mesa/db");
    expect(dataDirectory("postgresql://mesa@127.0.0.1:55432/mesa")).toBe(path.resolve("data"));
  });
});
