import "server-only";

const MAX_KEYS_BEFORE_SWEEP = 10_000;

/**
 * A sliding-window limiter kept in memory: Mesa runs as one process, and a restart forgetting
 * recent attempts is acceptable for sign-in throttling.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length > 0) this.attempts.set(key, kept);
    else this.attempts.delete(key);
    return kept;
  }

  /** Milliseconds until another attempt is allowed, or 0 when one is allowed now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const kept = this.recent(key, now);
    return kept.length < this.limit ? 0 : kept[0] + this.windowMs - now;
  }

  record(key: string, now = Date.now()): void {
    // Keys are only pruned when looked at; sweep them all now and then so attempts under many
    // different names cannot grow the map without bound.
    if (this.attempts.size >= MAX_KEYS_BEFORE_SWEEP) for (const stale of [...this.attempts.keys()]) this.recent(stale, now);
    this.attempts.set(key, [...this.recent(key, now), now]);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }
}
