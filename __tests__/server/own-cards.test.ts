import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { getCardHistory } from "@/lib/server/cards";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { FieldErrors, NotFoundError, UserError } from "@/lib/server/errors";
import { createOwnConcept, getConceptForm, updateOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck, deleteOwnDeck, getOwnDeckPage, listOwnDecks, updateOwnDeck } from "@/lib/server/own-decks";
import { markOriginalChangeSeen, revertWording, saveWording } from "@/lib/server/overrides";
import { answerQuestion, createQuiz, getQuiz } from "@/lib/server/quiz/quizzes";
import { recordReview } from "@/lib/server/reviews";
import { getReviewQueue } from "@/lib/server/study/queue";
import { DECKS_PER_USER_MAX } from "@/lib/validation/authoring-limits";
import type { ConceptFields } from "@/lib/validation/authoring";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { newClientId, newUser, schedulingFieldsOf, withoutLinksToOtherDecks } from "../helpers/fixtures";
import { allSearchRowsSql, searchRowsOfConcept } from "../helpers/search-index";

const NOW = new Date("2026-03-07T12:00:00Z");
const LATER = new Date("2026-03-08T12:00:00Z");
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

function fields(overrides: Partial<ConceptFields> = {}): ConceptFields {
  return {
    term: "Reward tampering",
    definition: "An agent interfering with the process that produces its training signal, instead of doing the task.",
    aliases: [],
    examples: [],
    tags: [],
    sourceText: "",
    sourceUrl: "",
    confusableIds: [],
    prerequisiteIds: [],
    cardKinds: "BOTH",
    ...overrides,
  };
}

/** Every row of the tables an own deck, concept or wording touches, for "nothing changed" checks. */
async function snapshot() {
  return read(async (db) => ({
    decks: await db.deck.findMany({ orderBy: { id: "asc" } }),
    concepts: await db.concept.findMany({ orderBy: { id: "asc" } }),
    cards: await db.card.findMany({ orderBy: { id: "asc" } }),
    logs: await db.reviewLog.findMany({ orderBy: { id: "asc" } }),
    enrolments: await db.enrolment.findMany({ orderBy: [{ userId: "asc" }, { deckId: "asc" }] }),
    overrides: await db.conceptOverride.findMany({ orderBy: { id: "asc" } }),
    search: await db.$queryRaw<unknown[]>`${allSearchRowsSql("concept")}`,
  }));
}

async function searchRows(conceptId: string) {
  return read(
    (db) => db.$queryRaw<{ term: string; definition: string; userId: string }[]>`
      SELECT "term", "definition", "userId" FROM "ConceptSearch"
      WHERE ${searchRowsOfConcept(conceptId)} ORDER BY "userId"`,
  );
}

async function builtInConcept(slug: string) {
  return read((db) => db.concept.findFirstOrThrow({ where: { slug, deck: { ownerId: null } } }));
}

async function cardOf(userId: string, conceptId: string, kind = "TERM_TO_DEFINITION") {
  return read((db) => db.card.findFirstOrThrow({ where: { userId, conceptId, kind } }));
}

async function rejects<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

let alice: User;
let bob: User;

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
});

afterAll(async () => {
  await disconnect();
});

describe("own decks", () => {
  it("creates a deck its owner studies, with a slug unlike the built-in decks', and renames it", async () => {
    const { deckId } = await createOwnDeck(alice.id, { title: "Learned Optimization", description: "" }, NOW);
    const deck = await read((db) => db.deck.findUniqueOrThrow({ where: { id: deckId } }));
    expect(deck).toMatchObject({ ownerId: alice.id, title: "Learned Optimization" });
    expect(deck.slug).toBe("learned-optimization-2");
    expect(await read((db) => db.enrolment.findUnique({ where: { userId_deckId: { userId: alice.id, deckId } } }))).toMatchObject(
      {
        stoppedAt: null,
      },
    );
    await updateOwnDeck(alice.id, { deckId, title: "Optimization notes", description: "From the reading group." });
    expect(await listOwnDecks(alice.id)).toEqual([
      {
        id: deckId,
        slug: "learned-optimization-2",
        title: "Optimization notes",
        description: "From the reading group.",
        conceptCount: 0,
      },
    ]);
    expect(await listOwnDecks(bob.id)).toEqual([]);
  });

  it(`refuses a deck past ${DECKS_PER_USER_MAX} with a clear message`, async () => {
    const carol = await newUser("carol", NOW);
    await write((tx) =>
      tx.deck.createMany({
        data: Array.from({ length: DECKS_PER_USER_MAX }, (_, i) => ({ ownerId: carol.id, slug: `d${i}`, title: `D${i}` })),
      }),
    );
    const error = await rejects(createOwnDeck(carol.id, { title: "One more", description: "" }, NOW), UserError);
    expect(error.message).toMatch(/100 decks/);
    expect(await read((db) => db.deck.count({ where: { ownerId: carol.id } }))).toBe(DECKS_PER_USER_MAX);
  });
});

describe("own concepts", () => {
  let deckId: string;
  beforeAll(async () => {
    deckId = (await createOwnDeck(alice.id, { title: "Reward notes", description: "" }, NOW)).deckId;
  });

  it("makes both cards at once as new cards due now, and the search index follows", async () => {
    const saved = await createOwnConcept(alice.id, { ...fields(), deckId }, NOW);
    const cards = await read((db) => db.card.findMany({ where: { conceptId: saved.conceptId }, orderBy: { kind: "desc" } }));
    expect(cards.map((c) => [c.userId, c.kind, c.state, c.due.toISOString(), c.deckId])).toEqual([
      [alice.id, "TERM_TO_DEFINITION", 0, NOW.toISOString(), deckId],
      [alice.id, "DEFINITION_TO_TERM", 0, NOW.toISOString(), deckId],
    ]);
    expect(saved.cardId).toBe(cards[0].id);
    expect(saved.warnings).toEqual([]);
    expect((await searchRows(saved.conceptId)).map((r) => r.term)).toEqual(["Reward tampering"]);
    const queue = await getReviewQueue(alice.id, NOW, deckId);
    expect(queue.cards.map((c) => c.term)).toEqual(["Reward tampering"]);
  });

  it("refuses a definition that gives the term away, a name used twice and a dangling prerequisite, changing nothing", async () => {
    const before = await snapshot();
    const giveAway = await rejects(
      createOwnConcept(
        alice.id,
        { ...fields({ term: "Wireheading", definition: "When an agent wireheads itself to get reward." }), deckId },
        NOW,
      ),
      FieldErrors,
    );
    expect(Object.keys(giveAway.fields)).toEqual(["definition"]);
    expect(giveAway.fields.definition[0]).toMatch(/gives “Wireheading” away/);
    const twice = await rejects(
      createOwnConcept(alice.id, { ...fields({ term: "reward  TAMPERING" }), deckId }, NOW),
      FieldErrors,
    );
    expect(twice.fields.term[0]).toMatch(/already used in this deck/);
    const dangling = await rejects(
      createOwnConcept(alice.id, { ...fields({ term: "Other", prerequisiteIds: ["nope"] }), deckId }, NOW),
      FieldErrors,
    );
    expect(dangling.fields.prerequisites[0]).toMatch(/not one of the concepts you can see/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses renaming a concept to a name another concept of the deck has, and keeps a name it already had", async () => {
    const { conceptId } = await createOwnConcept(
      alice.id,
      {
        ...fields({ term: "Side channel", aliases: ["leak"], definition: "Information escaping through an unintended path." }),
        deckId,
      },
      NOW,
    );
    const before = await snapshot();
    const clash = await rejects(
      updateOwnConcept(
        alice.id,
        { ...fields({ term: "The reward tampering", definition: "Information escaping another way." }), conceptId },
        NOW,
      ),
      FieldErrors,
    );
    expect(clash.fields.term[0]).toMatch(/already used in this deck \(by “Reward tampering”\)/);
    expect(await snapshot()).toEqual(before);
    const kept = await updateOwnConcept(
      alice.id,
      {
        ...fields({ term: "Side channel", aliases: ["leak"], definition: "Information escaping by an unintended route." }),
        conceptId,
      },
      NOW,
    );
    expect(kept.warnings).toEqual([]);
  });

  it("finds a name used twice in any script, through the full-text index", async () => {
    await createOwnConcept(alice.id, { ...fields({ term: "学习", definition: "获得知识的过程。" }), deckId }, NOW);
    const again = await rejects(
      createOwnConcept(alice.id, { ...fields({ term: "Another", aliases: ["学习"], definition: "另一个定义。" }), deckId }, NOW),
      FieldErrors,
    );
    expect(again.fields.aliases).toEqual(["“学习” is already used in this deck (by “学习”)."]);
  });

  it("saves with a warning over 60 words", async () => {
    const long = `${"An idea described at great length ".repeat(13)}end.`;
    const saved = await createOwnConcept(alice.id, { ...fields({ term: "Verbose concept", definition: long }), deckId }, NOW);
    expect(saved.warnings).toEqual([expect.stringMatching(/^79 words/)]);
  });

  it("keeps cards, scheduling and history when the term and text change, and re-indexes the text", async () => {
    const { conceptId } = await createOwnConcept(
      alice.id,
      {
        ...fields({ term: "Goodhart", definition: "When a measure becomes a target, it stops tracking what it measured." }),
        deckId,
      },
      NOW,
    );
    const card = await cardOf(alice.id, conceptId);
    await recordReview(
      alice.id,
      { cardId: card.id, grade: 3, clientId: newClientId(), durationMs: 1000, expectedVersion: card.version },
      NOW,
    );
    const graded = await cardOf(alice.id, conceptId);
    const logs = await read((db) => db.reviewLog.findMany({ where: { cardId: card.id } }));
    await updateOwnConcept(
      alice.id,
      {
        ...fields({ term: "Goodhart's law", definition: "A proxy pushed hard as a target stops tracking what it measured." }),
        conceptId,
      },
      LATER,
    );
    const after = await cardOf(alice.id, conceptId);
    expect(after.id).toBe(card.id);
    expect(schedulingFieldsOf(after)).toEqual(schedulingFieldsOf(graded));
    expect(after.version).toBe(graded.version);
    expect(await read((db) => db.reviewLog.findMany({ where: { cardId: card.id } }))).toEqual(logs);
    expect((await searchRows(conceptId)).map((r) => r.term)).toEqual(["Goodhart's law"]);
    expect((await getCardHistory(alice.id, card.id, LATER)).term).toBe("Goodhart's law");
  });

  it("makes one kind when asked, adds the other later, and suspends (never deletes) a dropped kind", async () => {
    const { conceptId } = await createOwnConcept(
      alice.id,
      {
        ...fields({
          term: "Mesa objective notes",
          definition: "The goal an inner learned optimizer pursues.",
          cardKinds: "DEFINITION_TO_TERM",
        }),
        deckId,
      },
      NOW,
    );
    const kinds = async () =>
      (await read((db) => db.card.findMany({ where: { conceptId }, orderBy: { kind: "asc" } }))).map((c) => [
        c.kind,
        c.suspended,
      ]);
    expect(await kinds()).toEqual([["DEFINITION_TO_TERM", false]]);
    const base = {
      ...fields({ term: "Mesa objective notes", definition: "The goal an inner learned optimizer pursues." }),
      conceptId,
    };
    await updateOwnConcept(alice.id, { ...base, cardKinds: "BOTH" }, NOW);
    expect(await kinds()).toEqual([
      ["DEFINITION_TO_TERM", false],
      ["TERM_TO_DEFINITION", false],
    ]);
    await updateOwnConcept(alice.id, { ...base, cardKinds: "TERM_TO_DEFINITION" }, NOW);
    expect(await kinds()).toEqual([
      ["DEFINITION_TO_TERM", true],
      ["TERM_TO_DEFINITION", false],
    ]);
    await updateOwnConcept(alice.id, { ...base, cardKinds: "BOTH" }, NOW);
    expect(await kinds()).toEqual([
      ["DEFINITION_TO_TERM", false],
      ["TERM_TO_DEFINITION", false],
    ]);
  });

  it("declares confusables on both own concepts, one-sided to a built-in one, and shows them on the card back", async () => {
    const mesa = await builtInConcept("mesa-optimizer");
    const first = await createOwnConcept(
      alice.id,
      {
        ...fields({ term: "Proxy gaming", definition: "Scoring well on a stand-in for the goal while missing the goal." }),
        deckId,
      },
      NOW,
    );
    const second = await createOwnConcept(
      alice.id,
      {
        ...fields({
          term: "Specification flaw",
          definition: "A gap between what was written down and what was meant.",
          confusableIds: [first.conceptId, mesa.id],
        }),
        deckId,
      },
      NOW,
    );
    const rows = await read((db) =>
      db.concept.findMany({
        where: { id: { in: [first.conceptId, second.conceptId, mesa.id] } },
        select: { id: true, confusables: true },
      }),
    );
    const confusablesOf = new Map(rows.map((r) => [r.id, JSON.parse(r.confusables) as string[]]));
    expect(confusablesOf.get(second.conceptId)).toEqual(["proxy-gaming", "learned-optimization/mesa-optimizer"]);
    expect(confusablesOf.get(first.conceptId)).toEqual(["specification-flaw"]);
    expect(confusablesOf.get(mesa.id)).toEqual(JSON.parse(mesa.confusables));
    const queue = await getReviewQueue(alice.id, NOW, deckId);
    expect(queue.cards.find((c) => c.term === "Specification flaw")?.confusedWith).toEqual(["Proxy gaming", "Mesa-optimizer"]);
    // Taking the partner out takes the link back out too.
    await updateOwnConcept(
      alice.id,
      {
        ...fields({ term: "Specification flaw", definition: "A gap between what was written down and what was meant." }),
        conceptId: second.conceptId,
      },
      NOW,
    );
    expect(
      JSON.parse((await read((db) => db.concept.findUniqueOrThrow({ where: { id: first.conceptId } }))).confusables),
    ).toEqual([]);
    // The form names them back by id.
    const form = await getConceptForm(alice.id, { conceptId: first.conceptId });
    expect(form.concept?.term).toBe("Proxy gaming");
    expect(form.options.some((o) => o.id === mesa.id)).toBe(true);
  });

  it("refuses a prerequisite that closes a cycle, and orders new cards prerequisites first", async () => {
    const a = await createOwnConcept(
      alice.id,
      { ...fields({ term: "Later idea", definition: "Something built on an earlier idea of the deck." }), deckId },
      NOW,
    );
    const b = await createOwnConcept(
      alice.id,
      { ...fields({ term: "Earlier idea", definition: "A foundation laid first.", prerequisiteIds: [] }), deckId },
      NOW,
    );
    await updateOwnConcept(
      alice.id,
      {
        ...fields({
          term: "Later idea",
          definition: "Something built on an earlier idea of the deck.",
          prerequisiteIds: [b.conceptId],
        }),
        conceptId: a.conceptId,
      },
      NOW,
    );
    const ranks = await read((db) =>
      db.concept.findMany({ where: { id: { in: [a.conceptId, b.conceptId] } }, select: { id: true, rank: true } }),
    );
    const rankOf = new Map(ranks.map((r) => [r.id, r.rank]));
    expect(rankOf.get(b.conceptId)!).toBeLessThan(rankOf.get(a.conceptId)!);
    expect((await cardOf(alice.id, a.conceptId)).rank).toBe(rankOf.get(a.conceptId));
    const before = await snapshot();
    const cycle = await rejects(
      updateOwnConcept(
        alice.id,
        {
          ...fields({ term: "Earlier idea", definition: "A foundation laid first.", prerequisiteIds: [a.conceptId] }),
          conceptId: b.conceptId,
        },
        NOW,
      ),
      FieldErrors,
    );
    expect(cycle.fields.prerequisites[0]).toMatch(/cycle/);
    expect(await snapshot()).toEqual(before);
  });

  it("lists the deck's concepts in order, each with a plain-text excerpt, its card kinds and a card", async () => {
    const { deckId: listed } = await createOwnDeck(alice.id, { title: "Listed", description: "" }, NOW);
    const first = await createOwnConcept(
      alice.id,
      { ...fields({ term: "First", definition: "A **bold** claim with [a link](https://example.org) in it." }), deckId: listed },
      NOW,
    );
    await createOwnConcept(
      alice.id,
      { ...fields({ term: "Second", definition: "Plain words only.", cardKinds: "DEFINITION_TO_TERM" }), deckId: listed },
      NOW,
    );
    const page = await getOwnDeckPage(alice.id, listed);
    expect(page.deck).toMatchObject({ title: "Listed", conceptCount: 2 });
    expect(page.concepts.map(({ term, excerpt, cardKinds }) => ({ term, excerpt, cardKinds }))).toEqual([
      { term: "First", excerpt: "A bold claim with a link in it.", cardKinds: "BOTH" },
      { term: "Second", excerpt: "Plain words only.", cardKinds: "DEFINITION_TO_TERM" },
    ]);
    expect(page.concepts[0].cardId).toBe(first.cardId);
  });

  it("deletes a deck only with its typed title, with its concepts, cards, history and index rows", async () => {
    const { deckId: doomed } = await createOwnDeck(alice.id, { title: "Scratch", description: "" }, NOW);
    const { conceptId } = await createOwnConcept(
      alice.id,
      { ...fields({ term: "Throwaway", definition: "Kept briefly, then gone." }), deckId: doomed },
      NOW,
    );
    const card = await cardOf(alice.id, conceptId);
    await recordReview(
      alice.id,
      { cardId: card.id, grade: 3, clientId: newClientId(), durationMs: 1000, expectedVersion: card.version },
      NOW,
    );
    const before = await snapshot();
    const wrong = await rejects(deleteOwnDeck(alice.id, { deckId: doomed, confirmTitle: "scratch" }), FieldErrors);
    expect(wrong.fields.confirmTitle[0]).toMatch(/Type the deck's title/);
    expect(await snapshot()).toEqual(before);
    expect(await deleteOwnDeck(alice.id, { deckId: doomed, confirmTitle: " Scratch " })).toEqual({ concepts: 1, cards: 2 });
    await read(async (db) => {
      expect(await db.deck.count({ where: { id: doomed } })).toBe(0);
      expect(await db.concept.count({ where: { id: conceptId } })).toBe(0);
      expect(await db.card.count({ where: { conceptId } })).toBe(0);
      expect(await db.reviewLog.count({ where: { cardId: card.id } })).toBe(0);
    });
    expect(await searchRows(conceptId)).toEqual([]);
  });
});

describe("rewording a built-in concept", () => {
  it("shows the user's wording in review, history and quiz, to them alone, and reverts", async () => {
    const concept = await builtInConcept("optimizer");
    await saveWording(
      alice.id,
      {
        conceptId: concept.id,
        definition: "A process that *searches* many options for the one that scores best.",
        examples: ["Chess engines."],
        aliases: [],
      },
      NOW,
    );
    const card = await cardOf(alice.id, concept.id);
    const history = await getCardHistory(alice.id, card.id, NOW);
    expect(history.definition).toBe("A process that *searches* many options for the one that scores best.");
    expect(history.definitionHtml.__html).toContain("<em>searches</em>");
    expect(history.examples).toEqual(["Chess engines."]);
    expect(history.wording).toMatchObject({ originalDefinition: concept.definition, originalChanged: false });
    const queueCard = (await getReviewQueue(alice.id, NOW)).cards.find((c) => c.id === card.id);
    expect(queueCard?.definition).toBe(history.definition);
    expect(queueCard?.wording).not.toBeNull();
    // Bob sees the original.
    const bobCard = await cardOf(bob.id, concept.id);
    expect((await getCardHistory(bob.id, bobCard.id, NOW)).definition).toBe(concept.definition);
    expect((await searchRows(concept.id)).map((r) => [r.userId, r.definition])).toEqual([
      ["", concept.definition],
      [alice.id, history.definition],
    ]);
    // A quiz on the concept asks with the user's wording.
    const quiz = await createQuiz(
      alice.id,
      { scope: { kind: "concepts", conceptIds: [concept.id] }, mode: "definition-to-term", length: "all" },
      NOW,
      { seed: 7 },
    );
    const asked = await getQuiz(alice.id, quiz.quizId);
    // The question shows the wording as text, without markdown's marks.
    expect(JSON.stringify(asked.questions)).toContain("A process that searches many options");
    expect(JSON.stringify(asked.questions)).not.toContain(concept.definition);
    // The feedback names the answer in the user's wording, marked as theirs.
    const stored = await read((db) => db.quizQuestion.findFirstOrThrow({ where: { quizId: quiz.quizId, index: 0 } }));
    const feedback = await answerQuestion(
      alice.id,
      { questionId: stored.id, answer: (JSON.parse(stored.question) as { answerIndex: number }).answerIndex, durationMs: 1000 },
      NOW,
    );
    expect(feedback.answer).toMatchObject({ id: concept.id, definition: history.definition, reworded: true });

    await revertWording(alice.id, concept.id, NOW);
    expect((await getCardHistory(alice.id, card.id, NOW)).wording).toBeNull();
    expect(await read((db) => db.conceptOverride.count({ where: { userId: alice.id, conceptId: concept.id } }))).toBe(0);
    expect((await searchRows(concept.id)).map((r) => r.userId)).toEqual([""]);
  });

  it("refuses a wording that gives the term away, and an own concept (those are edited instead)", async () => {
    const concept = await builtInConcept("optimizer");
    const before = await snapshot();
    const error = await rejects(
      saveWording(alice.id, { conceptId: concept.id, definition: "Anything that optimizes.", examples: [], aliases: [] }, NOW),
      FieldErrors,
    );
    expect(error.fields.definition[0]).toMatch(/gives “Optimizer” away/);
    const own = await read((db) => db.concept.findFirstOrThrow({ where: { deck: { ownerId: alice.id } } }));
    await rejects(
      saveWording(alice.id, { conceptId: own.id, definition: "Mine.", examples: [], aliases: [] }, NOW),
      NotFoundError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("survives a re-seed that changes the original, and says so once", async () => {
    const concept = await builtInConcept("base-optimizer");
    await saveWording(
      alice.id,
      { conceptId: concept.id, definition: "The outer search that produced the learned model.", examples: [], aliases: [] },
      NOW,
    );
    const changed = {
      name: BUILT_IN.name,
      text: BUILT_IN.text.replace(concept.definition, "A freshly reworded original definition of the outer search process."),
    };
    expect(changed.text).not.toBe(BUILT_IN.text);
    await seedBuiltInDecks([changed], LATER);
    const card = await cardOf(alice.id, concept.id);
    const first = await getCardHistory(alice.id, card.id, LATER);
    expect(first.definition).toBe("The outer search that produced the learned model.");
    expect(first.wording).toMatchObject({
      originalChanged: true,
      originalDefinition: "A freshly reworded original definition of the outer search process.",
    });
    await markOriginalChangeSeen(alice.id, concept.id, LATER);
    expect((await getCardHistory(alice.id, card.id, LATER)).wording?.originalChanged).toBe(false);
    await seedBuiltInDecks([BUILT_IN], LATER);
  });
});

describe("ownership", () => {
  it("lets no one read, edit or delete another user's deck, concept or wording by id, all tables unchanged", async () => {
    const { deckId } = await createOwnDeck(alice.id, { title: "Private", description: "" }, NOW);
    const { conceptId, cardId } = await createOwnConcept(
      alice.id,
      { ...fields({ term: "Secret idea", definition: "Only its owner may see this one." }), deckId },
      NOW,
    );
    const builtIn = await builtInConcept("mesa-optimizer");
    await saveWording(
      alice.id,
      { conceptId: builtIn.id, definition: "Alice's own words for the inner search.", examples: [], aliases: [] },
      NOW,
    );
    const before = await snapshot();

    await rejects(getOwnDeckPage(bob.id, deckId), NotFoundError);
    await rejects(getConceptForm(bob.id, { deckId }), NotFoundError);
    await rejects(getConceptForm(bob.id, { conceptId }), NotFoundError);
    await rejects(updateOwnDeck(bob.id, { deckId, title: "Mine now", description: "" }), NotFoundError);
    await rejects(deleteOwnDeck(bob.id, { deckId, confirmTitle: "Private" }), NotFoundError);
    await rejects(createOwnConcept(bob.id, { ...fields({ term: "Intruder" }), deckId }, NOW), NotFoundError);
    await rejects(updateOwnConcept(bob.id, { ...fields({ term: "Changed" }), conceptId }, NOW), NotFoundError);
    await rejects(getCardHistory(bob.id, cardId!, NOW), NotFoundError);
    await rejects(revertWording(bob.id, builtIn.id, NOW), NotFoundError);
    await rejects(
      saveWording(bob.id, { conceptId, definition: "Rewording Alice's concept.", examples: [], aliases: [] }, NOW),
      NotFoundError,
    );
    await markOriginalChangeSeen(bob.id, builtIn.id, NOW);
    // Naming Alice's concept as a link from Bob's own deck is a dangling link, not a way in.
    const { deckId: bobDeck } = await createOwnDeck(bob.id, { title: "Bob's", description: "" }, NOW);
    const afterBobDeck = await snapshot();
    const links = await rejects(
      createOwnConcept(
        bob.id,
        { ...fields({ term: "Peek", prerequisiteIds: [conceptId], confusableIds: [conceptId] }), deckId: bobDeck },
        NOW,
      ),
      FieldErrors,
    );
    expect(Object.keys(links.fields).sort()).toEqual(["confusables", "prerequisites"]);
    expect(await snapshot()).toEqual(afterBobDeck);
    await deleteOwnDeck(bob.id, { deckId: bobDeck, confirmTitle: "Bob's" });
    expect(await snapshot()).toEqual(before);
  });

  it("never shows another user's concepts in a quiz, as a question or a distractor", async () => {
    const quiz = await createQuiz(bob.id, { scope: { kind: "all" }, mode: "mixed", length: "all" }, NOW, { seed: 3 });
    const text = JSON.stringify(await getQuiz(bob.id, quiz.quizId));
    const aliceConcepts = await read((db) =>
      db.concept.findMany({ where: { deck: { ownerId: alice.id } }, select: { id: true, term: true } }),
    );
    expect(aliceConcepts.length).toBeGreaterThan(5);
    for (const concept of aliceConcepts) {
      expect(text).not.toContain(concept.id);
      expect(text).not.toContain(`"${concept.term}"`);
    }
    expect(text).not.toContain("Alice's own words");
  });
});
