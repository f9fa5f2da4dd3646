import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { FsrsItem } from "@/lib/srs/fsrs-items";
import { forkBackgroundChild } from "./background-child";

/*
 * Runs the FSRS optimizer in a child process (scripts/fsrs-fit-child.cjs). The native optimizer
 * aborts its whole process on some malformed input (worker threads included), so it never runs in
 * the server's process: a crash ends the child, and the server reports it and keeps serving.
 */

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
  const fit = forkBackgroundChild<FitOutcome>({
    script: "fsrs-fit-child.cjs",
    timeoutMs,
    onMessage: (received, settle) => {
      const message = received as { type: string; fraction?: number; code?: string; message?: string } & Partial<FitOutcome>;
      if (message.type === "progress" && typeof message.fraction === "number") onProgress(message.fraction);
      else if (message.type === "result") settle.resolve(message as unknown as FitOutcome);
      else if (message.type === "error") {
        const code = message.code === "UNAVAILABLE" ? "UNAVAILABLE" : "FAILED";
        settle.reject(new OptimizerError(message.message ?? "The optimizer failed.", code));
      }
    },
    failure: (reason) =>
      reason.kind === "timeout"
        ? new OptimizerError("The optimizer took too long and was stopped.", "TIMEOUT")
        : reason.kind === "exit"
          ? new OptimizerError(
              `The optimizer stopped unexpectedly (${reason.how})${reason.lastError ? `: ${reason.lastError}` : ""}.`,
              "CRASHED",
            )
          : new OptimizerError(`The optimizer could not start: ${reason.message}`, "FAILED"),
  });
  void fit.send({ items: input.items, currentWeights: input.currentWeights, numRelearningSteps: input.numRelearningSteps });
  return fit.result;
}
