import {
  addressKey,
  AUTH_LIMITS,
  RateLimiter,
  SignInGuard,
  SignUpGuard,
  tryAgainIn,
  type SignInDecision,
} from "@/lib/server/rate-limit";

const T0 = Date.parse("2026-03-07T12:00:00Z");
const MINUTE = 60_000;

type Allowed = Extract<SignInDecision, { allowed: true }>;

function allowed(decision: SignInDecision): Allowed {
  expect(decision.allowed).toBe(true);
  return decision as Allowed;
}

describe("RateLimiter", () => {
  it("allows `limit` attempts per window, then says how long to wait", () => {
    const limiter = new RateLimiter(3, 15 * MINUTE);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("ada", T0 + i * MINUTE)).toBe(0);
      limiter.record("ada", T0 + i * MINUTE);
    }
    expect(limiter.retryAfterMs("ada", T0 + 3 * MINUTE)).toBe(12 * MINUTE);
    expect(limiter.retryAfterMs("grace", T0 + 3 * MINUTE)).toBe(0);
    // The oldest attempt leaves the window after 15 minutes.
    expect(limiter.retryAfterMs("ada", T0 + 15 * MINUTE)).toBe(0);
  });

  it("forgets a key on reset, and one attempt on forget", () => {
    const limiter = new RateLimiter(2, 15 * MINUTE);
    limiter.record("ada", T0);
    limiter.record("ada", T0 + 1);
    expect(limiter.retryAfterMs("ada", T0 + 2)).toBeGreaterThan(0);
    limiter.forget("ada", T0 + 1);
    expect(limiter.count("ada", T0 + 2)).toBe(1);
    expect(limiter.retryAfterMs("ada", T0 + 2)).toBe(0);
    limiter.reset("ada");
    expect(limiter.count("ada", T0 + 2)).toBe(0);
  });

  it("sweeps expired keys once many names have been tried, so memory stays bounded", () => {
    const limiter = new RateLimiter(10, MINUTE);
    for (let i = 0; i < 10_000; i++) limiter.record(`name-${i}`, T0);
    expect(limiter.size).toBe(10_000);
    limiter.record("late", T0 + 2 * MINUTE);
    expect(limiter.size).toBe(1);
  });

  it("drops the least recently touched keys when too many are active at once", () => {
    const limiter = new RateLimiter(10, 15 * MINUTE, { maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.record(`name-${i}`, T0 + i);
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(limiter.count("name-999", T0 + 1000)).toBe(1);
    expect(limiter.count("name-0", T0 + 1000)).toBe(0);
  });

  it("keeps at most maxPerKey instants per key", () => {
    const limiter = new RateLimiter(3, 15 * MINUTE, { maxPerKey: 5 });
    for (let i = 0; i < 50; i++) limiter.record("ada", T0 + i);
    expect(limiter.count("ada", T0 + 50)).toBe(5);
  });
});

describe("addressKey", () => {
  it("treats IPv4-mapped IPv6 as IPv4 and groups IPv6 by /64", () => {
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey(" 192.0.2.7 ")).toBe("192.0.2.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:eeee:dddd:cccc")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("")).toBe("unknown");
  });
});

describe("SignInGuard", () => {
  const { perUsernameAndAddress, perAddress, perUsername } = AUTH_LIMITS;

  it("refuses guessing one username from one address after 10 failures in 15 minutes, and says when to retry", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < perUsernameAndAddress.failures; i++) allowed(guard.begin("ada", "192.0.2.1", T0 + i * MINUTE));
    const refused = guard.begin("ada", "192.0.2.1", T0 + 10 * MINUTE);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    // Another address for the same username, or another username from this address, is not refused.
    expect(guard.begin("ada", "192.0.2.2", T0 + 10 * MINUTE).allowed).toBe(true);
    expect(guard.begin("grace", "192.0.2.1", T0 + 10 * MINUTE).allowed).toBe(true);
    expect(guard.begin("ada", "192.0.2.1", T0 + 15 * MINUTE).allowed).toBe(true);
  });

  it("refuses an address that sprays 100 failures across usernames", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < perAddress.failures; i++) allowed(guard.begin(`user-${i}`, "198.51.100.9", T0 + i));
    const refused = guard.begin("someone-new", "198.51.100.9", T0 + 200);
    expect(refused.allowed).toBe(false);
    expect(guard.begin("someone-new", "198.51.100.10", T0 + 200).allowed).toBe(true);
  });

  it("counts only failures: successful sign-ins from one address never add up", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < 500; i++) guard.succeeded(allowed(guard.begin(`member-${i % 4}`, "203.0.113.5", T0 + i)).ticket);
    expect(guard.begin("member-0", "203.0.113.5", T0 + 501).allowed).toBe(true);
  });

  it("forgives this address's failures for a username after the right password, but not other addresses'", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < 9; i++) allowed(guard.begin("ada", "192.0.2.1", T0 + i));
    guard.succeeded(allowed(guard.begin("ada", "192.0.2.1", T0 + 10)).ticket);
    for (let i = 0; i < 10; i++) allowed(guard.begin("ada", "192.0.2.1", T0 + 20 + i));
    expect(guard.begin("ada", "192.0.2.1", T0 + 40).allowed).toBe(false);
  });

  it("delays, never refuses, a username guessed from many addresses: 1 s after 50 failures in an hour, doubling every 25, at most 10 s", () => {
    const guard = new SignInGuard();
    const delays: number[] = [];
    // 200 failures from 40 addresses, 5 each: no single address reaches its limits.
    for (let i = 0; i < 200; i++) delays.push(allowed(guard.begin("ada", `10.0.${Math.floor(i / 5)}.1`, T0 + i * 1000)).delayMs);
    expect(delays.slice(0, 50).every((d) => d === 0)).toBe(true);
    expect([delays[50], delays[74], delays[75], delays[100], delays[125], delays[150], delays[199]]).toEqual([
      1000, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);

    // The owner, from home, with the right password: let in after the capped delay.
    const owner = allowed(guard.begin("ada", "203.0.113.77", T0 + 200_000));
    expect(owner.delayMs).toBe(perUsername.maxDelayMs);
    guard.succeeded(owner.ticket);
    // An hour after the guessing, no delay.
    expect(allowed(guard.begin("ada", "203.0.113.77", T0 + 200_000 + 60 * MINUTE)).delayMs).toBe(0);
  });

  it("keys IPv6 clients by /64, so rotating addresses inside one does not reset the limit", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < 10; i++) allowed(guard.begin("ada", `2001:db8:5:6::${i + 1}`, T0 + i));
    expect(guard.begin("ada", "2001:db8:5:6::ff", T0 + 20).allowed).toBe(false);
  });
});

describe("SignUpGuard", () => {
  it("allows 5 sign-ups per address per hour", () => {
    const guard = new SignUpGuard();
    for (let i = 0; i < 5; i++) expect(guard.attempt("192.0.2.1", T0 + i * MINUTE)).toBe(0);
    expect(guard.attempt("192.0.2.1", T0 + 5 * MINUTE)).toBe(55 * MINUTE);
    expect(guard.attempt("192.0.2.2", T0 + 5 * MINUTE)).toBe(0);
    expect(guard.attempt("192.0.2.1", T0 + 60 * MINUTE)).toBe(0);
  });
});

describe("tryAgainIn", () => {
  it("rounds up to whole minutes, at least one", () => {
    expect(tryAgainIn(1)).toBe("Try again in 1 minute.");
    expect(tryAgainIn(5 * MINUTE)).toBe("Try again in 5 minutes.");
    expect(tryAgainIn(5 * MINUTE + 1)).toBe("Try again in 6 minutes.");
  });
});
