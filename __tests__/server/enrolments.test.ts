import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { findStudiedDeckId, listDecksForUser, listNewDecks, startStudyingDeck, stopStudyingDeck } from "@/lib/server/enrolments";
import { NotFoundError } from "@/lib/server/errors";
import { recordReview } from "@/lib/server/reviews";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, cardsOf, countRows, newClientId, newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";

const SIGN_UP = new Date("2026-03-01T12:00:00Z");
const SHIPPED = new Date("2026-03-05T12:00:00Z");
const NOW = new Date("2026-03-07T12:00:00Z");
// The first deck as a server had it before any other deck shipped: without its links to the glossary.
const FIRST = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

/** A second built-in deck, shipped after the users signed up, linking into the first deck. */
const EXTRA = {
  name: "extra.md",
  text: `---
slug: extra
title: Extra deck
source: An extra source (Someone, 2024) https://example.org/extra
---

## Extra one
The first concept of the extra deck, which builds on the first deck's mesa-optimizer.
- requires: learned-optimization/mesa-optimizer
- confusable: learned-optimization/mesa-optimizer

## Extra two
The second concept of the extra deck.
`,
};

let alice: User;
let bob: User;
let firstDeckId: string;
let extraDeckId: string;

const deckIdOf = (slug: string) => read((db) => db.deck.findFirst({ where: { slug, ownerId: null } })).then((deck) => deck!.id);
const deckCards = (userId: string, deckId: string) =>
  cardsOf(userId).then((cards) => cards.filter((card) => card.concept.deckId === deckId));
const queueDecks = async (userId: string, deckId?: string) => {
  const queue = await getReviewQueue(userId, NOW, deckId);
  return new Set(queue.cards.map((card) => card.deckTitle));
};

beforeAll(async () => {
  await seedBuiltInDecks([FIRST], SIGN_UP);
  alice = await newUser("alice", SIGN_UP);
  bob = await newUser("bob", SIGN_UP);
  await seedBuiltInDecks([FIRST, EXTRA], SHIPPED);
  firstDeckId = await deckIdOf("learned-optimization");
  extraDeckId = await deckIdOf("extra");
});

afterAll(async () => {
  await disconnect();
});

it("enrols a new user in the default deck only: the other built-in deck is offered, not forced", async () => {
  const carol = await newUser("carol", NOW);
  const decks = await listDecksForUser(carol.id, NOW);
  expect(decks.map((d) => [d.slug, d.status, d.isNew])).toEqual([
    ["learned-optimization", "studying", false],
    ["extra", "available", false],
  ]);
  expect(await deckCards(carol.id, extraDeckId)).toHaveLength(0);
  // Signed up after the extra deck shipped: it is on /decks, not announced on the home page.
  expect(await listNewDecks(carol.id)).toEqual([]);
});

it("lists every built-in deck with its concept count and the user's progress", async () => {
  const [first] = await deckCards(alice.id, firstDeckId);
  await recordReview(
    alice.id,
    { cardId: first.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 1000 },
    NOW,
  );
  const conceptCount = await read((db) => db.concept.count({ where: { deckId: firstDeckId } }));
  const [lo, extra] = await listDecksForUser(alice.id, NOW);
  expect(lo).toMatchObject({
    slug: "learned-optimization",
    builtIn: true,
    status: "studying",
    conceptCount,
    cardsTotal: 2 * conceptCount,
    cardsStudied: 1,
    dueToday: 1,
    isNew: false,
  });
  expect(lo.sourceUrl).toMatch(/^https:\/\//);
  expect(extra).toMatchObject({
    slug: "extra",
    status: "available",
    conceptCount: 2,
    cardsTotal: 0,
    cardsStudied: 0,
    isNew: true,
  });
});

it("announces a deck shipped after sign-up to existing users until they add or dismiss it", async () => {
  expect(await listNewDecks(bob.id)).toEqual([{ id: extraDeckId, title: "Extra deck", conceptCount: 2 }]);
  await stopStudyingDeck(bob.id, extraDeckId, NOW);
  expect(await listNewDecks(bob.id)).toEqual([]);
  expect((await listDecksForUser(bob.id, NOW)).find((d) => d.slug === "extra")).toMatchObject({
    status: "available",
    cardsTotal: 0,
    isNew: false,
  });
});

it("adds a deck in one call: cards for every concept, in the queue after the first deck, cross-deck prerequisite ignored", async () => {
  const homeBefore = await getHomeSummary(alice.id, NOW);
  const { cardsCreated } = await startStudyingDeck(alice.id, extraDeckId, NOW);
  expect(cardsCreated).toBe(4);
  expect(await listNewDecks(alice.id)).toEqual([]);
  expect((await getHomeSummary(alice.id, NOW)).totalCards).toBe(homeBefore.totalCards + 4);
  // The extra deck alone: its new cards come in file order. "Extra one" requires a concept of the
  // first deck, which does not hold it back (links across decks do not order the queue).
  const queue = await getReviewQueue(alice.id, NOW, extraDeckId);
  expect(queue.cards.map((c) => [c.term, c.kind])).toEqual([
    ["Extra one", "TERM_TO_DEFINITION"],
    ["Extra two", "TERM_TO_DEFINITION"],
  ]);
  expect(await queueDecks(alice.id, firstDeckId)).toEqual(new Set(["Risks from Learned Optimization"]));
});

it("stops a deck: its cards leave the queue and the counts but keep their progress; studying again brings them back as they were", async () => {
  const [graded] = await deckCards(alice.id, extraDeckId);
  await recordReview(
    alice.id,
    { cardId: graded.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 1000 },
    NOW,
  );
  const before = await cardRow(graded.id);
  const home = await getHomeSummary(alice.id, NOW);
  const rows = await countRows();

  await stopStudyingDeck(alice.id, extraDeckId, NOW);

  expect(await countRows()).toEqual(rows);
  expect(await queueDecks(alice.id)).toEqual(new Set(["Risks from Learned Optimization"]));
  const stopped = await getHomeSummary(alice.id, NOW);
  expect(stopped.totalCards).toBe(home.totalCards - 4);
  expect(stopped.learningLaterToday).toBe(home.learningLaterToday - 1);
  expect((await listDecksForUser(alice.id, NOW)).find((d) => d.slug === "extra")).toMatchObject({
    status: "stopped",
    cardsStudied: 1,
    cardsTotal: 4,
  });
  // A one-deck review of a stopped deck is not offered.
  expect(await findStudiedDeckId(alice.id, "extra")).toBeNull();

  await startStudyingDeck(alice.id, extraDeckId, NOW);

  expect(await cardRow(graded.id)).toEqual(before);
  expect(await countRows()).toEqual(rows);
  expect(await getHomeSummary(alice.id, NOW)).toEqual(home);
  expect(await findStudiedDeckId(alice.id, "extra")).toBe(extraDeckId);
});

it("gives a stopped deck's user the cards of concepts added meanwhile when they study it again", async () => {
  await stopStudyingDeck(alice.id, extraDeckId, NOW);
  const added = { ...EXTRA, text: `${EXTRA.text}\n## Extra three\nThe third concept of the extra deck.\n` };
  expect((await seedBuiltInDecks([FIRST, added], NOW)).cardsCreated).toBe(0);
  expect(await startStudyingDeck(alice.id, extraDeckId, NOW)).toEqual({ cardsCreated: 2 });
  expect(await deckCards(alice.id, extraDeckId)).toHaveLength(6);
});

it("lets a user study their own deck, and refuses an unknown deck or someone else's deck, changing nothing", async () => {
  const [own, bobs] = await write(async (tx) => [
    await tx.deck.create({
      data: {
        slug: "mine",
        title: "Mine",
        ownerId: alice.id,
        concepts: { create: [{ slug: "a", position: 0, term: "A", definition: "An own concept." }] },
      },
    }),
    await tx.deck.create({ data: { slug: "bobs", title: "Bob's", ownerId: bob.id } }),
  ]);
  expect(await startStudyingDeck(alice.id, own.id, NOW)).toEqual({ cardsCreated: 2 });
  expect((await listDecksForUser(alice.id, NOW)).map((d) => [d.slug, d.builtIn])).toEqual([
    ["learned-optimization", true],
    ["extra", true],
    ["mine", false],
  ]);
  expect((await listDecksForUser(bob.id, NOW)).map((d) => d.slug)).not.toContain("mine");

  const rows = await countRows();
  const enrolments = await read((db) => db.enrolment.findMany({ orderBy: [{ userId: "asc" }, { deckId: "asc" }] }));
  for (const call of [
    () => startStudyingDeck(alice.id, "no-such-deck", NOW),
    () => stopStudyingDeck(alice.id, "no-such-deck", NOW),
    () => startStudyingDeck(alice.id, bobs.id, NOW),
    () => stopStudyingDeck(bob.id, own.id, NOW),
    () => startStudyingDeck("no-such-user", extraDeckId, NOW),
  ]) {
    await expect(call()).rejects.toBeInstanceOf(NotFoundError);
  }
  expect(await countRows()).toEqual(rows);
  expect(await read((db) => db.enrolment.findMany({ orderBy: [{ userId: "asc" }, { deckId: "asc" }] }))).toEqual(enrolments);
  expect(await findStudiedDeckId(bob.id, "mine")).toBeNull();
  expect(await findStudiedDeckId(alice.id, "Not a slug!")).toBeNull();
});
