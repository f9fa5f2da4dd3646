-- DropIndex
DROP INDEX "QuizAttempt_userId_answeredAt_idx";

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_answeredAt_mode_correct_idx" ON "QuizAttempt"("userId", "answeredAt", "mode", "correct");

