-- Scheduler fitted to each learner: leech threshold and action, new-card order, the FSRS weights
-- kept for restore, the last fit waiting to be saved, and the batch a reschedule's log rows share.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "leechThreshold" INTEGER NOT NULL DEFAULT 8;
ALTER TABLE "User" ADD COLUMN "leechAction" TEXT NOT NULL DEFAULT 'TAG';
ALTER TABLE "User" ADD COLUMN "newCardOrder" TEXT NOT NULL DEFAULT 'DECK';
ALTER TABLE "User" ADD COLUMN "previousFsrsWeights" TEXT;
ALTER TABLE "User" ADD COLUMN "fsrsFittedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "fsrsFitCandidate" TEXT;

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN "batchId" TEXT;

-- CreateIndex
CREATE INDEX "ReviewLog_userId_batchId_idx" ON "ReviewLog"("userId", "batchId");
