-- PostgreSQL twin of every SQLite migration up to 20261204150000_card_browser_due_index: the
-- tables, indexes and uniques of prisma/postgres/schema.prisma (prisma migrate diff --from-empty),
-- then the objects the SQLite side writes by hand.

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "dayStartHour" INTEGER NOT NULL DEFAULT 4,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "desiredRetention" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
    "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
    "relearningSteps" TEXT NOT NULL DEFAULT '10m',
    "maximumIntervalDays" INTEGER NOT NULL DEFAULT 36500,
    "enableFuzz" BOOLEAN NOT NULL DEFAULT true,
    "fsrsWeights" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dailyGoalKind" TEXT NOT NULL DEFAULT 'REVIEWS',
    "dailyGoalReviews" INTEGER NOT NULL DEFAULT 20,
    "dailyGoalChosenAt" TIMESTAMPTZ(3),
    "inviteId" TEXT,
    "leechThreshold" INTEGER NOT NULL DEFAULT 8,
    "leechAction" TEXT NOT NULL DEFAULT 'TAG',
    "newCardOrder" TEXT NOT NULL DEFAULT 'DECK',
    "previousFsrsWeights" TEXT,
    "fsrsFittedAt" TIMESTAMPTZ(3),
    "fsrsFitCandidate" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtraNewCards" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "studyDay" TEXT NOT NULL,
    "cards" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExtraNewCards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "maxUses" INTEGER NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InviteDeck" (
    "inviteId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,

    CONSTRAINT "InviteDeck_pkey" PRIMARY KEY ("inviteId","deckId")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "userAgent" TEXT NOT NULL DEFAULT '',
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deck" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sourceTitle" TEXT NOT NULL DEFAULT '',
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "enrolByDefault" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Deck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "userId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("userId","deckId")
);

-- CreateTable
CREATE TABLE "Concept" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "sourceUrl" TEXT NOT NULL DEFAULT '',
    "cardKinds" TEXT NOT NULL DEFAULT '["TERM_TO_DEFINITION","DEFINITION_TO_TERM"]',

    CONSTRAINT "Concept_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due" TIMESTAMPTZ(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "difficulty" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "scheduledDays" INTEGER NOT NULL DEFAULT 0,
    "learningSteps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "state" INTEGER NOT NULL DEFAULT 0,
    "lastReview" TIMESTAMPTZ(3),
    "rank" INTEGER NOT NULL DEFAULT 0,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "buriedUntil" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewLog" (
    "id" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "due" TIMESTAMPTZ(3) NOT NULL,
    "lastReview" TIMESTAMPTZ(3),
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "reviewedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "undoneAt" TIMESTAMPTZ(3),
    "kind" TEXT NOT NULL DEFAULT 'GRADE',
    "batchId" TEXT,

    CONSTRAINT "ReviewLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConceptOverride" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "definition" TEXT,
    "examples" TEXT,
    "aliases" TEXT,
    "tags" TEXT,
    "originalHash" TEXT NOT NULL,
    "originalChangeSeenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConceptOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quiz" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "modes" TEXT NOT NULL,
    "length" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Quiz_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizQuestion" (
    "id" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QuizQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "conceptId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "chosenConceptId" TEXT,
    "typed" TEXT,
    "durationMs" INTEGER NOT NULL,
    "answeredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QuizAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");

-- CreateIndex
CREATE INDEX "User_inviteId_idx" ON "User"("inviteId");

-- CreateIndex
CREATE INDEX "ExtraNewCards_userId_studyDay_idx" ON "ExtraNewCards"("userId", "studyDay");

-- CreateIndex
CREATE UNIQUE INDEX "ExtraNewCards_userId_clientId_key" ON "ExtraNewCards"("userId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_codeHash_key" ON "Invite"("codeHash");

-- CreateIndex
CREATE INDEX "Invite_createdById_createdAt_idx" ON "Invite"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "Session_userId_createdAt_idx" ON "Session"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Session_createdAt_idx" ON "Session"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deck_ownerId_slug_key" ON "Deck"("ownerId", "slug");

-- CreateIndex
CREATE INDEX "Concept_deckId_updatedAt_idx" ON "Concept"("deckId", "updatedAt");

-- CreateIndex
CREATE INDEX "Concept_retiredAt_idx" ON "Concept"("retiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Concept_deckId_slug_key" ON "Concept"("deckId", "slug");

-- CreateIndex
CREATE INDEX "Card_userId_suspended_due_idx" ON "Card"("userId", "suspended", "due");

-- CreateIndex
CREATE INDEX "Card_userId_state_due_idx" ON "Card"("userId", "state", "due");

-- CreateIndex
CREATE INDEX "Card_userId_state_deckId_rank_idx" ON "Card"("userId", "state", "deckId", "rank");

-- CreateIndex
CREATE INDEX "Card_userId_suspended_state_stability_difficulty_lastReview_idx" ON "Card"("userId", "suspended", "state", "stability", "difficulty", "lastReview");

-- CreateIndex
CREATE UNIQUE INDEX "Card_userId_conceptId_kind_key" ON "Card"("userId", "conceptId", "kind");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_reviewedAt_idx" ON "ReviewLog"("userId", "reviewedAt");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_undoneAt_reviewedAt_idx" ON "ReviewLog"("userId", "undoneAt", "reviewedAt");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_undoneAt_reviewedAt_state_scheduledDays_gr_idx" ON "ReviewLog"("userId", "undoneAt", "reviewedAt", "state", "scheduledDays", "grade", "durationMs");

-- CreateIndex
CREATE INDEX "ReviewLog_cardId_reviewedAt_idx" ON "ReviewLog"("cardId", "reviewedAt");

-- CreateIndex
CREATE INDEX "ReviewLog_userId_batchId_idx" ON "ReviewLog"("userId", "batchId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewLog_userId_clientId_key" ON "ReviewLog"("userId", "clientId");

-- CreateIndex
CREATE INDEX "ConceptOverride_conceptId_idx" ON "ConceptOverride"("conceptId");

-- CreateIndex
CREATE UNIQUE INDEX "ConceptOverride_userId_conceptId_key" ON "ConceptOverride"("userId", "conceptId");

-- CreateIndex
CREATE INDEX "Quiz_userId_createdAt_idx" ON "Quiz"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "QuizQuestion_quizId_index_key" ON "QuizQuestion"("quizId", "index");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAttempt_questionId_key" ON "QuizAttempt"("questionId");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_answeredAt_mode_correct_idx" ON "QuizAttempt"("userId", "answeredAt", "mode", "correct");

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_conceptId_chosenConceptId_idx" ON "QuizAttempt"("userId", "conceptId", "chosenConceptId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtraNewCards" ADD CONSTRAINT "ExtraNewCards_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteDeck" ADD CONSTRAINT "InviteDeck_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InviteDeck" ADD CONSTRAINT "InviteDeck_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deck" ADD CONSTRAINT "Deck_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concept" ADD CONSTRAINT "Concept_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLog" ADD CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLog" ADD CONSTRAINT "ReviewLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConceptOverride" ADD CONSTRAINT "ConceptOverride_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConceptOverride" ADD CONSTRAINT "ConceptOverride_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quiz" ADD CONSTRAINT "Quiz_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_quizId_fkey" FOREIGN KEY ("quizId") REFERENCES "Quiz"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizQuestion" ADD CONSTRAINT "QuizQuestion_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "QuizQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_conceptId_fkey" FOREIGN KEY ("conceptId") REFERENCES "Concept"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAttempt" ADD CONSTRAINT "QuizAttempt_chosenConceptId_fkey" FOREIGN KEY ("chosenConceptId") REFERENCES "Concept"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written (the SQLite twins are in 20261129122000_builtin_deck_slug_unique,
-- 20261204150000_card_browser_due_index and the ConceptSearch FTS5 table).

-- Built-in decks (ownerId NULL) are found by slug, and NULLs are distinct in a unique index.
CREATE UNIQUE INDEX "Deck_builtin_slug_key" ON "Deck"("slug") WHERE "ownerId" IS NULL;

-- The card browser's default order: scheduled cards by due date, new cards after them.
CREATE INDEX "Card_browser_due_idx" ON "Card"("userId", ("state" = 0), "due", "id");

-- Accent-insensitive search, as FTS5's remove_diacritics; a trusted extension, so the database
-- owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The full-text index of concept text (SQLite: an FTS5 virtual table). One row per concept's own
-- text (userId '') and one per user's wording of a built-in concept, rewritten by
-- lib/server/concept-search.ts inside the write() that changes the text. "document" holds the
-- words, weighted by column (A term, B aliases, C definition, D examples) so a search can be
-- limited to some columns.
CREATE TABLE "ConceptSearch" (
    "conceptId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "aliases" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "examples" TEXT NOT NULL,
    "document" tsvector NOT NULL
);
CREATE INDEX "ConceptSearch_document_idx" ON "ConceptSearch" USING GIN ("document");
CREATE INDEX "ConceptSearch_conceptId_userId_idx" ON "ConceptSearch"("conceptId", "userId");
