import { zipSync } from "fflate";
import Database from "better-sqlite3";
import { useTestDatabase } from "../../helpers/test-db";

useTestDatabase();

const mockSessionUser: { current: { id: string; username: string; timeZone: string; sessionId: string } | null } = {
  current: null,
};
jest.mock("@/lib/server/auth", () => ({ getSessionUser: jest.fn(() => Promise.resolve(mockSessionUser.current)) }));

import { POST as postConfirm } from "@/app/api/import/apkg/confirm/route";
import { DELETE, GET, POST } from "@/app/api/import/apkg/route";
import type { User } from "@/lib/generated/prisma/client";
import { disconnect, read, write } from "@/lib/server/db";
import { apkgReadsInProgress, forgetIdleApkgJobs, JOB_IDLE_MS } from "@/lib/server/import/apkg-jobs";
import { getStats } from "@/lib/server/stats";
import { getStreakSummary } from "@/lib/server/streaks";
import type { ApkgJobDTO } from "@/lib/types/apkg-import";
import { buildAnkiPackage, sampleCollection } from "@/scripts/anki-fixtures";
import { countRows, newUser, seedBuiltIn } from "../../helpers/fixtures";

/*
 * The Anki package import's routes, end to end below the browser: the upload, the reading in a
 * real child process, the summary and plan, the confirmation's write, and every refusal.
 */

// The sample collection's reviews run from 2025-01-06 to mid-2025; "now" is after them.
const NOW = new Date("2025-09-01T12:00:00Z");
const ORIGIN = { origin: "http://localhost" };
const SAMPLE = buildAnkiPackage(sampleCollection(), "anki21b");

let alice: User;
let bob: User;

const signIn = (user: User | null) => {
  mockSessionUser.current = user && { id: user.id, username: user.username, timeZone: "UTC", sessionId: "s" };
};

const upload = (bytes: Uint8Array, name = "AI Safety.apkg", headers: Record<string, string> = ORIGIN) =>
  POST(
    new Request(`http://localhost/api/import/apkg?name=${encodeURIComponent(name)}`, {
      method: "POST",
      body: bytes as BodyInit,
      headers,
    }),
  );

const poll = (jobId: string, deck?: string) =>
  GET(new Request(`http://localhost/api/import/apkg?job=${jobId}${deck ? `&deck=${deck}` : ""}`));

const confirm = (body: unknown) =>
  postConfirm(
    new Request("http://localhost/api/import/apkg/confirm", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { ...ORIGIN, "content-type": "application/json" },
    }),
  );

const cancel = (jobId: string) =>
  DELETE(new Request(`http://localhost/api/import/apkg?job=${jobId}`, { method: "DELETE", headers: ORIGIN }));

/** Polls until the job stops reading or writing, and returns its last state. */
async function settled(jobId: string, deck?: string): Promise<ApkgJobDTO> {
  const until = Date.now() + 60_000;
  for (;;) {
    const response = await poll(jobId, deck);
    expect(response.status).toBe(200);
    const job = (await response.json()) as ApkgJobDTO;
    if (!["waiting", "reading", "storing"].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`job still ${job.status}`);
    await new Promise((next) => setTimeout(next, 50));
  }
}

async function uploadAndRead(bytes: Uint8Array, name?: string): Promise<ApkgJobDTO> {
  const response = await upload(bytes, name);
  expect(response.status).toBe(202);
  const { jobId } = (await response.json()) as { jobId: string };
  return settled(jobId);
}

async function userRows(userId: string) {
  return read(async (db) => ({
    decks: await db.deck.count({ where: { ownerId: userId } }),
    concepts: await db.concept.count({ where: { deck: { ownerId: userId } } }),
    cards: await db.card.count({ where: { userId, concept: { deck: { ownerId: userId } } } }),
    logs: await db.reviewLog.count({ where: { userId, card: { concept: { deck: { ownerId: userId } } } } }),
  }));
}

beforeAll(async () => {
  await seedBuiltIn(NOW);
  alice = await newUser("alice", NOW);
  bob = await newUser("bob", NOW);
});

afterEach(() => signIn(null));

afterAll(async () => {
  await disconnect();
});

describe("POST /api/import/apkg and GET ?job=", () => {
  it("answers 401 without a session, on every method", async () => {
    expect((await upload(SAMPLE)).status).toBe(401);
    expect((await poll("6f1c2d7e-0b8a-4c4e-9f57-1d2a3b4c5d6e")).status).toBe(401);
    expect((await cancel("6f1c2d7e-0b8a-4c4e-9f57-1d2a3b4c5d6e")).status).toBe(401);
    expect((await confirm({ jobId: "6f1c2d7e-0b8a-4c4e-9f57-1d2a3b4c5d6e", newDeckTitle: "x" })).status).toBe(401);
  });

  it("refuses an upload from another site before reading it", async () => {
    signIn(alice);
    const response = await upload(SAMPLE, "AI Safety.apkg", { origin: "https://elsewhere.example" });
    expect(response.status).toBe(403);
  });

  it("reads the package in the background and summarises it: concepts, skipped cloze note, warnings, reviews, plan", async () => {
    signIn(alice);
    const job = await uploadAndRead(SAMPLE);
    expect(job).toMatchObject({ fileName: "AI Safety.apkg", status: "ready", progress: 1, errors: [], outcome: null });
    expect(job.summary).toMatchObject({
      deckName: "AI Safety",
      defaultDeckTitle: "AI Safety",
      concepts: 4,
      skippedCount: 1,
      skipped: [{ noteId: "1003", reason: expect.stringContaining("a cloze note") }],
      warnings: expect.arrayContaining(["1 cloze note skipped"]),
    });
    expect(job.summary?.sample.map((concept) => concept.term)).toEqual([
      "Mesa-optimizer",
      "Base optimizer",
      "Deceptive alignment",
      "Evil",
    ]);
    expect(job.summary?.sample[0]).toEqual({
      term: "Mesa-optimizer",
      definition: "A learned model that is itself an optimizer.\nSee the paper.",
      tags: ["mesa", "ch01-intro"],
    });
    expect(job.summary?.reviews).toBeGreaterThan(0);
    expect(job.plan).toMatchObject({ deckId: null, added: 4, updated: 0, unchanged: 0, reviewsToAdd: job.summary?.reviews });
    expect(apkgReadsInProgress()).toEqual({ reading: 0, waiting: 0 });
  });

  it("keeps each learner's job to themselves: another learner's id is 404 on every method", async () => {
    signIn(alice);
    const { jobId } = (await (await upload(SAMPLE)).json()) as { jobId: string };
    await settled(jobId);
    const before = await countRows();
    signIn(bob);
    expect((await poll(jobId)).status).toBe(404);
    expect((await cancel(jobId)).status).toBe(404);
    expect((await confirm({ jobId, newDeckTitle: "Stolen" })).status).toBe(404);
    expect(await countRows()).toEqual(before);
    signIn(alice);
    expect((await poll(jobId)).status).toBe(200);
  });

  it("runs one job per learner at a time: a second upload while the first is read is refused with 429", async () => {
    signIn(alice);
    const first = await upload(SAMPLE);
    expect(first.status).toBe(202);
    const second = await upload(SAMPLE);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: string }).error).toMatch(/already being read or imported/);
    // Another learner is not held up by it.
    signIn(bob);
    const bobs = await upload(SAMPLE);
    expect(bobs.status).toBe(202);
    await settled(((await bobs.json()) as { jobId: string }).jobId);
    signIn(alice);
    await settled(((await first.json()) as { jobId: string }).jobId);
  });

  it("cancels a job: it is forgotten, and a new upload may start at once", async () => {
    signIn(alice);
    const { jobId } = (await (await upload(SAMPLE)).json()) as { jobId: string };
    const cancelled = await cancel(jobId);
    expect(cancelled.status).toBe(204);
    expect((await poll(jobId)).status).toBe(404);
    const again = await upload(SAMPLE);
    expect(again.status).toBe(202);
    await settled(((await again.json()) as { jobId: string }).jobId);
  });

  it("forgets a job 30 minutes after it was last used", async () => {
    signIn(alice);
    const job = await uploadAndRead(SAMPLE);
    forgetIdleApkgJobs(Date.now() + JOB_IDLE_MS - 1000);
    expect((await poll(job.jobId)).status).toBe(200);
    forgetIdleApkgJobs(Date.now() + JOB_IDLE_MS + 1000);
    expect((await poll(job.jobId)).status).toBe(404);
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    signIn(alice);
    const before = await countRows();

    const badName = await upload(SAMPLE, "notes.txt");
    expect(badName.status).toBe(400);
    expect(await badName.json()).toEqual({ error: "Choose an Anki package: a .apkg or .colpkg file." });

    const badJob = await poll("not-a-job");
    expect(badJob.status).toBe(400);

    const notZip = await uploadAndRead(new TextEncoder().encode("Front\tBack\nterm\tdefinition\n"));
    expect(notZip.status).toBe("failed");
    expect(notZip.errors[0]).toMatch(/not a zip|zip archive/i);
    expect(notZip.summary).toBeNull();
    expect(notZip.plan).toBeNull();

    const truncated = await uploadAndRead(SAMPLE.slice(0, Math.floor(SAMPLE.length / 2)));
    expect(truncated.status).toBe("failed");
    expect(truncated.errors[0].length).toBeGreaterThan(10);

    const other = new Database(":memory:");
    other.exec("create table shopping (item text); insert into shopping values ('milk');");
    const notAnki = await uploadAndRead(zipSync({ "collection.anki2": new Uint8Array(other.serialize()) }));
    other.close();
    expect(notAnki.status).toBe("failed");
    expect(notAnki.errors).toEqual([expect.stringMatching(/SQLite database that is not an Anki collection/)]);

    const empty = await upload(new Uint8Array(0));
    expect(empty.status).toBe(400);

    // A declared length over the limit is refused before the body is read.
    const declared = await upload(SAMPLE, "big.apkg", { ...ORIGIN, "content-length": String(50 * 1024 * 1024 + 1) });
    expect(declared.status).toBe(413);
    // And a body that passes it as it streams.
    const over = await upload(new Uint8Array(50 * 1024 * 1024 + 1), "big.apkg");
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: string }).error).toMatch(/larger than 50 MB/);

    // A failed job cannot be confirmed.
    expect((await confirm({ jobId: notAnki.jobId, newDeckTitle: "Nope" })).status).toBe(409);
    expect(await countRows()).toEqual(before);
  });
});

describe("POST /api/import/apkg/confirm", () => {
  it("refuses a malformed confirmation: both or neither target, bad JSON, a title too long", async () => {
    signIn(alice);
    const job = await uploadAndRead(SAMPLE);
    const before = await countRows();
    expect((await confirm({ jobId: job.jobId })).status).toBe(400);
    expect((await confirm({ jobId: job.jobId, deckId: "d1", newDeckTitle: "Both" })).status).toBe(400);
    const long = await confirm({ jobId: job.jobId, newDeckTitle: "x".repeat(121) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ fieldErrors: { newDeckTitle: [expect.stringMatching(/at most 120/)] } });
    const notJson = await postConfirm(
      new Request("http://localhost/api/import/apkg/confirm", { method: "POST", body: "{", headers: ORIGIN }),
    );
    expect(notJson.status).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it("writes the concepts, cards and review history, which then count in the statistics and the streak", async () => {
    signIn(alice);
    const job = await uploadAndRead(SAMPLE);
    const reviews = job.summary?.reviews ?? 0;
    const confirmed = await confirm({ jobId: job.jobId, newDeckTitle: "AI Safety" });
    expect(confirmed.status).toBe(202);
    const done = await settled(job.jobId);
    expect(done.status).toBe("done");
    expect(done.outcome).toMatchObject({ added: 4, updated: 0, unchanged: 0, reviews });
    const deckId = done.outcome!.deckId;

    const deck = await read((db) => db.deck.findUnique({ where: { id: deckId }, include: { concepts: true } }));
    expect(deck).toMatchObject({ ownerId: alice.id, title: "AI Safety" });
    expect(deck!.concepts.map((concept) => concept.term).sort()).toEqual([
      "Base optimizer",
      "Deceptive alignment",
      "Evil",
      "Mesa-optimizer",
    ]);
    const rows = await userRows(alice.id);
    expect(rows.logs).toBe(reviews);
    expect(rows.cards).toBe(done.outcome!.cards);

    // Every imported review is in the heatmap on its own study day, and the days make streaks.
    const stats = await getStats(alice.id, NOW, 365);
    const days = stats.calendar.filter((day) => day.count > 0);
    expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(reviews);
    expect(days[0].day).toBe("2025-01-06");
    // A goal of one review a day: the package's study days then each count.
    await write((tx) => tx.user.update({ where: { id: alice.id }, data: { dailyGoalReviews: 1 } }));
    const streak = await getStreakSummary(alice.id, NOW);
    expect(streak.longest).toBeGreaterThanOrEqual(1);
    expect(streak.goalMetDays).toEqual(days.map((day) => day.day));

    // Confirming again is refused: the job is done.
    expect((await confirm({ jobId: job.jobId, newDeckTitle: "Again" })).status).toBe(409);

    // The same package imported again into that deck adds nothing.
    const again = await uploadAndRead(SAMPLE);
    // As a "new deck" under the package's deck name (the default title), the earlier deck is found again.
    const byTitle = (await (await poll(again.jobId)).json()) as ApkgJobDTO;
    expect(byTitle.plan).toMatchObject({ deckId: null, decks: [{ title: "AI Safety", deckId, concepts: 4 }], added: 0 });
    const plan = (await (await poll(again.jobId, deckId)).json()) as ApkgJobDTO;
    expect(plan.plan).toMatchObject({ deckId, added: 0, updated: 0, unchanged: 4, reviewsToAdd: 0 });
    expect((await confirm({ jobId: again.jobId, deckId })).status).toBe(202);
    const second = await settled(again.jobId);
    expect(second.outcome).toMatchObject({ deckId, added: 0, updated: 0, unchanged: 4, reviews: 0 });
    expect(await userRows(alice.id)).toEqual(rows);
  });

  it("refuses a deck that is not the learner's, keeping the job ready and writing nothing", async () => {
    signIn(bob);
    const bobDeck = await read((db) => db.deck.findFirst({ where: { ownerId: null }, select: { id: true } }));
    const job = await uploadAndRead(SAMPLE);
    const before = await countRows();
    expect((await confirm({ jobId: job.jobId, deckId: bobDeck!.id })).status).toBe(202);
    const after = await settled(job.jobId);
    expect(after.status).toBe("ready");
    expect(after.storeError?.message).toBeTruthy();
    expect(await countRows()).toEqual(before);
  });
});
