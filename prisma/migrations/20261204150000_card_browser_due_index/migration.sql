-- Hand-written (allow-listed in __tests__/prisma/migrations.test.ts): the card browser's default
-- order, scheduled cards by due date with new cards after them (ORDER BY "state" = 0, "due", "id"),
-- read in index order a page at a time instead of sorting all of a user's cards on every request.
-- Prisma has no indexes on expressions.
CREATE INDEX "Card_browser_due_idx" ON "Card"("userId", ("state" = 0), "due", "id");
