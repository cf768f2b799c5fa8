// Lead-image thumbnails over HTTP: /images/articles/:id serves the small WebP the image job
// stored (never the publisher's own file), with an ETag and a day's caching. A serve hook runs
// the image job in the background, so images arrive after their articles without slowing ingest.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { serveHooks } from '../hooks.ts';
import { every } from '../../schedule.ts';
import { getThumbnail } from '../../store/article-images.ts';
import { createLeadImageJob } from '../../images/fetch-lead-images.ts';

const IMAGE_INTERVAL_MS = 5_000;
// Batches per tick: a backlog (an import of thousands) drains steadily without hogging the process.
const BATCHES_PER_TICK = 6;

serveHooks.register('lead-images', async (ctx) => {
  const job = createLeadImageJob({ allowPrivateAddresses: ctx.settings.allowPrivateAddresses });
  const log = {
    info: () => undefined,
    error: (fields: Record<string, unknown>, message: string) => process.stderr.write(`dateline: ${message}: ${String(fields.err)}\n`),
  };
  // Retries are about the publisher's wall clock, not the reader's reference time (DATELINE_NOW).
  const stop = every('lead images', IMAGE_INTERVAL_MS, async () => {
    for (let i = 0; i < BATCHES_PER_TICK; i++) {
      const counts = await job.runOnce(ctx.db, new Date());
      if (counts.stored + counts.none + counts.retry + counts.failed === 0) break;
    }
  }, log);
  return async () => {
    await stop();
    await job.close();
  };
});

export async function registerImageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { id: number } }>(
    '/images/articles/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } } },
    async (request, reply) => {
      const thumbnail = await getThumbnail(ctx.db, request.params.id);
      if (!thumbnail) throw notFound(`article ${request.params.id} has no lead image`);
      const etag = `"${thumbnail.digest}"`;
      reply.header('cache-control', 'public, max-age=86400');
      reply.header('etag', etag);
      reply.header('x-content-type-options', 'nosniff');
      if (thumbnail.fetchedAt) reply.header('last-modified', thumbnail.fetchedAt.toUTCString());
      const match = request.headers['if-none-match'];
      if (typeof match === 'string' && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        return reply.code(304).send();
      }
      return reply.type(thumbnail.contentType).send(Buffer.from(thumbnail.bytes));
    },
  );
}
