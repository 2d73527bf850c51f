/** Fixed-window counters in memory, one process. Bounded: the oldest keys go first when full. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  private current(key: string, now: number) {
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs ? w : undefined;
  }

  /** Seconds until `key` may try again, or 0 when it is under the limit. */
  blockedFor(key: string, now: number): number {
    const w = this.current(key, now);
    return w && w.count >= this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  /** Counts one attempt. */
  hit(key: string, now: number): void {
    const w = this.current(key, now);
    if (w) {
      w.count++;
      return;
    }
    this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(key, { start: now, count: 1 });
  }

  reset(key: string): void {
    this.windows.delete(key);
  }
}
