-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Concept" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deckId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "term" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "examples" TEXT NOT NULL DEFAULT '[]',
    "confusables" TEXT NOT NULL DEFAULT '[]',
    "prerequisites" TEXT NOT NULL DEFAULT '[]',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "sourceLocator" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Concept_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Until the next seed ranks each deck with its prerequisites (npm start seeds), a concept's rank is its position.
INSERT INTO "new_Concept" ("aliases", "confusables", "createdAt", "deckId", "definition", "examples", "id", "position", "rank", "prerequisites", "slug", "sourceLocator", "tags", "term", "updatedAt") SELECT "aliases", "confusables", "createdAt", "deckId", "definition", "examples", "id", "position", "position", "prerequisites", "slug", "sourceLocator", "tags", "term", "updatedAt" FROM "Concept";
DROP TABLE "Concept";
ALTER TABLE "new_Concept" RENAME TO "Concept";
CREATE UNIQUE INDEX "Concept_deckId_slug_key" ON "Concept"("deckId", "slug");
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL DEFAULT 0,
    "difficulty" REAL NOT NULL DEFAULT 0,
    "scheduledDays" INTEGER NOT NULL DEFAULT 0,
    "learningSteps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "state" INTEGER NOT NULL DEFAULT 0,
    "lastReview" DATETIME,
    "rank" INTEGER NOT NULL DEFAULT 0,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "buriedUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Card_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Card_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Card_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Each card takes its concept's deck and rank.
INSERT INTO "new_Card" ("buriedUntil", "conceptId", "deckId", "rank", "createdAt", "difficulty", "due", "id", "kind", "lapses", "lastReview", "learningSteps", "reps", "scheduledDays", "stability", "state", "suspended", "userId", "version") SELECT "buriedUntil", "conceptId", (SELECT "deckId" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId"), (SELECT "rank" FROM "Concept" WHERE "Concept"."id" = "Card"."conceptId"), "createdAt", "difficulty", "due", "id", "kind", "lapses", "lastReview", "learningSteps", "reps", "scheduledDays", "stability", "state", "suspended", "userId", "version" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE INDEX "Card_userId_suspended_due_idx" ON "Card"("userId", "suspended", "due");
CREATE INDEX "Card_userId_state_due_idx" ON "Card"("userId", "state", "due");
CREATE INDEX "Card_userId_state_deckId_rank_idx" ON "Card"("userId", "state", "deckId", "rank");
CREATE UNIQUE INDEX "Card_userId_conceptId_kind_key" ON "Card"("userId", "conceptId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

