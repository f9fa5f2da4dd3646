import { gzipSync } from "node:zlib";
import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { Prisma, User } from "@/lib/generated/prisma/client";
import { accountBackupText, canRestoreInto, parseBackup, restoreAccountBackup } from "@/lib/server/backup";
import { disconnect, read, write } from "@/lib/server/db";
import { UserError } from "@/lib/server/errors";
import { createOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck } from "@/lib/server/own-decks";
import { saveWording } from "@/lib/server/overrides";
import { getStreakSummary } from "@/lib/server/streaks";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 1, 1, 12);
const NOW = new Date(T0 + 40 * DAY);
const at = (days: number, ms = 0) => new Date(T0 + days * DAY + ms);

let alice: User;

/** Every table's rows of one user, by full row (no select): a column the backup drops shows up here. */
async function snapshot(userId: string) {
  return read(async (db) => ({
    user: await db.user.findUniqueOrThrow({ where: { id: userId } }),
    decks: await db.deck.findMany({ where: { ownerId: userId } }),
    concepts: await db.concept.findMany({ where: { deck: { ownerId: userId } } }),
    enrolments: await db.enrolment.findMany({ where: { userId } }),
    overrides: await db.conceptOverride.findMany({ where: { userId } }),
    cards: await db.card.findMany({ where: { userId } }),
    reviewLogs: await db.reviewLog.findMany({ where: { userId } }),
    quizzes: await db.quiz.findMany({ where: { userId } }),
    questions: await db.quizQuestion.findMany({ where: { userId } }),
    attempts: await db.quizAttempt.findMany({ where: { userId } }),
    extraNewCards: await db.extraNewCards.findMany({ where: { userId } }),
    search: await db.$queryRaw<{ conceptId: string; userId: string; definition: string }[]>`
      SELECT "conceptId", "userId", "definition" FROM "ConceptSearch"
      WHERE "userId" = ${userId} OR "conceptId" IN (SELECT c."id" FROM "Concept" c JOIN "Deck" d ON d."id" = c."deckId" WHERE d."ownerId" = ${userId})`,
  }));
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/**
 * The snapshot with every id replaced by a name that holds in both accounts (a deck's slug, a
 * card's concept and kind, a quiz's seed...), primary keys of leaf rows dropped, rows sorted. Two
 * accounts with the same data give equal results; any one field that differs makes them unequal.
 */
async function comparable(userId: string, snap: Snapshot) {
  const names = new Map<string, string>([[userId, "USER"]]);
  const builtIn = await read((db) =>
    db.concept.findMany({
      where: { deck: { ownerId: null } },
      select: { id: true, slug: true, deckId: true, deck: { select: { slug: true } } },
    }),
  );
  for (const concept of builtIn) {
    names.set(concept.id, `builtin-concept:${concept.deck.slug}/${concept.slug}`);
    names.set(concept.deckId, `builtin-deck:${concept.deck.slug}`);
  }
  for (const deck of snap.decks) names.set(deck.id, `deck:${deck.slug}`);
  for (const concept of snap.concepts) names.set(concept.id, `concept:${names.get(concept.deckId)}/${concept.slug}`);
  for (const card of snap.cards) names.set(card.id, `card:${names.get(card.conceptId)}/${card.kind}`);
  for (const quiz of snap.quizzes) names.set(quiz.id, `quiz:${quiz.seed}`);
  for (const question of snap.questions) names.set(question.id, `question:${names.get(question.quizId)}/${question.index}`);
  const ids = [...names.keys()].sort((a, b) => b.length - a.length);
  const rename = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (names.has(value)) return names.get(value);
      // Ids inside JSON text (a quiz's scope and questions).
      return ids.reduce((text, id) => (text.includes(id) ? text.split(id).join(names.get(id)) : text), value);
    }
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    }
    return value;
  };
  const rows = (list: object[], dropId: boolean) =>
    list
      .map((row) => {
        const out = rename(row) as Record<string, unknown>;
        if (dropId) delete out.id;
        return out;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const { id: _id, username: _u, usernameKey: _k, passwordHash: _p, inviteId: _i, ...user } = snap.user;
  return {
    user: rename(user),
    decks: rows(snap.decks, false),
    concepts: rows(snap.concepts, false),
    enrolments: rows(snap.enrolments, false),
    overrides: rows(snap.overrides, true),
    cards: rows(snap.cards, false),
    reviewLogs: rows(snap.reviewLogs, true),
    quizzes: rows(snap.quizzes, false),
    questions: rows(snap.questions, false),
    attempts: rows(snap.attempts, true),
    extraNewCards: rows(snap.extraNewCards, true),
    search: rows(snap.search, false),
  };
}

const LOG_BASE = {
  state: 2,
  stability: 12.5,
  difficulty: 6.25,
  scheduledDays: 9,
  learningSteps: 1,
  elapsedDays: 4,
  durationMs: 7300,
};

/** Alice: own decks, a reworded built-in concept, cards in every state, reviews of every kind, quizzes, settings. */
async function buildAlice(): Promise<void> {
  alice = await newUser("alice", at(0));
  const deckA = (await createOwnDeck(alice.id, { title: "Reward notes", description: "From the reading group." }, at(0, 1)))
    .deckId;
  const deckB = (await createOwnDeck(alice.id, { title: "Empty for now", description: "" }, at(0, 2))).deckId;
  const concept = (term: string, definition: string) =>
    createOwnConcept(
      alice.id,
      {
        deckId: deckA,
        term,
        definition,
        aliases: [`${term} alias`],
        examples: [`An example of ${term}.`],
        tags: ["week-2", "reward"],
        sourceText: "Section 3",
        sourceUrl: "https://example.org/paper",
        confusableIds: [],
        prerequisiteIds: [],
        cardKinds: "BOTH",
      },
      at(0, 3),
    );
  const tampering = await concept("Reward tampering", "An agent interfering with its own training signal.");
  await concept("Wireheading", "Directly stimulating one's own reward.");
  await write((tx) => tx.concept.update({ where: { id: tampering.conceptId }, data: { retiredAt: at(30) } }));

  const builtIn = await read((db) =>
    db.concept.findFirstOrThrow({ where: { deck: { ownerId: null, slug: "learned-optimization" }, slug: "mesa-optimizer" } }),
  );
  await saveWording(
    alice.id,
    {
      conceptId: builtIn.id,
      definition: "A trained model that itself searches over plans to pursue a goal.",
      examples: ["A learned planner."],
      aliases: ["learned searcher"],
    },
    at(1),
  );
  await write(async (tx) => {
    await tx.conceptOverride.updateMany({
      where: { userId: alice.id },
      data: { tags: '["mine"]', originalChangeSeenAt: at(2), originalHash: "hash-of-original" },
    });
    await tx.user.update({
      where: { id: alice.id },
      data: {
        timeZone: "Europe/Berlin",
        dayStartHour: 5,
        newCardsPerDay: 13,
        reviewsPerDay: 177,
        desiredRetention: 0.87,
        learningSteps: "2m 15m",
        relearningSteps: "7m",
        maximumIntervalDays: 3650,
        enableFuzz: true,
        fsrsWeights: JSON.stringify([
          0.41, 1.18, 3.17, 15.69, 7.19, 0.53, 1.46, 0.0046, 1.55, 0.12, 1.01, 1.93, 0.11, 0.29, 2.27, 0.23, 2.99, 0.52, 0.66,
          0.1, 0.2,
        ]),
        previousFsrsWeights: JSON.stringify([0.4, 1.2, 3.1]),
        fsrsFittedAt: at(20),
        fsrsFitCandidate: JSON.stringify({ weights: [1, 2], evaluation: { logLoss: 0.31 } }),
        dailyGoalKind: "REVIEWS",
        dailyGoalReviews: 2,
        dailyGoalChosenAt: at(0, 5),
        leechThreshold: 5,
        leechAction: "SUSPEND",
        newCardOrder: "RANDOM",
      },
    });
    const builtInEnrolment = await tx.enrolment.findFirstOrThrow({ where: { userId: alice.id, deck: { ownerId: null } } });
    await tx.enrolment.update({
      where: { userId_deckId: { userId: alice.id, deckId: builtInEnrolment.deckId } },
      data: { stoppedAt: at(25), createdAt: at(0, 9) },
    });
    await tx.enrolment.update({ where: { userId_deckId: { userId: alice.id, deckId: deckB } }, data: { createdAt: at(3) } });
  });

  // Cards in every state, every column away from its default.
  const cards = await read((db) =>
    db.card.findMany({ where: { userId: alice.id }, orderBy: [{ deckId: "asc" }, { rank: "asc" }, { kind: "asc" }] }),
  );
  await write(async (tx) => {
    for (const [i, card] of cards.slice(0, 8).entries()) {
      await tx.card.update({
        where: { id: card.id },
        data: {
          state: i % 4,
          due: at(35 + i, 123),
          stability: 1.5 + i / 7,
          difficulty: 4.25 + i / 9,
          scheduledDays: 3 + i,
          learningSteps: i % 2,
          reps: 5 + i,
          lapses: 1 + (i % 3),
          lastReview: at(30 + i, 456),
          suspended: i === 2,
          buriedUntil: i === 3 ? at(41) : null,
          version: 11 + i,
          createdAt: at(0, 700 + i),
        },
      });
    }
  });
  const [c0, c1, c2] = cards;

  // Eight days of two reviews each (a freeze earned), a missed day, then two more days: a freeze spent.
  const logs: Prisma.ReviewLogCreateManyInput[] = [];
  let n = 0;
  const days = [10, 11, 12, 13, 14, 15, 16, 17, 19, 20];
  for (const day of days) {
    for (const card of [c0, c1]) {
      n += 1;
      logs.push({
        ...LOG_BASE,
        cardId: card.id,
        userId: alice.id,
        kind: "GRADE",
        grade: 1 + (n % 4),
        due: at(day - 1, n),
        lastReview: n % 3 === 0 ? null : at(day - 4, n),
        reviewedAt: at(day, n * 1000),
        clientId: `grade-${String(n).padStart(6, "0")}`,
        undoneAt: null,
        batchId: null,
      });
    }
  }
  logs.push(
    {
      ...LOG_BASE,
      cardId: c2.id,
      userId: alice.id,
      kind: "GRADE",
      grade: 2,
      due: at(21),
      lastReview: null,
      reviewedAt: at(21, 5),
      clientId: "grade-undone-1",
      undoneAt: at(21, 9000),
      batchId: null,
    },
    {
      ...LOG_BASE,
      cardId: c2.id,
      userId: alice.id,
      kind: "RESET",
      grade: 0,
      due: at(22),
      lastReview: at(21),
      reviewedAt: at(22, 5),
      clientId: "reset-1",
      undoneAt: null,
      batchId: null,
      durationMs: 0,
    },
    {
      ...LOG_BASE,
      cardId: c0.id,
      userId: alice.id,
      kind: "RESCHEDULE",
      grade: 0,
      due: at(23),
      lastReview: at(20),
      reviewedAt: at(23, 5),
      clientId: "resched-1",
      undoneAt: null,
      batchId: "2b0b6a9e-4c1f-4d8e-9a57-3f1f3c2b9d10",
      durationMs: 0,
    },
    {
      ...LOG_BASE,
      cardId: c1.id,
      userId: alice.id,
      kind: "RESCHEDULE",
      grade: 0,
      due: at(23),
      lastReview: at(20),
      reviewedAt: at(23, 5),
      clientId: "resched-2",
      undoneAt: at(23, 60_000),
      batchId: "2b0b6a9e-4c1f-4d8e-9a57-3f1f3c2b9d10",
      durationMs: 0,
    },
    {
      ...LOG_BASE,
      cardId: c1.id,
      userId: alice.id,
      kind: "IMPORT",
      grade: 0,
      due: at(2),
      lastReview: null,
      reviewedAt: at(2, 5),
      clientId: "import-1",
      undoneAt: null,
      batchId: null,
      durationMs: 0,
      elapsedDays: -1,
    },
  );
  await write((tx) => tx.reviewLog.createMany({ data: logs }));

  // A quiz with a confusion (a wrong pick of another concept), a typed answer, and an unfinished one.
  const [q0, q1] = [c0.conceptId, c1.conceptId];
  await write(async (tx) => {
    const quiz = await tx.quiz.create({
      data: {
        userId: alice.id,
        seed: 4242,
        scope: JSON.stringify({ kind: "deck", deckId: deckA, title: "Reward notes" }),
        modes: '["term-to-definition","typed-recall"]',
        length: 10,
        createdAt: at(18),
        finishedAt: at(18, 90_000),
      },
    });
    const first = await tx.quizQuestion.create({
      data: {
        quizId: quiz.id,
        userId: alice.id,
        index: 0,
        mode: "term-to-definition",
        conceptId: q0,
        question: JSON.stringify({
          index: 0,
          conceptId: q0,
          term: "A",
          mode: "term-to-definition",
          prompt: "A",
          options: [
            { conceptId: q0, term: "A", text: "a" },
            { conceptId: q1, term: "B", text: "b" },
          ],
          answerIndex: 0,
        }),
        askedAt: at(18, 1),
      },
    });
    const second = await tx.quizQuestion.create({
      data: {
        quizId: quiz.id,
        userId: alice.id,
        index: 1,
        mode: "typed-recall",
        conceptId: q1,
        question: JSON.stringify({ index: 1, conceptId: q1, term: "B", mode: "typed-recall", prompt: "b", accepted: ["B"] }),
        askedAt: at(18, 2),
      },
    });
    await tx.quizAttempt.create({
      data: {
        userId: alice.id,
        questionId: first.id,
        conceptId: q0,
        mode: "term-to-definition",
        correct: false,
        chosenConceptId: q1,
        typed: null,
        durationMs: 4100,
        answeredAt: at(18, 30_000),
      },
    });
    await tx.quizAttempt.create({
      data: {
        userId: alice.id,
        questionId: second.id,
        conceptId: q1,
        mode: "typed-recall",
        correct: true,
        chosenConceptId: null,
        typed: "b with a typo",
        durationMs: 5200,
        answeredAt: at(18, 60_000),
      },
    });
    await tx.quiz.create({
      data: {
        userId: alice.id,
        seed: 7,
        scope: JSON.stringify({ kind: "pair", conceptIds: [q0, q1], title: "A or B" }),
        modes: '["true-false"]',
        length: null,
        createdAt: at(19),
        finishedAt: null,
      },
    });
    await tx.extraNewCards.create({
      data: { userId: alice.id, studyDay: "2026-02-20", cards: 15, clientId: "extra-000001", createdAt: at(19, 77) },
    });
  });
}

beforeAll(async () => {
  await seedBuiltIn(at(0));
  await buildAlice();
});

afterAll(async () => {
  await disconnect();
});

async function backupBytes(userId: string): Promise<Uint8Array> {
  return gzipSync(Buffer.from(await accountBackupText(userId, NOW)));
}

describe("account backup and restore", () => {
  it("brings every field of every row back in a new account, with fresh ids", async () => {
    const file = await backupBytes(alice.id);
    const bob = await newUser("bob", NOW);
    expect(await canRestoreInto(bob.id)).toBe(true);
    const summary = await restoreAccountBackup(bob.id, file, NOW);
    expect(summary).toEqual({ decks: 2, concepts: 2, cards: expect.any(Number), reviews: 25, quizzes: 2 });

    const before = await snapshot(alice.id);
    const after = await snapshot(bob.id);
    // The fixture reaches every table, so an empty table cannot pass as equal.
    for (const [table, rows] of Object.entries(before))
      if (Array.isArray(rows)) expect([table, rows.length > 0]).toEqual([table, true]);
    expect(await comparable(bob.id, after)).toEqual(await comparable(alice.id, before));
    // Fresh ids: nothing of Alice's is shared.
    const aliceIds = new Set(
      [...before.cards, ...before.reviewLogs, ...before.decks, ...before.concepts, ...before.quizzes].map((row) => row.id),
    );
    expect(
      [...after.cards, ...after.reviewLogs, ...after.decks, ...after.concepts, ...after.quizzes].filter((row) =>
        aliceIds.has(row.id),
      ),
    ).toEqual([]);

    // The streak (a freeze earned and one spent) is read from the restored logs the same way.
    const streakBefore = await getStreakSummary(alice.id, at(20, 50_000));
    expect(streakBefore.frozenDays.length).toBeGreaterThan(0);
    expect(await getStreakSummary(bob.id, at(20, 50_000))).toEqual(streakBefore);
  });

  it("is refused into an account with study data, and changes nothing", async () => {
    const file = await backupBytes(alice.id);
    const before = await snapshot(alice.id);
    const error = await restoreAccountBackup(alice.id, file, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(
      /no study data yet, and this one has 2 decks of your own, 25 reviews, 2 quizzes/,
    );
    expect(await snapshot(alice.id)).toEqual(before);
    expect(await canRestoreInto(alice.id)).toBe(false);
  });

  describe("a malformed file gives a clear error and changes nothing", () => {
    let carol: User;
    let good: Record<string, unknown>;
    beforeAll(async () => {
      carol = await newUser("carol", NOW);
      good = JSON.parse(await accountBackupText(alice.id, NOW)) as Record<string, unknown>;
    });

    const refused = async (bytes: Uint8Array, message: RegExp) => {
      const before = await snapshot(carol.id);
      const error = await restoreAccountBackup(carol.id, bytes, NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(message);
      expect(await snapshot(carol.id)).toEqual(before);
    };
    const json = (value: unknown) => Buffer.from(JSON.stringify(value));

    it("truncated JSON, plain or gzip-compressed", async () => {
      const text = JSON.stringify(good);
      await refused(Buffer.from(text.slice(0, text.length / 2)), /not valid JSON.*cut short/);
      const gz = gzipSync(Buffer.from(text));
      await refused(gz.subarray(0, gz.length / 2), /cannot be unpacked/);
    });

    it("a wrong version or format", async () => {
      await refused(json({ ...good, version: 2 }), /version 2; this Mesa reads version 1/);
      await refused(json({ ...good, format: "anki" }), /not a Mesa account backup/);
    });

    it("a bad grade, named by its path", async () => {
      const reviewLogs = (good.reviewLogs as Record<string, unknown>[]).map((log, i) => (i === 3 ? { ...log, grade: 7 } : log));
      await refused(json({ ...good, reviewLogs }), /^reviewLogs\[3\]\.grade: /);
      const manual = (good.reviewLogs as Record<string, unknown>[]).map((log, i) => (i === 0 ? { ...log, kind: "RESET" } : log));
      await refused(json({ ...good, reviewLogs: manual }), /^reviewLogs\[0\]\.grade: must be 1-4 for a review/);
    });

    it("an unknown built-in deck or concept, named", async () => {
      const enrolments = [
        ...(good.enrolments as object[]),
        { deck: "builtin:no-such-deck", createdAt: NOW.toISOString(), stoppedAt: null },
      ];
      await refused(json({ ...good, enrolments }), /enrolments\[\d+\]\.deck: the built-in deck "no-such-deck" does not exist/);
      const overrides = (good.overrides as Record<string, unknown>[]).map((row) => ({
        ...row,
        concept: "builtin:learned-optimization/no-such-concept",
      }));
      await refused(
        json({ ...good, overrides }),
        /overrides\[0\]\.concept: the deck "builtin:learned-optimization" has no concept "no-such-concept"/,
      );
    });

    it("a review of a card the file does not have", async () => {
      const reviewLogs = (good.reviewLogs as Record<string, unknown>[]).map((log, i) =>
        i === 5 ? { ...log, card: "nope" } : log,
      );
      await refused(json({ ...good, reviewLogs }), /reviewLogs\[5\]\.card: no card in the file has the key "nope"/);
    });

    it("a 10 MB single line, invalid UTF-8, an empty file, and one over the size limit", async () => {
      await refused(Buffer.alloc(10 * 1024 * 1024, "a"), /not valid JSON/);
      await refused(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), /not valid UTF-8/);
      await refused(new Uint8Array(0), /empty/);
      await refused(new Uint8Array(100 * 1024 * 1024 + 1), /at most 100 MB/);
    });

    it("a gzip file that unpacks out of proportion", async () => {
      // The real bound is 512 MB; a smaller one here keeps the test light.
      await expect(parseBackup(gzipSync(Buffer.alloc(3 * 1024 * 1024, " ")), 2 * 1024 * 1024)).rejects.toThrow(
        /unpacks to more than 2 MB/,
      );
    });
  });
});
