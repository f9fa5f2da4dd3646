import { useTestDatabase } from "../helpers/test-db";

useTestDatabase();

import type { User } from "@/lib/generated/prisma/client";
import { read, disconnect } from "@/lib/server/db";
import {
  discardFit,
  getOptimizerStatus,
  MIN_REVIEWS_FOR_FIT,
  restorePreviousWeights,
  saveFit,
  startFit,
  startFitJob,
} from "@/lib/server/optimizer";
import type { FsrsItem } from "@/lib/srs/fsrs-items";
import { getWorkload } from "@/lib/server/workload";
import { WORKLOAD_RETENTIONS } from "@/lib/srs/simulate-workload";
import { getReviewQueue } from "@/lib/server/study/queue";
import { expectUserError, newUser, seedBuiltIn } from "../helpers/fixtures";
import { seedHistory } from "../helpers/history";

jest.setTimeout(120_000);

const START = new Date("2026-02-01T00:00:00Z");

let alice: User;
let bob: User;
let end: Date;

const weightsOf = async (userId: string) =>
  read((db) =>
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { fsrsWeights: true, previousFsrsWeights: true, fsrsFitCandidate: true },
    }),
  );

beforeAll(async () => {
  await seedBuiltIn(START);
  alice = await newUser("alice", START);
  bob = await newUser("bob", START);
  ({ end } = await seedHistory(alice.id, START, { days: 45, newPerDay: 6 }));
});

afterAll(async () => {
  await disconnect();
});

describe("the optimizer", () => {
  it("is not offered before there is enough history, and says how many reviews there are", async () => {
    expect(await getOptimizerStatus(bob.id)).toMatchObject({
      available: true,
      reviews: 0,
      needed: MIN_REVIEWS_FOR_FIT,
      job: null,
      candidate: null,
    });
    const error = await expectUserError(startFit(bob.id, end), "INVALID");
    expect(error.message).toBe(`Fitting needs at least ${MIN_REVIEWS_FOR_FIT} reviews; you have 0.`);
  });

  it("fits in a child process with progress, one fit at a time, and shows current vs fitted before anything is saved", async () => {
    const status = await getOptimizerStatus(alice.id);
    expect(status.reviews).toBeGreaterThanOrEqual(MIN_REVIEWS_FOR_FIT);
    const { finished } = await startFit(alice.id, end);
    expect((await getOptimizerStatus(alice.id)).job).toMatchObject({ status: "running" });
    await expectUserError(startFit(alice.id, end), "CONFLICT");
    // The process keeps answering while the fit runs.
    expect((await getReviewQueue(alice.id, end)).cards.length).toBeGreaterThanOrEqual(0);
    await finished;

    const done = await getOptimizerStatus(alice.id);
    expect(done.job).toBeNull();
    expect(done.candidate).toMatchObject({ reviews: status.reviews, fittedAt: end.toISOString() });
    expect(done.candidate!.weights).toHaveLength(21);
    expect(done.candidate!.fitted!.logLoss).toBeGreaterThan(0);
    expect(done.candidate!.current!.logLoss).toBeGreaterThan(0);
    // Nothing is used before the learner saves.
    expect(done.weights).toBeNull();
    expect((await weightsOf(alice.id)).fsrsWeights).toBeNull();
  });

  it("saves explicitly, keeps the previous parameters and restores them (and back); another user cannot", async () => {
    const fitted = (await getOptimizerStatus(alice.id)).candidate!.weights;
    await expectUserError(saveFit(bob.id, end), "STALE");
    await expectUserError(restorePreviousWeights(bob.id, end), "STALE");
    expect((await weightsOf(bob.id)).fsrsWeights).toBeNull();

    await saveFit(alice.id, end);
    expect(await weightsOf(alice.id)).toEqual({
      fsrsWeights: JSON.stringify(fitted),
      previousFsrsWeights: null,
      fsrsFitCandidate: null,
    });
    expect((await getOptimizerStatus(alice.id)).weights).toEqual(fitted);

    await restorePreviousWeights(alice.id, end);
    expect(await weightsOf(alice.id)).toMatchObject({ fsrsWeights: null, previousFsrsWeights: JSON.stringify(fitted) });
    await restorePreviousWeights(alice.id, end);
    expect(await weightsOf(alice.id)).toMatchObject({ fsrsWeights: JSON.stringify(fitted), previousFsrsWeights: null });
  });

  it("discards a fit the learner does not want", async () => {
    await (
      await startFit(alice.id, end)
    ).finished;
    expect((await weightsOf(alice.id)).fsrsFitCandidate).not.toBeNull();
    await discardFit(alice.id);
    expect((await weightsOf(alice.id)).fsrsFitCandidate).toBeNull();
  });

  it("reports a crashed fit to the learner in words, saves nothing, and the server keeps serving", async () => {
    const before = await weightsOf(bob.id);
    const logged = jest.spyOn(console, "error").mockImplementation(() => {});
    await startFitJob(
      bob.id,
      {
        items: [
          [[3, 0]],
          [
            [3, 0],
            [3, 2],
          ],
        ] as unknown as FsrsItem[],
        currentWeights: null,
        numRelearningSteps: 1,
        reviews: 3,
      },
      end,
    );
    expect((await getOptimizerStatus(bob.id)).job).toEqual({
      status: "failed",
      message:
        "The fit could not finish, so nothing changed: your parameters and reviews are as they were. Please try again later.",
    });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/The optimizer stopped unexpectedly \(SIGABRT\)/));
    logged.mockRestore();
    expect(await weightsOf(bob.id)).toEqual(before);
    expect((await getReviewQueue(bob.id, end)).cards.length).toBeGreaterThan(0);
  });

  it("runs a bounded number of fits per process", async () => {
    const carol = await newUser("carol", START);
    const dave = await newUser("dave", START);
    const items: FsrsItem[] = [
      [
        [3, 0],
        [3, 3],
      ],
    ];
    const running = [
      startFitJob(carol.id, { items, currentWeights: null, numRelearningSteps: 1, reviews: 2 }, end),
      startFitJob(dave.id, { items, currentWeights: null, numRelearningSteps: 1, reviews: 2 }, end),
    ];
    const error = await expectUserError(startFit(alice.id, end), "RATE_LIMITED");
    expect(error.message).toBe("The server is busy fitting other learners' reviews. Please try again in a minute.");
    await Promise.all(running);
  });
});

describe("the workload simulation for a learner", () => {
  it("simulates their own studied cards at each retention, with their median answer time, the same on every visit", async () => {
    const cards = await read((db) => db.card.count({ where: { userId: alice.id, suspended: false } }));
    const workload = await getWorkload(alice.id, end);
    expect(workload).toMatchObject({ cards, days: 365, current: 0.9 });
    expect(workload.points.map((p) => p.retention)).toEqual([...WORKLOAD_RETENTIONS]);
    // Durations were 4-10 s, one each in turn: the median of the remembered ones is 7 s.
    expect(workload.secondsPerReview).toBe(7);
    expect(await getWorkload(alice.id, end)).toEqual(workload);
    expect((await getWorkload(bob.id, end)).cards).toBe(await read((db) => db.card.count({ where: { userId: bob.id } })));
  });
});
