-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "stoppedAt" DATETIME;

-- AlterTable
ALTER TABLE "Concept" ADD COLUMN "retiredAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sourceTitle" TEXT NOT NULL DEFAULT '',
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "enrolByDefault" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Deck_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Deck" ("createdAt", "description", "id", "ownerId", "slug", "sourceTitle", "sourceUrl", "title", "updatedAt") SELECT "createdAt", "description", "id", "ownerId", "slug", "sourceTitle", "sourceUrl", "title", "updatedAt" FROM "Deck";
DROP TABLE "Deck";
ALTER TABLE "new_Deck" RENAME TO "Deck";
CREATE UNIQUE INDEX "Deck_ownerId_slug_key" ON "Deck"("ownerId", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Rebuilding "Deck" dropped the hand-written partial index of 20261129122000_builtin_deck_slug_unique
-- (schema.prisma cannot express it, so the generated diff does not recreate it).
CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL;
