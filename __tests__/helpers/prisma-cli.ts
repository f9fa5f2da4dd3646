import { execFile } from "node:child_process";
import path from "node:path";

const PRISMA = path.join(__dirname, "../../node_modules/.bin/prisma");

/** Generous: the CLI loads a WebAssembly schema engine, which is slow on a busy two-core machine. */
const CLI_TIMEOUT_MS = 90_000;
const SLOW_CALL_MS = 10_000;

/**
 * Runs the Prisma CLI against one SQLite file. The update check (checkpoint) is turned off: it is
 * the CLI's only network call, and a test must not depend on the network. A call that hangs is
 * killed with a message that names it, and a slow one is reported, so a CI log shows the cause.
 */
export function runPrismaCli(args: string[], databaseFile: string): Promise<void> {
  const started = Date.now();
  const command = `prisma ${args.join(" ")}`;
  return new Promise((resolve, reject) => {
    execFile(
      PRISMA,
      args,
      {
        cwd: path.join(__dirname, "../.."),
        env: { ...process.env, DATABASE_URL: `file:${databaseFile}`, CHECKPOINT_DISABLE: "1" },
        timeout: CLI_TIMEOUT_MS,
        killSignal: "SIGKILL",
      },
      (error, stdout, stderr) => {
        const elapsed = Date.now() - started;
        if (elapsed > SLOW_CALL_MS) console.warn(`${command} took ${elapsed} ms`);
        if (error) {
          const reason = error.killed ? `killed after ${elapsed} ms` : `failed (${error.message})`;
          reject(new Error(`${command} ${reason}\n${stdout}\n${stderr}`));
        } else {
          resolve();
        }
      },
    );
  });
}
