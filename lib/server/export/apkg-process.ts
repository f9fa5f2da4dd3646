import "server-only";
import os from "node:os";
import { forkBackgroundChild } from "../background-child";
import { UserError } from "../errors";
import type { CollectionPlan } from "./anki-sqlite";
import { APKG_ENTRIES } from "./apkg";

/*
 * Builds .apkg files off the server's thread, in a child process (scripts/apkg-build-child.cjs)
 * at a lower CPU priority: inserting tens of thousands of rows into SQLite and deflating the
 * collection take about a second of CPU for a large deck, and on the server's thread every other
 * request would wait that long. The rows are read by the data layer (through read(), with its
 * ownership checks) and passed over in slices, so the child opens no database file.
 *
 * A process builds at most MAX_CONCURRENT_BUILDS packages at a time (the rest wait their turn) and
 * one per learner (a second request while theirs is being built is refused). The limits are this
 * process's own: each server process has its own cores to protect.
 */

/** Leaves one core to the requests; at least one build runs. */
export const MAX_CONCURRENT_BUILDS = Math.max(1, os.availableParallelism() - 1);
const ROWS_PER_MESSAGE = 5000;
const BUILD_TIMEOUT_MS = 5 * 60_000;

export const APKG_BUSY_MESSAGE = "An Anki package of yours is already being prepared. Try again when it has downloaded.";

interface Slots {
  running: number;
  waiting: (() => void)[];
  users: Set<string>;
}

// Kept on globalThis: a bundler may load this module more than once in one process.
const globalForSlots = globalThis as unknown as { mesaApkgSlots?: Slots };
const slots: Slots = (globalForSlots.mesaApkgSlots ??= { running: 0, waiting: [], users: new Set() });

/** Builds now running and waiting in this process (for tests and the benchmark). */
export function apkgBuildsInProgress(): { running: number; waiting: number } {
  return { running: slots.running, waiting: slots.waiting.length };
}

/**
 * Runs `task` (the reading and the build of one learner's package) once a build slot is free.
 * Refuses, with a RATE_LIMITED UserError, while another of the same learner's is under way.
 */
export async function withApkgSlot<T>(userId: string, task: () => Promise<T>): Promise<T> {
  if (slots.users.has(userId)) throw new UserError(APKG_BUSY_MESSAGE, "RATE_LIMITED");
  slots.users.add(userId);
  try {
    if (slots.running < MAX_CONCURRENT_BUILDS) slots.running++;
    // The slot is handed over by the build that frees it: `running` stays as it is.
    else await new Promise<void>((resolve) => slots.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = slots.waiting.shift();
      if (next) next();
      else slots.running--;
    }
  } finally {
    slots.users.delete(userId);
  }
}

type ChildMessage = { type: "result"; bytes: Uint8Array; peakRssBytes: number } | { type: "error"; message: string };

/** The .apkg bytes for `plan`, built in a child process: writeApkg's output for the same collection. */
export async function buildApkgInChild(plan: CollectionPlan): Promise<Uint8Array> {
  const failed = (message: string) => new Error(`The Anki package could not be built: ${message}`);
  const builder = forkBackgroundChild<Uint8Array>({
    script: "apkg-build-child.cjs",
    timeoutMs: BUILD_TIMEOUT_MS,
    onMessage: (message, settle) => {
      const answer = message as ChildMessage;
      if (answer.type === "result") settle.resolve(new Uint8Array(answer.bytes));
      else settle.reject(failed(answer.message));
    },
    failure: (reason) =>
      failed(
        reason.kind === "timeout"
          ? "it took too long and was stopped"
          : reason.kind === "exit"
            ? `the builder stopped (${reason.how})${reason.lastError ? `: ${reason.lastError}` : ""}`
            : reason.message,
      ),
  });

  // Each send waits for the previous one to be written, and the rows go in slices with a turn of
  // the event loop between them, so no single step holds the thread for long.
  await builder.send({ type: "begin", schema: plan.schema, col: plan.col, tableSql: plan.tables.map((table) => table.sql) });
  for (const [table, { rows }] of plan.tables.entries()) {
    for (let from = 0; from < rows.length && !builder.settled(); from += ROWS_PER_MESSAGE) {
      await builder.send({ type: "rows", table, rows: rows.slice(from, from + ROWS_PER_MESSAGE) });
      await new Promise((next) => setImmediate(next));
    }
  }
  await builder.send({ type: "finish", entries: APKG_ENTRIES });
  return builder.result;
}
