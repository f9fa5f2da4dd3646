import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

import { unzipSync } from "fflate";
import { writeAnkiText } from "@/lib/export/anki-text";
import { toAnkiCollection } from "@/lib/export/apkg-data";
import { writeReviewLogCsv } from "@/lib/export/review-log-csv";
import type { ExportReview } from "@/lib/export/types";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { collectionPlan } from "@/lib/server/export/anki-sqlite";
import { writeApkg } from "@/lib/server/export/apkg";
import { apkgBuildsInProgress, buildApkgInChild, MAX_CONCURRENT_BUILDS } from "@/lib/server/export/apkg-process";
import {
  CONCEPT_PAGE_ROWS,
  exportCardsTsv,
  exportDeckApkg,
  exportReviewLogCsv,
  REVIEW_PAGE_ROWS,
  type Download,
} from "@/lib/server/exports";
import { readAnkiPackage } from "@/lib/server/import/apkg";
import { parseJsonList } from "@/lib/server/mappers";
import { saveWording } from "@/lib/server/overrides";
import { recordReview } from "@/lib/server/reviews";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { cardRow, expectUserError, newClientId, newUser, withoutLinksToOtherDecks } from "../../helpers/fixtures";

/*
 * The long downloads at sizes that take several pages: the streamed files are byte for byte what
 * the pure writers make of the same rows, a grade lands while a file is half read, and the Anki
 * package built in its child process is the one built in process.
 */

const MINUTE = 60_000;
const NOW = new Date("2026-03-07T12:00:00Z");
const START = NOW.getTime() - 400 * 24 * 60 * MINUTE;
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);
const BIG_CONCEPTS = 2 * CONCEPT_PAGE_ROWS + 300;

let alice: User;
let bob: User;
let bigDeck: string;
/** Alice's graded answers in the log, and her answers of the big deck. */
let aliceAnswers = 0;
let bigDeckAnswers = 0;

async function streamChunks(body: Download["body"]): Promise<string[]> {
  if (!(body instanceof ReadableStream)) throw new Error("expected a streamed body");
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(decoder.decode(chunk));
  return chunks;
}

/** The review log as the pure writer makes it from the rows one Prisma query reads. */
async function expectedReviewLog(userId: string): Promise<string> {
  const logs = await read((db) =>
    db.reviewLog.findMany({
      where: { userId, kind: "GRADE", undoneAt: null, grade: { gte: 1, lte: 4 } },
      select: { cardId: true, reviewedAt: true, grade: true, state: true, durationMs: true },
      orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
    }),
  );
  return writeReviewLogCsv(
    logs.map((log) => ({
      cardId: log.cardId,
      reviewedAt: log.reviewedAt,
      grade: log.grade as ExportReview["grade"],
      stateBefore: log.state,
      durationMs: log.durationMs,
    })),
  );
}

function logRow(userId: string, cardId: string, reviewedAt: number, n: number, extra: Record<string, unknown> = {}) {
  const at = new Date(reviewedAt);
  return {
    cardId,
    userId,
    grade: (n % 4) + 1,
    state: n % 4,
    due: at,
    stability: 3,
    difficulty: 5,
    scheduledDays: 1,
    learningSteps: 0,
    elapsedDays: 0,
    reviewedAt: at,
    durationMs: 1000 + (n % 7) * 1234.4,
    clientId: `bulk-${n}`,
    ...extra,
  };
}

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
  const builtInDeck = (await read((db) => db.deck.findFirstOrThrow({ where: { ownerId: null } }))).id;

  // Two own decks of Alice's: more concepts than two pages of the cards file, with text that needs quoting.
  const decks = await write(async (tx) => {
    const big = await tx.deck.create({ data: { slug: "big", title: "Zeta big deck", ownerId: alice.id } });
    const small = await tx.deck.create({ data: { slug: "small", title: "Alpha deck", ownerId: alice.id } });
    const concepts = [
      ...Array.from({ length: BIG_CONCEPTS }, (_, i) => ({
        id: `big-concept-${String(i).padStart(5, "0")}`,
        deckId: big.id,
        slug: `b${i}`,
        // Positions out of id order, and one tie, so the order is the deck's and not the ids'.
        position: i === 7 ? 6 : BIG_CONCEPTS - i,
        term: i % 500 === 0 ? `#Hashed term ${i}` : `Term ${i}`,
        definition: i % 300 === 0 ? `Line one\nline "two"\twith a tab ${i}` : `Definition ${i}.`,
        tags: JSON.stringify(i % 3 === 0 ? ["three", `t${i % 11}`] : []),
      })),
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `small-concept-${i}`,
        deckId: small.id,
        slug: `s${i}`,
        position: i,
        term: `Small ${i}`,
        definition: `Small definition ${i}.`,
      })),
    ];
    await tx.concept.createMany({ data: concepts });
    await tx.card.createMany({
      data: concepts.flatMap((concept) =>
        (["TERM_TO_DEFINITION", "DEFINITION_TO_TERM"] as const).map((kind) => ({
          id: `${concept.id}-${kind === "TERM_TO_DEFINITION" ? "t" : "d"}`,
          userId: alice.id,
          conceptId: concept.id,
          deckId: concept.deckId,
          kind,
          due: NOW,
          state: 2,
          stability: 10,
          difficulty: 5,
          scheduledDays: 10,
          reps: 3,
          lastReview: new Date(NOW.getTime() - 5 * 24 * 60 * MINUTE),
        })),
      ),
    });
    return { big: big.id };
  });
  bigDeck = decks.big;

  // Bob studies the same built-in deck and has a deck of his own: none of it may appear in Alice's files.
  await write(async (tx) => {
    const own = await tx.deck.create({ data: { slug: "bobs", title: "Bob's deck", ownerId: bob.id } });
    await tx.concept.create({
      data: { id: "bob-concept", deckId: own.id, slug: "b", position: 0, term: "Bob's term", definition: "Bob's." },
    });
    await tx.card.create({
      data: { id: "bob-card", userId: bob.id, conceptId: "bob-concept", deckId: own.id, kind: "TERM_TO_DEFINITION", due: NOW },
    });
  });
  const reworded = await read((db) =>
    db.concept.findFirstOrThrow({ where: { deckId: builtInDeck }, orderBy: { position: "asc" } }),
  );
  await saveWording(alice.id, { conceptId: reworded.id, definition: "Alice's wording.", examples: [], aliases: [] }, NOW);

  // Alice's log: three pages and more of answers a minute apart, a run of answers at one instant
  // across the first page's end, a run longer than a page at another instant, undone answers,
  // manual entries, and Bob's answers interleaved.
  const bigCards = Array.from(
    { length: BIG_CONCEPTS },
    (_, i) => `big-concept-${String(i).padStart(5, "0")}-${i % 2 ? "d" : "t"}`,
  );
  const rows: ReturnType<typeof logRow>[] = [];
  let n = 0;
  for (let i = 0; i < 3 * REVIEW_PAGE_ROWS; i++) {
    // Rows REVIEW_PAGE_ROWS - 4 .. REVIEW_PAGE_ROWS + 4 share one instant, cards in descending order.
    const tied = i >= REVIEW_PAGE_ROWS - 4 && i <= REVIEW_PAGE_ROWS + 4;
    const instant = tied ? START + (REVIEW_PAGE_ROWS - 4) * MINUTE : START + i * MINUTE;
    const card = tied ? bigCards[2000 - i + REVIEW_PAGE_ROWS] : bigCards[(i * 7) % bigCards.length];
    rows.push(logRow(alice.id, card, instant, n++));
    if (i % 97 === 0)
      rows.push(logRow(alice.id, bigCards[i % bigCards.length], instant + 1, n++, { undoneAt: new Date(instant + 2) }));
    if (i % 131 === 0)
      rows.push(logRow(alice.id, bigCards[(i + 1) % bigCards.length], instant + 3, n++, { kind: "RESET", grade: 0 }));
    if (i % 50 === 0) rows.push(logRow(bob.id, "bob-card", instant, n++));
  }
  const crowded = START + 3 * REVIEW_PAGE_ROWS * MINUTE + MINUTE;
  for (let i = 0; i < REVIEW_PAGE_ROWS + 10; i++) rows.push(logRow(alice.id, `small-concept-${i % 40}-t`, crowded, n++));
  for (let i = 0; i < 30; i++) rows.push(logRow(alice.id, bigCards[i], crowded + (i + 1) * MINUTE, n++));
  for (let from = 0; from < rows.length; from += 5000)
    await write((tx) => tx.reviewLog.createMany({ data: rows.slice(from, from + 5000) }));
  const answers = rows.filter((row) => row.userId === alice.id && !("undoneAt" in row) && !("kind" in row));
  aliceAnswers = answers.length;
  bigDeckAnswers = answers.filter((row) => row.cardId.startsWith("big-")).length;
}, 120_000);

afterAll(async () => {
  await disconnect();
});

describe("the streamed review log", () => {
  it("is byte for byte what the pure writer makes of the same rows, sent in several chunks", async () => {
    const file = await exportReviewLogCsv(alice.id);
    const chunks = await streamChunks(file.body);
    const streamed = chunks.join("");
    expect(streamed).toBe(await expectedReviewLog(alice.id));
    expect(streamed.trimEnd().split("\n")).toHaveLength(aliceAnswers + 1);
    // The header, then one chunk per page: the file was never one string in memory.
    expect(chunks.length).toBeGreaterThanOrEqual(4);
  });

  it("holds only the learner's own answers", async () => {
    const streamed = (await streamChunks((await exportReviewLogCsv(bob.id)).body)).join("");
    expect(streamed).toBe(await expectedReviewLog(bob.id));
    const lines = streamed.trimEnd().split("\n").slice(1);
    expect(lines.length).toBe(await read((db) => db.reviewLog.count({ where: { userId: bob.id } })));
    expect(new Set(lines.map((line) => line.split(",")[0]))).toEqual(new Set(["1"]));
  });

  it("stays whole and in order when grades land while it is half read, and does not hold up the grades", async () => {
    const before = await expectedReviewLog(alice.id);
    const reader = (await exportReviewLogCsv(alice.id)).body as ReadableStream<Uint8Array>;
    const iterator = (reader as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const decoder = new TextDecoder();
    let text = "";
    const graded: number[] = [];
    const card = "small-concept-3-t";
    for (let step = 0; ; step++) {
      const next = await iterator.next();
      if (next.done) break;
      text += decoder.decode(next.value);
      if (step < 3) {
        // Between two pages of the file: a grade is written (through the one write queue) at once.
        const when = new Date(NOW.getTime() + step * MINUTE);
        const row = await cardRow(card);
        await recordReview(
          alice.id,
          { cardId: card, grade: 3, clientId: newClientId(), expectedVersion: row!.version, durationMs: 2000 },
          when,
        );
        graded.push(when.getTime());
      }
    }
    expect(graded).toHaveLength(3);
    // Everything answered before the download began, unchanged, then the grades that landed in time.
    expect(text.startsWith(before)).toBe(true);
    const extra = text.slice(before.length).trimEnd().split("\n").filter(Boolean);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.length).toBeLessThanOrEqual(graded.length);
    const number = extra[0].split(",")[0];
    extra.forEach((line, i) => {
      const [cardNumber, time, rating] = line.split(",").map(Number);
      expect(String(cardNumber)).toBe(number);
      expect(time).toBe(graded[i]);
      expect(rating).toBe(3);
    });
    // The card keeps the number it had before: it was answered earlier in the file.
    const earlier = before.trimEnd().split("\n").slice(1);
    expect(earlier.some((line) => line.startsWith(`${number},`))).toBe(true);
    // And the whole file read afterwards is the pure writer's again.
    expect((await streamChunks((await exportReviewLogCsv(alice.id)).body)).join("")).toBe(await expectedReviewLog(alice.id));
  });
});

describe("the streamed cards file", () => {
  it("is byte for byte what the pure writer makes of the learner's concepts in their wording", async () => {
    const concepts = await read(async (db) => {
      const rows = await db.concept.findMany({
        where: { cards: { some: { userId: alice.id } } },
        orderBy: [{ deck: { title: "asc" } }, { deckId: "asc" }, { position: "asc" }, { id: "asc" }],
      });
      const overrides = await db.conceptOverride.findMany({ where: { userId: alice.id } });
      const byConcept = new Map(overrides.map((o) => [o.conceptId, o]));
      return rows.map((row) => ({
        id: row.id,
        term: row.term,
        definition: byConcept.get(row.id)?.definition ?? row.definition,
        tags: parseJsonList(byConcept.get(row.id)?.tags ?? row.tags),
      }));
    });
    expect(concepts.length).toBeGreaterThan(2 * CONCEPT_PAGE_ROWS);
    expect(concepts.some((c) => c.definition === "Alice's wording.")).toBe(true);
    const chunks = await streamChunks((await exportCardsTsv(alice.id)).body);
    expect(chunks.join("")).toBe(writeAnkiText("Mesa", concepts));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.join("")).not.toContain("Bob");
  });

  it("is the headers and an empty line for a learner with no cards", async () => {
    const carol = await newUser("carol-no-cards", NOW);
    await write((tx) => tx.card.deleteMany({ where: { userId: carol.id } }));
    expect((await streamChunks((await exportCardsTsv(carol.id)).body)).join("")).toBe(writeAnkiText("Mesa", []));
  });
});

describe("the Anki package built in its child process", () => {
  it("unpacks to the same collection and media as the package built in process", async () => {
    const input = {
      deck: {
        slug: "d",
        title: "Deck",
        concepts: [
          { id: "c1", term: "One", definition: "First <b>one</b>", tags: ["a"] },
          { id: "c2", term: "Two", definition: "Second", tags: [] },
        ],
      },
      cards: [
        {
          id: "k1",
          conceptId: "c1",
          kind: "TERM_TO_DEFINITION" as const,
          state: 2,
          due: NOW,
          stability: 4,
          difficulty: 5,
          scheduledDays: 4,
          reps: 2,
          lapses: 0,
          lastReview: new Date(NOW.getTime() - 4 * 24 * 60 * MINUTE),
          suspended: false,
        },
      ],
      reviews: Array.from({ length: 12_000 }, (_, i) => ({
        cardId: "k1",
        reviewedAt: new Date(START + i * MINUTE),
        grade: ((i % 4) + 1) as ExportReview["grade"],
        stateBefore: i === 0 ? 0 : 2,
        durationMs: 3000,
      })),
      now: NOW,
      utcOffsetMinutesWest: 0,
    };
    const inProcess = unzipSync(writeApkg(input));
    const child = unzipSync(await buildApkgInChild(collectionPlan(toAnkiCollection(input))));
    expect(Object.keys(child)).toEqual(Object.keys(inProcess));
    for (const name of Object.keys(inProcess)) expect(Buffer.from(child[name]).equals(Buffer.from(inProcess[name]))).toBe(true);
  });

  it("is, unpacked, the package the whole deck read at once and built in process makes", async () => {
    // A deck of Bob's with cards in every state, and answers at distinct instants.
    const deckId = await write(async (tx) => {
      const deck = await tx.deck.create({ data: { slug: "states", title: "States", ownerId: bob.id } });
      for (let i = 0; i < 6; i++) {
        await tx.concept.create({
          data: {
            id: `states-${i}`,
            deckId: deck.id,
            slug: `s${i}`,
            position: i,
            term: `State ${i}`,
            definition: `D${i}`,
            tags: '["x"]',
          },
        });
        await tx.card.create({
          data: {
            id: `states-card-${i}`,
            userId: bob.id,
            conceptId: `states-${i}`,
            deckId: deck.id,
            kind: i % 2 ? "DEFINITION_TO_TERM" : "TERM_TO_DEFINITION",
            due: new Date(NOW.getTime() + i * 3 * 60 * MINUTE),
            state: i % 4,
            stability: 1.5 + i,
            difficulty: 4.25 + i / 3,
            scheduledDays: i,
            reps: i,
            lapses: i % 2,
            lastReview: i % 4 === 0 ? null : new Date(NOW.getTime() - i * 24 * 60 * MINUTE),
            suspended: i === 5,
          },
        });
      }
      await tx.reviewLog.createMany({
        data: Array.from({ length: 40 }, (_, n) =>
          logRow(bob.id, `states-card-${n % 6}`, START + n * 37 * MINUTE, 900_000 + n, n === 9 ? { undoneAt: NOW } : {}),
        ),
      });
      return deck.id;
    });
    const whole = await read(async (db) => {
      const concepts = await db.concept.findMany({ where: { deckId }, orderBy: { position: "asc" } });
      const cards = await db.card.findMany({ where: { userId: bob.id, deckId } });
      const logs = await db.reviewLog.findMany({
        where: { userId: bob.id, kind: "GRADE", undoneAt: null, card: { deckId } },
        orderBy: { reviewedAt: "asc" },
      });
      return { concepts, cards, logs };
    });
    const expected = writeApkg({
      deck: {
        slug: "states",
        title: "States",
        concepts: whole.concepts.map((c) => ({
          id: c.id,
          slug: c.slug,
          term: c.term,
          definition: c.definition,
          aliases: [],
          examples: [],
          confusables: [],
          prerequisites: [],
          tags: parseJsonList(c.tags),
        })),
      },
      cards: whole.cards.map((card) => ({ ...card, kind: card.kind as "TERM_TO_DEFINITION" | "DEFINITION_TO_TERM" })),
      reviews: whole.logs.map((log) => ({
        cardId: log.cardId,
        reviewedAt: log.reviewedAt,
        grade: log.grade as ExportReview["grade"],
        stateBefore: log.state,
        durationMs: log.durationMs,
      })),
      now: NOW,
      utcOffsetMinutesWest: 0,
    });
    const built = unzipSync((await exportDeckApkg(bob.id, deckId, NOW)).body as Uint8Array);
    const reference = unzipSync(expected);
    expect(Object.keys(built)).toEqual(Object.keys(reference));
    for (const name of Object.keys(reference)) expect(Buffer.from(built[name]).equals(Buffer.from(reference[name]))).toBe(true);
  });

  it("holds every answer of a deck whose log takes several pages", async () => {
    const file = await exportDeckApkg(alice.id, bigDeck, NOW);
    const preview = readAnkiPackage(file.body as Uint8Array);
    expect(preview.errors).toEqual([]);
    expect(preview.concepts).toHaveLength(BIG_CONCEPTS);
    expect(preview.histories.reduce((sum, history) => sum + history.reviews.length, 0)).toBe(bigDeckAnswers);
  }, 120_000);

  it("builds one package per learner at a time and at most the process's limit at once", async () => {
    const smallDeck = await write(async (tx) => {
      const deck = await tx.deck.create({ data: { slug: "tiny", title: "Tiny", ownerId: alice.id } });
      await tx.concept.create({
        data: { id: "tiny-concept", deckId: deck.id, slug: "t", position: 0, term: "Tiny", definition: "Small." },
      });
      return deck.id;
    });
    const first = exportDeckApkg(alice.id, smallDeck, NOW);
    await expectUserError(exportDeckApkg(alice.id, smallDeck, NOW), "RATE_LIMITED");
    const other = exportDeckApkg(bob.id, smallDeck, NOW).catch((error: unknown) => error);
    const seen = apkgBuildsInProgress();
    expect(seen.running).toBeLessThanOrEqual(MAX_CONCURRENT_BUILDS);
    expect(seen.running + seen.waiting).toBe(2);
    expect(readAnkiPackage((await first).body as Uint8Array).concepts.map((c) => c.term)).toEqual(["Tiny"]);
    // Bob's request for Alice's deck is not found, and frees its slot like any other.
    expect((await other) as Error).toMatchObject({ code: "NOT_FOUND" });
    expect(apkgBuildsInProgress()).toEqual({ running: 0, waiting: 0 });
    // Once hers is done, Alice can ask again.
    expect((await exportDeckApkg(alice.id, smallDeck, NOW)).filename).toBe("tiny.apkg");
  });
});
