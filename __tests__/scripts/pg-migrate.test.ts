import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { migratePostgres, migrationsIn, POSTGRES_MIGRATIONS } from "../../scripts/pg-migrate";
import { createScratchDatabase, dropScratchDatabase, PG_URL } from "../helpers/pg";

/*
 * The PostgreSQL migration runner against a real server (MESA_PG_URL, from
 * scripts/pg-cluster.sh start); skipped without one.
 */
const describeWithPg = PG_URL ? describe : describe.skip;

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationFolder(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-pg-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("the PostgreSQL migrations folder", () => {
  it("holds migrations in timestamp order, each a migration.sql", () => {
    const names = migrationsIn(POSTGRES_MIGRATIONS).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });
});

describeWithPg("scripts/pg-migrate.ts", () => {
  const server = PG_URL as string;
  const made: string[] = [];
  async function scratch(): Promise<string> {
    const { name, url } = await createScratchDatabase(server, "mesa_migrate");
    made.push(name);
    return url;
  }
  afterAll(async () => {
    for (const name of made) await dropScratchDatabase(server, name);
  });

  it("applies every migration to an empty database, records each with its checksum, then has nothing to do", async () => {
    const url = await scratch();
    const all = migrationsIn();
    const first = await migratePostgres(url);
    expect(first).toEqual({ applied: all.map((m) => m.name), alreadyApplied: [] });
    const recorded = await query<{ name: string; checksum: string }>(
      url,
      `SELECT "name", "checksum" FROM "_mesa_migrations" ORDER BY "name"`,
    );
    expect(recorded).toEqual(all.map((m) => ({ name: m.name, checksum: m.checksum })));
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(["User", "Card", "ReviewLog", "ConceptSearch", "Deck", "Concept", "_mesa_migrations"]),
    );
    const indexes = await query<{ indexname: string }>(url, `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        "Deck_builtin_slug_key",
        "Card_browser_due_idx",
        "ConceptSearch_document_idx",
        "ReviewLog_userId_clientId_key",
      ]),
    );
    expect(await migratePostgres(url)).toEqual({ applied: [], alreadyApplied: all.map((m) => m.name) });
  });

  it("builds the same tables, columns and indexes as the SQLite migrations", async () => {
    const url = await scratch();
    await migratePostgres(url);
    const template = process.env.MESA_TEST_TEMPLATE_DB as string;
    const sqlite = new Database(template, { readonly: true });
    const sqliteColumns = new Map<string, string[]>();
    const sqliteIndexes: string[] = [];
    try {
      const tables = sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ConceptSearch_%'",
        )
        .all() as { name: string }[];
      for (const { name } of tables) {
        const columns = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
        sqliteColumns.set(name, columns.map((c) => c.name).sort());
      }
      const indexes = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
        .all() as {
        name: string;
      }[];
      sqliteIndexes.push(...indexes.map((i) => i.name));
    } finally {
      sqlite.close();
    }
    const pgColumns = await query<{ table_name: string; column_name: string }>(
      url,
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_mesa_migrations'`,
    );
    const byTable = new Map<string, string[]>();
    for (const { table_name, column_name } of pgColumns)
      byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
    // The PostgreSQL search table keeps its words in a tsvector column, where FTS5 keeps them in shadow tables.
    byTable.set(
      "ConceptSearch",
      (byTable.get("ConceptSearch") ?? []).filter((c) => c !== "document"),
    );
    expect(new Map([...byTable].map(([t, cs]) => [t, [...cs].sort()]))).toEqual(sqliteColumns);
    const pgIndexes = await query<{ indexname: string }>(
      url,
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' AND tablename <> '_mesa_migrations'`,
    );
    const searchIndexes = ["ConceptSearch_document_idx", "ConceptSearch_conceptId_userId_idx"];
    // PostgreSQL names are at most 63 bytes: Prisma shortens the longer ones.
    const shortened: Record<string, string> = {
      ReviewLog_userId_undoneAt_reviewedAt_state_scheduledDays_grade_durationMs_idx:
        "ReviewLog_userId_undoneAt_reviewedAt_state_scheduledDays_gr_idx",
    };
    expect(
      pgIndexes
        .map((i) => i.indexname)
        .filter((n) => !searchIndexes.includes(n))
        .sort(),
    ).toEqual(sqliteIndexes.map((n) => shortened[n] ?? n).sort());
  });

  it("applies only the pending ones, in order", async () => {
    const url = await scratch();
    const dir = migrationFolder({ "20260101000000_a": 'CREATE TABLE "A" ("x" INT);' });
    expect((await migratePostgres(url, dir)).applied).toEqual(["20260101000000_a"]);
    fs.mkdirSync(path.join(dir, "20260102000000_b"));
    fs.writeFileSync(path.join(dir, "20260102000000_b", "migration.sql"), 'INSERT INTO "A" VALUES (1);');
    expect(await migratePostgres(url, dir)).toEqual({ applied: ["20260102000000_b"], alreadyApplied: ["20260101000000_a"] });
    expect(await query<{ x: number }>(url, 'SELECT "x" FROM "A"')).toEqual([{ x: 1 }]);
  });

  it("refuses a migration changed after it was applied, and changes nothing", async () => {
    const url = await scratch();
    const dir = migrationFolder({ "20260101000000_a": 'CREATE TABLE "A" ("x" INT);' });
    await migratePostgres(url, dir);
    const changed = 'CREATE TABLE "A" ("x" BIGINT);';
    fs.writeFileSync(path.join(dir, "20260101000000_a", "migration.sql"), changed);
    fs.mkdirSync(path.join(dir, "20260102000000_b"));
    fs.writeFileSync(path.join(dir, "20260102000000_b", "migration.sql"), 'CREATE TABLE "B" ("y" INT);');
    await expect(migratePostgres(url, dir)).rejects.toThrow(/20260101000000_a was changed after it was applied/);
    const tables = await query<{ tablename: string }>(url, `SELECT tablename FROM pg_tables WHERE tablename = 'B'`);
    expect(tables).toEqual([]);
  });

  it("refuses a database that has a migration the folder lacks", async () => {
    const url = await scratch();
    await migratePostgres(url, migrationFolder({ "20260101000000_a": 'CREATE TABLE "A" ("x" INT);' }));
    await expect(migratePostgres(url, migrationFolder({}))).rejects.toThrow(
      /20260101000000_a was applied to this database but is not in/,
    );
  });

  it("rolls a failing migration back whole and does not record it", async () => {
    const url = await scratch();
    const dir = migrationFolder({
      "20260101000000_a": 'CREATE TABLE "A" ("x" INT);',
      "20260102000000_b": 'CREATE TABLE "B" ("y" INT); INSERT INTO "Missing" VALUES (1);',
    });
    await expect(migratePostgres(url, dir)).rejects.toThrow(
      /migration 20260102000000_b failed: relation "Missing" does not exist/,
    );
    const recorded = await query<{ name: string }>(url, `SELECT "name" FROM "_mesa_migrations"`);
    expect(recorded).toEqual([{ name: "20260101000000_a" }]);
    expect(await query(url, `SELECT tablename FROM pg_tables WHERE tablename = 'B'`)).toEqual([]);
  });

  it("lets two servers starting at once apply each migration exactly once", async () => {
    const url = await scratch();
    // Slow enough that the second run starts while the first holds the lock.
    const dir = migrationFolder({ "20260101000000_a": 'SELECT pg_sleep(0.3); CREATE TABLE "A" ("x" INT);' });
    const [one, two] = await Promise.all([migratePostgres(url, dir), migratePostgres(url, dir)]);
    expect([...one.applied, ...two.applied]).toEqual(["20260101000000_a"]);
    expect([...one.alreadyApplied, ...two.alreadyApplied]).toEqual(["20260101000000_a"]);
  });
});
