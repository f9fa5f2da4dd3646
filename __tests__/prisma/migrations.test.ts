import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { runPrismaCli } from "../helpers/prisma-cli";

/*
 * The migrations in prisma/migrations must build exactly the schema that schema.prisma describes;
 * otherwise a deployed database (migrate deploy) differs from what the generated client expects.
 * The one exception is SQL that schema.prisma cannot express (a partial index, a full-text
 * table), written by hand into a migration: each such object is listed below after review, with
 * the exact SQL it must have and why it exists. Anything else that differs fails.
 */

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface HandWrittenObject {
  type: "table" | "index" | "trigger" | "view";
  name: string;
  /** As stored in sqlite_master, whitespace collapsed. */
  sql: string;
  why: string;
  /** Tables SQLite creates along with it (an FTS5 table's shadow tables), whose SQL it writes itself. */
  shadowTables?: string[];
}

/** Reviewed: objects the migrations create that schema.prisma cannot describe. */
const HAND_WRITTEN: HandWrittenObject[] = [
  {
    type: "index",
    name: "Card_browser_due_idx",
    sql: 'CREATE INDEX "Card_browser_due_idx" ON "Card"("userId", ("state" = 0), "due", "id")',
    why: "The card browser's default order (scheduled cards by due date, new cards after them) read a page at a time in index order, not sorted from all of a 20,000-card user's cards per request. Prisma has no indexes on expressions.",
  },
  {
    type: "index",
    name: "Deck_builtin_slug_key",
    sql: 'CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL',
    why: "Built-in decks (ownerId NULL) are found by slug; SQLite treats NULLs as distinct, so @@unique([ownerId, slug]) does not stop two of them sharing one. Prisma has no partial indexes.",
  },
  {
    type: "table",
    name: "ConceptSearch",
    sql: `CREATE VIRTUAL TABLE "ConceptSearch" USING fts5( "term", "aliases", "definition", "examples", "conceptId", "userId" UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3' )`,
    why: "The card browser's full-text search (SQLite FTS5: case- and accent-insensitive, prefix indexes). One row per concept's own text (userId '') and one per user's wording of a built-in concept; kept in step by lib/server/concept-search.ts inside the write() that changes the text. Prisma has no virtual tables.",
    shadowTables: [
      "ConceptSearch_data",
      "ConceptSearch_idx",
      "ConceptSearch_content",
      "ConceptSearch_docsize",
      "ConceptSearch_config",
    ],
  },
];

function normalize(sql: string | null): string | null {
  // ALTER TABLE ADD/DROP COLUMN rewrites the stored CREATE TABLE with spaces before "," and ")".
  return sql === null
    ? null
    : sql
        .replace(/\s+/g, " ")
        .replace(/ ([,)])/g, "$1")
        .trim();
}

function schemaOf(file: string): SchemaObject[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as SchemaObject[];
    return rows.map((row) => ({ ...row, sql: normalize(row.sql) }));
  } finally {
    db.close();
  }
}

/** Every way the migrated schema departs from the pushed one, beyond the reviewed hand-written objects. */
function schemaDifferences(migrated: SchemaObject[], pushed: SchemaObject[], handWritten: HandWrittenObject[]): string[] {
  const problems: string[] = [];
  const byName = (objects: SchemaObject[]) => new Map(objects.map((o) => [o.name, o]));
  const fromMigrations = byName(migrated);
  const fromSchema = byName(pushed);
  const exempt = new Set<string>();
  for (const entry of handWritten) {
    exempt.add(entry.name);
    const found = fromMigrations.get(entry.name);
    if (!found) problems.push(`${entry.type} ${entry.name} is allow-listed but the migrations do not create it`);
    else if (found.type !== entry.type || found.sql !== normalize(entry.sql)) {
      problems.push(
        `${entry.type} ${entry.name} differs from its allow-listed SQL:\n  expected ${normalize(entry.sql)}\n  migrated ${found.type} ${found.sql}`,
      );
    }
    if (fromSchema.has(entry.name))
      problems.push(`${entry.name} is allow-listed as hand-written, but schema.prisma creates it too`);
    for (const shadow of entry.shadowTables ?? []) {
      exempt.add(shadow);
      if (fromMigrations.get(shadow)?.type !== "table") problems.push(`${entry.name}'s shadow table ${shadow} is missing`);
    }
  }
  for (const [name, object] of fromMigrations) {
    if (exempt.has(name)) continue;
    const expected = fromSchema.get(name);
    if (!expected)
      problems.push(
        `${object.type} ${name} is created by the migrations but not by schema.prisma (not allow-listed): ${object.sql}`,
      );
    else if (expected.type !== object.type || expected.tbl_name !== object.tbl_name || expected.sql !== object.sql) {
      problems.push(`${object.type} ${name} differs:\n  schema.prisma ${expected.sql}\n  migrations    ${object.sql}`);
    }
  }
  for (const [name, object] of fromSchema) {
    if (!fromMigrations.has(name) && !exempt.has(name))
      problems.push(`${object.type} ${name} is in schema.prisma but no migration creates it: ${object.sql}`);
  }
  return problems;
}

describe("prisma/migrations", () => {
  let dir: string;
  let migrated: string;
  let pushed: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-migrations-"));
    migrated = path.join(dir, "migrated.db");
    pushed = path.join(dir, "pushed.db");
    // Both work offline with the js schema engine (STACK.md). One after the other: run side by
    // side, they once outran a 30 s hook timeout on CI (not reproduced here, where both take ~1 s).
    await runPrismaCli(["migrate", "deploy"], migrated);
    await runPrismaCli(["db", "push", "--skip-generate"], pushed);
  }, 200_000);
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("build the same schema as schema.prisma (migrate deploy vs db push), apart from the reviewed hand-written objects", () => {
    const fromMigrations = schemaOf(migrated);
    const fromSchema = schemaOf(pushed);
    // Guard against comparing two empty databases.
    expect(fromSchema.filter((o) => o.type === "table").map((o) => o.name)).toEqual(
      expect.arrayContaining(["Card", "Concept", "Deck", "Enrolment", "ReviewLog", "User"]),
    );
    expect(schemaDifferences(fromMigrations, fromSchema, HAND_WRITTEN)).toEqual([]);
  });

  it("keep the indexes the design relies on", () => {
    const indexes = schemaOf(migrated)
      .filter((o) => o.type === "index")
      .map((o) => o.sql);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'CREATE INDEX "Card_userId_suspended_due_idx" ON "Card"("userId", "suspended", "due")',
        'CREATE UNIQUE INDEX "ReviewLog_userId_clientId_key" ON "ReviewLog"("userId", "clientId")',
        'CREATE INDEX "ReviewLog_userId_reviewedAt_idx" ON "ReviewLog"("userId", "reviewedAt")',
        'CREATE INDEX "ReviewLog_userId_undoneAt_reviewedAt_idx" ON "ReviewLog"("userId", "undoneAt", "reviewedAt")',
        'CREATE INDEX "ReviewLog_cardId_reviewedAt_idx" ON "ReviewLog"("cardId", "reviewedAt")',
        'CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey")',
        'CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL',
      ]),
    );
  });
});

describe("the schema comparison", () => {
  const table = (name: string, sql = `CREATE TABLE "${name}" ("id" TEXT)`): SchemaObject => ({
    type: "table",
    name,
    tbl_name: name,
    sql,
  });
  const partial: SchemaObject = {
    type: "index",
    name: "Deck_builtin_slug_key",
    tbl_name: "Deck",
    sql: 'CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL',
  };
  const listed: HandWrittenObject = { type: "index", name: partial.name, sql: partial.sql ?? "", why: "test" };

  it("accepts an allow-listed object with exactly its SQL", () => {
    expect(schemaDifferences([table("Deck"), partial], [table("Deck")], [listed])).toEqual([]);
  });

  it("reports an allow-listed object that is missing or whose SQL changed", () => {
    expect(schemaDifferences([table("Deck")], [table("Deck")], [listed])).toEqual([
      "index Deck_builtin_slug_key is allow-listed but the migrations do not create it",
    ]);
    const changed = { ...partial, sql: 'CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug")' };
    expect(schemaDifferences([table("Deck"), changed], [table("Deck")], [listed])).toHaveLength(1);
  });

  it("reports any object that is not allow-listed, on either side, and tables that differ", () => {
    expect(schemaDifferences([table("Deck"), partial], [table("Deck")], [])).toEqual([
      `index Deck_builtin_slug_key is created by the migrations but not by schema.prisma (not allow-listed): ${partial.sql}`,
    ]);
    expect(schemaDifferences([table("Deck")], [table("Deck"), table("Card")], [])).toHaveLength(1);
    expect(schemaDifferences([table("Deck", 'CREATE TABLE "Deck" ("id" INTEGER)')], [table("Deck")], [])).toHaveLength(1);
  });

  it("exempts an allow-listed full-text table's shadow tables, and only when they exist", () => {
    const fts: HandWrittenObject = {
      type: "table",
      name: "Search",
      sql: 'CREATE VIRTUAL TABLE "Search" USING fts5(term)',
      why: "test",
      shadowTables: ["Search_data"],
    };
    const virtual = table("Search", fts.sql);
    expect(schemaDifferences([virtual, table("Search_data")], [], [fts])).toEqual([]);
    expect(schemaDifferences([virtual], [], [fts])).toEqual(["Search's shadow table Search_data is missing"]);
  });
});
