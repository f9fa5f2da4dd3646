import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { disconnect, read, write } from "@/lib/server/db";
import { newUser, seedBuiltIn } from "../helpers/fixtures";

/*
 * A built-in deck is found by its slug (the seed upserts by it), so two built-in decks must never
 * share one. schema.prisma's @@unique([ownerId, slug]) cannot promise it (SQLite treats the NULL
 * ownerIds as distinct); the hand-written partial index Deck_builtin_slug_key does.
 */

const NOW = new Date("2026-03-07T12:00:00Z");

beforeAll(async () => {
  await seedBuiltIn(NOW);
});

afterAll(async () => {
  await disconnect();
});

function builtInDecks(slug: string) {
  return read((db) => db.deck.count({ where: { ownerId: null, slug } }));
}

it("refuses a second built-in deck with the slug of an existing one, and changes nothing", async () => {
  expect(await builtInDecks("learned-optimization")).toBe(1);
  await expect(write((tx) => tx.deck.create({ data: { slug: "learned-optimization", title: "A copy" } }))).rejects.toMatchObject({
    code: "P2002",
  });
  expect(await builtInDecks("learned-optimization")).toBe(1);
});

it("lets two users, and a user and the built-in decks, use one slug for their own decks", async () => {
  const ada = await newUser("ada", NOW);
  const grace = await newUser("grace", NOW);
  await write(async (tx) => {
    await tx.deck.create({ data: { slug: "learned-optimization", title: "Ada's notes", ownerId: ada.id } });
    await tx.deck.create({ data: { slug: "learned-optimization", title: "Grace's notes", ownerId: grace.id } });
  });
  expect(await read((db) => db.deck.count({ where: { slug: "learned-optimization" } }))).toBe(3);
  // One user still cannot have two decks with one slug.
  await expect(
    write((tx) => tx.deck.create({ data: { slug: "learned-optimization", title: "Again", ownerId: ada.id } })),
  ).rejects.toMatchObject({
    code: "P2002",
  });
});

it("still re-seeds the built-in decks in place", async () => {
  const report = await seedBuiltIn(new Date("2026-03-09T12:00:00Z"));
  expect(report.decks).toBeGreaterThan(0);
  expect(await builtInDecks("learned-optimization")).toBe(1);
});
