// The reader's watches page: list, rename and delete saved searches (forms, no JavaScript needed).
// The API for watches is in ./search.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { csrfField } from '../csrf.ts';
import { layout } from '../../web/layout.ts';
import { watchesPageBody } from '../../web/pages/watches.ts';
import { deleteWatch, getWatch, listWatches, renameWatch } from '../../store/watches.ts';
import { watchFeedUrls } from './search.ts';
import { badRequest, notFound } from '../errors.ts';

const NOTICES: Record<string, string> = { renamed: 'Watch renamed.', deleted: 'Watch deleted.' };

function watchId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1 || id > Number.MAX_SAFE_INTEGER) throw notFound(`watch ${raw.slice(0, 40)} does not exist`);
  return id;
}

export async function registerWatchPageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const page = async (request: FastifyRequest, reply: FastifyReply, notice: string | null) => {
    const watches = await listWatches(ctx.db, request.user!.id);
    const body = watchesPageBody({ watches: watches.map((w) => ({ ...w, feeds: watchFeedUrls(w) })), csrf: csrfField(ctx, request, reply), notice });
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Watches', body, userName: request.user!.username });
  };

  app.get<{ Querystring: { done?: string } }>('/watches', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fwatches').send();
    return page(request, reply, NOTICES[String(request.query.done ?? '')] ?? null);
  });

  app.post<{ Params: { id: string }; Body: { name?: unknown } }>('/watches/:id/rename', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fwatches').send();
    const id = watchId(request.params.id);
    const name = typeof request.body?.name === 'string' ? request.body.name.trim() : '';
    if (!name || name.length > 200) throw badRequest('name: expected 1 to 200 characters');
    if (!(await getWatch(ctx.db, request.user.id, id)) || !(await renameWatch(ctx.db, request.user.id, id, name))) throw notFound(`watch ${id} does not exist`);
    return reply.code(303).header('location', '/watches?done=renamed').send();
  });

  app.post<{ Params: { id: string } }>('/watches/:id/delete', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fwatches').send();
    const id = watchId(request.params.id);
    if (!(await deleteWatch(ctx.db, request.user.id, id))) throw notFound(`watch ${id} does not exist`);
    return reply.code(303).header('location', '/watches?done=deleted').send();
  });
}
