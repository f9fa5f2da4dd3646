import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { databaseUrl, isPostgresUrl } from "@/lib/database-url";

/*
 * The few pieces of raw SQL that SQLite and PostgreSQL spell differently, each one function with a
 * version per database, so a query is written once and reads the same on both. What both accept
 * (CAST(x AS INTEGER), TRUE/FALSE, COALESCE, window functions) is written directly in the query.
 * The database is the one DATABASE_URL names, as lib/server/db.ts opens it.
 */

export type Dialect = "sqlite" | "postgresql";

export function dialect(): Dialect {
  return isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";
}

const onPostgres = () => dialect() === "postgresql";

/** A quoted identifier from our own code (never input). */
function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  return `"${name}"`;
}

/**
 * The strings of a JSON array (one bound parameter, however long the list) as a table `alias`
 * with one text column "value": `FROM ${jsonEach(ids)} CROSS JOIN "Card" c ON c."id" = j."value"`.
 */
export function jsonEach(json: string, alias = "j"): Prisma.Sql {
  return onPostgres()
    ? Prisma.sql`json_array_elements_text(CAST(${json} AS json)) AS ${Prisma.raw(ident(alias))}("value")`
    : Prisma.sql`json_each(${json}) ${Prisma.raw(ident(alias))}`;
}

/** `SELECT "value" FROM ...`: the strings of a JSON array as a subquery, for `x IN (...)`. */
export function jsonValues(json: string): Prisma.Sql {
  return Prisma.sql`SELECT "value" FROM ${jsonEach(json, "jv")}`;
}

/**
 * The strings of a JSON array held in a column (a concept's tags), as a table `alias` with a column
 * "value": `EXISTS (SELECT 1 FROM ${jsonColumnEach(expr, "t")} WHERE t."value" = ...)`.
 */
export function jsonColumnEach(expr: Prisma.Sql, alias: string): Prisma.Sql {
  return onPostgres()
    ? Prisma.sql`json_array_elements_text(CAST(${expr} AS json)) AS ${Prisma.raw(ident(alias))}("value")`
    : Prisma.sql`json_each(${expr}) ${Prisma.raw(ident(alias))}`;
}

export type TupleColumn = { name: string; type: "text" | "instant" };

/**
 * A JSON array of arrays as a table `alias` with the named columns, one per position: rows of
 * values bound as one parameter. An "instant" is passed as ISO text (raw-rows sqlInstant): SQLite
 * compares it as text with the stored DateTimes, PostgreSQL reads it as a timestamptz.
 */
export function jsonTuples(rows: unknown[][], columns: readonly TupleColumn[], alias = "j"): Prisma.Sql {
  const json = JSON.stringify(rows);
  const pg = onPostgres();
  const selected = columns.map(({ name, type }, i) => {
    if (!pg) return `json_extract("value", '$[${i}]') AS ${ident(name)}`;
    return type === "instant" ? `CAST("value"->>${i} AS timestamptz) AS ${ident(name)}` : `"value"->>${i} AS ${ident(name)}`;
  });
  const source = pg ? Prisma.sql`json_array_elements(CAST(${json} AS json))` : Prisma.sql`json_each(${json})`;
  return Prisma.sql`(SELECT ${Prisma.raw(selected.join(", "))} FROM ${source}) ${Prisma.raw(ident(alias))}`;
}

export type BulkCell = string | number | boolean | null;

/**
 * An INSERT of many rows bound as one JSON parameter (lib/server/bulk-insert.ts): SQLite unpacks
 * an array of arrays with json_each (a boolean as 0 or 1, as it stores them); PostgreSQL reads an
 * array of objects as rows of the table's own type (jsonb_populate_recordset), each value cast to
 * its column's type there. An instant is ISO text with its offset (raw-rows sqlInstant).
 */
export function bulkInsert(table: string, columns: readonly string[], rows: readonly (readonly BulkCell[])[]): Prisma.Sql {
  const names = columns.map(ident).join(", ");
  if (onPostgres()) {
    const json = JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]]))));
    return Prisma.sql`INSERT INTO ${Prisma.raw(ident(table))} (${Prisma.raw(names)})
      SELECT ${Prisma.raw(names)} FROM jsonb_populate_recordset(NULL::${Prisma.raw(ident(table))}, CAST(${json} AS jsonb))`;
  }
  const json = JSON.stringify(rows.map((row) => row.map((cell) => (typeof cell === "boolean" ? (cell ? 1 : 0) : cell))));
  const values = columns.map((_, i) => `"value" ->> ${i}`).join(", ");
  return Prisma.sql`INSERT INTO ${Prisma.raw(ident(table))} (${Prisma.raw(names)}) SELECT ${Prisma.raw(values)} FROM json_each(${json})`;
}

/** Whole seconds since the epoch of a DateTime expression (for bucketing by integer division). */
export function epochSeconds(expr: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`CAST(floor(extract(epoch FROM ${expr})) AS BIGINT)` : Prisma.sql`unixepoch(${expr})`;
}

/** Milliseconds since the epoch of a DateTime expression, as an integer. */
export function epochMs(expr: Prisma.Sql): Prisma.Sql {
  return onPostgres()
    ? Prisma.sql`CAST(round(extract(epoch FROM ${expr}) * 1000) AS BIGINT)`
    : Prisma.sql`CAST(round(unixepoch(${expr}, 'subsec') * 1000) AS INTEGER)`;
}

/** The larger of two values (SQLite's two-argument MAX). */
export function greatest(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`GREATEST(${a}, ${b})` : Prisma.sql`MAX(${a}, ${b})`;
}

/** The values of a group joined into one string with `separator` (order unspecified). */
export function groupConcat(expr: Prisma.Sql, separator: string): Prisma.Sql {
  return onPostgres()
    ? Prisma.sql`string_agg(CAST(${expr} AS TEXT), ${Prisma.raw(`'${separator.replace(/'/g, "''")}'`)})`
    : Prisma.sql`group_concat(${expr}, ${Prisma.raw(`'${separator.replace(/'/g, "''")}'`)})`;
}

/**
 * A DateTime expression as ISO text that `new Date()` reads: SQLite stores it so already;
 * PostgreSQL's own text form ("2026-03-07 12:00:00+00") is not one JavaScript parses everywhere.
 */
export function instantText(expr: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : expr;
}

/** A DateTime expression plus whole hours, comparable with stored DateTimes. */
export function plusHours(expr: Prisma.Sql, hours: number): Prisma.Sql {
  const n = Math.trunc(hours);
  return onPostgres()
    ? Prisma.sql`(${expr} + interval '${Prisma.raw(String(n))} hours')`
    : Prisma.sql`strftime('%Y-%m-%dT%H:%M:%f+00:00', ${expr}, '${Prisma.raw(`${n >= 0 ? "+" : ""}${n}`)} hours')`;
}

/**
 * A table with a planner hint: SQLite's INDEXED BY makes its planner use the index it cannot
 * choose without statistics; PostgreSQL's planner has statistics and takes no hints.
 */
export function indexedBy(table: string, alias: string | null, index: string): Prisma.Sql {
  const named = alias ? `${ident(table)} AS ${alias}` : ident(table);
  return Prisma.raw(onPostgres() ? named : `${named} INDEXED BY ${ident(index)}`);
}

/** A column kept out of index choice (SQLite's unary +); PostgreSQL plans from statistics. */
export function unindexed(column: string): Prisma.Sql {
  return Prisma.raw(onPostgres() ? column : `+${column}`);
}

/** A text expression ordered without regard to case (ASCII, as SQLite's NOCASE). */
export function caseless(expr: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`lower(${expr})` : Prisma.sql`${expr} COLLATE NOCASE`;
}

/** The number of true values of a boolean expression in a group (SQLite stores booleans as 0/1). */
export function countTrue(expr: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`SUM(CASE WHEN ${expr} THEN 1 ELSE 0 END)` : Prisma.sql`SUM(${expr})`;
}

/**
 * A number that moves when another connection commits a change: SQLite's data_version; on
 * PostgreSQL the snapshot's next transaction id, which moves when any transaction that wrote
 * (another process's or this one's) has begun. Memos of what was read are kept while it stays.
 */
export function dataVersionSql(): Prisma.Sql {
  return onPostgres()
    ? Prisma.sql`SELECT CAST(pg_snapshot_xmax(pg_current_snapshot()) AS TEXT) AS "version"`
    : Prisma.sql`SELECT data_version AS "version" FROM pragma_data_version`;
}

/** The position of `needle` in a text expression, from 1 (0 when absent). */
export function position(needle: string, expr: Prisma.Sql): Prisma.Sql {
  const literal = Prisma.raw(`'${needle.replace(/'/g, "''")}'`);
  return onPostgres() ? Prisma.sql`strpos(${expr}, ${literal})` : Prisma.sql`instr(${expr}, ${literal})`;
}

/**
 * A join whose order is fixed (the left side the outer loop): SQLite's CROSS JOIN ... ON, which
 * its planner never reorders; PostgreSQL has no such join with ON, and plans the order itself.
 */
export function crossJoin(): Prisma.Sql {
  return Prisma.raw(onPostgres() ? "JOIN" : "CROSS JOIN");
}

/** The smaller of two values (SQLite's two-argument MIN). */
export function least(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return onPostgres() ? Prisma.sql`LEAST(${a}, ${b})` : Prisma.sql`MIN(${a}, ${b})`;
}

/**
 * A bound number that may have a fraction. PostgreSQL infers a parameter's type from its context
 * (an integer column makes it a bigint, and "0.9" then fails), so there it is cast to a double.
 */
export function real(value: number): Prisma.Sql {
  return onPostgres() ? Prisma.sql`CAST(${value} AS DOUBLE PRECISION)` : Prisma.sql`${value}`;
}
