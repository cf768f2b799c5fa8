// One real server on 127.0.0.1 over a fresh embedded test database, for the reader-page tests:
// `fill` stores what the test needs before the server starts.
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';

export interface WebWorld {
  db: Db;
  app: FastifyInstance;
  base: string;
  close(): Promise<void>;
}

export async function startWebWorld(fill: (db: Db) => Promise<void> = async () => undefined, env: Record<string, string> = {}): Promise<WebWorld> {
  const db = await openEmbeddedTestDb();
  await fill(db);
  const app = await buildServer(makeContext(db, loadSettings(env)));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    db,
    app,
    base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A reader account with cheap password hashing (tests only). */
export async function createReader(db: Db, username: string, password: string): Promise<number> {
  return (await createUser(db, { username, password, role: 'reader' }, { N: 1024, r: 8, p: 1 })).id;
}
