// Databases for one describe block, closed after it (kept apart from db.ts, which bench scripts import outside vitest).
import { afterAll } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import type { EngineCase } from './db.ts';

/** Opens databases of `engine` as a test asks, and closes them all after the block. Call it inside the describe. */
export function openForBlock(engine: EngineCase): () => Promise<Db> {
  const opened: Db[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });
  return async () => {
    const db = await engine.open();
    opened.push(db);
    return db;
  };
}
