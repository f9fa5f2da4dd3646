import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ftsQueryOf, parseQuery, tsQueryOf, type Comparison, type SearchPart } from "@/lib/search/query";
import { forgettingCurveOf } from "@/lib/srs/scheduler";
import { addDays, daysBetween, studyDayOf, studyDayStart, type StudyDay } from "@/lib/srs/study-day";
import type { CardKind } from "@/lib/types/cards";
import type { CardListDTO, CardSort, SortDirection } from "@/lib/types/card-browser";
import { CARDS_PER_PAGE } from "@/lib/validation/card-browser-limits";
import { read, type ReadDb } from "./db";
import { NotFoundError } from "./errors";
import { schedulerSettingsOf } from "./mappers";
import { asDate, num, STATE_SQL, type SqlDate, type SqlNumber } from "./raw-rows";
import { conceptSearchMatch } from "./concept-search";
import { caseless, crossJoin, real, epochMs, greatest, jsonColumnEach, jsonEach, unindexed } from "./sql-dialect";

/*
 * The card browser: a search (lib/search) as SQL over the user's cards. Every card of the user's
 * is listed, those of decks they stopped studying and of retired concepts included (the deck
 * column says so), as Anki's browser shows every card: hiding them would make a stopped deck's
 * cards unreachable. Values are always bound parameters; the only text written into the SQL is
 * from fixed tables here (sort columns, comparison operators checked by the parser).
 */

/** What a search needs to know of the user and the moment. */
export interface SearchContext {
  userId: string;
  now: Date;
  timeZone: string;
  dayStartHour: number;
  today: StudyDay;
  /** The forgetting curve's constants for the user's weights. */
  decay: number;
  factor: number;
  /** Lapses from which a card is a leech (`is:leech`): the user's setting. */
  leechThreshold: number;
  /** The search's words match few concepts: find their cards from the text index (see columns()). */
  textDriven: boolean;
}

export async function searchContext(db: ReadDb, userId: string, now: Date): Promise<SearchContext> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      timeZone: true,
      dayStartHour: true,
      desiredRetention: true,
      learningSteps: true,
      relearningSteps: true,
      maximumIntervalDays: true,
      enableFuzz: true,
      fsrsWeights: true,
      leechThreshold: true,
    },
  });
  if (!user) throw new NotFoundError("User");
  const { decay, factor } = forgettingCurveOf(schedulerSettingsOf(user));
  return {
    userId,
    now,
    timeZone: user.timeZone,
    dayStartHour: user.dayStartHour,
    today: studyDayOf(now, user.timeZone, user.dayStartHour),
    decay,
    factor,
    leechThreshold: user.leechThreshold,
    textDriven: false,
  };
}

/** Below this many matching concepts, a search with words is driven from the text index. */
const TEXT_DRIVEN_MATCHES = 1000;

/**
 * Whether the search's narrowest words match few concepts (counting an FTS5 match reads only the
 * index: well under a millisecond even for every concept of a large collection).
 */
async function fewTextMatches(db: ReadDb, parts: readonly SearchPart[]): Promise<boolean> {
  for (const part of parts) {
    if (part.kind !== "text" || part.negate) continue;
    const [{ n }] = await db.$queryRaw<{ n: SqlNumber }[]>`
      SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ConceptSearch" s WHERE ${conceptSearchMatch("s", ftsQueryOf(part), tsQueryOf(part))}
        LIMIT ${Prisma.raw(String(TEXT_DRIVEN_MATCHES))}) AS "matches"`;
    if (num(n) < TEXT_DRIVEN_MATCHES) return true;
  }
  return false;
}

/** The start of the study day `offset` days from today. */
function dayStart(ctx: SearchContext, offset: number): Date {
  return studyDayStart(addDays(ctx.today, offset), ctx.timeZone, ctx.dayStartHour);
}

/**
 * Retrievability now, as ts-fsrs computes it (lib/srs/scheduler.ts memoryRetrievabilityAt): the
 * FSRS-6 forgetting curve at the whole days since the last review; NULL for a card never reviewed.
 */
function retrievabilitySql(ctx: SearchContext): Prisma.Sql {
  return Prisma.sql`(CASE WHEN c."state" = ${STATE_SQL.New} OR c."lastReview" IS NULL OR c."stability" <= 0 THEN NULL
    ELSE pow(1.0 + ${real(ctx.factor)} * ${greatest(
      Prisma.sql`(CAST(${ctx.now.getTime()} AS BIGINT) - ${epochMs(Prisma.sql`c."lastReview"`)}) / 86400000`,
      Prisma.sql`0`,
    )} / c."stability", ${real(ctx.decay)}) END)`;
}

const OPERATORS: Record<Comparison, Prisma.Sql> = {
  "<": Prisma.raw("<"),
  "<=": Prisma.raw("<="),
  ">": Prisma.raw(">"),
  ">=": Prisma.raw(">="),
  "=": Prisma.raw("="),
};

/** The concepts whose text (as this user sees it: their wording where they have one) matches. */
function textMatchSql(ctx: SearchContext, part: Extract<SearchPart, { kind: "text" }>): Prisma.Sql {
  return Prisma.sql`SELECT s."conceptId" FROM "ConceptSearch" s WHERE ${conceptSearchMatch("s", ftsQueryOf(part), tsQueryOf(part))}
    AND (s."userId" = ${ctx.userId} OR (s."userId" = '' AND s."conceptId" NOT IN (
      SELECT o."conceptId" FROM "ConceptOverride" o WHERE o."userId" = ${ctx.userId}
        AND (o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL))))`;
}

/** A column of the card in a condition. */
type Column = (name: "state" | "suspended" | "due" | "lapses" | "reps" | "stability" | "createdAt") => Prisma.Sql;

/**
 * The card's columns, written `c."x"`, or `+c."x"` when the search's words match few concepts:
 * SQLite then finds those concepts' cards by the text index (a few lookups) instead of walking a
 * state or due index over every card of the user and testing each against the text (the unary +
 * keeps a column's indexes out of the plan; without ANALYZE statistics the planner cannot tell).
 */
function columns(ctx: SearchContext): Column {
  return (name) => (ctx.textDriven ? unindexed(`c."${name}"`) : Prisma.raw(`c."${name}"`));
}

/** Due within study days compared to `days` from today (the comparison of prop:due). */
function dueDaysSql(ctx: SearchContext, op: Comparison, days: number, col: Column): Prisma.Sql {
  const before = (offset: number) => Prisma.sql`${col("due")} < ${dayStart(ctx, offset)}`;
  const from = (offset: number) => Prisma.sql`${col("due")} >= ${dayStart(ctx, offset)}`;
  const range = {
    "<": before(days),
    "<=": before(days + 1),
    ">": from(days + 1),
    ">=": from(days),
    "=": Prisma.sql`${from(days)} AND ${before(days + 1)}`,
  }[op];
  return Prisma.sql`${col("state")} <> ${STATE_SQL.New} AND ${range}`;
}

function partSql(ctx: SearchContext, part: SearchPart, col: Column): Prisma.Sql {
  switch (part.kind) {
    case "text":
      return Prisma.sql`c."conceptId" IN (${textMatchSql(ctx, part)})`;
    case "deck":
      return Prisma.sql`lower(d."slug") = ${part.slug}`;
    case "tag":
      return Prisma.sql`EXISTS (SELECT 1 FROM ${jsonColumnEach(
        Prisma.sql`COALESCE(
        (SELECT o."tags" FROM "ConceptOverride" o WHERE o."userId" = ${ctx.userId} AND o."conceptId" = c."conceptId"),
        k."tags")`,
        "t",
      )} WHERE lower(t."value") = ${part.tag})`;
    case "is":
      switch (part.value) {
        case "new":
          return Prisma.sql`${col("state")} = ${STATE_SQL.New}`;
        case "learning":
          return Prisma.sql`${col("state")} IN (${STATE_SQL.Learning}, ${STATE_SQL.Relearning})`;
        case "review":
          return Prisma.sql`${col("state")} = ${STATE_SQL.Review}`;
        case "due":
          // Due by the end of today's study day (a learning card due later today too), as the queue takes them.
          return Prisma.sql`${col("state")} <> ${STATE_SQL.New} AND ${col("suspended")} = FALSE AND ${col("due")} < ${dayStart(ctx, 1)}`;
        case "suspended":
          return Prisma.sql`${col("suspended")} = TRUE`;
        case "leech":
          return Prisma.sql`${col("lapses")} >= ${Prisma.raw(String(ctx.leechThreshold))}`;
        case "edited":
          return Prisma.sql`(d."ownerId" = ${ctx.userId} OR EXISTS (SELECT 1 FROM "ConceptOverride" o
            WHERE o."userId" = ${ctx.userId} AND o."conceptId" = c."conceptId"
              AND (o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL)))`;
      }
      break;
    case "prop": {
      const op = OPERATORS[part.op];
      switch (part.property) {
        case "r":
          return Prisma.sql`${retrievabilitySql(ctx)} ${op} ${real(part.value)}`;
        case "s":
          return Prisma.sql`${col("state")} <> ${STATE_SQL.New} AND ${col("stability")} ${op} ${real(part.value)}`;
        case "lapses":
          return Prisma.sql`${col("lapses")} ${op} CAST(${part.value} AS INTEGER)`;
        case "reps":
          return Prisma.sql`${col("reps")} ${op} CAST(${part.value} AS INTEGER)`;
        case "due":
          return dueDaysSql(ctx, part.op, part.value, col);
      }
      break;
    }
    case "added":
      return Prisma.sql`${col("createdAt")} >= ${dayStart(ctx, 1 - part.days)}`;
    case "rated":
      return Prisma.sql`EXISTS (SELECT 1 FROM "ReviewLog" l WHERE l."cardId" = c."id" AND l."userId" = ${ctx.userId}
        AND l."reviewedAt" >= ${dayStart(ctx, 1 - part.days)} AND l."undoneAt" IS NULL AND l."kind" = 'GRADE'
        ${part.grade === null ? Prisma.empty : Prisma.sql`AND l."grade" = ${Prisma.raw(String(part.grade))}`})`;
  }
}

/** The search as a WHERE clause over `"Card" c`, `"Concept" k` and `"Deck" d` (the user's cards only). */
export function whereSql(ctx: SearchContext, parts: readonly SearchPart[]): Prisma.Sql {
  const col = columns(ctx);
  const conditions = parts.map((part) => {
    const sql = partSql(ctx, part, col);
    // A NULL (a new card's retrievability) counts as "does not match", negated or not. A condition
    // that holds is left bare, so the planner sees it (a text match is then an index lookup per concept).
    return part.negate ? Prisma.sql`NOT COALESCE((${sql}), FALSE)` : Prisma.sql`(${sql})`;
  });
  return Prisma.sql`c."userId" = ${ctx.userId}${conditions.length > 0 ? Prisma.sql` AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty}`;
}

/** Every table a search may name: the card, its concept and its deck (the card's copy of the concept's deck). */
export const CARDS_FROM_SQL = Prisma.sql`"Card" c JOIN "Concept" k ON k."id" = c."conceptId" JOIN "Deck" d ON d."id" = c."deckId"`;

/**
 * Only the tables this search and order name: counting and ordering a 20,000-card user's cards
 * costs a good part more with joins they do not need.
 */
function fromSql(parts: readonly SearchPart[], sort?: CardSort): Prisma.Sql {
  const concept = sort === "term" || parts.some((part) => part.kind === "tag");
  const deck = parts.some((part) => part.kind === "deck" || (part.kind === "is" && part.value === "edited"));
  return Prisma.sql`"Card" c${concept ? Prisma.sql` JOIN "Concept" k ON k."id" = c."conceptId"` : Prisma.empty}${
    deck ? Prisma.sql` JOIN "Deck" d ON d."id" = c."deckId"` : Prisma.empty
  }`;
}

function orderSql(ctx: SearchContext, sort: CardSort, dir: SortDirection): Prisma.Sql {
  const direction = Prisma.raw(dir === "desc" ? "DESC" : "ASC");
  const col = columns(ctx);
  const key = {
    // New cards have no due day to speak of: they come after the scheduled ones. The expression
    // is the one "Card_browser_due_idx" holds, so a page is read in index order.
    due: Prisma.sql`${col("state")} = 0 ${direction}, ${col("due")} ${direction}`,
    term: Prisma.sql`${caseless(Prisma.sql`k."term"`)} ${direction}, c."kind" ${direction}`,
    r: Prisma.sql`${retrievabilitySql(ctx)} ${direction} NULLS LAST`,
    lapses: Prisma.sql`c."lapses" ${direction}`,
    added: Prisma.sql`c."createdAt" ${direction}`,
  }[sort];
  return Prisma.sql`${key}, c."id" ${direction}`;
}

interface ListRow {
  id: string;
  term: string;
  deckTitle: string;
  deckSlug: string;
  stoppedAt: SqlDate | null;
  enrolled: SqlNumber;
  retiredAt: SqlDate | null;
  kind: string;
  state: SqlNumber;
  due: SqlDate;
  stability: SqlNumber;
  retrievability: number | null;
  lapses: SqlNumber;
  suspended: SqlNumber | boolean;
}

export interface CardListInput {
  q: string;
  sort: CardSort;
  dir: SortDirection;
  page: number;
}

/**
 * One page of the user's cards that match the search, sorted; a search that does not parse is an
 * answer naming the part it could not take, not an error. A page past the end shows the last one.
 */
export async function listCards(userId: string, input: CardListInput, now: Date): Promise<CardListDTO> {
  const parsed = parseQuery(input.q);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return read(async (db) => {
    const ctx = { ...(await searchContext(db, userId, now)), textDriven: await fewTextMatches(db, parsed.parts) };
    const where = whereSql(ctx, parsed.parts);
    const [{ n }] = await db.$queryRaw<{ n: SqlNumber }[]>`SELECT COUNT(*) AS "n" FROM ${fromSql(parsed.parts)} WHERE ${where}`;
    const total = num(n);
    const pageCount = Math.max(1, Math.ceil(total / CARDS_PER_PAGE));
    const page = Math.min(input.page, pageCount);
    // The page's ids first, ordering as few columns as the order needs; then those 50 cards in full.
    const ids =
      total === 0
        ? []
        : await db.$queryRaw<{ id: string }[]>`
          SELECT c."id" FROM ${fromSql(parsed.parts, input.sort)} WHERE ${where}
          ORDER BY ${orderSql(ctx, input.sort, input.dir)}
          LIMIT ${Prisma.raw(String(CARDS_PER_PAGE))} OFFSET CAST(${(page - 1) * CARDS_PER_PAGE} AS INTEGER)`;
    const rows =
      ids.length === 0
        ? []
        : await db.$queryRaw<ListRow[]>`
          SELECT c."id", k."term", d."title" AS "deckTitle", d."slug" AS "deckSlug", e."stoppedAt", e."userId" IS NOT NULL AS "enrolled",
            k."retiredAt", c."kind", c."state", c."due", c."stability", ${retrievabilitySql(ctx)} AS "retrievability",
            c."lapses", c."suspended"
          FROM ${jsonEach(JSON.stringify(ids.map((row) => row.id)))}
          ${crossJoin()} "Card" c ON c."id" = j."value"
          JOIN "Concept" k ON k."id" = c."conceptId" JOIN "Deck" d ON d."id" = c."deckId"
          LEFT JOIN "Enrolment" e ON e."userId" = c."userId" AND e."deckId" = c."deckId"
          WHERE c."userId" = ${userId}`;
    const position = new Map(ids.map((row, i) => [row.id, i]));
    rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return {
      ok: true,
      total,
      page,
      pageCount,
      rows: rows.map((row) => {
        const state = num(row.state);
        return {
          id: row.id,
          term: row.term,
          deckTitle: row.deckTitle,
          deckSlug: row.deckSlug,
          deckStudied: num(row.enrolled) !== 0 && row.stoppedAt === null,
          retired: row.retiredAt !== null,
          kind: row.kind as CardKind,
          state,
          dueDays: state === 0 ? null : daysBetween(ctx.today, studyDayOf(asDate(row.due), ctx.timeZone, ctx.dayStartHour)),
          stability: num(row.stability),
          retrievability: row.retrievability === null ? null : Number(row.retrievability),
          lapses: num(row.lapses),
          suspended: Number(row.suspended) !== 0,
        };
      }),
    };
  });
}

/** The user's own decks (the browser's "move to" choices), by title. */
export async function listOwnDecks(userId: string): Promise<{ id: string; title: string }[]> {
  return read((db) =>
    db.deck.findMany({
      where: { ownerId: userId },
      select: { id: true, title: true },
      orderBy: [{ title: "asc" }, { id: "asc" }],
    }),
  );
}
