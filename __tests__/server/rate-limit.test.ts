import { RateLimiter } from "@/lib/server/rate-limit";

const T0 = Date.parse("2026-03-07T12:00:00Z");
const MINUTE = 60_000;

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

  it("forgets a key on reset", () => {
    const limiter = new RateLimiter(1, 15 * MINUTE);
    limiter.record("ada", T0);
    expect(limiter.retryAfterMs("ada", T0)).toBeGreaterThan(0);
    limiter.reset("ada");
    expect(limiter.retryAfterMs("ada", T0)).toBe(0);
  });

  it("sweeps expired keys once many names have been tried, so memory stays bounded", () => {
    const limiter = new RateLimiter(10, MINUTE);
    for (let i = 0; i < 10_000; i++) limiter.record(`name-${i}`, T0);
    expect((limiter as unknown as { attempts: Map<string, number[]> }).attempts.size).toBe(10_000);
    limiter.record("late", T0 + 2 * MINUTE);
    expect((limiter as unknown as { attempts: Map<string, number[]> }).attempts.size).toBe(1);
  });
});
