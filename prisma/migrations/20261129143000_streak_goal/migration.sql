-- The daily goal replaces the unused streakGoalDays. Columns are added and dropped in place rather
-- than by rebuilding "User": dropping the old table would cascade-delete every user's cards and logs
-- when foreign keys are enforced.
ALTER TABLE "User" ADD COLUMN "dailyGoalKind" TEXT NOT NULL DEFAULT 'REVIEWS';
ALTER TABLE "User" ADD COLUMN "dailyGoalReviews" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "User" DROP COLUMN "streakGoalDays";
