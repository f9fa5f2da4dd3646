import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

const mockSession = { id: "", username: "", timeZone: "UTC", sessionId: "" };
jest.mock("@/lib/server/auth", () => ({
  requireUser: jest.fn(() => Promise.resolve(mockSession)),
  endSession: jest.fn(() => Promise.resolve()),
}));
jest.mock("next/navigation", () => ({
  redirect: jest.fn((to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};307;` });
  }),
}));

import { changePasswordAction, changeUsernameAction, deleteAccountAction } from "@/app/(app)/(with-header)/account/actions";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { changePassword, changeUsername, deleteAccount, WRONG_CURRENT_PASSWORD } from "@/lib/server/account";
import { syncConceptSearch } from "@/lib/server/concept-search";
import { disconnect, read, write } from "@/lib/server/db";
import { createInvite } from "@/lib/server/invites";
import { createQuiz, answerQuestion } from "@/lib/server/quiz/quizzes";
import { recordReview } from "@/lib/server/reviews";
import { createSession, getSessionUserByToken } from "@/lib/server/session-rows";
import { addExtraNewCards } from "@/lib/server/study/held-back";
import { verifyCredentials } from "@/lib/server/users";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/validation/password";
import { cardsOf, expectUserError, newClientId, newUser, PASSWORD, seedBuiltIn } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");

let alice: User;
let bob: User;

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

/** Gives a user something in every table a learner can fill: grades, a quiz answer, sessions, an invite, an own deck, a wording. */
async function fillAccount(user: User, tag: string) {
  const cards = await cardsOf(user.id);
  for (const card of cards.slice(0, 3)) {
    await recordReview(
      user.id,
      { cardId: card.id, grade: 3, clientId: newClientId(tag), expectedVersion: card.version, durationMs: 3000 },
      NOW,
    );
  }
  const quiz = await createQuiz(user.id, { scope: { kind: "all" }, length: 10, mode: "definition-to-term" }, NOW, { seed: 3 });
  const [question] = await read((db) =>
    db.quizQuestion.findMany({ where: { quizId: quiz.quizId }, orderBy: { index: "asc" }, take: 1 }),
  );
  await answerQuestion(user.id, { questionId: question.id, answer: 0, durationMs: 2000 }, NOW);
  await createSession(user.id, "Firefox", NOW);
  await createInvite(user.id, { days: 7, maxUses: 3, deckIds: [] }, NOW);
  await addExtraNewCards(user.id, { clientId: newClientId(tag), cards: 5 }, NOW);
  const conceptIds = await write(async (tx) => {
    const deck = await tx.deck.create({ data: { slug: `own-${tag}`, title: `Own ${tag}`, ownerId: user.id } });
    const concept = await tx.concept.create({
      data: { deckId: deck.id, slug: "mine", position: 0, term: `Mine ${tag}`, definition: "Own words." },
    });
    await tx.enrolment.create({ data: { userId: user.id, deckId: deck.id } });
    await tx.card.create({
      data: { userId: user.id, conceptId: concept.id, deckId: deck.id, kind: "TERM_TO_DEFINITION", due: NOW },
    });
    await tx.conceptOverride.create({
      data: {
        userId: user.id,
        conceptId: cards[0].conceptId,
        definition: `Reworded by ${tag}`,
        originalHash: "x",
        createdAt: NOW,
        updatedAt: NOW,
      },
    });
    const ids = [concept.id, cards[0].conceptId];
    await syncConceptSearch(tx, ids);
    return ids;
  });
  return conceptIds;
}

type Row = Record<string, unknown>;

/** Every row of every table (models from Prisma.ModelName, so a new table is covered), plus the full-text index. */
async function everyRow(): Promise<Record<string, Row[]>> {
  return read(async (db) => {
    const tables: Record<string, Row[]> = {};
    for (const model of Object.values(Prisma.ModelName)) {
      const prop = (model.charAt(0).toLowerCase() + model.slice(1)) as keyof typeof db;
      tables[model] = await (db[prop] as unknown as { findMany: () => Promise<Row[]> }).findMany();
    }
    // Identified by concept and user: re-indexing a concept replaces its rows (new rowids, same text).
    tables.ConceptSearch = await db.$queryRaw<Row[]>`SELECT "conceptId", "userId", "term", "definition" FROM "ConceptSearch"`;
    return tables;
  });
}

const keyOf = (table: string, row: Row) =>
  table === "InviteDeck"
    ? `${String(row.inviteId)}:${String(row.deckId)}`
    : table === "Enrolment"
      ? `${String(row.userId)}:${String(row.deckId)}`
      : table === "ConceptSearch"
        ? `${String(row.conceptId)}:${String(row.userId)}`
        : String(row.id);

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  Object.assign(mockSession, { id: alice.id, username: alice.username });
});

afterAll(async () => {
  await disconnect();
});

describe("change password", () => {
  it("needs the current password, applies the password rules beside the field, and changes nothing when refused", async () => {
    const before = await read((db) => db.user.findUniqueOrThrow({ where: { id: alice.id }, select: { passwordHash: true } }));
    const common = await changePasswordAction(
      null,
      form({ currentPassword: PASSWORD, newPassword: "password1", username: "alice" }),
    );
    expect(common).toMatchObject({ ok: false, fieldErrors: { newPassword: [COMMON_PASSWORD_MESSAGE] } });
    const short = await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "xq7#v", username: "alice" }));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ["Passwords are at least 8 characters"] } });
    const wrong = await changePasswordAction(
      null,
      form({ currentPassword: "not my password", newPassword: "a much better secret", username: "alice" }),
    );
    expect(wrong).toMatchObject({ ok: false, error: WRONG_CURRENT_PASSWORD });
    // The form's username is only for the message: the stored one is checked too.
    await expectUserError(
      changePassword({ id: alice.id, sessionId: "x" }, { currentPassword: PASSWORD, newPassword: "ALICE" }, NOW),
      "INVALID",
    );
    expect(await read((db) => db.user.findUniqueOrThrow({ where: { id: alice.id }, select: { passwordHash: true } }))).toEqual(
      before,
    );
  });

  it("changes it, signs out every other session of the account (not this one, not anyone else's)", async () => {
    const here = await createSession(alice.id, "Here", NOW);
    const there = await createSession(alice.id, "There", NOW);
    const bobs = await createSession(bob.id, "Bob", NOW);
    const hereUser = await getSessionUserByToken(here, NOW);
    Object.assign(mockSession, { sessionId: hereUser!.sessionId });
    expect(
      await changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, newPassword: "a much better secret", username: "alice" }),
      ),
    ).toEqual({
      ok: true,
      data: undefined,
    });
    expect(await getSessionUserByToken(here, NOW)).not.toBeNull();
    expect(await getSessionUserByToken(there, NOW)).toBeNull();
    expect(await getSessionUserByToken(bobs, NOW)).not.toBeNull();
    await expect(verifyCredentials({ username: "alice", password: "a much better secret" }, "10.0.0.1")).resolves.toMatchObject({
      id: alice.id,
    });
    await expectUserError(verifyCredentials({ username: "alice", password: PASSWORD }, "10.0.0.2"), "UNAUTHORIZED");
  });
});

describe("change username", () => {
  it("refuses a taken name whatever its case and a malformed one beside the field", async () => {
    expect(await changeUsernameAction(null, form({ username: "BOB" }))).toMatchObject({
      ok: false,
      error: "That username is taken.",
    });
    expect(await changeUsernameAction(null, form({ username: "a b" }))).toMatchObject({
      ok: false,
      fieldErrors: { username: ["Use letters, digits, dots, dashes and underscores only"] },
      values: { username: "a b" },
    });
    expect((await read((db) => db.user.findUniqueOrThrow({ where: { id: alice.id } }))).username).toBe("alice");
  });

  it("renames, a change of case included, and the new name signs in", async () => {
    expect(await changeUsername(alice.id, { username: "Alice.B" })).toEqual({ username: "Alice.B" });
    await expect(verifyCredentials({ username: "alice.b", password: "a much better secret" }, "10.0.0.3")).resolves.toMatchObject(
      { id: alice.id },
    );
    expect(await changeUsername(alice.id, { username: "alice" })).toEqual({ username: "alice" });
  });
});

describe("delete account", () => {
  it("refuses without the exact username and deletes nothing", async () => {
    const before = await everyRow();
    expect(await deleteAccountAction(null, form({ confirmUsername: "bob" }))).toMatchObject({
      ok: false,
      error: "Type your username, alice, exactly as shown to confirm. Nothing was deleted.",
    });
    await expectUserError(deleteAccount(alice.id, ""), "INVALID");
    expect(await everyRow()).toEqual(before);
  });

  it("removes everything of the user's in one write and nothing of anyone else's, in every table", async () => {
    const aliceConcepts = await fillAccount(alice, "alice");
    await fillAccount(bob, "bob");
    const before = await everyRow();
    const aliceDecks = new Set(before.Deck.filter((d) => d.ownerId === alice.id).map((d) => d.id));
    const aliceInvites = new Set(before.Invite.filter((i) => i.createdById === alice.id).map((i) => i.id));
    const isAlices = (table: string, row: Row) =>
      (table === "User" && row.id === alice.id) ||
      row.userId === alice.id ||
      row.ownerId === alice.id ||
      row.createdById === alice.id ||
      (table === "Concept" && aliceDecks.has(row.deckId)) ||
      (table === "InviteDeck" && aliceInvites.has(row.inviteId)) ||
      (table === "ConceptSearch" && aliceConcepts[0] === row.conceptId);
    // Alice has rows in every table a learner fills.
    for (const table of [
      "User",
      "Deck",
      "Concept",
      "Card",
      "ReviewLog",
      "Enrolment",
      "Quiz",
      "QuizQuestion",
      "QuizAttempt",
      "Session",
      "Invite",
      "ExtraNewCards",
      "ConceptOverride",
      "ConceptSearch",
    ]) {
      expect([table, before[table].some((row) => isAlices(table, row))]).toEqual([table, true]);
    }

    expect(await deleteAccountAction(null, form({ confirmUsername: "alice" })).catch((e: Error) => e.message)).toBe(
      "NEXT_REDIRECT",
    );

    const after = await everyRow();
    for (const [table, rows] of Object.entries(before)) {
      const left = new Map(after[table].map((row) => [keyOf(table, row), row]));
      for (const row of rows) {
        const now = left.get(keyOf(table, row));
        if (isAlices(table, row)) expect([table, now]).toEqual([table, undefined]);
        else expect([table, now]).toEqual([table, row]);
      }
      expect([table, after[table].length]).toEqual([table, rows.filter((row) => !isAlices(table, row)).length]);
    }
    // Alice's wording of a built-in concept left the index; the concept's own text and Bob's stay.
    expect(after.ConceptSearch.some((row) => row.userId === alice.id)).toBe(false);
    expect(after.ConceptSearch.some((row) => row.conceptId === aliceConcepts[1] && row.userId === "")).toBe(true);
  });
});
