import { Prisma } from "@/lib/generated/prisma/client";
import { testDatabaseKind } from "./test-db";

/*
 * The full-text index as tests read it back. SQLite's is an FTS5 table (rows in rowid order);
 * PostgreSQL's holds the same text columns plus a tsvector that raw queries cannot return.
 */
const TEXT_COLUMNS = `"term", "aliases", "definition", "examples", "conceptId", "userId"`;

/** Every row of the index, in a stable order: rowid on SQLite (a rewrite shows), concept and user on PostgreSQL. */
export function allSearchRowsSql(order: "rowid" | "concept" = "rowid"): Prisma.Sql {
  if (testDatabaseKind() === "postgres") {
    return Prisma.raw(`SELECT ${TEXT_COLUMNS} FROM "ConceptSearch" ORDER BY "conceptId", "userId", "term", "definition"`);
  }
  return Prisma.raw(`SELECT * FROM "ConceptSearch" ORDER BY ${order === "rowid" ? "rowid" : `"conceptId", "userId"`}`);
}

/** The condition that an index row belongs to a concept: an FTS5 column query, or a plain comparison. */
export function searchRowsOfConcept(conceptId: string): Prisma.Sql {
  return testDatabaseKind() === "postgres"
    ? Prisma.sql`"conceptId" = ${conceptId}`
    : Prisma.sql`"ConceptSearch" MATCH ${`conceptId : "${conceptId}"`}`;
}
