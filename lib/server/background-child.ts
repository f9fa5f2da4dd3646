import "server-only";
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";

/*
 * Work that takes more than a request's worth of CPU (building a deck package, fitting FSRS,
 * reading an Anki package) runs in a child process of its own: the server's thread stays free for
 * other requests, and a crash (a native module aborting) ends the child, not the server. This is
 * the one place that starts such a child: at a lower CPU priority, with a time limit, keeping the
 * end of its stderr to explain a crash, and settling exactly once.
 */

/** The children's scheduling priority (nice value: higher yields the CPU to the server's requests). */
export const BACKGROUND_NICENESS = 10;

/**
 * A script under scripts/, found from the working directory: `npm start`, `next start` and jest
 * all run from the project root. Assembled at run time: a path the bundler can work out is one it
 * tries to bundle, and the child's script must stay a file of its own, run by its own Node process.
 */
export function backgroundScriptPath(name: string): string {
  const parts = [process.cwd()];
  parts.push("scripts", name);
  return path.join(...parts);
}

/** Why a child ended without a result. */
export type ChildFailure =
  | { kind: "timeout" }
  /** It exited (or was killed) before settling: `how` is "exit code 1" or the signal; `lastError` its last stderr line. */
  | { kind: "exit"; how: string; lastError: string | null }
  /** It could not be started, or sending to it failed. */
  | { kind: "error"; message: string };

export interface BackgroundChildOptions<T> {
  /** The script's file name under scripts/. */
  script: string;
  /** Node options for the child (e.g. to load TypeScript): none by default. */
  execArgv?: string[];
  timeoutMs: number;
  /**
   * Every message from the child. Call `resolve` with the result or `reject` with an error to
   * settle; other messages (progress) leave it running.
   */
  onMessage: (message: unknown, settle: { resolve: (value: T) => void; reject: (error: Error) => void }) => void;
  /** The error a failure settles with: each caller words its own. */
  failure: (reason: ChildFailure) => Error;
}

export interface BackgroundChild<T> {
  child: ChildProcess;
  /** Settles once: with the result, or the caller's error for a failure, a timeout or a stop. */
  result: Promise<T>;
  /** Whether `result` has settled. */
  settled: () => boolean;
  /** Ends the child now (if it still runs) and rejects `result` with `error`, unless it already settled. */
  stop: (error: Error) => void;
  /** Sends one message, resolved once it is written; a failure to send stops the child. */
  send: (message: unknown) => Promise<void>;
}

/** Starts `options.script` in a child process at background priority and wires its settling. */
export function forkBackgroundChild<T>(options: BackgroundChildOptions<T>): BackgroundChild<T> {
  const child = fork(backgroundScriptPath(options.script), [], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    execArgv: options.execArgv ?? [],
    serialization: "advanced",
  });
  if (child.pid !== undefined) {
    try {
      os.setPriority(child.pid, BACKGROUND_NICENESS);
    } catch {
      // Not permitted here (some containers): the child runs at normal priority.
    }
  }
  let settled = false;
  let stderr = "";
  let resolveResult!: (value: T) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<T>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may still be sending when the child fails: the rejection is theirs to see when they
  // await the result, not an unhandled one in between.
  result.catch(() => {});
  const settle = (fn: () => void) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    // A child that has given its answer exits by itself; one that has not is of no more use.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    fn();
  };
  const settleWith = {
    resolve: (value: T) => settle(() => resolveResult(value)),
    reject: (error: Error) => settle(() => rejectResult(error)),
  };
  const fail = (reason: ChildFailure) => {
    if (!settled) settleWith.reject(options.failure(reason));
  };
  const timer = setTimeout(() => fail({ kind: "timeout" }), options.timeoutMs);
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  child.on("message", (message: unknown) => {
    if (!settled) options.onMessage(message, settleWith);
  });
  child.on("error", (error) => fail({ kind: "error", message: error.message }));
  child.on("exit", (code, signal) =>
    fail({
      kind: "exit",
      how: signal ?? `exit code ${code}`,
      lastError: stderr.trim() ? (stderr.trim().split("\n").at(-1) ?? null) : null,
    }),
  );
  const send = (message: unknown) =>
    new Promise<void>((done, failed) => {
      if (settled) return done();
      child.send(message as object, (error) => (error ? failed(error) : done()));
    }).catch((error: unknown) => fail({ kind: "error", message: error instanceof Error ? error.message : String(error) }));
  return { child, result, settled: () => settled, stop: settleWith.reject, send };
}
