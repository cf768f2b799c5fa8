// Operating endpoints: /healthz (the process is up), /readyz (the database answers and its
// schema is current), /metrics (Prometheus text format).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { migrationStatus } from '../../store/migrate.ts';
import { registry, feedsDue, dbPool } from '../../metrics.ts';

export async function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    try {
      const { current, latest } = await migrationStatus(ctx.db);
      if (current !== latest) {
        return reply.code(503).send({ status: 'not ready', reason: `database schema at version ${current}, code expects ${latest}` });
      }
      return { status: 'ready', schemaVersion: current, engine: ctx.db.engine };
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', reason: `database unreachable: ${(error as Error).message}` });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    const pool = ctx.db.poolStats();
    dbPool.set({ state: 'total' }, pool.total);
    dbPool.set({ state: 'idle' }, pool.idle);
    dbPool.set({ state: 'waiting' }, pool.waiting);
    // The feeds table comes with the feeds feature; without it the queue is empty.
    const due = await ctx.db
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM feeds WHERE next_check_at <= now()`)
      .catch(() => [{ n: 0 }]);
    feedsDue.set(due[0]?.n ?? 0);
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
