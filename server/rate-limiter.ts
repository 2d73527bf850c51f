import type { RateLimitStore } from './store/rate-limits.ts';

/**
 * Fixed-window limiter whose counters live in the database (server/store/rate-limits.ts): several
 * endpoint processes behind one proxy share them. `name` namespaces the keys of one limiter.
 */
export class SharedWindowLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private key(k: string) {
    return `${this.name}:${k}`;
  }

  private wait(w: { count: number; windowStart: Date }, now: number): number {
    return w.count >= this.max ? Math.max(1, Math.ceil((w.windowStart.getTime() + this.windowMs - now) / 1000)) : 0;
  }

  /** Seconds until `key` may try again, or 0 when it is under the limit. */
  async blockedFor(key: string, now: number): Promise<number> {
    const w = await this.store.current(this.key(key), new Date(now), this.windowMs);
    return w ? this.wait(w, now) : 0;
  }

  /** Counts one attempt; returns the seconds to wait when this attempt is over the limit, else 0. */
  async hit(key: string, now: number): Promise<number> {
    const w = await this.store.hit(this.key(key), new Date(now), this.windowMs);
    return w.count > this.max ? this.wait(w, now) : 0;
  }

  reset(key: string): Promise<void> {
    return this.store.reset(this.key(key));
  }
}
