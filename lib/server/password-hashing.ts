import "server-only";
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { Sema } from "async-sema";
import { UserError } from "./errors";

/*
 * Every password hash in the process goes through here. argon2 runs on libuv's thread pool (four
 * threads by default): a flood of sign-ins from rotating addresses, each one allowed by the
 * per-address limits, would otherwise keep every core hashing while pages wait for CPU. So at most
 * half the cores hash at once (one on a 2-core machine), and the rest queue; past a few seconds'
 * worth of queue, an attempt is turned away at once instead of piling up.
 */

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (~14 ms here).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes running at once, process-wide. */
export const HASHING_CONCURRENCY = Math.max(1, Math.floor(os.availableParallelism() / 2));
/** Hashes that may wait for a slot (about 3 s of work at 14 ms each); more are refused. */
export const HASHING_QUEUE_LIMIT = 200;
export const HASHING_BUSY_MESSAGE = "The server is busy signing people in. Please try again in a moment.";

const slots = new Sema(HASHING_CONCURRENCY);

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (slots.nrWaiting() >= HASHING_QUEUE_LIMIT) throw new UserError(HASHING_BUSY_MESSAGE, "RATE_LIMITED");
  await slots.acquire();
  try {
    return await work();
  } finally {
    slots.release();
  }
}

/** An argon2id hash of `password`, in the PHC string format. */
export function hashPassword(password: string): Promise<string> {
  return bounded(() => hash(password, ARGON2_OPTIONS));
}

/** Whether `password` matches a hash made by hashPassword. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return bounded(() => verify(passwordHash, password));
}
