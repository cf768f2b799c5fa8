// Operating endpoints: /healthz (the process is up), /readyz (the database answers and its
// schema is current), /metrics (Prometheus text format; loopback or DATELINE_METRICS_TOKEN only).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { bearerToken } from '../auth-token.ts';
import { clientAddress } from '../auth.ts';

const isLoopback = (address: string) => /^(127\.|::1$|::ffff:127\.)/.test(address);

/**
 * Metrics name routes, counts and timings: for the operator, not the public. Loopback may read
 * them, unless the request came through a proxy we were not told to trust (it names a
 * forwarded client); anyone else needs the metrics token.
 */
function metricsAllowed(ctx: AppContext, request: FastifyRequest): boolean {
  const token = ctx.settings.metricsToken;
  const presented = bearerToken(request);
  if (token && presented) {
    const a = Buffer.from(presented);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const proxied = !ctx.settings.trustProxy && (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined);
  return !proxied && isLoopback(clientAddress(ctx, request));
}
import { migrationStatus } from '../../store/migrate.ts';
import { countDueFeeds } from '../../store/feeds.ts';
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

  app.get('/metrics', async (request, reply) => {
    if (!metricsAllowed(ctx, request)) {
      throw new HttpError(403, 'forbidden', '/metrics answers only loopback, or a scraper sending DATELINE_METRICS_TOKEN as "Authorization: Bearer <token>"');
    }
    const pool = ctx.db.poolStats();
    dbPool.set({ state: 'total' }, pool.total);
    dbPool.set({ state: 'idle' }, pool.idle);
    dbPool.set({ state: 'waiting' }, pool.waiting);
    feedsDue.set((await countDueFeeds(ctx.db, ctx.now())).due);
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
