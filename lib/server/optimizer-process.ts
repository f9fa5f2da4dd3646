import "server-only";
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FsrsItem } from "@/lib/srs/fsrs-items";

/*
 * Runs the FSRS optimizer in a child process (scripts/fsrs-fit-child.cjs). The native optimizer
 * aborts its whole process on some malformed input (worker threads included), so it never runs in
 * the server's process: a crash ends the child, and the server reports it and keeps serving.
 */

/**
 * Found from the working directory: `npm start`, `next start` and jest all run from the project
 * root. Assembled at run time: a path the bundler can work out is one it tries to bundle, and the
 * child's script must stay a file of its own, run by its own Node process.
 */
export function optimizerScriptPath(): string {
  const parts = [process.cwd()];
  parts.push("scripts", "fsrs-fit-child.cjs");
  return path.join(...parts);
}

/** Whether this platform has the optimizer's native module (Linux x64 with glibc only). */
export function optimizerAvailable(): boolean {
  return (
    process.platform === "linux" &&
    process.arch === "x64" &&
    fs.existsSync(path.join(process.cwd(), "node_modules", "@open-spaced-repetition", "binding-linux-x64-gnu", "package.json"))
  );
}

export interface ModelScore {
  logLoss: number;
  rmse: number;
}

export interface FitOutcome {
  weights: number[];
  /** Out-of-sample scores (null when the history was too short to split). */
  current: ModelScore | null;
  fitted: ModelScore | null;
  evaluatedItems: number;
  folds: number;
  peakRssBytes: number;
}

/** The optimizer child's scheduling priority (nice value: higher yields the CPU to others). */
const CHILD_NICENESS = 10;

export class OptimizerError extends Error {
  constructor(
    message: string,
    readonly code: "UNAVAILABLE" | "FAILED" | "CRASHED" | "TIMEOUT",
  ) {
    super(message);
    this.name = "OptimizerError";
  }
}

export interface FitInput {
  items: readonly FsrsItem[];
  currentWeights: readonly number[] | null;
  numRelearningSteps: number;
}

/**
 * Fits FSRS to `input.items` in a child process. `onProgress` gets 0..1. Rejects with an
 * OptimizerError: the child crashed (its exit signal), timed out (killed), failed or is unavailable.
 * The items must have been validated (itemProblem): this only runs them.
 */
export function runFitChild(
  input: FitInput,
  onProgress: (fraction: number) => void,
  timeoutMs = 10 * 60_000,
): Promise<FitOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(optimizerScriptPath(), [], {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      execArgv: [],
      serialization: "advanced",
    });
    // Background work: the server's own requests come first when the cores are busy.
    if (child.pid !== undefined) {
      try {
        os.setPriority(child.pid, CHILD_NICENESS);
      } catch {
        // Not permitted here (some containers): the fit runs at normal priority.
      }
    }
    let settled = false;
    let stderr = "";
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      settle(() => reject(new OptimizerError("The optimizer took too long and was stopped.", "TIMEOUT")));
    }, timeoutMs);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("message", (message: { type: string; fraction?: number; code?: string; message?: string } & Partial<FitOutcome>) => {
      if (message.type === "progress" && typeof message.fraction === "number") onProgress(message.fraction);
      else if (message.type === "result") settle(() => resolve(message as unknown as FitOutcome));
      else if (message.type === "error") {
        const code = message.code === "UNAVAILABLE" ? "UNAVAILABLE" : "FAILED";
        settle(() => reject(new OptimizerError(message.message ?? "The optimizer failed.", code)));
      }
    });
    child.on("error", (error) =>
      settle(() => reject(new OptimizerError(`The optimizer could not start: ${error.message}`, "FAILED"))),
    );
    child.on("exit", (code, signal) =>
      settle(() =>
        reject(
          new OptimizerError(
            `The optimizer stopped unexpectedly (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}.`,
            "CRASHED",
          ),
        ),
      ),
    );
    child.send({ items: input.items, currentWeights: input.currentWeights, numRelearningSteps: input.numRelearningSteps });
  });
}
