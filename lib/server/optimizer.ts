import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayIndexOfIsoDate, itemProblem, trainingItems, type FsrsItem } from "@/lib/srs/fsrs-items";
import { parseSteps } from "@/lib/srs/steps";
import { studyDayOf } from "@/lib/srs/study-day";
import type { FitCandidateDTO, OptimizerStatusDTO } from "@/lib/types/optimizer";
import { read, write } from "./db";
import { NotFoundError, UserError } from "./errors";
import { schedulerSettingsOf } from "./mappers";
import { OptimizerError, optimizerAvailable, runFitChild } from "./optimizer-process";
import { asDate, num, type SqlDate, type SqlNumber } from "./raw-rows";

/*
 * "Fit FSRS to my reviews". The fit runs in a child process (./optimizer-process.ts) while the
 * request that started it returns at once; the page polls the progress (app/api/optimizer). The
 * running fits are per process by nature (each is a child of this process); their result is
 * stored on the user's row, so any server shows it and the learner saves it explicitly.
 */

/** Graded reviews a fit needs: below this fsrs-rs refits little or nothing (STACK.md), so it is not offered. */
export const MIN_REVIEWS_FOR_FIT = 400;
/** Training items (reviews on a later day than the one before) a fit needs. */
const MIN_ITEMS_FOR_FIT = 64;
/** Fits running at once in this process: each takes about a core. */
export const MAX_FITS_PER_PROCESS = 2;

type Job = { status: "running"; progress: number; startedAt: Date } | { status: "failed"; message: string };

/** Kept on globalThis: a bundler may load this module more than once in one process. */
const holder = globalThis as { __mesaFitJobs?: Map<string, Job> };
const jobs: Map<string, Job> = (holder.__mesaFitJobs ??= new Map<string, Job>());

function runningCount(): number {
  return [...jobs.values()].filter((job) => job.status === "running").length;
}

function parseWeights(text: string | null): number[] | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((w) => typeof w === "number") ? value : null;
  } catch {
    return null;
  }
}

function parseCandidate(text: string | null): FitCandidateDTO | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as FitCandidateDTO;
    return Array.isArray(value.weights) && value.weights.length === 21 ? value : null;
  } catch {
    return null;
  }
}

export async function getOptimizerStatus(userId: string): Promise<OptimizerStatusDTO> {
  const { user, reviews } = await read(async (db) => ({
    user: await db.user.findUnique({
      where: { id: userId },
      select: { fsrsWeights: true, previousFsrsWeights: true, fsrsFittedAt: true, fsrsFitCandidate: true },
    }),
    reviews: await db.reviewLog.count({ where: { userId, kind: "GRADE", undoneAt: null } }),
  }));
  if (!user) throw new NotFoundError("User");
  const job = jobs.get(userId) ?? null;
  return {
    available: optimizerAvailable(),
    reviews,
    needed: MIN_REVIEWS_FOR_FIT,
    job:
      job === null
        ? null
        : job.status === "running"
          ? { status: "running", progress: job.progress, startedAt: job.startedAt.toISOString() }
          : job,
    candidate: parseCandidate(user.fsrsFitCandidate),
    weights: parseWeights(user.fsrsWeights),
    fittedAt: user.fsrsFittedAt?.toISOString() ?? null,
    canRestore: user.fsrsFittedAt !== null || user.previousFsrsWeights !== null,
  };
}

const QUARTER_HOUR_MS = 15 * 60_000;
/** Review-log rows read per query when gathering the optimizer's input. */
const LOG_PAGE = 10_000;

/**
 * The study-day index of an instant, remembered per quarter hour: a study day starts on a whole
 * local hour, and every time zone's offset is a multiple of 15 minutes, so all instants of one UTC
 * quarter hour share a study day. A year of reviews asks the time zone a few thousand times, not
 * once per review.
 */
export function dayIndexer(timeZone: string, dayStartHour: number): (ms: number) => number {
  const memo = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    let day = memo.get(bucket);
    if (day === undefined) {
      day = dayIndexOfIsoDate(studyDayOf(new Date(bucket * QUARTER_HOUR_MS), timeZone, dayStartHour));
      memo.set(bucket, day);
    }
    return day;
  };
}

/** The user's training items: graded reviews, day boundaries in their time zone and day start. */
async function itemsOf(userId: string) {
  const user = await read((db) => db.user.findUnique({ where: { id: userId } }));
  if (!user) throw new NotFoundError("User");
  // Raw, and a page at a time: a year of reviews is a hundred thousand rows, Prisma's row mapping
  // costs more than SQLite's answer, and other requests get the database between pages.
  type LogRow = { id: string; cardId: string; grade: SqlNumber; state: SqlNumber; kind: string; reviewedAt: SqlDate };
  const logs: LogRow[] = [];
  for (let after: LogRow | undefined; ;) {
    const cursor = after;
    const page = await read(
      (db) => db.$queryRaw<LogRow[]>`
        SELECT "id", "cardId", "grade", "state", "kind", "reviewedAt" FROM "ReviewLog"
        WHERE "userId" = ${userId} AND "undoneAt" IS NULL AND "kind" IN ('GRADE', 'RESET')
          ${cursor ? Prisma.sql`AND ("reviewedAt" > ${asDate(cursor.reviewedAt)} OR ("reviewedAt" = ${asDate(cursor.reviewedAt)} AND "id" > ${cursor.id}))` : Prisma.empty}
        ORDER BY "reviewedAt", "id" LIMIT ${LOG_PAGE}`,
    );
    logs.push(...page);
    if (page.length < LOG_PAGE) break;
    after = page[page.length - 1];
  }
  const reviews = logs.filter((log) => log.kind === "GRADE").length;
  const items = trainingItems(
    logs.map((log) => ({
      cardId: log.cardId,
      grade: num(log.grade),
      state: num(log.state),
      kind: log.kind,
      reviewedAtMs: asDate(log.reviewedAt).getTime(),
      undone: false,
    })),
    dayIndexer(user.timeZone, user.dayStartHour),
  );
  const settings = schedulerSettingsOf(user);
  return { items, reviews, weights: settings.fsrsWeights, relearningSteps: parseSteps(settings.relearningSteps).length };
}

/**
 * Starts fitting FSRS to the acting user's reviews; returns at once (progress through
 * getOptimizerStatus). Refused with a message when the history is too short, a fit of theirs is
 * running, or this server is already running its share of fits.
 */
export async function startFit(userId: string, now: Date): Promise<{ finished: Promise<void> }> {
  if (!optimizerAvailable()) throw new UserError("The FSRS optimizer is not available on this server's platform.", "INVALID");
  if (jobs.get(userId)?.status === "running") throw new UserError("A fit of your reviews is already running.", "CONFLICT");
  if (runningCount() >= MAX_FITS_PER_PROCESS) {
    throw new UserError("The server is busy fitting other learners' reviews. Please try again in a minute.", "RATE_LIMITED");
  }
  const { items, reviews, weights, relearningSteps } = await itemsOf(userId);
  if (reviews < MIN_REVIEWS_FOR_FIT) {
    throw new UserError(`Fitting needs at least ${MIN_REVIEWS_FOR_FIT} reviews; you have ${reviews}.`, "INVALID");
  }
  if (items.length < MIN_ITEMS_FOR_FIT) {
    throw new UserError(
      `Fitting needs at least ${MIN_ITEMS_FOR_FIT} reviews made on a later day than the card's previous one; you have ${items.length}.`,
      "INVALID",
    );
  }
  const bad = items.findIndex((item) => itemProblem(item) !== null);
  if (bad >= 0) throw new Error(`Training item ${bad} is malformed: ${itemProblem(items[bad])}`);
  return {
    finished: startFitJob(
      userId,
      { items, currentWeights: weights, numRelearningSteps: Math.max(1, relearningSteps), reviews },
      now,
    ),
  };
}

/**
 * Runs one fit in the background and stores its result for the user to save. Takes the items as
 * given (startFit validates them); a crash of the optimizer's process becomes a failed job with a
 * message, never an error of this process.
 */
export function startFitJob(
  userId: string,
  input: { items: readonly FsrsItem[]; currentWeights: number[] | null; numRelearningSteps: number; reviews: number },
  now: Date,
): Promise<void> {
  const job: Job = { status: "running", progress: 0, startedAt: now };
  jobs.set(userId, job);
  return runFitChild(input, (fraction) => {
    job.progress = fraction;
  }).then(
    async (outcome) => {
      const candidate: FitCandidateDTO = {
        weights: outcome.weights,
        current: outcome.current,
        fitted: outcome.fitted,
        items: input.items.length,
        reviews: input.reviews,
        fittedAt: now.toISOString(),
      };
      await write((tx) =>
        tx.user.update({ where: { id: userId }, data: { fsrsFitCandidate: JSON.stringify(candidate) }, select: { id: true } }),
      );
      jobs.delete(userId);
    },
    (error: unknown) => {
      if (!(error instanceof OptimizerError)) console.error(error);
      else if (error.code === "CRASHED") console.error(`FSRS fit for user ${userId}: ${error.message}`);
      jobs.set(userId, {
        status: "failed",
        message:
          error instanceof OptimizerError && error.code === "UNAVAILABLE"
            ? error.message
            : "The fit could not finish, so nothing changed: your parameters and reviews are as they were. Please try again later.",
      });
    },
  );
}

/** Uses the waiting fit's weights from the next grade; the weights in use until now are kept for restore. */
export async function saveFit(userId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { fsrsWeights: true, fsrsFitCandidate: true } });
    if (!user) throw new NotFoundError("User");
    const candidate = parseCandidate(user.fsrsFitCandidate);
    if (!candidate) throw new UserError("There is no fit waiting to be saved.", "STALE");
    await tx.user.update({
      where: { id: userId },
      data: {
        fsrsWeights: JSON.stringify(candidate.weights),
        previousFsrsWeights: user.fsrsWeights,
        fsrsFittedAt: now,
        fsrsFitCandidate: null,
      },
      select: { id: true },
    });
  });
  jobs.delete(userId);
}

export async function discardFit(userId: string): Promise<void> {
  await write((tx) => tx.user.update({ where: { id: userId }, data: { fsrsFitCandidate: null }, select: { id: true } }));
  jobs.delete(userId);
}

/** Swaps the weights in use with the ones kept (null: the defaults); doing it again swaps back. */
export async function restorePreviousWeights(userId: string, now: Date): Promise<void> {
  await write(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { fsrsWeights: true, previousFsrsWeights: true, fsrsFittedAt: true },
    });
    if (!user) throw new NotFoundError("User");
    if (user.fsrsFittedAt === null && user.previousFsrsWeights === null)
      throw new UserError("There are no earlier parameters to restore.", "STALE");
    await tx.user.update({
      where: { id: userId },
      data: { fsrsWeights: user.previousFsrsWeights, previousFsrsWeights: user.fsrsWeights, fsrsFittedAt: now },
      select: { id: true },
    });
  });
}
