// The counters behind the rate limits (src/server/rate-limit.ts): table rate_limits, one row per
// key and fixed window. Keys are cut to 200 characters, the width the limits were designed for.
import type { Queryable } from './db.ts';

const key200 = (key: string) => key.slice(0, 200);

/** Counts one hit against a key in the window starting at `windowStart`; the window's hits so far. */
export async function countRateHit(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const rows = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
     RETURNING hits`,
    [key200(key), windowStart],
  );
  return rows[0]?.hits ?? 1;
}

/** Takes back one hit of a window (never below zero). */
export async function refundRateHit(db: Queryable, key: string, windowStart: Date): Promise<void> {
  await db.query('UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0', [key200(key), windowStart]);
}

/** Hits counted so far against a key in a window (0 when none). */
export async function rateHits(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const rows = await db.query<{ hits: number }>('SELECT hits FROM rate_limits WHERE key = $1 AND window_start = $2', [key200(key), windowStart]);
  return rows[0]?.hits ?? 0;
}

/** Deletes the windows that started before a time; how many were deleted. */
export async function deleteRateWindowsBefore(db: Queryable, before: Date): Promise<number> {
  return (await db.query('DELETE FROM rate_limits WHERE window_start < $1 RETURNING key', [before])).length;
}
