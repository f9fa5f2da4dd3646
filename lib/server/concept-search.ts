import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { WriteTx } from "./db";
import { dialect, jsonValues } from "./sql-dialect";

/*
 * The full-text index of concept text ("ConceptSearch", a table made by a hand-written migration:
 * FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL). One row per concept with its
 * own text (userId ''), and one per user wording of a built-in concept holding the text as that
 * user sees it. Every write() that changes a concept's text, or a user's wording of it, calls
 * syncConceptSearch in the same transaction, so the index never disagrees with what it indexes.
 */

/**
 * The FTS5 query that finds every index row of these concepts (conceptId is an indexed column, so
 * this is an index lookup, not a scan). Ids are cuids: letters and digits, quoted all the same.
 */
function conceptIdQuery(conceptIds: readonly string[]): string {
  return `conceptId : (${conceptIds.map((id) => `"${id.replace(/"/g, '""')}"`).join(" OR ")})`;
}

/** How many concepts one statement takes: FTS5 query length and SQLite's parameter limit stay small. */
const BATCH = 500;

/**
 * The PostgreSQL search document of a row's text, each column under its weight (A term, B aliases,
 * C definition, D examples) so a search can name columns, accents removed as FTS5's
 * remove_diacritics does. The 'simple' configuration lower-cases and neither stems nor drops words.
 */
function documentSql(term: string, aliases: string, definition: string, examples: string): Prisma.Sql {
  const column = (expr: string, weight: string) => `setweight(to_tsvector('simple', unaccent(${expr})), '${weight}')`;
  return Prisma.raw([column(term, "A"), column(aliases, "B"), column(definition, "C"), column(examples, "D")].join(" || "));
}

/**
 * Rewrites the index rows of these concepts from the Concept and ConceptOverride tables: the
 * concept's own text, and each user's wording of it. A concept that no longer exists loses its rows.
 */
export async function syncConceptSearch(tx: WriteTx, conceptIds: readonly string[]): Promise<void> {
  const postgres = dialect() === "postgresql";
  for (let start = 0; start < conceptIds.length; start += BATCH) {
    const ids = conceptIds.slice(start, start + BATCH);
    const idsJson = JSON.stringify(ids);
    if (postgres) {
      await tx.$executeRaw`DELETE FROM "ConceptSearch" WHERE "conceptId" IN (${jsonValues(idsJson)})`;
      await tx.$executeRaw`
        INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId", "document")
        SELECT "term", "aliases", "definition", "examples", "id", '',
               ${documentSql('"term"', '"aliases"', '"definition"', '"examples"')}
        FROM "Concept" WHERE "id" IN (${jsonValues(idsJson)})`;
      await tx.$executeRaw`
        INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId", "document")
        SELECT t."term", t."aliases", t."definition", t."examples", t."conceptId", t."userId",
               ${documentSql('t."term"', 't."aliases"', 't."definition"', 't."examples"')}
        FROM (SELECT c."term", COALESCE(o."aliases", c."aliases") AS "aliases", COALESCE(o."definition", c."definition") AS "definition",
                     COALESCE(o."examples", c."examples") AS "examples", c."id" AS "conceptId", o."userId"
              FROM "ConceptOverride" o JOIN "Concept" c ON c."id" = o."conceptId"
              WHERE o."conceptId" IN (${jsonValues(idsJson)})
                AND (o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL)) t`;
      continue;
    }
    await tx.$executeRaw`
      DELETE FROM "ConceptSearch" WHERE rowid IN (
        SELECT rowid FROM "ConceptSearch" WHERE "ConceptSearch" MATCH ${conceptIdQuery(ids)})`;
    await tx.$executeRaw`
      INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
      SELECT "term", "aliases", "definition", "examples", "id", ''
      FROM "Concept" WHERE "id" IN (SELECT "value" FROM json_each(${idsJson}))`;
    await tx.$executeRaw`
      INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
      SELECT c."term", COALESCE(o."aliases", c."aliases"), COALESCE(o."definition", c."definition"),
             COALESCE(o."examples", c."examples"), c."id", o."userId"
      FROM "ConceptOverride" o JOIN "Concept" c ON c."id" = o."conceptId"
      WHERE o."conceptId" IN (SELECT "value" FROM json_each(${idsJson}))
        AND (o."definition" IS NOT NULL OR o."aliases" IS NOT NULL OR o."examples" IS NOT NULL)`;
  }
}

/**
 * The condition that a row of "ConceptSearch" (aliased `alias`) matches a search: the FTS5 query on
 * SQLite (which names the table, whatever its alias), the tsquery on PostgreSQL.
 */
export function conceptSearchMatch(alias: string, fts: string, tsQuery: string): Prisma.Sql {
  if (!/^[a-z]+$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return dialect() === "postgresql"
    ? Prisma.sql`${Prisma.raw(alias)}."document" @@ to_tsquery('simple', unaccent(${tsQuery}))`
    : Prisma.sql`"ConceptSearch" MATCH ${fts}`;
}
