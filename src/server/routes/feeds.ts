// Feeds over HTTP: /api/v1/feeds to list, add (by feed or page address) and remove
// subscriptions, and the reader's /feeds page with their health. Changing subscriptions makes
// the server fetch addresses it is given, so it takes an admin (session or API token) and every
// fetch goes through the address guard. In embedded mode the server process owns the data
// directory, so it also runs the polling loop (a serve hook); with a PostgreSQL server,
// `dateline worker` processes do.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { HttpError, badRequest, notFound } from '../errors.ts';
import { apiUser } from '../auth-token.ts';
import { hasRole, requireRole } from '../auth.ts';
import { csrfField } from '../csrf.ts';
import { layout } from '../../web/layout.ts';
import { feedsBody } from '../../web/pages/feeds.ts';
import { feedHealth, getFeed, listFeeds, removeFeed, type FeedRecord } from '../../store/feeds.ts';
import { maskFeed } from '../../fetch/mask.ts';
import { subscribe, SubscribeError } from '../../feeds/subscribe.ts';
import { feedJson } from '../../feeds/status.ts';
import { writeOpml } from '../../feeds/opml.ts';
import { fetcherFromSettings } from '../../worker.ts';
import { wallClock } from '../../clock.ts';

/**
 * Who may see subscriptions: any signed-in user (session or API token), else a 401. Admins
 * see feed addresses whole; everyone else with logins and query tokens masked.
 */
export async function feedViewer(ctx: AppContext, request: FastifyRequest): Promise<<T extends FeedRecord>(feed: T) => T> {
  const user = await apiUser(ctx, request);
  if (!user) throw new HttpError(401, 'unauthorized', 'log in, or send an API token as "Authorization: Bearer <token>", to see subscriptions');
  return hasRole(user, 'admin') ? (feed) => feed : maskFeed;
}

/** The subscriptions as an OPML document. */
export const subscriptionsOpml = (feeds: FeedRecord[]) => writeOpml(feeds.map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl, category: f.category })));

async function requireAdmin(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const user = await apiUser(ctx, request);
  if (!user) throw new HttpError(401, 'unauthorized', 'log in as an admin, or send an admin\'s API token as "Authorization: Bearer <token>"');
  if (!hasRole(user, 'admin')) throw new HttpError(403, 'forbidden', 'only an admin can change subscriptions');
}

export async function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const fetcher = fetcherFromSettings(ctx.settings);
  app.addHook('onClose', async () => fetcher.close());

  const doSubscribe = async (url: string, category: string | null) => {
    try {
      return await subscribe(ctx.db, fetcher, url, { category, maxBytes: ctx.settings.maxPageBytes, now: ctx.now() });
    } catch (error) {
      if (error instanceof SubscribeError) throw badRequest(error.message);
      throw error;
    }
  };

  app.get('/api/v1/feeds', async (request) => {
    const view = await feedViewer(ctx, request);
    const [feeds, health] = await Promise.all([listFeeds(ctx.db), feedHealth(ctx.db)]);
    return { feeds: feeds.map((f) => feedJson(view(f))), health };
  });

  app.get('/api/v1/feeds/export.opml', async (request, reply) => {
    const view = await feedViewer(ctx, request);
    reply.type('text/x-opml; charset=utf-8').header('content-disposition', 'attachment; filename="dateline-subscriptions.opml"');
    return subscriptionsOpml((await listFeeds(ctx.db)).map(view));
  });

  app.get<{ Params: { id: number } }>('/api/v1/feeds/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } } }, async (request) => {
    const view = await feedViewer(ctx, request);
    const feed = await getFeed(ctx.db, request.params.id);
    if (!feed) throw notFound(`feed ${request.params.id} does not exist`);
    return { feed: feedJson(view(feed)) };
  });

  app.post<{ Body: { url: string; category?: string } }>(
    '/api/v1/feeds',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: { url: { type: 'string', minLength: 1, maxLength: 2000 }, category: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request, reply) => {
      await requireAdmin(ctx, request);
      const sub = await doSubscribe(request.body.url, request.body.category?.trim() || null);
      reply.code(sub.created ? 201 : 200);
      return { feed: feedJson(sub.feed), created: sub.created, discoveredFrom: sub.discoveredFrom, entryCount: sub.entryCount };
    },
  );

  app.delete<{ Params: { id: number } }>('/api/v1/feeds/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } } }, async (request, reply) => {
    await requireAdmin(ctx, request);
    if (!(await removeFeed(ctx.db, request.params.id))) throw notFound(`feed ${request.params.id} does not exist`);
    reply.code(204);
    return null;
  });

  const renderPage = async (request: FastifyRequest, reply: import('fastify').FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const [feeds, health] = await Promise.all([listFeeds(ctx.db), feedHealth(ctx.db)]);
    const admin = hasRole(request.user ?? null, 'admin');
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Feeds',
      body: feedsBody({
        feeds: admin ? feeds : feeds.map(maskFeed),
        health,
        // Poll times are the wall clock's (feed leases must run out), so this page counts from it.
        now: wallClock(),
        adminForm: admin ? csrfField(ctx, request, reply) : null,
        notice,
      }),
      userName: request.user?.username ?? null,
    });
  };

  // Subscriptions are the signed-in readers' business only.
  app.get('/feeds', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Ffeeds').send();
    return renderPage(request, reply, null);
  });

  app.post<{ Body: { url?: string; category?: string } }>('/feeds', async (request, reply) => {
    requireRole(request, 'admin');
    const url = (request.body?.url ?? '').trim();
    if (!url) throw badRequest('url: give the address of a feed or of a page that announces one');
    try {
      const sub = await doSubscribe(url, request.body?.category?.trim() || null);
      return renderPage(request, reply, { kind: 'ok', text: `${sub.created ? 'Subscribed to' : 'Already subscribed to'} ${sub.feed.title ?? sub.feed.url}.` });
    } catch (error) {
      if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
      reply.code(400);
      return renderPage(request, reply, { kind: 'error', text: error.message });
    }
  });

  app.post<{ Params: { id: string } }>('/feeds/:id/remove', async (request, reply) => {
    requireRole(request, 'admin');
    const id = Number(request.params.id);
    const feed = Number.isInteger(id) && id > 0 ? await getFeed(ctx.db, id) : null;
    if (!feed) throw notFound(`feed ${request.params.id} does not exist`);
    await removeFeed(ctx.db, id);
    return renderPage(request, reply, { kind: 'ok', text: `Unsubscribed from ${feed.title ?? feed.url}.` });
  });
}
