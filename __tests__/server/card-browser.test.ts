import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import { listCards, type CardListInput } from "@/lib/server/card-browser";
import { disconnect, read, write } from "@/lib/server/db";
import { seedBuiltInDecks } from "@/lib/server/decks";
import { retrievability } from "@/lib/srs/scheduler";
import { DEFAULT_SCHEDULER_SETTINGS } from "@/lib/srs/settings";
import type { CardListRowDTO } from "@/lib/types/card-browser";
import { readBuiltInDeckFiles } from "@/prisma/seed";
import { newUser, withoutLinksToOtherDecks } from "../helpers/fixtures";

// 12:00 UTC; the users' study day starts at 04:00 UTC.
const NOW = new Date("2026-03-07T12:00:00Z");
const DAY = 86_400_000;
const BUILT_IN = withoutLinksToOtherDecks(readBuiltInDeckFiles().find((file) => file.name === "learned-optimization.md")!);

let aliceId = "";
let bobId = "";
/** Alice's card ids by "concept-slug/KIND" (T: term -> definition, D: definition -> term). */
const card: Record<string, string> = {};

async function list(q: string, options: Partial<CardListInput> = {}, userId = aliceId) {
  return listCards(userId, { q, sort: "term", dir: "asc", page: 1, ...options }, NOW);
}

async function rowsOf(q: string, options: Partial<CardListInput> = {}): Promise<CardListRowDTO[]> {
  const result = await list(q, options);
  if (!result.ok) throw new Error(result.error);
  return result.rows;
}

/** The "slug/T" keys of the cards a search finds (first page, sorted by term). */
async function found(q: string): Promise<string[]> {
  const ids = new Set((await rowsOf(q)).map((row) => row.id));
  return Object.entries(card)
    .filter(([, id]) => ids.has(id))
    .map(([key]) => key)
    .sort();
}

async function setCard(key: string, data: Record<string, unknown>) {
  await write((tx) => tx.card.update({ where: { id: card[key] }, data }));
}

beforeAll(async () => {
  await seedBuiltInDecks([BUILT_IN], NOW);
  const alice = await newUser("alice", NOW);
  const bob = await newUser("bob", NOW);
  aliceId = alice.id;
  bobId = bob.id;
  const cards = await read((db) => db.card.findMany({ where: { userId: aliceId }, include: { concept: true } }));
  for (const c of cards) card[`${c.concept.slug}/${c.kind === "TERM_TO_DEFINITION" ? "T" : "D"}`] = c.id;

  // A review card reviewed 10 days ago with stability 5, due 2 days ago (overdue), 3 lapses.
  await setCard("optimizer/T", {
    state: 2,
    stability: 5,
    difficulty: 5,
    lastReview: new Date(NOW.getTime() - 10 * DAY),
    due: new Date(NOW.getTime() - 2 * DAY),
    lapses: 3,
    reps: 6,
  });
  // A strong review card due in 20 days.
  await setCard("optimizer/D", {
    state: 2,
    stability: 100,
    difficulty: 3,
    lastReview: new Date(NOW.getTime() - 1 * DAY),
    due: new Date(NOW.getTime() + 20 * DAY),
    reps: 3,
  });
  // A learning card due later today, and a suspended leech.
  await setCard("mesa-optimizer/T", {
    state: 1,
    stability: 0.5,
    difficulty: 6,
    lastReview: new Date(NOW.getTime() - 60_000),
    due: new Date(NOW.getTime() + 3_600_000),
    reps: 1,
  });
  await setCard("search-space/T", {
    state: 3,
    stability: 1,
    difficulty: 8,
    lastReview: new Date(NOW.getTime() - DAY),
    due: new Date(NOW.getTime() + 2 * 3_600_000),
    lapses: 9,
    reps: 12,
    suspended: true,
  });
  // Added long ago: everything else was added at NOW.
  await write((tx) =>
    tx.card.updateMany({
      where: { userId: aliceId, id: { notIn: [card["optimizer/T"], card["optimizer/D"]] } },
      data: { createdAt: new Date(NOW.getTime() - 30 * DAY) },
    }),
  );
  await write((tx) =>
    tx.reviewLog.createMany({
      data: [
        { grade: 1, kind: "GRADE", cardId: card["optimizer/T"], reviewedAt: new Date(NOW.getTime() - 2 * DAY), clientId: "g1" },
        { grade: 3, kind: "GRADE", cardId: card["optimizer/D"], reviewedAt: new Date(NOW.getTime() - DAY), clientId: "g2" },
        { grade: 0, kind: "RESET", cardId: card["objective-function/T"], reviewedAt: NOW, clientId: "r1" },
        {
          grade: 4,
          kind: "GRADE",
          cardId: card["search-space/D"],
          reviewedAt: NOW,
          clientId: "u1",
          undoneAt: NOW,
        },
      ].map((log) => ({
        ...log,
        userId: aliceId,
        state: 2,
        due: NOW,
        stability: 1,
        difficulty: 5,
        scheduledDays: 1,
        learningSteps: 0,
        elapsedDays: 1,
        durationMs: 1000,
      })),
    }),
  );
});

afterAll(async () => {
  await disconnect();
});

describe("listCards", () => {
  it("lists only the user's own cards, 50 a page, with the total", async () => {
    const cardCount = Object.keys(card).length;
    const result = await list("");
    if (!result.ok) throw new Error(result.error);
    expect(result.total).toBe(cardCount);
    expect(result.rows).toHaveLength(50);
    expect(result.pageCount).toBe(Math.ceil(cardCount / 50));
    const last = await list("", { page: 99 });
    if (!last.ok) throw new Error(last.error);
    expect(last.page).toBe(result.pageCount);
    expect(last.rows).toHaveLength(cardCount - 50 * (result.pageCount - 1));
    const aliceIds = new Set(Object.values(card));
    const bob = await list("", {}, bobId);
    if (!bob.ok) throw new Error(bob.error);
    expect(bob.total).toBe(cardCount);
    expect(bob.rows.some((row) => aliceIds.has(row.id))).toBe(false);
  });

  it("answers a bad search with the error, not a throw", async () => {
    expect(await list("optim foo:bar")).toEqual({ ok: false, error: expect.stringContaining('unknown filter "foo:"') });
  });

  it("shows due in study days, retrievability now as ts-fsrs computes it, and the deck", async () => {
    const [row] = (await rowsOf("")).filter((r) => r.id === card["optimizer/T"]);
    expect(row).toMatchObject({ term: "Optimizer", deckSlug: "learned-optimization", deckStudied: true, dueDays: -2, lapses: 3 });
    const expected = retrievability(
      {
        due: new Date(NOW.getTime() - 2 * DAY),
        stability: 5,
        difficulty: 5,
        scheduledDays: 0,
        learningSteps: 0,
        reps: 6,
        lapses: 3,
        state: 2,
        lastReview: new Date(NOW.getTime() - 10 * DAY),
      },
      NOW,
      DEFAULT_SCHEDULER_SETTINGS,
    );
    expect(row.retrievability).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(0.5);
    expect(expected).toBeLessThan(0.9);
    const newRow = (await rowsOf("")).find((r) => r.id === card["base-optimizer/T"]);
    expect(newRow).toMatchObject({ dueDays: null, retrievability: null, state: 0 });
  });

  it("finds free words by prefix in term, aliases, definition and examples, case- and accent-insensitively", async () => {
    expect(await found("OPTIMÎZATION-proc")).toEqual(["optimizer/D", "optimizer/T"]);
    expect(await found('"inner optimizer"')).toEqual(["mesa-optimizer/D", "mesa-optimizer/T"]);
    expect((await found("optimiz")).length).toBeGreaterThan(4);
    expect(await found("optimiz -optimiz")).toEqual([]);
    expect(await found('optimization -"optimization process"')).not.toContain("optimizer/T");
  });

  it("searches a user's own wording instead of the original, and only theirs", async () => {
    const conceptId = (await read((db) => db.card.findUniqueOrThrow({ where: { id: card["optimizer/T"] } }))).conceptId;
    await write(async (tx) => {
      await tx.conceptOverride.create({
        data: {
          userId: aliceId,
          conceptId,
          definition: "Quokkas rank plans.",
          aliases: "[]",
          originalHash: "x",
          createdAt: NOW,
          updatedAt: NOW,
        },
      });
      const { syncConceptSearch } = await import("@/lib/server/concept-search");
      await syncConceptSearch(tx, [conceptId]);
    });
    expect(await found("quokka")).toEqual(["optimizer/D", "optimizer/T"]);
    expect(await found('"optimization process"')).toEqual([]);
    const bob = await listCards(bobId, { q: "quokka", sort: "due", dir: "asc", page: 1 }, NOW);
    expect(bob.ok && bob.total).toBe(0);
    expect(await found("is:edited")).toEqual(["optimizer/D", "optimizer/T"]);
    await write((tx) => tx.conceptOverride.deleteMany({ where: { userId: aliceId } }));
  });

  it("filters by deck and tag", async () => {
    const all = await list("deck:learned-optimization");
    const none = await list("deck:core-glossary");
    expect(all.ok && all.total).toBe(Object.keys(card).length);
    expect(none.ok && none.total).toBe(0);
    const objectives = await found("tag:Objectives");
    expect(objectives).toContain("objective-function/T");
    expect(objectives).not.toContain("search-space/T");
    const notFoundations = await found("tag:optimization -tag:foundations");
    expect(notFoundations).not.toContain("search-space/T");
    expect(notFoundations.length).toBeGreaterThan(0);
  });

  it("filters by state", async () => {
    expect(await found("is:learning")).toEqual(["mesa-optimizer/T", "search-space/T"]);
    expect(await found("is:review")).toEqual(["optimizer/D", "optimizer/T"]);
    expect(await found("is:suspended")).toEqual(["search-space/T"]);
    expect(await found("is:leech")).toEqual(["search-space/T"]);
    // Overdue and the learning card later today; not the suspended one, not the one due in 20 days.
    expect(await found("is:due")).toEqual(["mesa-optimizer/T", "optimizer/T"]);
    const fresh = await list("is:new");
    expect(fresh.ok && fresh.total).toBe(Object.keys(card).length - 4);
    expect(await found("is:edited")).toEqual([]);
  });

  it("filters by properties", async () => {
    // search-space/T was reviewed a stability ago: exactly 0.9.
    expect(await found("prop:r<0.95")).toEqual(["optimizer/T", "search-space/T"]);
    expect(await found("prop:r<0.9")).toEqual(["optimizer/T"]);
    expect(await found("prop:r>=0.95")).toEqual(["mesa-optimizer/T", "optimizer/D"]);
    expect(await found("-prop:r<0.95").then((keys) => keys.includes("base-optimizer/T"))).toBe(true);
    expect(await found("prop:lapses>=3")).toEqual(["optimizer/T", "search-space/T"]);
    expect(await found("prop:lapses=3")).toEqual(["optimizer/T"]);
    expect(await found("prop:reps>6")).toEqual(["search-space/T"]);
    expect(await found("prop:due<0")).toEqual(["optimizer/T"]);
    expect(await found("prop:due<=-2")).toEqual(["optimizer/T"]);
    expect(await found("prop:due=0")).toEqual(["mesa-optimizer/T", "search-space/T"]);
    expect(await found("prop:due>=1")).toEqual(["optimizer/D"]);
    expect(await found("prop:due>20")).toEqual([]);
    expect(await found("prop:due=20")).toEqual(["optimizer/D"]);
    expect(await found("prop:s>50")).toEqual(["optimizer/D"]);
  });

  it("filters by when a card was added and rated (kept grades only)", async () => {
    expect(await found("added:1")).toEqual(["optimizer/D", "optimizer/T"]);
    const recent = await list("added:31");
    expect(recent.ok && recent.total).toBe(Object.keys(card).length);
    expect(await found("rated:1")).toEqual([]);
    expect(await found("rated:2")).toEqual(["optimizer/D"]);
    expect(await found("rated:3")).toEqual(["optimizer/D", "optimizer/T"]);
    expect(await found("rated:3:1")).toEqual(["optimizer/T"]);
    expect(await found("rated:3:3 -rated:3:1")).toEqual(["optimizer/D"]);
  });

  it("sorts by due, term, retrievability, lapses and added, both ways", async () => {
    const ids = async (options: Partial<CardListInput>) => (await rowsOf("", options)).map((row) => row.id);
    expect((await ids({ sort: "due", dir: "asc" })).slice(0, 4)).toEqual([
      card["optimizer/T"],
      card["mesa-optimizer/T"],
      card["search-space/T"],
      card["optimizer/D"],
    ]);
    expect((await ids({ sort: "r", dir: "asc" })).slice(0, 2)).toEqual([card["optimizer/T"], card["search-space/T"]]);
    expect((await ids({ sort: "r", dir: "desc" })).slice(0, 2)).toEqual([card["mesa-optimizer/T"], card["optimizer/D"]]);
    expect((await ids({ sort: "lapses", dir: "desc" })).slice(0, 2)).toEqual([card["search-space/T"], card["optimizer/T"]]);
    expect((await ids({ sort: "added", dir: "desc" })).slice(0, 2).sort()).toEqual(
      [card["optimizer/D"], card["optimizer/T"]].sort(),
    );
    const terms = (await rowsOf("", { sort: "term", dir: "desc" })).map((row) => row.term.toLowerCase());
    expect(terms).toEqual([...terms].sort().reverse());
  });
});
