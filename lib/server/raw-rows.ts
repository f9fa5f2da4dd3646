import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { CardState, SCHEDULING_FIELDS, type CardStateValue, type SchedulingField, type SchedulingState } from "@/lib/srs/card";

/*
 * What raw SQL reads (`$queryRaw`) hands back and how it becomes our types, in one place. The data
 * layer reads raw where Prisma's model calls cost more in planning and row mapping than SQLite
 * takes to answer, and raw rows are not typed like model rows:
 * - an integer column or an aggregate may arrive as a bigint, and an aggregate over no rows as null;
 * - a DateTime column arrives as SQLite stores it, ISO text ("2026-03-07T12:00:00.000+00:00"),
 *   unless the adapter recognises the column; the adapter binds Date parameters in the same form,
 *   so instants compare as text in the queries.
 */

/** A number as a raw row holds it. */
export type SqlNumber = number | bigint | null;
/** A DateTime as a raw row holds it (text, or a Date when the adapter knew the column). */
export type SqlDate = Date | string;

/** A raw number as a JavaScript number; null (an aggregate over no rows) is 0. */
export const num = (value: SqlNumber): number => Number(value ?? 0);

/** A raw DateTime (or an instant the query formatted as text) as a Date. */
export const asDate = (value: SqlDate): Date => (value instanceof Date ? value : new Date(value));

/** An instant as SQLite stores a DateTime, for values passed inside JSON (json_each) and compared as text. */
export const sqlInstant = (instant: Date): string => instant.toISOString().replace("Z", "+00:00");

/*
 * Numbers bound as parameters arrive as floats (integer division, LIMIT and index lookups want
 * integers), so constants are written into the SQL and bound numbers are cast.
 */

/** The card states, as SQL literals (`c."state" = ${STATE_SQL.Review}`). */
export const STATE_SQL = {
  New: Prisma.raw(String(CardState.New)),
  Learning: Prisma.raw(String(CardState.Learning)),
  Review: Prisma.raw(String(CardState.Review)),
  Relearning: Prisma.raw(String(CardState.Relearning)),
} as const satisfies Record<keyof typeof CardState, Prisma.Sql>;

/**
 * A review log row that is a grade, not a manual entry (a reset, reschedule or import: those have
 * grade 0 and their own kind). Statistics, streaks and the day's counts read only grades. Tested by
 * the grade, which the covering indexes of the review log hold, rather than by the kind, which
 * they do not: the invariant "kind GRADE <=> grade 1-4" is kept by every writer of the log.
 */
export const GRADED_SQL = Prisma.raw(`"grade" > 0`);
/** GRADED_SQL for the review log aliased `l`. */
export const GRADED_L_SQL = Prisma.raw(`l."grade" > 0`);

/** Milliseconds in a day, as an SQL literal. */
export const DAY_MS_SQL = Prisma.raw(String(24 * 60 * 60 * 1000));

/** A scheduling field as a raw row holds it: dates as text, integers possibly as bigints. */
type RawOf<T> = T extends Date ? SqlDate : T extends number ? number | bigint : T;
export type SchedulingRow = { [F in SchedulingField]: RawOf<SchedulingState[F]> };

// A record, not a list, so the compiler refuses a field without its conversion (the fields
// themselves and their order come from SCHEDULING_FIELDS).
const FROM_RAW: { readonly [F in SchedulingField]: (value: SchedulingRow[F]) => SchedulingState[F] } = {
  due: asDate,
  stability: Number,
  difficulty: Number,
  scheduledDays: Number,
  learningSteps: Number,
  reps: Number,
  lapses: Number,
  state: (value) => Number(value) as CardStateValue,
  lastReview: (value) => (value === null ? null : asDate(value)),
};

/**
 * The Card columns of `fields` (by default every scheduling field), of the card aliased `alias`,
 * for a raw SELECT. The names come from SCHEDULING_FIELDS, never from input.
 */
export function schedulingColumnsSql(fields: readonly SchedulingField[] = SCHEDULING_FIELDS, alias = "c"): Prisma.Sql {
  return Prisma.raw(fields.map((field) => `${alias}."${field}"`).join(", "));
}

/** A card's schedule from a raw row that holds every scheduling column (see schedulingColumnsSql). */
export function schedulingOfRow(row: SchedulingRow): SchedulingState {
  const state: Partial<Record<SchedulingField, unknown>> = {};
  for (const field of SCHEDULING_FIELDS) state[field] = (FROM_RAW[field] as (value: unknown) => unknown)(row[field]);
  return state as SchedulingState;
}
