import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { listDecksForUser } from "@/lib/server/enrolments";
import { recordReview } from "@/lib/server/reviews";
import { getHomeSummary } from "@/lib/server/study/home";
import { getReviewQueue } from "@/lib/server/study/queue";
import { cardsOf, countRows, logsOfCard, newClientId, newUser } from "../helpers/fixtures";

const V1_AT = new Date("2026-03-01T12:00:00Z");
const V2_AT = new Date("2026-03-02T12:00:00Z");
const NOW = new Date("2026-03-07T12:00:00Z");

const V1 = {
  name: "tiny.md",
  text: `---
slug: tiny
title: Tiny deck
default: true
---

## Alpha
The first idea.

## Beta
A definition that carries two ideas at once.
- requires: alpha

## Gamma
An idea the next version drops.
`,
};

/** Beta is renamed to "Beta prime" and split (its second idea becomes Delta); Gamma is dropped. */
const V2 = {
  name: "tiny.md",
  text: `---
slug: tiny
title: Tiny deck
default: true
---

## Alpha
The first idea.

## Beta prime
The first of Beta's two ideas, now on its own.
- slug: beta-prime
- formerly: beta
- requires: alpha

## Delta
The second of Beta's ideas, split off.
- requires: beta-prime
`,
};

let user: User;

const conceptOf = (slug: string) => read((db) => db.concept.findFirst({ where: { slug, deck: { slug: "tiny" } } }));

async function cardsBySlug() {
  const cards = await cardsOf(user.id);
  return new Map(
    ["alpha", "beta", "beta-prime", "gamma", "delta"].map((slug) => [
      slug,
      cards
        .filter((c) => c.concept.slug === slug)
        .map((c) => c.id)
        .sort(),
    ]),
  );
}

beforeAll(async () => {
  await seedBuiltInDecks([V1], V1_AT);
  user = await newUser("reader", V1_AT);
  for (const card of await cardsOf(user.id)) {
    if (card.concept.slug === "alpha" && card.kind === "DEFINITION_TO_TERM") continue;
    await recordReview(
      user.id,
      { cardId: card.id, grade: 3, clientId: newClientId(), expectedVersion: 0, durationMs: 1000 },
      V1_AT,
    );
  }
});

afterAll(async () => {
  await disconnect();
});

it("renames a concept declared `formerly`: same row, same card ids, history intact, text and slug updated", async () => {
  const before = await cardsBySlug();
  const betaRow = await conceptOf("beta");
  const betaCards = (await cardsOf(user.id)).filter((c) => c.concept.slug === "beta");
  const logsBefore = await Promise.all(betaCards.map((card) => logsOfCard(card.id)));

  const report = await seedBuiltInDecks([V2], V2_AT);

  expect(report).toMatchObject({ concepts: 3, renamed: 1, retired: 1, cardsCreated: 2 });
  const renamed = await conceptOf("beta-prime");
  expect(renamed).toMatchObject({
    id: betaRow!.id,
    term: "Beta prime",
    definition: "The first of Beta's two ideas, now on its own.",
    retiredAt: null,
  });
  expect(await conceptOf("beta")).toBeNull();
  const after = await cardsBySlug();
  expect(after.get("beta-prime")).toEqual(before.get("beta"));
  expect(after.get("alpha")).toEqual(before.get("alpha"));
  for (const [index, card] of betaCards.entries()) {
    const row = (await cardsOf(user.id)).find((c) => c.id === card.id)!;
    expect({ ...row, concept: undefined }).toEqual({ ...card, concept: undefined });
    expect(await logsOfCard(card.id)).toEqual(logsBefore[index]);
  }
  // The split-off idea is new: two new cards.
  expect((await cardsOf(user.id)).filter((c) => c.concept.slug === "delta").map((c) => c.state)).toEqual([0, 0]);
});

it("retires a concept that left its file: its cards and history stay, but it leaves the queue, the counts and the deck size", async () => {
  const gamma = await conceptOf("gamma");
  expect(gamma?.retiredAt).toEqual(V2_AT);
  const gammaCards = (await cardsOf(user.id)).filter((c) => c.conceptId === gamma!.id);
  expect(gammaCards).toHaveLength(2);
  expect((await logsOfCard(gammaCards[0].id)).length).toBe(1);

  const queue = await getReviewQueue(user.id, NOW);
  expect(queue.cards.some((card) => card.term === "Gamma")).toBe(false);
  expect(queue.cards.length).toBeGreaterThan(0);
  const home = await getHomeSummary(user.id, NOW);
  expect(home.totalCards).toBe(6);
  const [deck] = await listDecksForUser(user.id, NOW);
  expect(deck).toMatchObject({ conceptCount: 3, cardsTotal: 6 });
});

it("brings a retired concept back, with its cards as they were, when it returns to the file", async () => {
  const rows = await countRows();
  const gammaCards = (await cardsOf(user.id)).filter((c) => c.concept.slug === "gamma");
  const withGamma = { ...V2, text: `${V2.text}\n## Gamma\nAn idea the next version drops.\n` };

  const report = await seedBuiltInDecks([withGamma], NOW);

  expect(report).toMatchObject({ renamed: 0, retired: 0, cardsCreated: 0 });
  expect((await conceptOf("gamma"))?.retiredAt).toBeNull();
  expect((await cardsOf(user.id)).filter((c) => c.concept.slug === "gamma")).toEqual(
    // As they were, but for the study order copied from the deck file, where Gamma is now last.
    gammaCards.map((card) => ({
      ...card,
      rank: expect.any(Number),
      concept: expect.objectContaining({ slug: "gamma", retiredAt: null }),
    })),
  );
  expect(await countRows()).toEqual(rows);
  expect((await getHomeSummary(user.id, NOW)).totalCards).toBe(8);
});

it("runs a seed with an already applied rename again without changes", async () => {
  const rows = await countRows();
  const report = await seedBuiltInDecks([V2], NOW);
  expect(report).toMatchObject({ renamed: 0, cardsCreated: 0 });
  expect(await countRows()).toEqual(rows);
});

it("refuses a link to a concept that no loaded deck has, naming the file and line, and changes nothing", async () => {
  const dangling = {
    name: "other.md",
    text: "---\nslug: other\ntitle: Other\n---\n## One\nDefinition.\n- requires: tiny/beta\n",
  };
  const rows = await countRows();
  await expect(seedBuiltInDecks([V2, dangling], NOW)).rejects.toThrow(
    'Dangling links between decks:\nother.md line 7: "One" refers to "tiny/beta", but deck "tiny" has no concept "beta"',
  );
  expect(await countRows()).toEqual(rows);
});
