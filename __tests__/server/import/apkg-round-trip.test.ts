import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

const mockSessionUser: { current: { id: string; username: string; timeZone: string; sessionId: string } | null } = {
  current: null,
};
jest.mock("@/lib/server/auth", () => ({ getSessionUser: jest.fn(() => Promise.resolve(mockSessionUser.current)) }));

import { POST as postConfirm } from "@/app/api/import/apkg/confirm/route";
import { GET, POST } from "@/app/api/import/apkg/route";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read } from "@/lib/server/db";
import { exportDeckApkg } from "@/lib/server/exports";
import { createOwnConcept } from "@/lib/server/own-concepts";
import { createOwnDeck } from "@/lib/server/own-decks";
import { recordReview } from "@/lib/server/reviews";
import type { ApkgJobDTO } from "@/lib/types/apkg-import";
import { cardRow, newClientId, newUser, seedBuiltIn } from "../../helpers/fixtures";

/*
 * A deck with history exported as an Anki package by Mesa, imported into another account through
 * the import's routes: its concepts, their tags, and every answer survive.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = new Date("2026-01-05T09:00:00Z");
const NOW = new Date("2026-03-07T12:00:00Z");
const ORIGIN = { origin: "http://localhost" };

let alice: User;
let bob: User;

const signIn = (user: User) => {
  mockSessionUser.current = { id: user.id, username: user.username, timeZone: "UTC", sessionId: "s" };
};

async function settled(jobId: string): Promise<ApkgJobDTO> {
  const until = Date.now() + 60_000;
  for (;;) {
    const job = (await (await GET(new Request(`http://localhost/api/import/apkg?job=${jobId}`))).json()) as ApkgJobDTO;
    if (!["waiting", "reading", "storing"].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job still ${job.status}`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

/** Each concept's answers by card kind, as comparable rows. */
async function historyOf(userId: string, deckId: string) {
  const concepts = await read((db) =>
    db.concept.findMany({
      where: { deckId },
      orderBy: { term: "asc" },
      select: {
        term: true,
        definition: true,
        tags: true,
        cards: {
          where: { userId },
          orderBy: { kind: "asc" },
          select: {
            kind: true,
            reviewLogs: {
              where: { kind: "GRADE", undoneAt: null },
              orderBy: { reviewedAt: "asc" },
              select: { reviewedAt: true, grade: true, durationMs: true },
            },
          },
        },
      },
    }),
  );
  return concepts.map((concept) => ({
    term: concept.term,
    definition: concept.definition,
    tags: JSON.parse(concept.tags) as string[],
    cards: concept.cards
      .filter((card) => card.reviewLogs.length > 0)
      .map((card) => ({
        kind: card.kind,
        answers: card.reviewLogs.map((log) => [log.reviewedAt.toISOString(), log.grade, log.durationMs]),
      })),
  }));
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
});

afterAll(async () => {
  await disconnect();
});

it("brings a Mesa deck exported as .apkg into another account with its concepts, tags and every answer", async () => {
  const { deckId } = await createOwnDeck(alice.id, { title: "Reading group week 1", description: "" }, START);
  const terms = [
    ["Mesa-optimizer", "A learned model that is itself an optimizer.", ["mesa", "week-1"]],
    ["Base optimizer", "The optimizer that trained the model, such as gradient descent.", ["week-1"]],
    ["Pseudo-alignment", "Looking aligned on the training distribution only.", []],
  ] as const;
  for (const [term, definition, tags] of terms)
    await createOwnConcept(
      alice.id,
      {
        deckId,
        term,
        definition,
        aliases: [],
        examples: [],
        tags: [...tags],
        sourceText: "",
        sourceUrl: "",
        confusableIds: [],
        prerequisiteIds: [],
        cardKinds: "BOTH",
      },
      START,
    );
  // Answers over several weeks on four of the cards (both directions of the first concept).
  const cards = await read((db) =>
    db.card.findMany({ where: { userId: alice.id, deckId }, orderBy: [{ concept: { term: "asc" } }, { kind: "asc" }] }),
  );
  const plan: [number, (1 | 2 | 3 | 4)[]][] = [
    [0, [3, 3, 4, 3]],
    [1, [1, 3, 3]],
    [2, [4, 3]],
    [4, [3, 1, 3, 3, 3]],
  ];
  let answered = 0;
  for (const [index, grades] of plan) {
    for (const [i, grade] of grades.entries()) {
      const when = new Date(START.getTime() + index * MINUTE + i * 6 * DAY);
      const row = await cardRow(cards[index].id);
      await recordReview(
        alice.id,
        { cardId: row!.id, grade, clientId: newClientId(), expectedVersion: row!.version, durationMs: 1000 + 250 * i },
        when,
      );
      answered++;
    }
  }
  const original = await historyOf(alice.id, deckId);
  expect(original.flatMap((concept) => concept.cards.flatMap((card) => card.answers))).toHaveLength(answered);

  const file = await exportDeckApkg(alice.id, deckId, NOW);
  signIn(bob);
  const upload = await POST(
    new Request(`http://localhost/api/import/apkg?name=${encodeURIComponent(file.filename)}`, {
      method: "POST",
      body: file.body as Uint8Array as BodyInit,
      headers: ORIGIN,
    }),
  );
  expect(upload.status).toBe(202);
  const { jobId } = (await upload.json()) as { jobId: string };
  const ready = await settled(jobId);
  expect(ready.status).toBe("ready");
  expect(ready.summary).toMatchObject({ deckName: "Reading group week 1", concepts: 3, reviews: answered, skippedCount: 0 });

  const confirm = await postConfirm(
    new Request("http://localhost/api/import/apkg/confirm", {
      method: "POST",
      body: JSON.stringify({ jobId, newDeckTitle: "Reading group week 1" }),
      headers: ORIGIN,
    }),
  );
  expect(confirm.status).toBe(202);
  const done = await settled(jobId);
  expect(done.status).toBe("done");
  expect(done.outcome).toMatchObject({ added: 3, reviews: answered });

  expect(await historyOf(bob.id, done.outcome!.deckId)).toEqual(original);
}, 120_000);
