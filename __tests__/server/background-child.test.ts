import { forkBackgroundChild, type ChildFailure } from "@/lib/server/background-child";

/*
 * The one way background work is started (deck packages, FSRS fits, Anki imports): each way a
 * child can end settles the result exactly once, with the caller's own error, and leaves no child
 * running. The package builder's script serves as a child that waits for messages.
 */

function waitingChild(timeoutMs: number) {
  const failures: ChildFailure[] = [];
  const started = forkBackgroundChild<string>({
    script: "apkg-build-child.cjs",
    timeoutMs,
    onMessage: (message, settle) => settle.reject(new Error(`unexpected ${JSON.stringify(message)}`)),
    failure: (reason) => {
      failures.push(reason);
      return new Error(`failed: ${reason.kind}`);
    },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    started.child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { ...started, failures, exited };
}

describe("forkBackgroundChild", () => {
  it("stops a child that takes longer than its time limit, with the caller's timeout error", async () => {
    const child = waitingChild(200);
    await expect(child.result).rejects.toThrow("failed: timeout");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(child.failures).toEqual([{ kind: "timeout" }]);
    expect(child.settled()).toBe(true);
  });

  it("ends the child when the caller stops it, and settles once with the caller's error", async () => {
    const child = waitingChild(60_000);
    child.stop(new Error("Cancelled."));
    child.stop(new Error("Twice."));
    await expect(child.result).rejects.toThrow("Cancelled.");
    expect(await child.exited).toEqual({ code: null, signal: "SIGKILL" });
    // The exit that follows the kill does not settle it again.
    expect(child.failures).toEqual([]);
  });

  it("reports a child that exits before answering, with how it ended", async () => {
    const child = waitingChild(60_000);
    // The builder exits when the server goes away.
    child.child.disconnect();
    await expect(child.result).rejects.toThrow("failed: exit");
    expect(child.failures).toEqual([{ kind: "exit", how: "exit code 0", lastError: null }]);
  });

  it("passes the child's messages to the caller, who settles with its answer", async () => {
    const started = forkBackgroundChild<string>({
      script: "apkg-build-child.cjs",
      timeoutMs: 60_000,
      // The builder answers a "rows" message before "begin" with an error message of its own.
      onMessage: (message, settle) => settle.resolve((message as { type: string }).type),
      failure: (reason) => new Error(reason.kind),
    });
    await started.send({ type: "rows", table: 0, rows: [[1]] });
    await expect(started.result).resolves.toBe("error");
  });
});
