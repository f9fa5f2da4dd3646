import { gunzipSync } from "node:zlib";
import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

const mockSessionUser: { current: { id: string; username: string; timeZone: string; sessionId: string } | null } = {
  current: null,
};
jest.mock("@/lib/server/auth", () => ({ getSessionUser: jest.fn(() => Promise.resolve(mockSessionUser.current)) }));

import { GET as getBackup } from "@/app/api/export/backup/route";
import { POST as postRestore } from "@/app/api/restore/route";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { createOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck } from "@/lib/server/own-decks";
import { newUser, seedBuiltIn } from "../../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");

const signIn = (user: User | null) => {
  mockSessionUser.current = user && { id: user.id, username: user.username, timeZone: "UTC", sessionId: "s" };
};

let alice: User;
let bob: User;

async function tablesOf(userId: string) {
  return read(async (db) => ({
    decks: await db.deck.findMany({ where: { ownerId: userId } }),
    concepts: await db.concept.findMany({ where: { deck: { ownerId: userId } } }),
    cards: await db.card.findMany({ where: { userId } }),
    logs: await db.reviewLog.findMany({ where: { userId } }),
    user: await db.user.findUnique({ where: { id: userId } }),
  }));
}

const restoreRequest = (body: Uint8Array | string, headers: Record<string, string> = { origin: "http://localhost" }) =>
  new Request("http://localhost/api/restore", { method: "POST", body: body as BodyInit, headers });

async function downloadBackup(): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await getBackup();
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  const deckId = (await createOwnDeck(alice.id, { title: "Alice's private notes", description: "" }, NOW)).deckId;
  await createOwnConcept(
    alice.id,
    {
      deckId,
      term: "Reward tampering",
      definition: "An agent interfering with its own training signal.",
      aliases: [],
      examples: [],
      tags: [],
      sourceText: "",
      sourceUrl: "",
      confusableIds: [],
      prerequisiteIds: [],
      cardKinds: "BOTH",
    },
    NOW,
  );
});

afterEach(() => signIn(null));

afterAll(async () => {
  await disconnect();
});

describe("backup route", () => {
  it("answers 401 without a session", async () => {
    const response = await getBackup();
    expect(response.status).toBe(401);
    expect(response.headers.get("content-disposition")).toBeNull();
  });

  it("answers the session user's own account only, as a gzip-compressed file", async () => {
    signIn(alice);
    const { response, bytes } = await downloadBackup();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toEqual(
      expect.stringMatching(/^attachment; filename="mesa-backup-alice-\d{4}-\d{2}-\d{2}\.json\.gz"$/),
    );
    const mine = JSON.parse(gunzipSync(bytes).toString("utf8")) as { username: string; decks: { title: string }[] };
    expect(mine.username).toBe("alice");
    expect(mine.decks.map((deck) => deck.title)).toEqual(["Alice's private notes"]);

    signIn(bob);
    const other = gunzipSync((await downloadBackup()).bytes).toString("utf8");
    expect(JSON.parse(other)).toMatchObject({ username: "bob", decks: [] });
    expect(other).not.toContain("Alice's private notes");
    expect(other).not.toContain(alice.id);
  });
});

describe("restore route", () => {
  it("answers 401 without a session and 403 from another site, writing nothing", async () => {
    signIn(alice);
    const { bytes } = await downloadBackup();
    signIn(null);
    const before = await tablesOf(bob.id);
    expect((await postRestore(restoreRequest(bytes))).status).toBe(401);
    signIn(bob);
    const crossSite = await postRestore(restoreRequest(bytes, { origin: "https://evil.example" }));
    expect(crossSite.status).toBe(403);
    expect(await tablesOf(bob.id)).toEqual(before);
  });

  it("refuses into an account with study data (409), naming what it holds, and changes nothing", async () => {
    signIn(alice);
    const { bytes } = await downloadBackup();
    const before = await tablesOf(alice.id);
    const response = await postRestore(restoreRequest(bytes));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ ok: false, error: expect.stringMatching(/1 deck of your own/) });
    expect(await tablesOf(alice.id)).toEqual(before);
  });

  it("answers 400 with the path of a malformed value", async () => {
    signIn(bob);
    const before = await tablesOf(bob.id);
    const response = await postRestore(restoreRequest('{"format":"mesa-account-backup","version":1,"settings":{}}'));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error: expect.stringMatching(/^exportedAt: /) });
    expect(await tablesOf(bob.id)).toEqual(before);
  });

  it("restores into the session user's account only: Alice's file in Bob's account leaves Alice's untouched", async () => {
    signIn(alice);
    const { bytes } = await downloadBackup();
    const aliceBefore = await tablesOf(alice.id);
    signIn(bob);
    const response = await postRestore(restoreRequest(bytes));
    expect(await response.json()).toEqual({
      ok: true,
      summary: { decks: 1, concepts: 1, cards: expect.any(Number), reviews: 0, quizzes: 0 },
    });
    expect(response.status).toBe(200);
    expect(await tablesOf(alice.id)).toEqual(aliceBefore);
    const bobs = await tablesOf(bob.id);
    expect(bobs.decks.map((deck) => [deck.title, deck.ownerId])).toEqual([["Alice's private notes", bob.id]]);
    expect(bobs.cards.length).toBe(aliceBefore.cards.length);
  });
});
