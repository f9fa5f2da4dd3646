import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { recordReview } from "@/lib/server/reviews";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, cardsOf, countRows, logsOfCard, newClientId, newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";

const NOW = new Date("2026-03-07T12:00:00Z");
const LATER = new Date("2026-03-09T12:00:00Z");
// Loaded alone, so without its links to the glossary (they are checked with every deck in the deck content test).
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);
const OLD_DEFINITION_START = "The set of candidates that an optimizer looks through and compares";

let alice: User;
let bob: User;
let gradedCardId: string;

async function conceptBySlug(slug: string) {
  return read((db) => db.concept.findFirst({ where: { slug, deck: { slug: "learned-optimization", ownerId: null } } }));
}

async function snapshotOfProgress(userId: string) {
  const cards = await cardsOf(userId);
  return cards.map(({ concept: _concept, ...card }) => card);
}

beforeAll(async () => {
  const report = await seedBuiltInDecks([BUILT_IN], NOW);
  expect(report.decks).toBe(1);
  expect(report.cardsCreated).toBe(0);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  const [card] = await cardsOf(alice.id);
  gradedCardId = card.id;
  await recordReview(alice.id, { cardId: card.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 1000 }, NOW);
});

afterAll(async () => {
  await disconnect();
});

it("loads the built-in deck with its concepts in file order", async () => {
  const search = await conceptBySlug("search-space");
  const optimizer = await conceptBySlug("optimizer");
  expect(search?.position).toBe(0);
  expect(optimizer?.position).toBe(2);
  expect(JSON.parse(optimizer!.prerequisites)).toEqual(["search-space", "objective-function"]);
  expect(search?.definition.startsWith(OLD_DEFINITION_START)).toBe(true);
});

it("creates nothing new when run again, and keeps a user's progress", async () => {
  const countsBefore = await countRows();
  const progressBefore = await snapshotOfProgress(alice.id);
  const logsBefore = await logsOfCard(gradedCardId);
  expect(logsBefore).toHaveLength(1);

  const report = await seedBuiltInDecks([BUILT_IN], LATER);

  expect(report.cardsCreated).toBe(0);
  expect(await countRows()).toEqual(countsBefore);
  expect(await snapshotOfProgress(alice.id)).toEqual(progressBefore);
  expect(await logsOfCard(gradedCardId)).toEqual(logsBefore);
  expect((await cardRow(gradedCardId))!.version).toBe(1);
});

it("updates a concept's text from an edited deck file without touching progress", async () => {
  const edited = BUILT_IN.text.replace(OLD_DEFINITION_START, "All the candidates an optimizer considers and compares");
  expect(edited).not.toBe(BUILT_IN.text);
  const countsBefore = await countRows();
  const progressBefore = await snapshotOfProgress(alice.id);

  await seedBuiltInDecks([{ name: BUILT_IN.name, text: edited }], LATER);

  const concept = await conceptBySlug("search-space");
  expect(concept?.definition.startsWith("All the candidates an optimizer considers and compares")).toBe(true);
  expect(await countRows()).toEqual(countsBefore);
  expect(await snapshotOfProgress(alice.id)).toEqual(progressBefore);
});

it("creates the two cards of a concept added to the deck file for every enrolled user", async () => {
  const added = `${BUILT_IN.text.trimEnd()}\n\n## Gradient hacking\nA hypothetical behaviour in which a model influences its own training updates.\n- slug: gradient-hacking\n- requires: deceptive-alignment\n- source: A test addition\n`;
  const countsBefore = await countRows();
  const aliceBefore = await snapshotOfProgress(alice.id);

  const report = await seedBuiltInDecks([{ name: BUILT_IN.name, text: added }], LATER);

  expect(report.cardsCreated).toBe(4);
  expect(await countRows()).toEqual({ ...countsBefore, concepts: countsBefore.concepts + 1, cards: countsBefore.cards + 4 });
  const concept = await conceptBySlug("gradient-hacking");
  expect(concept?.position).toBe(countsBefore.concepts);
  for (const user of [alice, bob]) {
    const cards = (await cardsOf(user.id)).filter((c) => c.conceptId === concept!.id);
    expect(cards.map((c) => [c.kind, c.state, c.reps, c.version, c.due.toISOString()]).sort()).toEqual([
      ["DEFINITION_TO_TERM", 0, 0, 0, LATER.toISOString()],
      ["TERM_TO_DEFINITION", 0, 0, 0, LATER.toISOString()],
    ]);
  }
  const aliceAfter = await snapshotOfProgress(alice.id);
  expect(aliceAfter.filter((c) => c.conceptId !== concept!.id)).toEqual(aliceBefore);
});

it("stores each concept's rank (prerequisites first) and copies it to every user's cards when it changes, keeping progress", async () => {
  const rankOf = async (slug: string) => (await conceptBySlug(slug))!.rank;
  // The deck lists every prerequisite first, so its ranks are its positions.
  expect([await rankOf("search-space"), await rankOf("objective-function"), await rankOf("optimizer")]).toEqual([0, 1, 2]);

  // Search space now requires objective function: it moves to just after it.
  const reordered = BUILT_IN.text.replace("- slug: search-space\n", "- slug: search-space\n- requires: objective-function\n");
  expect(reordered).not.toBe(BUILT_IN.text);
  const progressBefore = await snapshotOfProgress(alice.id);
  await seedBuiltInDecks([{ name: BUILT_IN.name, text: reordered }], LATER);

  expect([await rankOf("objective-function"), await rankOf("search-space"), await rankOf("optimizer")]).toEqual([0, 1, 2]);
  for (const user of [alice, bob]) {
    const cards = await cardsOf(user.id);
    expect(cards.every((card) => card.rank === card.concept.rank && card.deckId === card.concept.deckId)).toBe(true);
  }
  const progressAfter = await snapshotOfProgress(alice.id);
  expect(progressAfter.map(({ rank: _rank, ...card }) => card)).toEqual(progressBefore.map(({ rank: _rank, ...card }) => card));
});

it("throws on a deck file with a parse error and changes nothing, even for the valid files beside it", async () => {
  const broken = { name: "broken.md", text: "---\ntitle: Broken\n---\n## Thing\n- colour: red\n" };
  const edited = { name: BUILT_IN.name, text: BUILT_IN.text.replace(OLD_DEFINITION_START, "Changed again") };
  const countsBefore = await countRows();
  const conceptBefore = await conceptBySlug("search-space");

  await expect(seedBuiltInDecks([edited, broken], LATER)).rejects.toThrow(/broken\.md:\nLine 5: unknown field "colour"/);

  expect(await countRows()).toEqual(countsBefore);
  expect(await conceptBySlug("search-space")).toEqual(conceptBefore);
});
