import "server-only";
import { hash, verify } from "@node-rs/argon2";
import type { User } from "@/lib/generated/prisma/client";
import type { SignInInput, SignUpInput } from "@/lib/validation/auth";
import { enrolInBuiltInDecks } from "./decks";
import { read, write } from "./db";
import { UserError } from "./errors";
import { RateLimiter } from "./rate-limit";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (~14 ms here).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
const SIGN_IN_LIMIT = 10;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const WRONG_CREDENTIALS = "Wrong username or password.";

const byUsername = new RateLimiter(SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS);
const byIp = new RateLimiter(SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS);

// Verified against when the username is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;

function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/** Sign-up stays open until the first account exists when MESA_ALLOW_SIGNUP=false. */
export async function isSignUpOpen(): Promise<boolean> {
  if (process.env.MESA_ALLOW_SIGNUP !== "false") return true;
  return (await read((db) => db.user.count())) === 0;
}

export async function createUser(input: SignUpInput, now: Date): Promise<User> {
  if (!(await isSignUpOpen())) throw new UserError("Sign-up is closed on this server.", "UNAUTHORIZED");
  const passwordHash = await hash(input.password, ARGON2_OPTIONS);
  return write(async (tx) => {
    // Checked again inside the transaction: two sign-ups may race for the first account.
    if (process.env.MESA_ALLOW_SIGNUP === "false" && (await tx.user.count()) > 0) {
      throw new UserError("Sign-up is closed on this server.", "UNAUTHORIZED");
    }
    const key = usernameKey(input.username);
    if (await tx.user.findUnique({ where: { usernameKey: key }, select: { id: true } })) {
      throw new UserError("That username is taken.", "CONFLICT");
    }
    const user = await tx.user.create({
      data: { username: input.username.trim(), usernameKey: key, passwordHash, timeZone: input.timeZone, createdAt: now },
    });
    await enrolInBuiltInDecks(tx, user.id, now);
    return user;
  });
}

/**
 * Checks a username and password. Unknown user and wrong password fail alike; attempts are
 * limited per username and per client address.
 */
export async function verifyCredentials(input: SignInInput, clientAddress: string, now = Date.now()): Promise<User> {
  const nameKey = usernameKey(input.username);
  const ipKey = clientAddress || "unknown";
  const wait = Math.max(byUsername.retryAfterMs(nameKey, now), byIp.retryAfterMs(ipKey, now));
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60_000);
    throw new UserError(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, "RATE_LIMITED");
  }
  byUsername.record(nameKey, now);
  byIp.record(ipKey, now);

  const user = await read((db) => db.user.findUnique({ where: { usernameKey: nameKey } }));
  if (!user) {
    dummyHash ??= hash("mesa-timing-equaliser", ARGON2_OPTIONS);
    await verify(await dummyHash, input.password);
    throw new UserError(WRONG_CREDENTIALS, "UNAUTHORIZED");
  }
  if (!(await verify(user.passwordHash, input.password))) throw new UserError(WRONG_CREDENTIALS, "UNAUTHORIZED");
  byUsername.reset(nameKey);
  return user;
}

export async function getUserById(userId: string): Promise<User | null> {
  return read((db) => db.user.findUnique({ where: { id: userId } }));
}

/** Invalidates every session of this user (all cookies carry the old version). */
export async function bumpSessionVersion(userId: string): Promise<number> {
  return write(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    return user.sessionVersion;
  });
}
