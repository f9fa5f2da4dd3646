import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

// Review-log writes fail after this many, to see a failed import taken back (Infinity: never).
const mockFailure = { after: Infinity, writes: 0 };
jest.mock("@/lib/server/bulk-insert", () => {
  const actual = jest.requireActual<typeof import("@/lib/server/bulk-insert")>("@/lib/server/bulk-insert");
  return {
    ...actual,
    insertRows: (...args: Parameters<typeof actual.insertRows>) => {
      if (args[1] === "ReviewLog" && ++mockFailure.writes > mockFailure.after) throw new Error("disk I/O error");
      return actual.insertRows(...args);
    },
  };
});

import type { User } from "@/lib/generated/prisma/client";
import { replayImportedHistories } from "@/lib/import/replay-histories";
import type { ImportPreview } from "@/lib/import/types";
import { disconnect, read, write } from "@/lib/server/db";
import { planAnkiImport, storeAnkiImport } from "@/lib/server/import/anki-store";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { createOwnDeck } from "@/lib/server/own-decks";
import { getStats } from "@/lib/server/stats";
import { CONCEPTS_PER_DECK_MAX } from "@/lib/validation/authoring-limits";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";
import { buildAnkiPackage, sampleCollection, syntheticCollection } from "@/scripts/anki-fixtures";
import { countRows, expectUserError, newUser, schedulingFieldsOf } from "../../helpers/fixtures";

// The sample package's answers are on 2025-01-06 .. 2025-01-13.
const NOW = new Date("2025-01-20T12:00:00Z");
const SETTINGS = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };

function samplePackage(): { preview: ImportPreview; histories: ReturnType<typeof replayImportedHistories> } {
  const preview = readAnkiPackage(buildAnkiPackage(sampleCollection(), "anki21"));
  expect(preview.errors).toEqual([]);
  return { preview, histories: replayImportedHistories(preview.histories, SETTINGS) };
}

async function cardsWithLogs(userId: string) {
  return read((db) =>
    db.card.findMany({
      where: { userId },
      orderBy: [{ concept: { position: "asc" } }, { kind: "desc" }],
      include: { concept: { select: { term: true, tags: true, deckId: true } }, reviewLogs: { orderBy: { reviewedAt: "asc" } } },
    }),
  );
}

let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await newUser("alice", NOW, { fuzz: false });
  bob = await newUser("bob", NOW, { fuzz: false });
});

afterAll(async () => {
  await disconnect();
});

describe("storeAnkiImport", () => {
  let deckId: string;

  it("plans a new deck: every note added, every answer brought", async () => {
    const { preview, histories } = samplePackage();
    const plan = await planAnkiImport(alice.id, preview.concepts, histories, null, "AI Safety");
    expect(plan).toEqual({
      decks: [{ title: "AI Safety", deckId: null, concepts: 4 }],
      added: 4,
      updated: 0,
      unchanged: 0,
      reviewsToAdd: 10,
      cardsKept: 0,
      skipped: [],
      limitError: null,
    });
  });

  it("writes the concepts, both cards of each, the replayed state and one grade per answer", async () => {
    const { preview, histories } = samplePackage();
    const outcome = await storeAnkiImport(
      alice.id,
      { concepts: preview.concepts, histories, target: { deckId: null, newDeckTitle: "AI Safety" } },
      NOW,
    );
    deckId = outcome.deckId;
    expect(outcome).toMatchObject({ deckIds: [deckId], added: 4, updated: 0, unchanged: 0, cards: 8, reviews: 10 });

    const cards = await cardsWithLogs(alice.id);
    expect(cards.map((card) => [card.concept.term, card.kind, card.reviewLogs.map((log) => log.grade)])).toEqual([
      ["Mesa-optimizer", "TERM_TO_DEFINITION", [3, 3, 3, 4]],
      ["Mesa-optimizer", "DEFINITION_TO_TERM", [1, 3, 2]],
      ["Base optimizer", "TERM_TO_DEFINITION", [2, 3, 3]],
      ["Base optimizer", "DEFINITION_TO_TERM", []],
      ["Deceptive alignment", "TERM_TO_DEFINITION", []],
      ["Deceptive alignment", "DEFINITION_TO_TERM", []],
      ["Evil", "TERM_TO_DEFINITION", []],
      ["Evil", "DEFINITION_TO_TERM", []],
    ]);
    expect(JSON.parse(cards[0].concept.tags)).toEqual(["mesa", "ch01-intro"]);
    // Each imported card holds the state its replayed history ends in; the others are new and due now.
    const replayedFirst = histories.find((h) => h.history.sourceCardId === "2001")!;
    expect(schedulingFieldsOf(cards[0])).toEqual(schedulingFieldsOf(replayedFirst.state));
    expect(cards[3]).toMatchObject({ state: 0, reps: 0, due: NOW });
    // The log rows are grades with the replay's "before" snapshots, the answer time and Anki's instant.
    expect(cards[0].reviewLogs[0]).toMatchObject({
      kind: "GRADE",
      state: 0,
      durationMs: 5000,
      reviewedAt: new Date(1_736_136_000_000),
      clientId: `import:${cards[0].id}:1736136000000`,
      undoneAt: null,
    });
  });

  it("counts the imported answers in the statistics", async () => {
    const stats = await getStats(alice.id, NOW, 30);
    expect(stats.calendar.reduce((sum, day) => sum + day.count, 0)).toBe(10);
  });

  it("re-importing the same package into the same deck title adds and doubles nothing", async () => {
    const { preview, histories } = samplePackage();
    const before = await countRows();
    const plan = await planAnkiImport(alice.id, preview.concepts, histories, null, "AI Safety");
    expect(plan).toMatchObject({ decks: [{ title: "AI Safety", deckId }], added: 0, updated: 0, unchanged: 4, reviewsToAdd: 0 });
    const outcome = await storeAnkiImport(
      alice.id,
      { concepts: preview.concepts, histories, target: { deckId: null, newDeckTitle: "AI Safety" } },
      NOW,
    );
    expect(outcome).toMatchObject({ deckId, added: 0, unchanged: 4, cards: 0, reviews: 0 });
    expect(await countRows()).toEqual(before);
  });

  it("keeps a card graded in Mesa as it is, and brings newer Anki answers to a card that has only imported ones", async () => {
    const cards = await cardsWithLogs(alice.id);
    // The reverse card of Mesa-optimizer was graded in Mesa since the import.
    await write((tx) =>
      tx.reviewLog.create({
        data: {
          cardId: cards[1].id,
          userId: alice.id,
          grade: 3,
          state: cards[1].state,
          due: cards[1].due,
          stability: cards[1].stability,
          difficulty: cards[1].difficulty,
          scheduledDays: cards[1].scheduledDays,
          learningSteps: cards[1].learningSteps,
          elapsedDays: 1,
          reviewedAt: NOW,
          durationMs: 1000,
          clientId: "mesa-grade-1",
        },
      }),
    );
    const collection = sampleCollection();
    const at = (day: number) => 1_736_136_000_000 + day * 86_400_000;
    collection.revlog.push(
      { id: at(9), cid: 2001, ease: 3, ivl: 30, lastIvl: 25, factor: 2500, time: 2500, type: 1 },
      { id: at(9) + 1, cid: 2002, ease: 3, ivl: 5, lastIvl: 3, factor: 2500, time: 2500, type: 1 },
    );
    const preview = readAnkiPackage(buildAnkiPackage(collection, "anki21"));
    const histories = replayImportedHistories(preview.histories, SETTINGS);
    const plan = await planAnkiImport(alice.id, preview.concepts, histories, deckId);
    expect(plan).toMatchObject({ unchanged: 4, reviewsToAdd: 1, cardsKept: 1 });
    const outcome = await storeAnkiImport(
      alice.id,
      { concepts: preview.concepts, histories, target: { deckId, newDeckTitle: "" } },
      NOW,
    );
    expect(outcome).toMatchObject({ reviews: 1, cards: 0 });
    const after = await cardsWithLogs(alice.id);
    expect(after[0].reviewLogs.map((log) => log.grade)).toEqual([3, 3, 3, 4, 3]);
    expect(schedulingFieldsOf(after[0])).toEqual(
      schedulingFieldsOf(histories.find((h) => h.history.sourceCardId === "2001")!.state),
    );
    expect(after[0].version).toBe(cards[0].version + 1);
    // The Mesa-graded card: its state and logs untouched.
    expect(after[1].reviewLogs.map((log) => log.clientId.startsWith("import:"))).toEqual([true, true, true, false]);
    expect(schedulingFieldsOf(after[1])).toEqual(schedulingFieldsOf(cards[1]));
  });

  it("updates a note whose text changed, matched on deck and term", async () => {
    const collection = sampleCollection();
    collection.notes[1].fields[1] = "The outer optimizer, e.g. stochastic gradient descent.";
    const preview = readAnkiPackage(buildAnkiPackage(collection, "anki21"));
    const histories = replayImportedHistories(preview.histories, SETTINGS);
    const outcome = await storeAnkiImport(
      alice.id,
      { concepts: preview.concepts, histories, target: { deckId, newDeckTitle: "" } },
      NOW,
    );
    expect(outcome).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    const concept = await read((db) => db.concept.findFirst({ where: { deckId, term: "Base optimizer" } }));
    expect(concept?.definition).toBe("The outer optimizer, e.g. stochastic gradient descent.");
  });

  it("refuses another learner's deck and writes nothing", async () => {
    const { preview, histories } = samplePackage();
    const before = await countRows();
    await expectUserError(
      storeAnkiImport(bob.id, { concepts: preview.concepts, histories, target: { deckId } }, NOW),
      "NOT_FOUND",
    );
    expect(await countRows()).toEqual(before);
  });

  it("skips, with the reason, a note that fails the checks or repeats an earlier term, and imports the rest", async () => {
    const { preview, histories } = samplePackage();
    const concepts = preview.concepts.map((concept, index) =>
      index === 2 ? { ...concept, term: "x".repeat(300) } : index === 3 ? { ...concept, term: "MESA-optimizer" } : concept,
    );
    const plan = await planAnkiImport(bob.id, concepts, histories, null, "Bob's");
    expect(plan.skipped).toEqual([
      { noteId: "1004", term: "x".repeat(200), reason: expect.stringMatching(/200/) },
      { noteId: "1005", term: "MESA-optimizer", reason: "note 1001 has the same term" },
    ]);
    expect(plan).toMatchObject({ added: 2, limitError: null, reviewsToAdd: 10 });
    const outcome = await storeAnkiImport(bob.id, { concepts, histories, target: { deckId: null, newDeckTitle: "Bob's" } }, NOW);
    expect(outcome).toMatchObject({ added: 2, reviews: 10, skipped: plan.skipped });
  });

  it("refuses a package none of whose notes can be imported, writing nothing", async () => {
    const { preview } = samplePackage();
    const concepts = preview.concepts.map((concept) => ({ ...concept, definition: `${concept.term} is ${concept.term}` }));
    const plan = await planAnkiImport(bob.id, concepts, [], null, "Nothing");
    expect(plan.limitError).toBe("No note of the package can be imported: see the skipped notes.");
    const before = await countRows();
    await expectUserError(
      storeAnkiImport(bob.id, { concepts, histories: [], target: { deckId: null, newDeckTitle: "Nothing" } }, NOW),
      "INVALID",
    );
    expect(await countRows()).toEqual(before);
  });

  it("refuses an import into a deck it would take past the concept limit", async () => {
    const preview = readAnkiPackage(buildAnkiPackage(syntheticCollection(30, 0), "anki21"));
    const own = await createOwnDeck(bob.id, { title: "Small", description: "" }, NOW);
    await write((tx) =>
      tx.concept.createMany({
        data: Array.from({ length: CONCEPTS_PER_DECK_MAX - 10 }, (_, n) => ({
          deckId: own.deckId,
          slug: `filler-${n}`,
          position: n,
          term: `Filler ${n}`,
          definition: "A concept that fills the deck.",
        })),
      }),
    );
    const plan = await planAnkiImport(bob.id, preview.concepts, [], own.deckId);
    expect(plan.limitError).toMatch(/would hold 5020 concepts/);
    const before = await countRows();
    await expectUserError(
      storeAnkiImport(bob.id, { concepts: preview.concepts, histories: [], target: { deckId: own.deckId } }, NOW),
      "INVALID",
    );
    expect(await countRows()).toEqual(before);
  });

  it("splits a package larger than a deck into numbered decks", async () => {
    const preview = readAnkiPackage(buildAnkiPackage(syntheticCollection(CONCEPTS_PER_DECK_MAX + 3, 0), "anki21"));
    const plan = await planAnkiImport(bob.id, preview.concepts, [], null, "Synthetic");
    expect(plan.decks).toEqual([
      { title: "Synthetic (1 of 2)", deckId: null, concepts: CONCEPTS_PER_DECK_MAX },
      { title: "Synthetic (2 of 2)", deckId: null, concepts: 3 },
    ]);
    const outcome = await storeAnkiImport(
      bob.id,
      { concepts: preview.concepts, histories: [], target: { deckId: null, newDeckTitle: "Synthetic" } },
      NOW,
    );
    expect(outcome.deckIds).toHaveLength(2);
    expect(outcome.added).toBe(CONCEPTS_PER_DECK_MAX + 3);
    const counts = await read((db) =>
      db.concept.groupBy({ by: ["deckId"], where: { deckId: { in: outcome.deckIds } }, _count: true }),
    );
    expect(counts.map((row) => row._count).sort((a, b) => a - b)).toEqual([3, CONCEPTS_PER_DECK_MAX]);
  }, 60_000);

  it("writes a large history in steps, and takes everything back when a step fails", async () => {
    const carol = await newUser("carol", NOW, { fuzz: false });
    const own = await createOwnDeck(carol.id, { title: "Carol's", description: "" }, NOW);
    const preview = readAnkiPackage(buildAnkiPackage(syntheticCollection(100, 5000), "anki21"));
    const histories = replayImportedHistories(preview.histories, SETTINGS);
    // One concept of the deck is matched, with other text: the import would update it.
    await storeAnkiImport(
      carol.id,
      { concepts: [{ ...preview.concepts[3], definition: "An older wording." }], histories: [], target: { deckId: own.deckId } },
      NOW,
    );
    const before = await countRows();
    const searchBefore = await read((db) => db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "ConceptSearch"`);
    const progress: number[] = [];
    mockFailure.writes = 0;
    mockFailure.after = 2;
    try {
      await expect(
        storeAnkiImport(carol.id, { concepts: preview.concepts, histories, target: { deckId: own.deckId } }, NOW, (done) =>
          progress.push(done),
        ),
      ).rejects.toThrow("disk I/O error");
    } finally {
      mockFailure.after = Infinity;
    }
    // Two steps of the review log were written before the third failed: all taken back.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(await countRows()).toEqual(before);
    expect(await read((db) => db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM "ConceptSearch"`)).toEqual(searchBefore);
    const kept = await read((db) =>
      db.concept.findMany({ where: { deckId: own.deckId }, select: { term: true, definition: true } }),
    );
    expect(kept).toEqual([{ term: preview.concepts[3].term, definition: "An older wording." }]);

    // The same import, nothing failing: every answer, in as many steps as it takes.
    const outcome = await storeAnkiImport(
      carol.id,
      { concepts: preview.concepts, histories, target: { deckId: own.deckId } },
      NOW,
    );
    expect(outcome).toMatchObject({ added: 99, updated: 1, reviews: 5000 });
    expect(await read((db) => db.reviewLog.count({ where: { userId: carol.id } }))).toBe(5000);
  });
});
