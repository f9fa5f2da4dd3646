import "server-only";
import { setTimeout as sleepFor } from "node:timers/promises";
import type { AccountDTO } from "@/lib/types/account";
import type { SessionUser } from "@/lib/types/sessions";
import type { SignInInput, SignUpInput } from "@/lib/validation/auth";
import { enrolInBuiltInDecks } from "./decks";
import { read, write } from "./db";
import { UserError } from "./errors";
import { assertInviteUsable, redeemInvite } from "./invites";
import { hashPassword, verifyPassword } from "./password-hashing";
import { SignInGuard, SignUpGuard, tryAgainIn } from "./rate-limit";
import { signUpLimits, signUpsPerAddress } from "./sign-up-limit";
import { liveSessionsOf } from "./session-rows";

export const WRONG_CREDENTIALS = "Wrong username or password.";

const signInGuard = new SignInGuard();
const signUpGuard = new SignUpGuard(signUpLimits());

/** The account a sign-up or sign-in leads to; pages get a session user, never the row. */
export type AccountRef = Pick<SessionUser, "id" | "username">;

/** The clock and the wait, so tests can run the throttling without sleeping. */
export interface ThrottleClock {
  now?: number;
  sleep?: (ms: number) => Promise<void>;
}

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

function signUpClosed(): UserError {
  return new UserError("Sign-up is closed on this server.", "UNAUTHORIZED");
}

function usernameTaken(): UserError {
  return new UserError("That username is taken.", "CONFLICT");
}

/** Creates an account, unthrottled: for sign-up (through `signUp`), scripts and tests. */
export async function createUser(input: SignUpInput, now: Date): Promise<AccountRef> {
  if (!(await isSignUpOpen())) throw signUpClosed();
  const passwordHash = await hashPassword(input.password);
  return write(async (tx) => {
    // Checked again inside the transaction: two sign-ups may race for the first account.
    if (process.env.MESA_ALLOW_SIGNUP === "false" && (await tx.user.count()) > 0) {
      throw signUpClosed();
    }
    const key = usernameKey(input.username);
    if (await tx.user.findUnique({ where: { usernameKey: key }, select: { id: true } })) throw usernameTaken();
    const user = await tx.user.create({
      data: { username: input.username.trim(), usernameKey: key, passwordHash, timeZone: input.timeZone, createdAt: now },
      select: { id: true, username: true },
    });
    await enrolInBuiltInDecks(tx, user.id, now);
    if (input.invite) await redeemInvite(tx, input.invite, user.id, now);
    return user;
  });
}

/**
 * Sign-up from the web: limited per client address, since each account costs a password hash and
 * a deck's worth of cards. The limit comes before the username check and counts it: "That
 * username is taken" tells whether an account exists, so each such answer costs a sign-up.
 */
export async function signUp(input: SignUpInput, clientAddress: string, now: Date): Promise<AccountRef> {
  // First, so a closed server does not tell strangers which usernames exist.
  if (!(await isSignUpOpen())) throw signUpClosed();
  // An invite link opens the door past the per-address limit: a reading group behind one network.
  if (input.invite) {
    await assertInviteUsable(input.invite, now);
  } else {
    if (signUpsPerAddress() === 0) throw new UserError("Sign-up on this server needs an invite link.", "UNAUTHORIZED");
    const wait = signUpGuard.attempt(clientAddress, now.getTime());
    if (wait > 0) throw new UserError(`Too many new accounts from this address. ${tryAgainIn(wait)}`, "RATE_LIMITED");
  }
  const key = usernameKey(input.username);
  // Refused before hashing: a taken name costs the server a read, not a hash.
  if (await read((db) => db.user.findUnique({ where: { usernameKey: key }, select: { id: true } }))) throw usernameTaken();
  return createUser(input, now);
}

/**
 * Checks a username and password. Unknown user and wrong password fail alike. Failures are
 * throttled (lib/server/rate-limit.ts): per username and address, and per address, by refusing;
 * per username from everywhere, by delaying, so the right password always gets in eventually.
 */
export async function verifyCredentials(
  input: SignInInput,
  clientAddress: string,
  { now = Date.now(), sleep = sleepFor }: ThrottleClock = {},
): Promise<AccountRef> {
  const nameKey = usernameKey(input.username);
  const decision = signInGuard.begin(nameKey, clientAddress, now);
  if (!decision.allowed) throw new UserError(`Too many failed sign-ins. ${tryAgainIn(decision.retryAfterMs)}`, "RATE_LIMITED");
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const user = await read((db) =>
    db.user.findUnique({ where: { usernameKey: nameKey }, select: { id: true, username: true, passwordHash: true } }),
  );
  if (!user) {
    // A refused attempt (queue full) must not leave a rejected promise here for good.
    dummyHash ??= hashPassword("mesa-timing-equaliser").catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    await verifyPassword(await dummyHash, input.password);
    throw new UserError(WRONG_CREDENTIALS, "UNAUTHORIZED");
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw new UserError(WRONG_CREDENTIALS, "UNAUTHORIZED");
  signInGuard.succeeded(decision.ticket);
  return { id: user.id, username: user.username };
}

/** The account page: the user's settings and live sessions, read together. */
export async function getAccount(user: SessionUser, now: Date): Promise<AccountDTO> {
  return read(async (db) => {
    const row = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        username: true,
        timeZone: true,
        dayStartHour: true,
        newCardsPerDay: true,
        reviewsPerDay: true,
        desiredRetention: true,
        createdAt: true,
      },
    });
    return { ...row, sessions: await liveSessionsOf(db, user, now) };
  });
}
