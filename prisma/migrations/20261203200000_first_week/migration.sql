-- CreateTable
CREATE TABLE "ExtraNewCards" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "studyDay" TEXT NOT NULL,
    "cards" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ExtraNewCards_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "codeHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "maxUses" INTEGER NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InviteDeck" (
    "inviteId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,

    PRIMARY KEY ("inviteId", "deckId"),
    CONSTRAINT "InviteDeck_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InviteDeck_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "dayStartHour" INTEGER NOT NULL DEFAULT 4,
    "newCardsPerDay" INTEGER NOT NULL DEFAULT 20,
    "reviewsPerDay" INTEGER NOT NULL DEFAULT 200,
    "desiredRetention" REAL NOT NULL DEFAULT 0.9,
    "learningSteps" TEXT NOT NULL DEFAULT '1m 10m',
    "relearningSteps" TEXT NOT NULL DEFAULT '10m',
    "maximumIntervalDays" INTEGER NOT NULL DEFAULT 36500,
    "enableFuzz" BOOLEAN NOT NULL DEFAULT true,
    "fsrsWeights" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dailyGoalKind" TEXT NOT NULL DEFAULT 'REVIEWS',
    "dailyGoalReviews" INTEGER NOT NULL DEFAULT 20,
    "dailyGoalChosenAt" DATETIME,
    "inviteId" TEXT,
    CONSTRAINT "User_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "Invite" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "dailyGoalKind", "dailyGoalReviews", "dayStartHour", "desiredRetention", "enableFuzz", "fsrsWeights", "id", "learningSteps", "maximumIntervalDays", "newCardsPerDay", "passwordHash", "relearningSteps", "reviewsPerDay", "timeZone", "username", "usernameKey") SELECT "createdAt", "dailyGoalKind", "dailyGoalReviews", "dayStartHour", "desiredRetention", "enableFuzz", "fsrsWeights", "id", "learningSteps", "maximumIntervalDays", "newCardsPerDay", "passwordHash", "relearningSteps", "reviewsPerDay", "timeZone", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE INDEX "User_inviteId_idx" ON "User"("inviteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ExtraNewCards_userId_studyDay_idx" ON "ExtraNewCards"("userId", "studyDay");

-- CreateIndex
CREATE UNIQUE INDEX "ExtraNewCards_userId_clientId_key" ON "ExtraNewCards"("userId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_codeHash_key" ON "Invite"("codeHash");

-- CreateIndex
CREATE INDEX "Invite_createdById_createdAt_idx" ON "Invite"("createdById", "createdAt");


-- Accounts made before home asked for a daily goal keep the one they have.
UPDATE "User" SET "dailyGoalChosenAt" = "createdAt";
