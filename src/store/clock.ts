// The reference clock stored with a database (migration 016): set once by the demo, read by
// every process that opens the database without DATELINE_NOW.
import type { Queryable } from './db.ts';

export async function storedReferenceNow(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ now: Date }>('SELECT now FROM reference_clock');
  return rows[0]?.now ?? null;
}

export async function setReferenceNow(db: Queryable, now: Date): Promise<void> {
  await db.query('INSERT INTO reference_clock (only_row, now) VALUES (true, $1) ON CONFLICT (only_row) DO UPDATE SET now = EXCLUDED.now', [now]);
}
