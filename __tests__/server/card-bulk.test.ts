import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { deleteCards, moveCards, previewCardDeletion, resetCards, suspendCards, tagCards } from "@/lib/server/card-bulk";
import { listCards } from "@/lib/server/card-browser";
import { syncConceptSearch } from "@/lib/server/concept-search";
import { disconnect, read, write } from "@/lib/server/db";
import { ensureCards, seedBuiltInDecks } from "@/lib/server/decks";
import { UserError } from "@/lib/server/errors";
import { recordReview, STALE_GRADE_MESSAGE } from "@/lib/server/reviews";
import { wordingHash } from "@/lib/decks/wording-hash";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, logsOfCard, newClientId, newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";
import { allSearchRowsSql } from "../helpers/search-index";

const NOW = new Date("2026-03-07T12:00:00Z");
const LATER = new Date("2026-03-08T12:00:00Z");
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

let alice = "";
let bob = "";
let aliceDeck = "";
let aliceOtherDeck = "";
let bobDeck = "";

/** Every row of the tables these actions touch, to show that a refused action changed nothing. */
async function everything() {
  return read(async (db) => ({
    cards: await db.card.findMany({ orderBy: { id: "asc" } }),
    concepts: await db.concept.findMany({ orderBy: { id: "asc" } }),
    overrides: await db.conceptOverride.findMany({ orderBy: { id: "asc" } }),
    logs: await db.reviewLog.findMany({ orderBy: { id: "asc" } }),
    decks: await db.deck.findMany({ orderBy: { id: "asc" } }),
    search: await db.$queryRaw<unknown[]>`${allSearchRowsSql()}`,
  }));
}

/** An own deck of `userId` with these concepts, studied, with its cards and search rows. */
async function ownDeck(userId: string, slug: string, terms: string[]): Promise<string> {
  return write(async (tx) => {
    const deck = await tx.deck.create({ data: { slug, title: `Deck ${slug}`, ownerId: userId } });
    await tx.enrolment.create({ data: { userId, deckId: deck.id, createdAt: NOW } });
    for (const [position, term] of terms.entries()) {
      await tx.concept.create({
        data: {
          deckId: deck.id,
          slug: term.toLowerCase().replace(/\s+/g, "-"),
          position,
          rank: position,
          term,
          definition: `The definition of ${term}.`,
          tags: JSON.stringify(["mine"]),
        },
      });
    }
    await ensureCards(tx, NOW, { userId, deckId: deck.id });
    const ids = await tx.concept.findMany({ where: { deckId: deck.id }, select: { id: true } });
    await syncConceptSearch(
      tx,
      ids.map((c) => c.id),
    );
    return deck.id;
  });
}

async function cardIds(userId: string, where: { term?: string; deckId?: string; builtIn?: boolean } = {}): Promise<string[]> {
  const cards = await read((db) =>
    db.card.findMany({
      where: {
        userId,
        concept: {
          term: where.term,
          deckId: where.deckId,
          deck: where.builtIn === undefined ? undefined : { ownerId: where.builtIn ? null : userId },
        },
      },
      orderBy: [{ concept: { position: "asc" } }, { kind: "desc" }],
      select: { id: true },
    }),
  );
  return cards.map((c) => c.id);
}

async function grade(userId: string, cardId: string, at: Date) {
  const card = await cardRow(cardId);
  return recordReview(
    userId,
    { cardId, grade: 3, clientId: newClientId(), expectedVersion: card!.version, durationMs: 4000 },
    at,
  );
}

async function refused(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  alice = (await newUser("alice", NOW)).id;
  bob = (await newUser("bob", NOW)).id;
  aliceDeck = await ownDeck(alice, "alice-notes", ["Quokka", "Wombat", "Numbat"]);
  aliceOtherDeck = await ownDeck(alice, "alice-more", ["Wombat"]);
  bobDeck = await ownDeck(bob, "bob-notes", ["Platypus"]);
});

afterAll(async () => {
  await disconnect();
});

describe("suspendCards", () => {
  it("suspends and unsuspends the ticked cards", async () => {
    const [first, second] = await cardIds(alice, { builtIn: true });
    expect(await suspendCards(alice, { ids: [first, second] }, true, NOW)).toEqual({ cards: 2, changed: 2 });
    expect((await cardRow(first))!.suspended).toBe(true);
    expect((await cardRow(second))!.suspended).toBe(true);
    expect(await suspendCards(alice, { ids: [first] }, false, NOW)).toEqual({ cards: 1, changed: 1 });
    expect((await cardRow(first))!.suspended).toBe(false);
    await suspendCards(alice, { ids: [second] }, false, NOW);
  });

  it("acts on every card the search matches, found again on the server", async () => {
    const result = await suspendCards(alice, { query: "deck:alice-notes" }, true, NOW);
    expect(result).toEqual({ cards: 6, changed: 6 });
    const list = await listCards(alice, { q: "is:suspended", sort: "term", dir: "asc", page: 1 }, NOW);
    expect(list.ok && list.rows.map((row) => row.term)).toEqual(["Numbat", "Numbat", "Quokka", "Quokka", "Wombat", "Wombat"]);
    // Bob's own deck has the same kind of cards; his are not touched by Alice's search.
    expect((await cardRow((await cardIds(bob, { deckId: bobDeck }))[0]))!.suspended).toBe(false);
    await suspendCards(alice, { query: "is:suspended" }, false, NOW);
  });

  it("refuses a search that does not parse, changing nothing", async () => {
    const before = await everything();
    expect((await refused(suspendCards(alice, { query: "is:sleeping" }, true, NOW))).message).toContain('"is:sleeping"');
    expect(await everything()).toEqual(before);
  });

  it("refuses another user's card ids, alone or among one's own, changing nothing", async () => {
    const aliceCards = await cardIds(alice);
    const [bobCard] = await cardIds(bob);
    const before = await everything();
    expect((await refused(suspendCards(bob, { ids: aliceCards.slice(0, 3) }, true, NOW))).code).toBe("NOT_FOUND");
    expect((await refused(suspendCards(bob, { ids: [bobCard, aliceCards[0]] }, true, NOW))).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("resetCards", () => {
  it("forgets a card, logs a RESET entry with the state before, and refuses a stale grade", async () => {
    const [cardId] = await cardIds(alice, { term: "Optimizer" });
    await grade(alice, cardId, NOW);
    const graded = (await cardRow(cardId))!;
    expect(graded.state).not.toBe(0);
    expect(await resetCards(alice, { ids: [cardId] }, LATER)).toEqual({ cards: 1, changed: 1 });
    const reset = (await cardRow(cardId))!;
    expect(reset).toMatchObject({ state: 0, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, due: LATER });
    expect(reset.reps).toBe(graded.reps);
    expect(reset.version).toBe(graded.version + 1);
    const logs = await logsOfCard(cardId);
    expect(logs.map((log) => [log.kind, log.grade])).toEqual([
      ["GRADE", 3],
      ["RESET", 0],
    ]);
    expect(logs[1]).toMatchObject({
      state: graded.state,
      due: graded.due,
      stability: graded.stability,
      difficulty: graded.difficulty,
      reviewedAt: LATER,
      undoneAt: null,
    });
    // A grade chosen for the card as it was before the reset is stale.
    await expect(
      recordReview(
        alice,
        { cardId, grade: 3, clientId: newClientId(), expectedVersion: graded.version, durationMs: 1000 },
        LATER,
      ),
    ).rejects.toThrow(STALE_GRADE_MESSAGE);
  });

  it("leaves a never-reviewed new card as it is", async () => {
    const [cardId] = await cardIds(alice, { term: "Numbat" });
    const before = await everything();
    expect(await resetCards(alice, { ids: [cardId] }, LATER)).toEqual({ cards: 1, changed: 0 });
    expect(await everything()).toEqual(before);
  });

  it("refuses another user's cards, changing nothing", async () => {
    const [cardId] = await cardIds(alice, { term: "Search space" });
    await grade(alice, cardId, NOW);
    const before = await everything();
    expect((await refused(resetCards(bob, { ids: [cardId] }, LATER))).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("tagCards", () => {
  it("tags an own concept in place, and a built-in one in an override with no wording of its own", async () => {
    const [own] = await cardIds(alice, { term: "Quokka" });
    const [builtIn] = await cardIds(alice, { term: "Optimizer" });
    expect(await tagCards(alice, { ids: [own, builtIn] }, "Exam", false, NOW)).toEqual({ cards: 2, changed: 2 });
    const quokka = await read((db) => db.concept.findFirstOrThrow({ where: { term: "Quokka", deckId: aliceDeck } }));
    expect(JSON.parse(quokka.tags)).toEqual(["mine", "Exam"]);
    const optimizer = await read((db) => db.concept.findFirstOrThrow({ where: { slug: "optimizer" } }));
    const override = await read((db) =>
      db.conceptOverride.findFirstOrThrow({ where: { userId: alice, conceptId: optimizer.id } }),
    );
    expect(override).toMatchObject({ definition: null, examples: null, aliases: null, originalHash: wordingHash(optimizer) });
    expect(JSON.parse(override.tags!)).toEqual([...JSON.parse(optimizer.tags), "Exam"]);
    // The original is untouched, Bob does not see Alice's tag, and a tag alone is no rewording.
    expect(JSON.parse(optimizer.tags)).not.toContain("Exam");
    const terms = async (userId: string, q: string) => {
      const list = await listCards(userId, { q, sort: "term", dir: "asc", page: 1 }, NOW);
      return list.ok ? [...new Set(list.rows.map((row) => row.term))] : list.error;
    };
    expect(await terms(alice, "tag:exam")).toEqual(["Optimizer", "Quokka"]);
    expect(await terms(bob, "tag:exam")).toEqual([]);
    expect(await terms(alice, "is:edited -deck:alice-notes -deck:alice-more")).toEqual([]);

    expect(await tagCards(alice, { query: "tag:exam" }, "exam", true, NOW)).toEqual({ cards: 4, changed: 2 });
    expect(await terms(alice, "tag:exam")).toEqual([]);
  });

  it("refuses another user's cards, changing nothing", async () => {
    const [own] = await cardIds(alice, { term: "Quokka" });
    const [builtIn] = await cardIds(alice, { term: "Optimizer" });
    const before = await everything();
    expect((await refused(tagCards(bob, { ids: [own] }, "mine-now", false, NOW))).code).toBe("NOT_FOUND");
    expect((await refused(tagCards(bob, { ids: [builtIn] }, "mine-now", false, NOW))).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("moveCards", () => {
  it("moves own concepts, both cards, to another own deck; refuses a clash of names", async () => {
    const [numbat] = await cardIds(alice, { term: "Numbat" });
    expect(await moveCards(alice, { ids: [numbat] }, aliceOtherDeck, NOW)).toEqual({ cards: 1, changed: 1 });
    const moved = await read((db) => db.concept.findFirstOrThrow({ where: { term: "Numbat" }, include: { cards: true } }));
    expect(moved.deckId).toBe(aliceOtherDeck);
    expect(moved.cards.map((card) => card.deckId)).toEqual([aliceOtherDeck, aliceOtherDeck]);
    const [wombat] = await cardIds(alice, { term: "Wombat", deckId: aliceDeck });
    const before = await everything();
    expect((await refused(moveCards(alice, { ids: [wombat] }, aliceOtherDeck, NOW))).message).toContain('"Wombat"');
    expect(await everything()).toEqual(before);
  });

  it("refuses built-in cards, and another user's cards or deck, changing nothing", async () => {
    const [builtIn] = await cardIds(alice, { term: "Optimizer" });
    const [quokka] = await cardIds(alice, { term: "Quokka" });
    const [platypus] = await cardIds(bob, { deckId: bobDeck });
    const before = await everything();
    expect((await refused(moveCards(alice, { ids: [builtIn, quokka] }, aliceOtherDeck, NOW))).message).toContain(
      "1 of the selected cards are from built-in decks",
    );
    expect((await refused(moveCards(bob, { ids: [quokka] }, bobDeck, NOW))).code).toBe("NOT_FOUND");
    expect((await refused(moveCards(bob, { ids: [platypus] }, aliceDeck, NOW))).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("deleteCards", () => {
  it("says what a deletion removes, then removes the concepts, their cards, reviews and search rows", async () => {
    const [quokka] = await cardIds(alice, { term: "Quokka" });
    await grade(alice, quokka, NOW);
    expect(await previewCardDeletion(alice, { ids: [quokka] }, NOW)).toEqual({
      concepts: 1,
      cards: 2,
      reviews: 1,
      builtInCards: 0,
    });
    const [builtIn] = await cardIds(alice, { term: "Optimizer" });
    expect(await previewCardDeletion(alice, { ids: [quokka, builtIn] }, NOW)).toMatchObject({ concepts: 1, builtInCards: 1 });

    expect(await deleteCards(alice, { ids: [quokka] }, NOW)).toEqual({ concepts: 1, cards: 2, reviews: 1, builtInCards: 0 });
    expect(await read((db) => db.concept.count({ where: { term: "Quokka" } }))).toBe(0);
    expect(await read((db) => db.card.count({ where: { id: quokka } }))).toBe(0);
    expect(await read((db) => db.reviewLog.count({ where: { cardId: quokka } }))).toBe(0);
    const list = await listCards(alice, { q: "quokka", sort: "term", dir: "asc", page: 1 }, NOW);
    expect(list.ok && list.total).toBe(0);
  });

  it("never deletes a built-in card, and refuses another user's, changing nothing", async () => {
    const [builtIn] = await cardIds(alice, { term: "Optimizer" });
    const [wombat] = await cardIds(alice, { term: "Wombat", deckId: aliceDeck });
    const before = await everything();
    expect((await refused(deleteCards(alice, { ids: [builtIn, wombat] }, NOW))).message).toContain("cannot be deleted");
    expect((await refused(deleteCards(bob, { ids: [wombat] }, NOW))).code).toBe("NOT_FOUND");
    expect((await refused(previewCardDeletion(bob, { ids: [wombat] }, NOW))).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
  });
});

describe("links between own concepts", () => {
  async function links(slug: string, deckId: string) {
    const concept = await read((db) => db.concept.findFirstOrThrow({ where: { slug, deckId } }));
    return { confusables: JSON.parse(concept.confusables), prerequisites: JSON.parse(concept.prerequisites) };
  }
  async function setLinks(slug: string, deckId: string, confusables: string[], prerequisites: string[] = []) {
    await write((tx) =>
      tx.concept.updateMany({
        where: { slug, deckId },
        data: { confusables: JSON.stringify(confusables), prerequisites: JSON.stringify(prerequisites) },
      }),
    );
  }

  it("follow a concept moved to another deck, then drop it when it is deleted", async () => {
    const deckA = await ownDeck(alice, "links-a", ["Alpha", "Beta", "Gamma"]);
    const deckB = await ownDeck(alice, "links-b", ["Delta"]);
    await setLinks("beta", deckA, ["gamma"], ["alpha"]);
    await setLinks("gamma", deckA, ["beta"]);
    await setLinks("delta", deckB, ["links-a/beta"]);

    const [beta] = await cardIds(alice, { term: "Beta" });
    expect(await moveCards(alice, { ids: [beta] }, deckB, NOW)).toEqual({ cards: 1, changed: 1 });
    // Bare refs are within a deck: what Beta names is now in another deck, and what names Beta too.
    expect(await links("beta", deckB)).toEqual({ confusables: ["links-a/gamma"], prerequisites: ["links-a/alpha"] });
    expect(await links("gamma", deckA)).toEqual({ confusables: ["links-b/beta"], prerequisites: [] });
    expect(await links("delta", deckB)).toEqual({ confusables: ["beta"], prerequisites: [] });

    expect(await deleteCards(alice, { ids: [beta] }, NOW)).toMatchObject({ concepts: 1 });
    expect(await links("gamma", deckA)).toEqual({ confusables: [], prerequisites: [] });
    expect(await links("delta", deckB)).toEqual({ confusables: [], prerequisites: [] });
  });
});
