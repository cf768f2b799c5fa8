// A real server on 127.0.0.1 for a test file: built from the given database and settings,
// listening on a free port; `close` stops it (the database is the caller's).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';

export async function listeningServer(db: Db, env: Record<string, string> = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer(makeContext(db, loadSettings(env)));
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}
