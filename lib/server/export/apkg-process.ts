import "server-only";
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
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
const CHILD_NICENESS = 10;
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

/** Found from the working directory, like the optimizer's child: see optimizerScriptPath. */
export function apkgChildPath(): string {
  const parts = [process.cwd()];
  parts.push("scripts", "apkg-build-child.cjs");
  return path.join(...parts);
}

type ChildMessage = { type: "result"; bytes: Uint8Array; peakRssBytes: number } | { type: "error"; message: string };

/** The .apkg bytes for `plan`, built in a child process: writeApkg's output for the same collection. */
export function buildApkgInChild(plan: CollectionPlan): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = fork(apkgChildPath(), [], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      execArgv: [],
      serialization: "advanced",
    });
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, CHILD_NICENESS);
      } catch {
        // Not permitted here (some containers): the build runs at normal priority.
      }
    }
    let settled = false;
    let stderr = "";
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      fn();
    };
    const fail = (message: string) => settle(() => reject(new Error(`The Anki package could not be built: ${message}`)));
    const timer = setTimeout(() => fail("it took too long and was stopped"), BUILD_TIMEOUT_MS);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("message", (message: ChildMessage) => {
      if (message.type === "result") settle(() => resolve(new Uint8Array(message.bytes)));
      else fail(message.message);
    });
    child.on("error", (error) => fail(error.message));
    child.on("exit", (code, signal) =>
      fail(`the builder stopped (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`),
    );

    // Each send waits for the previous one to be written, and the rows go in slices with a turn of
    // the event loop between them, so no single step holds the thread for long.
    const send = (message: unknown) =>
      new Promise<void>((done, failed) => child.send(message as object, (error) => (error ? failed(error) : done())));
    void (async () => {
      await send({ type: "begin", schema: plan.schema, col: plan.col, tableSql: plan.tables.map((table) => table.sql) });
      for (const [table, { rows }] of plan.tables.entries()) {
        for (let from = 0; from < rows.length && !settled; from += ROWS_PER_MESSAGE) {
          await send({ type: "rows", table, rows: rows.slice(from, from + ROWS_PER_MESSAGE) });
          await new Promise((next) => setImmediate(next));
        }
      }
      await send({ type: "finish", entries: APKG_ENTRIES });
    })().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
  });
}
