// Fixed-window counters in the database, so every endpoint process on one PostgreSQL counts the
// same sign-in attempts (and a restart forgets nothing).
import type { Queryable } from './driver.ts';

/** Expired windows are deleted about once every this many hits. */
const PRUNE_EVERY = 500;

export class RateLimitStore {
  private hits = 0;

  constructor(private readonly db: Queryable) {}

  /** Counts one attempt for `key`; returns the window's count and start after it. */
  async hit(key: string, now: Date, windowMs: number): Promise<{ count: number; windowStart: Date }> {
    const { rows } = await this.db.query<{ count: number; window_start: Date }>(
      `INSERT INTO rate_limits AS l (key, window_start, count) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN l.window_start <= $2::timestamptz - $3::int * interval '1 millisecond' THEN $2 ELSE l.window_start END,
         count = CASE WHEN l.window_start <= $2::timestamptz - $3::int * interval '1 millisecond' THEN 1 ELSE l.count + 1 END
       RETURNING count, window_start`,
      [key, now, windowMs],
    );
    if (++this.hits % PRUNE_EVERY === 0) {
      await this.db.query(`DELETE FROM rate_limits WHERE window_start <= $1::timestamptz - $2::int * interval '1 millisecond'`, [now, windowMs]);
    }
    return { count: rows[0].count, windowStart: rows[0].window_start };
  }

  /** The live window of `key`, if any. */
  async current(key: string, now: Date, windowMs: number): Promise<{ count: number; windowStart: Date } | undefined> {
    const { rows } = await this.db.query<{ count: number; window_start: Date }>(
      `SELECT count, window_start FROM rate_limits WHERE key = $1 AND window_start > $2::timestamptz - $3::int * interval '1 millisecond'`,
      [key, now, windowMs],
    );
    return rows[0] && { count: rows[0].count, windowStart: rows[0].window_start };
  }

  async reset(key: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE key = $1', [key]);
  }
}
