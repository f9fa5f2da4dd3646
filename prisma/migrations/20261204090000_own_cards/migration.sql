-- Own cards: a concept's source link and card kinds, manual review-log entries, per-user wording of
-- built-in concepts, and the full-text index the card browser searches.

-- AlterTable
ALTER TABLE "Concept" ADD COLUMN "sourceUrl" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Concept" ADD COLUMN "cardKinds" TEXT NOT NULL DEFAULT '["TERM_TO_DEFINITION","DEFINITION_TO_TERM"]';

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'GRADE';

-- CreateTable
CREATE TABLE "ConceptOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "definition" TEXT,
    "examples" TEXT,
    "aliases" TEXT,
    "tags" TEXT,
    "originalHash" TEXT NOT NULL,
    "originalChangeSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConceptOverride_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConceptOverride_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ConceptOverride_conceptId_idx" ON "ConceptOverride"("conceptId");

-- CreateIndex
CREATE UNIQUE INDEX "ConceptOverride_userId_conceptId_key" ON "ConceptOverride"("userId", "conceptId");

-- Hand-written (allow-listed in __tests__/prisma/migrations.test.ts): the full-text index of
-- concept text. One row per concept with its own text (userId ''), and one per user wording of a
-- built-in concept (that user's id) holding the concept's text as that user sees it. Kept in step by
-- lib/server/concept-search.ts inside the write() that changes the text. unicode61 with
-- remove_diacritics 2 makes matching case- and accent-insensitive; the prefix indexes serve
-- prefix queries ("mesa*") without a scan of every term. conceptId is indexed (searches name the
-- text columns) so the rows of one concept are found through the index when its text changes.
CREATE VIRTUAL TABLE "ConceptSearch" USING fts5(
    "term", "aliases", "definition", "examples", "conceptId", "userId" UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

INSERT INTO "ConceptSearch" ("term", "aliases", "definition", "examples", "conceptId", "userId")
SELECT "term", "aliases", "definition", "examples", "id", '' FROM "Concept";
