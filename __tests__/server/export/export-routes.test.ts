import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

const mockSessionUser: { current: { id: string; username: string; timeZone: string; sessionId: string } | null } = {
  current: null,
};
jest.mock("@/lib/server/auth", () => ({ getSessionUser: jest.fn(() => Promise.resolve(mockSessionUser.current)) }));

import { GET as getCards } from "@/app/api/export/cards/route";
import { GET as getApkg } from "@/app/api/export/decks/[id]/apkg/route";
import { GET as getMarkdown } from "@/app/api/export/decks/[id]/markdown/route";
import { GET as getReviewLog } from "@/app/api/export/review-log/route";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { createOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck } from "@/lib/server/own-decks";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { newUser, withoutLinksToOtherDecks } from "../../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

const request = new Request("http://localhost/api/export");
const deckParams = (id: string) => ({ params: Promise.resolve({ id }) });
const signIn = (user: User | null) => {
  mockSessionUser.current = user && { id: user.id, username: user.username, timeZone: "UTC", sessionId: "s" };
};

let alice: User;
let bob: User;
let aliceDeck: string;
let builtInDeck: string;

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  builtInDeck = (await read((db) => db.deck.findFirstOrThrow({ where: { ownerId: null } }))).id;
  aliceDeck = (await createOwnDeck(alice.id, { title: "Reward notes", description: "" }, NOW)).deckId;
  await createOwnConcept(
    alice.id,
    {
      deckId: aliceDeck,
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

describe("export routes", () => {
  it("answer 401 without a session, and keep nothing in a cache", async () => {
    for (const response of [
      await getCards(),
      await getReviewLog(),
      await getMarkdown(request, deckParams(aliceDeck)),
      await getApkg(request, deckParams(aliceDeck)),
      await getMarkdown(request, deckParams("not an id!")),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-disposition")).toBeNull();
    }
  });

  it("answer the deck as a markdown attachment named from its slug", async () => {
    signIn(alice);
    const response = await getMarkdown(request, deckParams(aliceDeck));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="reward-notes.md"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("## Reward tampering");
  });

  it("answer the deck as an Anki package the importer reads", async () => {
    signIn(alice);
    const response = await getApkg(request, deckParams(aliceDeck));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/apkg");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="reward-notes.apkg"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    const preview = readAnkiPackage(new Uint8Array(await response.arrayBuffer()));
    expect(preview.concepts.map((c) => c.term)).toEqual(["Reward tampering"]);
  });

  it("answer 429 while the learner's previous Anki package is still being built, and the package once it is", async () => {
    signIn(alice);
    const first = getApkg(request, deckParams(aliceDeck));
    const second = await getApkg(request, deckParams(aliceDeck));
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("10");
    expect(second.headers.get("content-disposition")).toBeNull();
    expect(((await second.json()) as { error: string }).error).toMatch(/already being prepared/);
    const response = await first;
    expect(response.status).toBe(200);
    expect(readAnkiPackage(new Uint8Array(await response.arrayBuffer())).concepts.map((c) => c.term)).toEqual([
      "Reward tampering",
    ]);
    expect((await getApkg(request, deckParams(aliceDeck))).status).toBe(200);
  });

  it("answer a built-in deck to any learner", async () => {
    signIn(bob);
    const response = await getMarkdown(request, deckParams(builtInDeck));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="learned-optimization.md"');
  });

  it("answer 404 for another learner's deck, a missing one or a malformed id, saying nothing of it", async () => {
    signIn(bob);
    for (const response of [
      await getMarkdown(request, deckParams(aliceDeck)),
      await getApkg(request, deckParams(aliceDeck)),
      await getMarkdown(request, deckParams("cnosuchdeck000000000000000")),
      await getMarkdown(request, deckParams("not an id!")),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-disposition")).toBeNull();
      const body = await response.text();
      expect(body).not.toContain("Reward");
      expect(body).not.toContain(aliceDeck);
    }
  });

  it("answer the cards as TSV and the review log as CSV attachments", async () => {
    signIn(alice);
    const cards = await getCards();
    expect(cards.headers.get("content-type")).toBe("text/tab-separated-values; charset=utf-8");
    expect(cards.headers.get("content-disposition")).toBe('attachment; filename="mesa-cards.tsv"');
    expect(cards.headers.get("cache-control")).toBe("no-store");
    expect(await cards.text()).toMatch(/^#separator:tab\n[\s\S]*Reward tampering/);
    const log = await getReviewLog();
    expect(log.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(log.headers.get("content-disposition")).toBe('attachment; filename="mesa-review-log.csv"');
    expect(log.headers.get("cache-control")).toBe("no-store");
    expect(await log.text()).toBe("card_id,review_time,review_rating,review_state,review_duration\n");
  });
});
