/*
 * `npm run db:copy -- --from <url> --to <url>`: copies a whole Mesa installation between SQLite
 * (`file:...`) and PostgreSQL (`postgresql://...`), ids kept.
 *
 * - The target is migrated first (SQLite: `prisma migrate deploy`, as `npm run db:setup` does
 *   without the seed; PostgreSQL: scripts/pg-migrate.ts) and must hold no rows.
 * - The source is read in one consistent snapshot (SQLite: one read transaction; PostgreSQL: a
 *   REPEATABLE READ READ ONLY transaction); everything is written to the target in one transaction.
 * - Values are converted exactly: instants (SQLite ISO text, or ms) <-> timestamptz, 0/1 <-> booleans,
 *   floats as the shortest text that reads back bit-exact, JSON text kept as text.
 * - The full-text index ("ConceptSearch") is rebuilt on the target from the copied concepts and
 *   overrides with the same SQL as lib/server/concept-search.ts (which runs inside the app's
 *   write() and cannot be loaded by a script).
 * - Afterwards every table is read back from the target; its row count and a checksum of its rows
 *   are compared with the source's, printed as a table, and any difference fails the run.
 *
 * The table list, column types and foreign keys come from the SQLite side (source or freshly
 * migrated target), so a new model is copied without changes here.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { Client } from "pg";
import { databaseFilePath, isPostgresUrl, prepareDatabaseFile } from "@/lib/database-url";
import { migratePostgres } from "./pg-migrate";

type Kind = "sqlite" | "postgres";
type ColumnType = "datetime" | "boolean" | "float" | "integer" | "text";
type Value = string | number | boolean | null;
/** A row in neutral form: instants as ms, booleans as booleans, numbers as numbers. */
type Row = Value[];

export interface Column {
  name: string;
  type: ColumnType;
  notNull: boolean;
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Nullable foreign-key columns written after every table is in (they close a cycle: User.inviteId). */
  deferred: string[];
}

export interface TableReport {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

export interface CopyResult {
  tables: TableReport[];
  ok: boolean;
  ms: number;
}

/** Tables that are not data: migration bookkeeping, SQLite internals and the derived search index. */
const SKIPPED_TABLES = /^(_prisma_migrations|_mesa_migrations|sqlite_.*|ConceptSearch.*)$/;
const SEARCH_TABLE = "ConceptSearch";
const SEARCH_COLUMNS = ["term", "aliases", "definition", "examples", "conceptId", "userId"];
/** Rows per INSERT: large enough that a 500,000-row review log is a hundred statements. */
const BATCH_ROWS = 5_000;
const PG_ARRAY_TYPES: Record<ColumnType, string> = {
  datetime: "timestamptz[]",
  boolean: "boolean[]",
  float: "float8[]",
  integer: "int8[]",
  text: "text[]",
};

const PRISMA = path.join(__dirname, "../node_modules/.bin/prisma");

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function kindOf(url: string): Kind {
  if (isPostgresUrl(url)) return "postgres";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`not a database URL: ${url} (use file:<path> for SQLite or postgresql://... for PostgreSQL)`);
}

function columnTypeOf(declared: string): ColumnType {
  const type = declared.toUpperCase();
  if (type === "DATETIME") return "datetime";
  if (type === "BOOLEAN") return "boolean";
  if (type === "REAL" || type === "DOUBLE" || type === "FLOAT") return "float";
  if (type === "INTEGER" || type === "BIGINT") return "integer";
  return "text";
}

/** The data tables of a migrated SQLite database, in an order that respects foreign keys. */
export function schemaOf(db: Database.Database): Table[] {
  const names = (
    db.prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' ORDER BY "name"`).all() as { name: string }[]
  )
    .map((row) => row.name)
    .filter((name) => !SKIPPED_TABLES.test(name));
  const tables = new Map<string, Table>();
  const references = new Map<string, { column: string; table: string }[]>();
  for (const name of names) {
    const info = db.pragma(`table_info(${quote(name)})`) as { name: string; type: string; notnull: number; pk: number }[];
    const columns = info.map((c) => ({ name: c.name, type: columnTypeOf(c.type), notNull: c.notnull === 1 }));
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    if (primaryKey.length === 0) throw new Error(`table ${name} has no primary key`);
    tables.set(name, { name, columns, primaryKey, deferred: [] });
    const keys = db.pragma(`foreign_key_list(${quote(name)})`) as { table: string; from: string }[];
    references.set(
      name,
      keys.filter((k) => k.table !== name).map((k) => ({ column: k.from, table: k.table })),
    );
  }
  // Kahn's order; a cycle is broken at a nullable column, filled in after all rows are in.
  const ordered: Table[] = [];
  const placed = new Set<string>();
  while (placed.size < names.length) {
    const ready = names.filter(
      (name) =>
        !placed.has(name) &&
        references
          .get(name)!
          .every((ref) => placed.has(ref.table) || !tables.has(ref.table) || tables.get(name)!.deferred.includes(ref.column)),
    );
    if (ready.length > 0) {
      for (const name of ready) {
        placed.add(name);
        ordered.push(tables.get(name)!);
      }
      continue;
    }
    const breakable = names
      .filter((name) => !placed.has(name))
      .flatMap((name) =>
        references
          .get(name)!
          .filter((ref) => !placed.has(ref.table) && !tables.get(name)!.columns.find((c) => c.name === ref.column)!.notNull)
          .map((ref) => ({ name, column: ref.column })),
      )[0];
    if (!breakable) throw new Error("the foreign keys form a cycle of required columns");
    const table = tables.get(breakable.name)!;
    if (table.primaryKey.length !== 1) throw new Error(`cannot defer ${breakable.name}.${breakable.column}: composite key`);
    table.deferred.push(breakable.column);
  }
  return ordered;
}

// ---- values -------------------------------------------------------------------------------------

const SQLITE_PLAIN_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** An SQLite DateTime (the adapter's ISO text, CURRENT_TIMESTAMP's UTC text, or ms) as ms. */
function sqliteInstant(value: unknown, where: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") {
    const ms = Date.parse(SQLITE_PLAIN_TIMESTAMP.test(value) ? `${value.replace(" ", "T")}Z` : value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new Error(`${where}: not an instant: ${JSON.stringify(value)}`);
}

function textOf(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw new Error(`${where}: not text: ${typeof value}`);
}

function fromSqlite(table: Table, raw: Record<string, unknown>): Row {
  return table.columns.map((column) => {
    const value = raw[column.name];
    if (value === null || value === undefined) return null;
    switch (column.type) {
      case "datetime":
        return sqliteInstant(value, `${table.name}.${column.name}`);
      case "boolean":
        return value === 1 || value === 1n || value === true;
      case "float":
      case "integer":
        return Number(value);
      default:
        return textOf(value, `${table.name}.${column.name}`);
    }
  });
}

function fromPostgres(table: Table, raw: Record<string, unknown>): Row {
  return table.columns.map((column) => {
    const value = raw[column.name];
    if (value === null || value === undefined) return null;
    switch (column.type) {
      case "datetime":
        return value instanceof Date ? value.getTime() : Date.parse(textOf(value, `${table.name}.${column.name}`));
      case "boolean":
        return value === true;
      case "float":
      case "integer":
        return typeof value === "number" ? value : Number(value);
      default:
        return textOf(value, `${table.name}.${column.name}`);
    }
  });
}

/** As the app's SQLite adapter (Prisma, timestampFormat iso8601) writes values. */
function toSqlite(column: Column, value: Value): string | number | null {
  if (value === null) return null;
  if (column.type === "datetime") return new Date(value as number).toISOString().replace("Z", "+00:00");
  if (column.type === "boolean") return value ? 1 : 0;
  return value as string | number;
}

function toPostgres(column: Column, value: Value): string | number | boolean | null {
  if (value === null) return null;
  if (column.type === "datetime") return new Date(value as number).toISOString();
  return value;
}

/** The checksum's form of a value: instants as ms, booleans as 0/1, numbers and text as JSON. */
function normalised(value: Value): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  return JSON.stringify(value);
}

function keyOf(table: Table, row: Row): string {
  return JSON.stringify(table.primaryKey.map((name) => row[table.columns.findIndex((c) => c.name === name)]));
}

/** sha256 over the rows in primary-key order (compared in JavaScript, so both databases' collations agree). */
export function checksumOf(table: Table, rows: Row[]): string {
  const keyed = rows.map((row) => ({ key: keyOf(table, row), line: row.map(normalised).join(",") }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const hash = createHash("sha256");
  for (const { line } of keyed) hash.update(line).update("\n");
  return hash.digest("hex");
}

// ---- database access ----------------------------------------------------------------------------

function migrateSqlite(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      PRISMA,
      ["migrate", "deploy"],
      { cwd: path.join(__dirname, ".."), env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" } },
      (error, stdout, stderr) => (error ? reject(new Error(`prisma migrate deploy failed:\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

function readSqliteTables(db: Database.Database, tables: Table[]): Map<string, Row[]> {
  const data = new Map<string, Row[]>();
  for (const table of tables) {
    const rows: Row[] = [];
    for (const raw of db.prepare(`SELECT * FROM ${quote(table.name)}`).iterate()) {
      rows.push(fromSqlite(table, raw as Record<string, unknown>));
    }
    data.set(table.name, rows);
  }
  return data;
}

async function readPostgresTables(client: Client, tables: Table[]): Promise<Map<string, Row[]>> {
  const data = new Map<string, Row[]>();
  for (const table of tables) {
    const columns = table.columns.map((c) => quote(c.name)).join(", ");
    const { rows } = await client.query<Record<string, unknown>>(`SELECT ${columns} FROM ${quote(table.name)}`);
    data.set(
      table.name,
      rows.map((raw) => fromPostgres(table, raw)),
    );
  }
  return data;
}

async function checkPostgresColumns(client: Client, tables: Table[]): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  const present = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  for (const table of tables) {
    for (const column of table.columns) {
      if (!present.has(`${table.name}.${column.name}`)) {
        throw new Error(`the PostgreSQL database has no column ${table.name}.${column.name}: are both at the same migration?`);
      }
    }
  }
}

function sqliteNonEmpty(db: Database.Database, tables: Table[]): string[] {
  return [...tables.map((t) => t.name), SEARCH_TABLE].filter(
    (name) => (db.prepare(`SELECT EXISTS (SELECT 1 FROM ${quote(name)}) AS "any"`).get() as { any: number }).any === 1,
  );
}

async function postgresNonEmpty(client: Client, tables: Table[]): Promise<string[]> {
  const full: string[] = [];
  for (const name of [...tables.map((t) => t.name), SEARCH_TABLE]) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(name)}) AS "any"`);
    if (rows[0].any) full.push(name);
  }
  return full;
}

function refuseNonEmpty(full: string[]): void {
  if (full.length > 0) {
    throw new Error(`the target database is not empty (rows in ${full.join(", ")}); copy into a new, empty database`);
  }
}

function writeSqlite(db: Database.Database, tables: Table[], data: Map<string, Row[]>): void {
  for (const table of tables) {
    const columns = table.columns;
    const deferred = new Set(table.deferred);
    const insert = db.prepare(
      `INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    for (const row of data.get(table.name)!) {
      insert.run(columns.map((c, i) => (deferred.has(c.name) ? null : toSqlite(c, row[i]))));
    }
  }
  for (const table of tables) {
    for (const name of table.deferred) {
      const index = table.columns.findIndex((c) => c.name === name);
      const key = table.columns.findIndex((c) => c.name === table.primaryKey[0]);
      const update = db.prepare(`UPDATE ${quote(table.name)} SET ${quote(name)} = ? WHERE ${quote(table.primaryKey[0])} = ?`);
      for (const row of data.get(table.name)!) {
        if (row[index] !== null) update.run(toSqlite(table.columns[index], row[index]), toSqlite(table.columns[key], row[key]));
      }
    }
  }
  db.exec(`
    INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
    SELECT "term", "aliases", "definition", "examples", "id", '' FROM "Concept";
    INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
    SELECT c."term", COALESCE(o."aliases", c."aliases"), COALESCE(o."definition", c."definition"),
           COALESCE(o."examples", c."examples"), c."id", o."userId"
    FROM "ConceptOverride" o JOIN "Concept" c ON c."id" = o."conceptId"
    WHERE o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL;`);
}

/** The PostgreSQL search document, as lib/server/concept-search.ts builds it. */
function documentSql(term: string, aliases: string, definition: string, examples: string): string {
  const column = (expr: string, weight: string) => `setweight(to_tsvector('simple', unaccent(${expr})), '${weight}')`;
  return [column(term, "A"), column(aliases, "B"), column(definition, "C"), column(examples, "D")].join(" || ");
}

async function writePostgres(client: Client, tables: Table[], data: Map<string, Row[]>): Promise<void> {
  for (const table of tables) {
    const columns = table.columns;
    const deferred = new Set(table.deferred);
    const rows = data.get(table.name)!;
    // One array parameter per column (unnest): a batch costs as many parameters as the table has columns.
    const sql = `INSERT INTO ${quote(table.name)} (${columns.map((c) => quote(c.name)).join(", ")})
      SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${PG_ARRAY_TYPES[c.type]}`).join(", ")})`;
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      const slice = rows.slice(start, start + BATCH_ROWS);
      await client.query(
        sql,
        columns.map((c, i) => slice.map((row) => (deferred.has(c.name) ? null : toPostgres(c, row[i])))),
      );
    }
  }
  for (const table of tables) {
    for (const name of table.deferred) {
      const index = table.columns.findIndex((c) => c.name === name);
      const key = table.columns.findIndex((c) => c.name === table.primaryKey[0]);
      const pairs = data.get(table.name)!.filter((row) => row[index] !== null);
      await client.query(
        `UPDATE ${quote(table.name)} AS t SET ${quote(name)} = v.value
         FROM unnest($1::text[], $2::text[]) AS v(key, value) WHERE t.${quote(table.primaryKey[0])} = v.key`,
        [pairs.map((row) => String(row[key])), pairs.map((row) => String(row[index]))],
      );
    }
  }
  await client.query(`
    INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId", "document")
    SELECT "term", "aliases", "definition", "examples", "id", '', ${documentSql('"term"', '"aliases"', '"definition"', '"examples"')}
    FROM "Concept"`);
  await client.query(`
    INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId", "document")
    SELECT t."term", t."aliases", t."definition", t."examples", t."conceptId", t."userId",
           ${documentSql('t."term"', 't."aliases"', 't."definition"', 't."examples"')}
    FROM (SELECT c."term", COALESCE(o."aliases", c."aliases") AS "aliases", COALESCE(o."definition", c."definition") AS "definition",
                 COALESCE(o."examples", c."examples") AS "examples", c."id" AS "conceptId", o."userId"
          FROM "ConceptOverride" o JOIN "Concept" c ON c."id" = o."conceptId"
          WHERE o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL) t`);
}

/** The search index as text rows (the tsvector is derived), for the count and checksum. */
const SEARCH_TABLE_SHAPE: Table = {
  name: SEARCH_TABLE,
  columns: SEARCH_COLUMNS.map((name) => ({ name, type: "text", notNull: true })),
  primaryKey: SEARCH_COLUMNS,
  deferred: [],
};

/**
 * The index rows the rebuild must produce from the copied rows (the source's own index is not
 * compared: it is derived, and a copy must not carry over an index that had drifted).
 */
function expectedSearchRows(tables: Table[], data: Map<string, Row[]>): Row[] {
  const field = (tableName: string) => {
    const table = tables.find((t) => t.name === tableName)!;
    return (row: Row, name: string) => row[table.columns.findIndex((c) => c.name === name)];
  };
  const concept = field("Concept");
  const override = field("ConceptOverride");
  const concepts = new Map(data.get("Concept")!.map((row) => [concept(row, "id"), row]));
  const rows: Row[] = data
    .get("Concept")!
    .map((row) => [
      concept(row, "term"),
      concept(row, "aliases"),
      concept(row, "definition"),
      concept(row, "examples"),
      concept(row, "id"),
      "",
    ]);
  for (const row of data.get("ConceptOverride")!) {
    const own = concepts.get(override(row, "conceptId"))!;
    const text = (name: string) => override(row, name) ?? concept(own, name);
    if (override(row, "definition") === null && override(row, "aliases") === null && override(row, "examples") === null) continue;
    rows.push([
      concept(own, "term"),
      text("aliases"),
      text("definition"),
      text("examples"),
      concept(own, "id"),
      override(row, "userId"),
    ]);
  }
  return rows;
}

// ---- the copy -----------------------------------------------------------------------------------

interface Side {
  kind: Kind;
  url: string;
}

async function withPostgres<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The SQLite file of a `file:` URL. */
function sqliteFile(url: string): string {
  return databaseFilePath(url);
}

export async function copyDatabase(fromUrl: string, toUrl: string): Promise<CopyResult> {
  const started = performance.now();
  const from: Side = { kind: kindOf(fromUrl), url: fromUrl };
  const to: Side = { kind: kindOf(toUrl), url: toUrl };
  if (from.kind === to.kind) {
    throw new Error(
      from.kind === "sqlite"
        ? "both databases are SQLite: copy the file with npm run backup"
        : "both databases are PostgreSQL: copy with pg_dump and pg_restore",
    );
  }
  if (from.kind === "sqlite" && !fs.existsSync(sqliteFile(from.url))) throw new Error(`No database at ${sqliteFile(from.url)}.`);

  // Migrate the target; the SQLite side (either one) then gives the schema.
  if (to.kind === "sqlite") {
    prepareDatabaseFile(to.url);
    await migrateSqlite(sqliteFile(to.url));
  } else {
    await migratePostgres(to.url);
  }
  const sqlite = new Database(sqliteFile(from.kind === "sqlite" ? from.url : to.url), {
    fileMustExist: true,
    readonly: from.kind === "sqlite",
  });
  try {
    sqlite.pragma("busy_timeout = 5000");
    const tables = schemaOf(sqlite);
    const all = [...tables, SEARCH_TABLE_SHAPE];
    return await withPostgres(from.kind === "postgres" ? from.url : to.url, async (pg) => {
      await checkPostgresColumns(pg, tables);
      let source: Map<string, Row[]>;
      let readTarget: (table: Table) => Promise<Row[]>;
      if (from.kind === "sqlite") {
        refuseNonEmpty(await postgresNonEmpty(pg, tables));
        sqlite.exec("BEGIN");
        try {
          source = readSqliteTables(sqlite, tables);
        } finally {
          sqlite.exec("COMMIT");
        }
        await pg.query("BEGIN");
        try {
          refuseNonEmpty(await postgresNonEmpty(pg, tables));
          await writePostgres(pg, tables, source);
          await pg.query("COMMIT");
        } catch (error) {
          await pg.query("ROLLBACK");
          throw error;
        }
        readTarget = async (table) => (await readPostgresTables(pg, [table])).get(table.name)!;
      } else {
        refuseNonEmpty(sqliteNonEmpty(sqlite, tables));
        await pg.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
          source = await readPostgresTables(pg, tables);
        } finally {
          await pg.query("COMMIT");
        }
        sqlite
          .transaction(() => {
            refuseNonEmpty(sqliteNonEmpty(sqlite, tables));
            writeSqlite(sqlite, tables, source);
          })
          .immediate();
        readTarget = (table) => Promise.resolve(readSqliteTables(sqlite, [table]).get(table.name)!);
      }
      source.set(SEARCH_TABLE, expectedSearchRows(tables, source));
      // One table of the target in memory at a time; each source table is let go once checked.
      const reports: TableReport[] = [];
      for (const table of all) {
        const sourceRows = source.get(table.name)!;
        source.delete(table.name);
        const targetRows = await readTarget(table);
        const sourceChecksum = checksumOf(table, sourceRows);
        const targetChecksum = checksumOf(table, targetRows);
        reports.push({
          table: table.name,
          sourceRows: sourceRows.length,
          targetRows: targetRows.length,
          sourceChecksum,
          targetChecksum,
          ok: sourceRows.length === targetRows.length && sourceChecksum === targetChecksum,
        });
      }
      return { tables: reports, ok: reports.every((r) => r.ok), ms: performance.now() - started };
    });
  } finally {
    sqlite.close();
  }
}

/** The verification as a table: one line per table, source and target side by side. */
export function formatReport(result: CopyResult): string {
  const width = Math.max(...result.tables.map((t) => t.table.length), "table".length);
  const lines = [
    `${"table".padEnd(width)}  ${"source rows".padStart(11)}  ${"target rows".padStart(11)}  source sha256  target sha256  result`,
  ];
  for (const t of result.tables) {
    lines.push(
      `${t.table.padEnd(width)}  ${String(t.sourceRows).padStart(11)}  ${String(t.targetRows).padStart(11)}  ${t.sourceChecksum.slice(0, 12)}   ${t.targetChecksum.slice(0, 12)}   ${t.ok ? "ok" : "DIFFERENT"}`,
    );
  }
  return lines.join("\n");
}

function parseArgs(args: string[]): { from: string; to: string } {
  const value = (flag: string) => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1]?.trim() : undefined;
  };
  const from = value("--from");
  const to = value("--to");
  if (!from || !to) throw new Error("Usage: npm run db:copy -- --from <url> --to <url>  (file:<path> or postgresql://...)");
  return { from, to };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

async function main(args: string[]): Promise<void> {
  const { from, to } = parseArgs(args);
  const result = await copyDatabase(from, to);
  console.log(`Copied ${redact(from)}\n  to   ${redact(to)}\n`);
  console.log(formatReport(result));
  const rows = result.tables.reduce((sum, t) => sum + t.targetRows, 0);
  console.log(`\n${rows} rows in ${(result.ms / 1000).toFixed(2)} s`);
  if (!result.ok) {
    console.error("The copy differs from the source (see DIFFERENT above).");
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
