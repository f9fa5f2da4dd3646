import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { parseDeck } from "@/lib/decks/parse-deck";
import { REVIEW_LOG_COLUMNS } from "@/lib/export/review-log-csv";
import { parseAnkiText } from "@/lib/import/anki-text";
import { resetCards } from "@/lib/server/card-bulk";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { NotFoundError } from "@/lib/server/errors";
import {
  exportCardsTsv,
  exportDeckApkg,
  exportDeckMarkdown,
  exportReviewLogCsv,
  listExportableDecks,
  safeFileStem,
  type Download,
} from "@/lib/server/exports";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { createOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck } from "@/lib/server/own-decks";
import { saveWording } from "@/lib/server/overrides";
import { recordReview, undoReview } from "@/lib/server/reviews";
import type { ConceptFields } from "@/lib/validation/authoring";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, newClientId, newUser, withoutLinksToOtherDecks } from "../../helpers/fixtures";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-03-07T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

function fields(overrides: Partial<ConceptFields>): ConceptFields {
  return {
    term: "Term",
    definition: "Definition.",
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

async function grade(userId: string, cardId: string, value: 1 | 2 | 3 | 4, when: Date, clientId = newClientId()) {
  const card = await cardRow(cardId);
  await recordReview(userId, { cardId, grade: value, clientId, expectedVersion: card!.version, durationMs: 4000 }, when);
  return clientId;
}

async function cardIdsOfDeck(userId: string, deckId: string) {
  return read((db) =>
    db.card.findMany({ where: { userId, deckId }, orderBy: [{ concept: { position: "asc" } }, { kind: "desc" }] }),
  ).then((cards) => cards.map((card) => card.id));
}

/** A download's text, whether written whole or streamed. */
const text = async (body: Download["body"]) =>
  typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : new Response(body).text();

let alice: User;
let bob: User;
let aliceDeck: string;
let bobDeck: string;
let builtInDeck: string;
let reworded: { id: string; term: string };

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  builtInDeck = (await read((db) => db.deck.findFirstOrThrow({ where: { ownerId: null } }))).id;

  aliceDeck = (await createOwnDeck(alice.id, { title: "Reward notes", description: "From week 3." }, NOW)).deckId;
  await createOwnConcept(
    alice.id,
    {
      ...fields({
        term: "Reward tampering",
        definition: "An agent interfering with its own training signal.\n\nIt is not the task.",
        aliases: ["RT"],
        examples: ["Editing the reward register."],
        tags: ["week-3", "reward"],
      }),
      deckId: aliceDeck,
    },
    NOW,
  );
  await createOwnConcept(
    alice.id,
    { ...fields({ term: "Wireheading", definition: "Stimulating the reward itself." }), deckId: aliceDeck },
    NOW,
  );
  const [first, second, third] = await cardIdsOfDeck(alice.id, aliceDeck);
  await grade(alice.id, first, 3, NOW);
  await grade(alice.id, first, 1, at(2));
  await grade(alice.id, second, 4, NOW);
  // Undone: not an answer.
  const undone = await grade(alice.id, third, 2, at(1));
  await undoReview(alice.id, undone, at(1));
  // A reset is a manual entry (grade 0): kept in the history, not in the exports' answers.
  await resetCards(alice.id, { ids: [second] }, at(3));

  const [builtInCard] = await cardIdsOfDeck(alice.id, builtInDeck);
  await grade(alice.id, builtInCard, 3, NOW);
  reworded = await read((db) =>
    db.concept.findFirstOrThrow({
      where: { deckId: builtInDeck },
      orderBy: { position: "asc" },
      select: { id: true, term: true },
    }),
  );
  await saveWording(
    alice.id,
    { conceptId: reworded.id, definition: "Alice's own wording of it.", examples: ["Alice's example."], aliases: [] },
    NOW,
  );

  bobDeck = (await createOwnDeck(bob.id, { title: "Bob's secrets", description: "" }, NOW)).deckId;
  await createOwnConcept(
    bob.id,
    { ...fields({ term: "Bob's secret term", definition: "Only Bob knows." }), deckId: bobDeck },
    NOW,
  );
  const [bobCard] = await cardIdsOfDeck(bob.id, bobDeck);
  await grade(bob.id, bobCard, 3, NOW);
  await grade(bob.id, bobCard, 3, at(3));
});

afterAll(async () => {
  await disconnect();
});

describe("deck markdown", () => {
  it("parses back to the same deck and concepts", async () => {
    const file = await exportDeckMarkdown(alice.id, aliceDeck);
    expect(file.filename).toBe("reward-notes.md");
    const parsed = parseDeck(await text(file.body));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.deck).toMatchObject({ slug: "reward-notes", title: "Reward notes", description: "From week 3." });
    expect(
      parsed.deck.concepts.map(({ term, definition, aliases, examples, tags }) => ({
        term,
        definition,
        aliases,
        examples,
        tags,
      })),
    ).toEqual([
      {
        term: "Reward tampering",
        definition: "An agent interfering with its own training signal.\n\nIt is not the task.",
        aliases: ["RT"],
        examples: ["Editing the reward register."],
        tags: ["week-3", "reward"],
      },
      { term: "Wireheading", definition: "Stimulating the reward itself.", aliases: [], examples: [], tags: [] },
    ]);
  });

  it("writes a built-in deck with the learner's own wording, and only theirs", async () => {
    const mine = parseDeck(await text((await exportDeckMarkdown(alice.id, builtInDeck)).body));
    const his = parseDeck(await text((await exportDeckMarkdown(bob.id, builtInDeck)).body));
    if (!mine.ok || !his.ok) throw new Error("the built-in deck export did not parse");
    const original = await read((db) => db.concept.findUniqueOrThrow({ where: { id: reworded.id } }));
    const mineReworded = mine.deck.concepts.find((c) => c.term === reworded.term)!;
    expect(mineReworded).toMatchObject({ definition: "Alice's own wording of it.", examples: ["Alice's example."] });
    expect(his.deck.concepts.find((c) => c.term === reworded.term)!.definition).toBe(original.definition);
    const count = await read((db) => db.concept.count({ where: { deckId: builtInDeck, retiredAt: null } }));
    expect(mine.deck.concepts).toHaveLength(count);
  });

  it("is not found for someone else's deck or a deck that does not exist", async () => {
    await expect(exportDeckMarkdown(bob.id, aliceDeck)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportDeckMarkdown(alice.id, bobDeck)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportDeckMarkdown(alice.id, "nosuchdeck")).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportDeckApkg(bob.id, aliceDeck, at(4))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("cards as Anki text", () => {
  it("reads back through the Anki text importer: every concept the learner has cards of, in their wording", async () => {
    const file = await exportCardsTsv(alice.id);
    expect(file.filename).toBe("mesa-cards.tsv");
    const tsv = await text(file.body);
    const preview = parseAnkiText(tsv);
    expect(preview.errors).toEqual([]);
    expect(preview.deckName).toBe("Mesa");
    const expected = await read((db) => db.concept.count({ where: { cards: { some: { userId: alice.id } } } }));
    expect(preview.concepts).toHaveLength(expected);
    expect(preview.concepts.find((c) => c.term === "Reward tampering")).toMatchObject({
      definition: "An agent interfering with its own training signal.\n\nIt is not the task.",
      tags: ["week-3", "reward"],
    });
    expect(preview.concepts.find((c) => c.term === reworded.term)!.definition).toBe("Alice's own wording of it.");
    expect(tsv).not.toContain("Bob");
  });

  it("holds nothing of another learner's", async () => {
    const preview = parseAnkiText(await text((await exportCardsTsv(bob.id)).body));
    expect(preview.concepts.map((c) => c.term)).toContain("Bob's secret term");
    expect(preview.concepts.map((c) => c.term)).not.toContain("Reward tampering");
    expect(preview.concepts.find((c) => c.term === reworded.term)!.definition).not.toBe("Alice's own wording of it.");
  });
});

describe("review log CSV", () => {
  it("has the optimizer header and one row per answer that was not undone, manual entries left out", async () => {
    const file = await exportReviewLogCsv(alice.id);
    expect(file.filename).toBe("mesa-review-log.csv");
    const lines = (await text(file.body)).trimEnd().split("\n");
    expect(lines[0]).toBe(REVIEW_LOG_COLUMNS.join(","));
    const kinds = await read((db) =>
      db.reviewLog.groupBy({ by: ["kind"], where: { userId: alice.id }, _count: { _all: true }, orderBy: { kind: "asc" } }),
    );
    // Five grades (one undone) and one reset were logged: four answers are exported.
    expect(kinds.map((k) => [k.kind, k._count._all])).toEqual([
      ["GRADE", 5],
      ["RESET", 1],
    ]);
    const rows = lines.slice(1).map((line) => line.split(",").map(Number));
    // Answers at the same instant come in card order; the card numbers are 1..3, the first card's two answers share one.
    expect(rows.map((row) => row.slice(1)).sort()).toEqual(
      [
        [NOW.getTime(), 3, 0, 4000],
        [NOW.getTime(), 3, 0, 4000],
        [NOW.getTime(), 4, 0, 4000],
        [at(2).getTime(), 1, 1, 4000],
      ].sort(),
    );
    expect(rows.slice(0, 3).map((row) => row[0])).toEqual([1, 2, 3]);
    const again = rows[3];
    expect(rows.find((row) => row[0] === again[0])).toEqual([again[0], NOW.getTime(), 3, 0, 4000]);
  });

  it("holds only the learner's own answers", async () => {
    const lines = (await text((await exportReviewLogCsv(bob.id)).body)).trimEnd().split("\n");
    expect(lines.slice(1)).toEqual([`1,${NOW.getTime()},3,0,4000`, `1,${at(3).getTime()},3,1,4000`]);
  });
});

describe("Anki package", () => {
  it("reads back through the package importer with the deck's concepts and every answer", async () => {
    const file = await exportDeckApkg(alice.id, aliceDeck, at(4));
    expect(file.filename).toBe("reward-notes.apkg");
    const preview = readAnkiPackage(file.body as Uint8Array);
    expect(preview.errors).toEqual([]);
    expect(preview.deckName).toBe("Reward notes");
    expect(preview.concepts.map((c) => [c.term, c.tags])).toEqual([
      ["Reward tampering", ["week-3", "reward"]],
      ["Wireheading", []],
    ]);
    const reviews = preview.histories.flatMap((h) =>
      h.reviews.map((r) => [h.conceptIndex, h.kind, r.reviewedAt.getTime(), r.grade]),
    );
    expect(reviews.sort()).toEqual(
      [
        [0, "TERM_TO_DEFINITION", NOW.getTime(), 3],
        [0, "TERM_TO_DEFINITION", at(2).getTime(), 1],
        [0, "DEFINITION_TO_TERM", NOW.getTime() + 1, 4],
      ].sort(),
    );
  });
});

describe("Anki package of a built-in deck", () => {
  it("holds the learner's own wording and answers, and nothing of another learner's", async () => {
    const mine = readAnkiPackage((await exportDeckApkg(alice.id, builtInDeck, at(4))).body as Uint8Array);
    const his = readAnkiPackage((await exportDeckApkg(bob.id, builtInDeck, at(4))).body as Uint8Array);
    expect(mine.concepts.find((c) => c.term === reworded.term)!.definition).toBe("Alice's own wording of it.");
    expect(his.concepts.find((c) => c.term === reworded.term)!.definition).not.toBe("Alice's own wording of it.");
    expect(mine.histories.flatMap((h) => h.reviews.map((r) => [r.reviewedAt.getTime(), r.grade]))).toEqual([[NOW.getTime(), 3]]);
    expect(his.histories.flatMap((h) => h.reviews)).toEqual([]);
  });
});

describe("exportable decks", () => {
  it("are the learner's own decks and the built-in decks they have cards of, never another's", async () => {
    expect(await listExportableDecks(alice.id)).toEqual(
      expect.arrayContaining([
        { id: aliceDeck, title: "Reward notes", builtIn: false },
        { id: builtInDeck, title: expect.any(String), builtIn: true },
      ]),
    );
    expect((await listExportableDecks(alice.id)).map((deck) => deck.id)).not.toContain(bobDeck);
    expect((await listExportableDecks(bob.id)).map((deck) => deck.id).sort()).toEqual([bobDeck, builtInDeck].sort());
  });
});

describe("a large deck", () => {
  it("exports 5,000 concepts, more than one query may bind as values", async () => {
    const carol = await newUser("carol", NOW);
    const deckId = (await createOwnDeck(carol.id, { title: "Big deck", description: "" }, NOW)).deckId;
    const count = 5000;
    await write(async (tx) => {
      await tx.concept.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          id: `big${i}`,
          deckId,
          slug: `term-${i}`,
          position: i,
          term: `Term ${i}`,
          definition: `Definition ${i}.`,
        })),
      });
      await tx.card.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          userId: carol.id,
          conceptId: `big${i}`,
          deckId,
          kind: "TERM_TO_DEFINITION",
          due: NOW,
        })),
      });
    });
    const markdown = parseDeck(await text((await exportDeckMarkdown(carol.id, deckId)).body));
    expect(markdown.ok && markdown.deck.concepts.length).toBe(count);
    // Carol also has the cards of the built-in deck she started with.
    const studied = await read((db) => db.concept.count({ where: { cards: { some: { userId: carol.id } } } }));
    expect(studied).toBeGreaterThan(count);
    expect(parseAnkiText(await text((await exportCardsTsv(carol.id)).body)).concepts).toHaveLength(studied);
    expect(readAnkiPackage((await exportDeckApkg(carol.id, deckId, NOW)).body as Uint8Array).concepts).toHaveLength(count);
  });
});

describe("file names", () => {
  it("are plain ASCII from the slug", () => {
    expect(safeFileStem("reward-notes-2")).toBe("reward-notes-2");
    expect(safeFileStem('a"b\r\nc/d')).toBe("a-b-c-d");
    expect(safeFileStem("")).toBe("deck");
  });
});
