-- Written by hand: schema.prisma cannot express a partial index. SQLite treats NULLs as distinct,
-- so @@unique([ownerId, slug]) lets two built-in decks (ownerId NULL) share a slug; this index
-- makes a built-in deck's slug unique. It is on the allow-list in __tests__/prisma/migrations.test.ts.
CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL;
