import "server-only";
import type { WriteTx } from "./db";
import { SCHEDULING_FIELDS } from "@/lib/srs/card";
import { SNAPSHOT_FIELDS } from "./mappers";
import { sqlInstant } from "./raw-rows";

/*
 * Many rows into one table, fast: Prisma's createMany costs about half a millisecond and a few
 * kilobytes per row in its query planning (an import of 500,000 reviews would take minutes and a
 * gigabyte), so rows go to SQLite as one JSON array per statement and are unpacked there by
 * json_each. Values are what SQLite stores: numbers, text, null; a Date as the ISO text Prisma's
 * adapter writes ("2026-03-07T12:00:00.000+00:00"), a boolean as 0 or 1.
 *
 * Table and column names come from the callers' constants, never from input.
 */

export type BulkValue = string | number | boolean | Date | null;

/** Rows per statement: large enough that the per-statement cost vanishes, small enough to yield between. */
export const BULK_ROWS = 2000;

function sqlValue(value: BulkValue): string | number | null {
  if (value instanceof Date) return sqlInstant(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Inserts `rows` (each an object with every one of `columns`) into `table`, BULK_ROWS at a time.
 * Rows may come from a generator, so a large import never holds all of them as objects at once.
 */
export async function insertRows<C extends string>(
  tx: WriteTx,
  table: string,
  columns: readonly C[],
  rows: Iterable<Record<C, BulkValue>>,
  afterChunk?: (inserted: number) => Promise<void> | void,
): Promise<void> {
  const names = columns.map((column) => `"${column}"`).join(", ");
  const values = columns.map((_, index) => `value ->> ${index}`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_each(?)`;
  let chunk: (string | number | null)[][] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const inserted = chunk.length;
    const json = JSON.stringify(chunk);
    chunk = [];
    await tx.$executeRawUnsafe(sql, json);
    await afterChunk?.(inserted);
  };
  for (const row of rows) {
    chunk.push(columns.map((column) => sqlValue(row[column])));
    if (chunk.length === BULK_ROWS) await flush();
  }
  await flush();
}

// Every column of a card and of a review-log row, for the writers of many at once (an import, a restore).
export const CARD_COLUMNS = [
  "id",
  "userId",
  "conceptId",
  "deckId",
  "kind",
  "rank",
  ...SCHEDULING_FIELDS,
  "suspended",
  "buriedUntil",
  "version",
  "createdAt",
] as const;
export const REVIEW_LOG_COLUMNS = [
  "id",
  "cardId",
  "userId",
  ...SNAPSHOT_FIELDS,
  "durationMs",
  "clientId",
  "undoneAt",
  "kind",
  "batchId",
] as const;
export type CardColumn = (typeof CARD_COLUMNS)[number];
export type ReviewLogColumn = (typeof REVIEW_LOG_COLUMNS)[number];
