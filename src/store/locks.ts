// Advisory locks held for the length of a transaction: they serialise work between processes
// sharing one database (the migration lock lives with the migrations, src/store/migrate.ts).
import type { Queryable } from './db.ts';

/** Serialises dedup decisions between processes sharing one database. */
export const DEDUP_LOCK = 74_151_003;
/** Serialises story decisions between processes sharing one database. */
export const STORY_LOCK = 74_151_004;

/** Waits for the advisory lock `key`, held until the transaction `tx` ends. */
export async function lockForTransaction(tx: Queryable, key: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
}
