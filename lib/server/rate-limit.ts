import "server-only";
import net from "node:net";
import { plural, WORDS } from "@/lib/format";

const MINUTE = 60_000;

/**
 * A sliding-window counter kept in memory: Mesa runs as one process, and a restart forgetting
 * recent failures is acceptable for sign-in throttling. Memory stays bounded: at most `maxKeys`
 * keys (expired ones are swept first, then the least recently touched are dropped) and at most
 * `maxPerKey` instants per key.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>();
  readonly maxKeys: number;
  readonly maxPerKey: number;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    { maxKeys = 10_000, maxPerKey = limit }: { maxKeys?: number; maxPerKey?: number } = {},
  ) {
    this.maxKeys = maxKeys;
    this.maxPerKey = Math.max(maxPerKey, limit);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length > 0) this.attempts.set(key, kept);
    else this.attempts.delete(key);
    return kept;
  }

  /** How many attempts the key made within the window. */
  count(key: string, now: number): number {
    return this.recent(key, now).length;
  }

  /** Milliseconds until another attempt is allowed, or 0 when one is allowed now. */
  retryAfterMs(key: string, now: number): number {
    const kept = this.recent(key, now);
    return kept.length < this.limit ? 0 : kept[kept.length - this.limit] + this.windowMs - now;
  }

  record(key: string, now: number): void {
    const kept = [...this.recent(key, now), now].slice(-this.maxPerKey);
    // Re-inserted, so the Map's order is least recently touched first.
    this.attempts.delete(key);
    if (this.attempts.size >= this.maxKeys) this.shrink(now);
    this.attempts.set(key, kept);
  }

  /** Takes back one attempt made at `at` (it turned out not to be a failure). */
  forget(key: string, at: number): void {
    const kept = this.attempts.get(key);
    const index = kept?.lastIndexOf(at) ?? -1;
    if (!kept || index < 0) return;
    kept.splice(index, 1);
    if (kept.length === 0) this.attempts.delete(key);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  /**
   * Drops expired keys, then, if many names are still active, the least recently touched, down to
   * nine tenths of the cap, so the sweep runs once per many attempts rather than on every one.
   */
  private shrink(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= target) break;
      this.attempts.delete(key);
    }
  }

  get size(): number {
    return this.attempts.size;
  }
}

/** The numbers behind sign-in and sign-up throttling; README "Running it for real" states them. */
export const AUTH_LIMITS = {
  /** Failed sign-ins for one username from one address: then refused until the window moves on. */
  perUsernameAndAddress: { failures: 10, windowMs: 15 * MINUTE },
  /** Failed sign-ins from one address across all usernames (password spraying): then refused. */
  perAddress: { failures: 100, windowMs: 15 * MINUTE },
  /**
   * Failed sign-ins for one username from anywhere: past the threshold every attempt is delayed
   * (never refused, so a stranger cannot lock the owner out), starting at `baseDelayMs` and
   * doubling every `doublingEvery` further failures up to `maxDelayMs`.
   */
  perUsername: { threshold: 50, windowMs: 60 * MINUTE, baseDelayMs: 1000, doublingEvery: 25, maxDelayMs: 10_000 },
  /** Accounts created from one address (each costs a password hash and a deck's worth of cards). */
  signUpsPerAddress: { attempts: 5, windowMs: 60 * MINUTE },
} as const;

export type AuthLimits = typeof AUTH_LIMITS;

/** The attempt to report back once its outcome is known. */
export interface SignInTicket {
  username: string;
  address: string;
  at: number;
}

export type SignInDecision = { allowed: false; retryAfterMs: number } | { allowed: true; delayMs: number; ticket: SignInTicket };

/**
 * An address as a rate-limit key: IPv4-mapped IPv6 as plain IPv4, other IPv6 addresses by their
 * /64 (one host usually holds a whole /64, so rotating within it must not reset the counts).
 */
export function addressKey(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (mapped) return mapped[1];
  if (!net.isIPv6(trimmed)) return trimmed || "unknown";
  const [head, tail = ""] = trimmed.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = trimmed.includes("::")
    ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The sign-in policy. Only failures count: an attempt is counted when it starts (so attempts
 * running in parallel cannot slip past the limits) and taken back when it succeeds.
 */
export class SignInGuard {
  private readonly pairs: RateLimiter;
  private readonly addresses: RateLimiter;
  private readonly usernames: RateLimiter;

  constructor(readonly limits: AuthLimits = AUTH_LIMITS) {
    this.pairs = new RateLimiter(limits.perUsernameAndAddress.failures, limits.perUsernameAndAddress.windowMs);
    this.addresses = new RateLimiter(limits.perAddress.failures, limits.perAddress.windowMs);
    const u = limits.perUsername;
    // Enough instants to know when the delay reaches its cap.
    const toCap = u.threshold + u.doublingEvery * Math.ceil(Math.log2(u.maxDelayMs / u.baseDelayMs) + 1);
    this.usernames = new RateLimiter(u.threshold, u.windowMs, { maxPerKey: toCap });
  }

  /** Refuses the attempt, or allows it after `delayMs`, counting it as a failure until `succeeded`. */
  begin(username: string, address: string, now: number): SignInDecision {
    const ip = addressKey(address);
    const pair = `${username}\n${ip}`;
    const retryAfterMs = Math.max(this.pairs.retryAfterMs(pair, now), this.addresses.retryAfterMs(ip, now));
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    const delayMs = this.delayFor(this.usernames.count(username, now));
    this.pairs.record(pair, now);
    this.addresses.record(ip, now);
    this.usernames.record(username, now);
    return { allowed: true, delayMs, ticket: { username, address: ip, at: now } };
  }

  /**
   * The right password: the attempt was not a failure, and the earlier failures from this address
   * for this username are forgiven (the owner mistyped). Failures elsewhere keep counting.
   */
  succeeded({ username, address, at }: SignInTicket): void {
    this.pairs.reset(`${username}\n${address}`);
    this.addresses.forget(address, at);
    this.usernames.forget(username, at);
  }

  delayFor(failures: number): number {
    const { threshold, baseDelayMs, doublingEvery, maxDelayMs } = this.limits.perUsername;
    if (failures < threshold) return 0;
    return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.floor((failures - threshold) / doublingEvery));
  }
}

/** Sign-up attempts per address, a refused taken username included (it reveals that the account exists). */
export class SignUpGuard {
  private readonly addresses: RateLimiter;

  constructor(readonly limits: AuthLimits = AUTH_LIMITS) {
    this.addresses = new RateLimiter(limits.signUpsPerAddress.attempts, limits.signUpsPerAddress.windowMs);
  }

  /** Milliseconds until this address may sign up again, or 0 after counting this attempt. */
  attempt(address: string, now: number): number {
    const ip = addressKey(address);
    const wait = this.addresses.retryAfterMs(ip, now);
    if (wait === 0) this.addresses.record(ip, now);
    return wait;
  }
}

/** "Try again in 5 minutes." (rounded up, at least one). */
export function tryAgainIn(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / MINUTE));
  return `Try again in ${plural(minutes, WORDS.minute)}.`;
}
