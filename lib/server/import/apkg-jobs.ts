import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { ReplayedHistory } from "@/lib/import/replay-histories";
import { IMPORT_LIMITS, type ImportedConcept, type ImportPreview } from "@/lib/import/types";
import type { SchedulerSettings } from "@/lib/srs/settings";
import type { ApkgJobDTO, ApkgJobStatus, ApkgPlanDTO, ApkgSummaryDTO } from "@/lib/types/apkg-import";
import { DECK_TITLE_MAX } from "@/lib/validation/authoring-limits";
import { forkBackgroundChild, type BackgroundChild } from "../background-child";
import { read } from "../db";
import { FieldErrors, NotFoundError, UserError } from "../errors";
import { schedulerSettingsOf } from "../mappers";
import { planAnkiImport, storeAnkiImport, type AnkiImportOutcome, type AnkiImportTarget } from "./anki-store";

/*
 * Importing an Anki package is a job: the upload starts it, the package is read and its review
 * history replayed in a child process (scripts/apkg-import-child.ts: seconds of CPU for a large
 * package, never on the server's thread), the page polls its progress, sees the summary and what
 * it would do to the chosen deck, then confirms, and the write (storeAnkiImport) reports its own
 * progress. Nothing is written before the confirmation.
 *
 * Jobs live in this process's memory: the package's concepts and replayed history are large and
 * only this process's child read them, so they are per process by nature. Each belongs to one
 * learner (another learner's job id is "not found"); a learner has at most one job reading or
 * writing at a time, and starting another upload forgets their earlier ones. A job is forgotten
 * 30 minutes after it was last used. A process reads at most READERS_PER_PROCESS packages at once;
 * the rest wait their turn.
 */

export const JOB_IDLE_MS = 30 * 60_000;
/** Leaves one core to the requests; at least one reader runs. */
export const READERS_PER_PROCESS = Math.max(1, os.availableParallelism() - 1);
const READ_TIMEOUT_MS = 5 * 60_000;
const BYTES_PER_MESSAGE = 1024 * 1024;
const SAMPLE_SIZE = 50;
const SKIPPED_SHOWN = 200;

export const APKG_BUSY_MESSAGE =
  "An Anki package of yours is already being read or imported. Wait for it to finish, or cancel it, before starting another.";

interface Job {
  id: string;
  userId: string;
  fileName: string;
  status: ApkgJobStatus;
  stage: string;
  progress: number;
  lastUsedMs: number;
  errors: string[];
  storeError: ApkgJobDTO["storeError"];
  summary: ApkgSummaryDTO | null;
  /** What the write takes: held from the end of the reading until the import is done or the job forgotten. */
  concepts: ImportedConcept[];
  histories: ReplayedHistory[];
  outcome: AnkiImportOutcome | null;
  reader: BackgroundChild<unknown> | null;
}

interface Jobs {
  byId: Map<string, Job>;
  reading: number;
  waiting: (() => void)[];
  sweeper: NodeJS.Timeout | null;
}

// Kept on globalThis: a bundler may load this module more than once in one process.
const holder = globalThis as unknown as { mesaApkgImportJobs?: Jobs };
const jobs: Jobs = (holder.mesaApkgImportJobs ??= { byId: new Map(), reading: 0, waiting: [], sweeper: null });

const RUNNING: readonly ApkgJobStatus[] = ["waiting", "reading", "storing"];

/** Forgets jobs idle for longer than JOB_IDLE_MS (running ones are never idle). Exported for the tests. */
export function forgetIdleApkgJobs(nowMs = Date.now()): void {
  for (const job of jobs.byId.values())
    if (!RUNNING.includes(job.status) && nowMs - job.lastUsedMs > JOB_IDLE_MS) jobs.byId.delete(job.id);
}

function ensureSweeper(): void {
  if (jobs.sweeper) return;
  // Sweeps even when nobody calls in, so a forgotten job's memory is given back; unref'd so it
  // never keeps a process (or a test run) alive.
  jobs.sweeper = setInterval(() => forgetIdleApkgJobs(), 60_000);
  jobs.sweeper.unref();
}

/** The learner's job, or "not found" (also for another learner's id: whose it is is not told). */
function ownJob(userId: string, jobId: string): Job {
  forgetIdleApkgJobs();
  const job = jobs.byId.get(jobId);
  if (!job || job.userId !== userId) throw new NotFoundError("That import");
  job.lastUsedMs = Date.now();
  return job;
}

/** Jobs now reading and waiting in this process (for tests and the benchmark). */
export function apkgReadsInProgress(): { reading: number; waiting: number } {
  return { reading: jobs.reading, waiting: jobs.waiting.length };
}

async function schedulerSettings(userId: string): Promise<SchedulerSettings> {
  const user = await read((db) =>
    db.user.findUnique({
      where: { id: userId },
      select: {
        desiredRetention: true,
        learningSteps: true,
        relearningSteps: true,
        maximumIntervalDays: true,
        enableFuzz: true,
        fsrsWeights: true,
      },
    }),
  );
  if (!user) throw new NotFoundError("User");
  return schedulerSettingsOf(user);
}

function summaryOf(
  fileName: string,
  preview: ImportPreview,
  concepts: ImportedConcept[],
  histories: ReplayedHistory[],
): ApkgSummaryDTO {
  const title = (preview.deckName?.trim() || fileName.replace(/\.(apkg|colpkg)$/i, "").trim() || "Anki import").slice(
    0,
    DECK_TITLE_MAX,
  );
  return {
    deckName: preview.deckName ?? null,
    defaultDeckTitle: title.trim(),
    concepts: concepts.length,
    sample: concepts.slice(0, SAMPLE_SIZE).map((concept) => ({
      term: concept.term,
      definition: concept.definition,
      tags: concept.tags,
    })),
    cardsWithHistory: histories.length,
    reviews: histories.reduce((sum, history) => sum + history.reviews.length, 0),
    skipped: preview.skipped.slice(0, SKIPPED_SHOWN),
    skippedCount: preview.skipped.length,
    warnings: preview.warnings,
  };
}

type ChildMessage =
  | { type: "progress"; stage: "reading" | "replaying"; done: number; total: number }
  | { type: "concepts"; items: ImportedConcept[] }
  | { type: "histories"; items: ReplayedHistory[] }
  | { type: "result"; preview: ImportPreview }
  | { type: "error"; message: string };

const READ_FAILED = "The package could not be read";

/** Reads the package in a child; the job holds the summary (or the errors) when it settles. */
async function readInChild(job: Job, bytes: Uint8Array, settings: SchedulerSettings): Promise<void> {
  const concepts: ImportedConcept[] = [];
  const histories: ReplayedHistory[] = [];
  const reader = forkBackgroundChild<ImportPreview>({
    script: "apkg-import-child.ts",
    // The readers are TypeScript: tsx loads them, and react-server is the condition "server-only" expects.
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    timeoutMs: READ_TIMEOUT_MS,
    onMessage: (received, settle) => {
      const message = received as ChildMessage;
      if (message.type === "progress") {
        job.stage =
          message.stage === "reading"
            ? "Reading the package…"
            : `Replaying the review history: ${message.done.toLocaleString("en")} of ${message.total.toLocaleString("en")} cards`;
        // The reading itself reports no steps: it counts as the first tenth.
        job.progress = message.stage === "reading" ? 0.05 : 0.1 + 0.9 * (message.total === 0 ? 1 : message.done / message.total);
      } else if (message.type === "concepts") concepts.push(...message.items);
      else if (message.type === "histories") histories.push(...message.items);
      else if (message.type === "result") settle.resolve(message.preview);
      else settle.reject(new Error(`${READ_FAILED}: ${message.message}`));
    },
    failure: (reason) =>
      new Error(
        reason.kind === "timeout"
          ? `${READ_FAILED}: it took longer than ${READ_TIMEOUT_MS / 60_000} minutes and was stopped.`
          : reason.kind === "exit"
            ? `${READ_FAILED}: the reader stopped (${reason.how}).`
            : `${READ_FAILED}: ${reason.message}`,
      ),
  });
  job.reader = reader;
  // The package goes over in slices, a turn of the event loop between them: one message of
  // 50 MB would hold the server's thread for a third of a second while it is copied.
  for (let from = 0; from < bytes.byteLength && !reader.settled(); from += BYTES_PER_MESSAGE) {
    await reader.send({ type: "bytes", bytes: bytes.subarray(from, from + BYTES_PER_MESSAGE) });
    await new Promise((next) => setImmediate(next));
  }
  void reader.send({ type: "read", settings });
  try {
    const preview = await reader.result;
    if (preview.errors.length > 0) {
      job.status = "failed";
      job.errors = preview.errors;
      return;
    }
    job.concepts = concepts;
    job.histories = histories;
    job.summary = summaryOf(job.fileName, preview, concepts, histories);
    job.status = "ready";
    job.stage = "Read: nothing is imported until you confirm.";
    job.progress = 1;
  } catch (error) {
    job.status = "failed";
    job.errors = [error instanceof Error ? error.message : String(error)];
  } finally {
    job.reader = null;
    job.lastUsedMs = Date.now();
  }
}

/** Runs `task` once a reader slot is free (the slot passes straight to the next waiting job). */
async function withReaderSlot(task: () => Promise<void>): Promise<void> {
  if (jobs.reading < READERS_PER_PROCESS) jobs.reading++;
  else await new Promise<void>((resolve) => jobs.waiting.push(resolve));
  try {
    await task();
  } finally {
    const next = jobs.waiting.shift();
    if (next) next();
    else jobs.reading--;
  }
}

/** Refuses (RATE_LIMITED) while a job of the learner's is reading or writing: checked before an upload is read. */
export function assertCanStartApkgImport(userId: string): void {
  forgetIdleApkgJobs();
  for (const job of jobs.byId.values())
    if (job.userId === userId && RUNNING.includes(job.status)) throw new UserError(APKG_BUSY_MESSAGE, "RATE_LIMITED");
}

/**
 * Starts reading an uploaded package (already checked against the size limit) for the acting
 * learner; returns the job's id at once. Refused (RATE_LIMITED) while another job of theirs is
 * reading or writing. The learner's other, finished jobs are forgotten.
 */
export async function startApkgImport(userId: string, fileName: string, bytes: Uint8Array): Promise<{ jobId: string }> {
  ensureSweeper();
  assertCanStartApkgImport(userId);
  if (bytes.byteLength > IMPORT_LIMITS.maxFileBytes)
    throw new UserError(
      `The package is larger than ${IMPORT_LIMITS.maxFileBytes / (1024 * 1024)} MB, more than one import takes.`,
    );
  if (bytes.byteLength === 0) throw new UserError("The file is empty: choose an Anki package.");
  const settings = await schedulerSettings(userId);
  // Again: another upload of theirs may have started while the settings were read.
  assertCanStartApkgImport(userId);
  for (const job of jobs.byId.values()) if (job.userId === userId) jobs.byId.delete(job.id);

  const job: Job = {
    id: randomUUID(),
    userId,
    fileName,
    status: "waiting",
    stage: "Waiting for the server to start reading…",
    progress: 0,
    lastUsedMs: Date.now(),
    errors: [],
    storeError: null,
    summary: null,
    concepts: [],
    histories: [],
    outcome: null,
    reader: null,
  };
  jobs.byId.set(job.id, job);
  void withReaderSlot(async () => {
    // Cancelled while it waited: nothing to read.
    if (!jobs.byId.has(job.id)) return;
    job.status = "reading";
    job.stage = "Reading the package…";
    await readInChild(job, bytes, settings);
  });
  return { jobId: job.id };
}

/**
 * The job's state; once read, with the plan against `deckId`, or (null) a new deck titled
 * `newDeckTitle` (an earlier import's deck of that title is found again).
 */
export async function getApkgImport(
  userId: string,
  jobId: string,
  deckId: string | null,
  newDeckTitle?: string,
): Promise<ApkgJobDTO> {
  const job = ownJob(userId, jobId);
  let plan: ApkgPlanDTO | null = null;
  if (job.status === "ready")
    plan = {
      deckId,
      ...(await planAnkiImport(
        userId,
        job.concepts,
        job.histories,
        deckId,
        deckId ? undefined : (newDeckTitle ?? job.summary?.defaultDeckTitle),
      )),
    };
  return {
    jobId: job.id,
    fileName: job.fileName,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    errors: job.errors,
    storeError: job.storeError,
    summary: job.summary,
    plan,
    outcome: job.outcome,
  };
}

/**
 * Starts writing a read package into the chosen deck; returns at once (progress and the outcome
 * through getApkgImport). A refusal of the write (a bad title, a deck not the learner's, a deck
 * too full) leaves the job ready, with the reason, and nothing written.
 */
export function confirmApkgImport(
  userId: string,
  jobId: string,
  target: AnkiImportTarget,
  now: Date,
): { finished: Promise<void> } {
  const job = ownJob(userId, jobId);
  if (job.status === "storing" || job.status === "done")
    throw new UserError("This package is already being imported, or has been.", "CONFLICT");
  if (job.status !== "ready") throw new UserError("The package has not been read yet, or could not be read.", "CONFLICT");
  job.status = "storing";
  job.stage = "Importing…";
  job.progress = 0;
  job.storeError = null;
  const finished = (async () => {
    try {
      const outcome = await storeAnkiImport(
        userId,
        { concepts: job.concepts, histories: job.histories, target },
        now,
        (done, total) => {
          job.progress = total === 0 ? 1 : done / total;
          job.stage = `Importing… ${Math.floor(job.progress * 100)}%`;
        },
      );
      job.outcome = outcome;
      job.status = "done";
      job.stage = "Imported.";
      job.progress = 1;
      // Written: the package's contents are of no more use here.
      job.concepts = [];
      job.histories = [];
    } catch (error) {
      if (error instanceof UserError) {
        job.storeError = {
          message: error.message,
          onTitle: target.deckId === null && error instanceof FieldErrors && "deck" in error.fields,
        };
        job.status = "ready";
        job.stage = "Read: nothing is imported until you confirm.";
      } else {
        console.error(error);
        job.status = "failed";
        job.errors = ["Something went wrong on the server while importing, and nothing was imported. Please try again."];
        job.concepts = [];
        job.histories = [];
      }
    } finally {
      job.lastUsedMs = Date.now();
    }
  })();
  return { finished };
}

/** Stops a job that is reading (its child is ended) and forgets it. Refused while it writes. */
export function cancelApkgImport(userId: string, jobId: string): void {
  const job = ownJob(userId, jobId);
  if (job.status === "storing")
    throw new UserError("The import is being written and cannot be stopped now: it takes a moment.", "CONFLICT");
  jobs.byId.delete(job.id);
  job.reader?.stop(new Error("Cancelled."));
}
