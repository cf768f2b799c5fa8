// The reader's static files (stylesheet, client script), read once at start.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const assetsDir = new URL('../../web/assets/', import.meta.url);
const TYPES: Record<string, string> = {
  'style.css': 'text/css; charset=utf-8',
  'reader.js': 'text/javascript; charset=utf-8',
};

export async function registerAssetRoutes(app: FastifyInstance): Promise<void> {
  const files = new Map(Object.keys(TYPES).map((name) => [name, readFileSync(new URL(name, assetsDir))]));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const body = files.get(request.params.name);
    if (!body) return reply.code(404).type('text/plain').send('not found');
    reply.header('cache-control', 'public, max-age=300');
    return reply.type(TYPES[request.params.name]!).send(body);
  });
}
