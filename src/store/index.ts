// The store's front door: open the database the settings name and bring its schema up to date.
import { openDb, type Db, type OpenOptions } from './db.ts';
import { migrate } from './migrate.ts';

export type { Db, Queryable, Engine } from './db.ts';

export async function openStore(options: OpenOptions): Promise<Db> {
  const db = await openDb(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
