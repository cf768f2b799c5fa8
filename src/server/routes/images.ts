// Lead-image thumbnails over HTTP: /images/articles/:id serves the small WebP the image job
// stored (never the publisher's own file), with an ETag and a day's caching. The image job (started with serve's other jobs in
// src/shell/jobs.ts) fetches them in the background, so images arrive after their articles without slowing ingest.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { getThumbnail } from '../../store/article-images.ts';

export async function registerImageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: { id: number } }>('/images/articles/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } } }, async (request, reply) => {
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
  });
}
