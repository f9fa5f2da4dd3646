-- CreateIndex
CREATE INDEX "Concept_retiredAt_idx" ON "Concept"("retiredAt");

