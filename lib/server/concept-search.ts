import "server-only";
import type { WriteTx } from "./db";

/*
 * The full-text index of concept text ("ConceptSearch", an FTS5 table made by a hand-written
 * migration). One row per concept with its own text (userId ''), and one per user wording of a
 * built-in concept holding the text as that user sees it. Every write() that changes a concept's
 * text, or a user's wording of it, calls syncConceptSearch in the same transaction, so the index
 * never disagrees with what it indexes.
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
 * Rewrites the index rows of these concepts from the Concept and ConceptOverride tables: the
 * concept's own text, and each user's wording of it. A concept that no longer exists loses its rows.
 */
export async function syncConceptSearch(tx: WriteTx, conceptIds: readonly string[]): Promise<void> {
  for (let start = 0; start < conceptIds.length; start += BATCH) {
    const ids = conceptIds.slice(start, start + BATCH);
    const idsJson = JSON.stringify(ids);
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
