-- CreateIndex
CREATE INDEX "Card_userId_suspended_state_stability_difficulty_lastReview_idx" ON "Card"("userId", "suspended", "state", "stability", "difficulty", "lastReview");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_undoneAt_reviewedAt_state_scheduledDays_grade_durationMs_idx" ON "ReviewLog"("userId", "undoneAt", "reviewedAt", "state", "scheduledDays", "grade", "durationMs");

