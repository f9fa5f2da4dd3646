import "server-only";
import type { WriteTx } from "./db";
import { SCHEDULING_FIELDS } from "@/lib/srs/card";
import { SNAPSHOT_FIELDS } from "./mappers";
import { sqlInstant } from "./raw-rows";
import { bulkInsert, type BulkCell } from "./sql-dialect";

/*
 * Many rows into one table, fast: Prisma's createMany costs about half a millisecond and a few
 * kilobytes per row in its query planning (an import of 500,000 reviews would take minutes and a
 * gigabyte), so rows go to the database as one JSON parameter per statement and are unpacked
 * there (sql-dialect.ts bulkInsert, one version per database). A Date goes as the ISO text
 * Prisma's SQLite adapter writes ("2026-03-07T12:00:00.000+00:00").
 *
 * Table and column names come from the callers' constants, never from input.
 */

export type BulkValue = string | number | boolean | Date | null;

/** Rows per statement: large enough that the per-statement cost vanishes, small enough to yield between. */
export const BULK_ROWS = 2000;

function sqlValue(value: BulkValue): BulkCell {
  return value instanceof Date ? sqlInstant(value) : value;
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
  let chunk: BulkCell[][] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    await tx.$executeRaw(bulkInsert(table, columns, rows));
    await afterChunk?.(rows.length);
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
