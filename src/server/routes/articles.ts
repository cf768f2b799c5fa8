// The articles API (/api/v1/articles) and the reader's home and article pages.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { getArticle, getArticleLinks, listArticles } from '../../store/articles.ts';
import type { Article } from '../../model/index.ts';
import { badRequest, notFound } from '../errors.ts';
import { decodeTimeIdCursor, encodeCursor } from '../cursor.ts';
import { parseDateParam } from '../validation.ts';
import { layout } from '../../web/layout.ts';
import { articleBody, homeBody } from '../../web/pages/articles.ts';
import { pagePanels } from '../panels.ts';
import { csrfField } from '../csrf.ts';
import { apiUser } from '../auth-token.ts';
import { markAllArticlesRead, newestArticleId, readAmong, setRead } from '../../store/reader-state.ts';

export function articleJson(article: Article) {
  return {
    id: article.id,
    title: article.title,
    source: article.sourceName,
    byline: article.byline,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    timeBasis: article.timeBasis,
    language: article.language,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    excerpt: article.excerpt,
    role: article.role,
    text: article.text,
  };
}

interface ListQuery {
  source?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}

function parseListQuery(query: ListQuery) {
  const since = query.since ? parseDateParam('since', query.since) : undefined;
  const before = query.cursor ? (({ id, at }) => ({ id, publishedAt: at }))(decodeTimeIdCursor(query.cursor)) : undefined;
  return { source: query.source, since, before, limit: query.limit ?? 20 };
}

function nextCursor(articles: Article[], limit: number): string | null {
  const last = articles[articles.length - 1];
  if (!last || articles.length < limit) return null;
  return encodeCursor({ id: last.id, at: last.publishedAt?.toISOString() ?? null });
}

export async function registerArticleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const listSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      source: { type: 'string', maxLength: 200 },
      since: { type: 'string', maxLength: 40 },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      cursor: { type: 'string', maxLength: 200 },
    },
  } as const;

  app.get<{ Querystring: ListQuery }>('/api/v1/articles', { schema: { querystring: listSchema } }, async (request) => {
    const filter = parseListQuery(request.query);
    const articles = await listArticles(ctx.db, { ...filter, viewerId: (await apiUser(ctx, request))?.id });
    return { articles: articles.map(articleJson), nextCursor: nextCursor(articles, filter.limit) };
  });

  app.get<{ Params: { id: number } }>('/api/v1/articles/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } } }, async (request) => {
    const article = await getArticle(ctx.db, request.params.id);
    if (!article) throw notFound(`article ${request.params.id} does not exist`);
    const links = await getArticleLinks(ctx.db, article.id);
    return { article: { ...articleJson(article), html: article.html, links } };
  });

  app.get<{ Querystring: ListQuery }>('/', { schema: { querystring: { ...listSchema, additionalProperties: true } } }, async (request, reply) => {
    const filter = parseListQuery({ cursor: request.query.cursor, limit: 30 });
    const latest = await listArticles(ctx.db, { ...filter, viewerId: request.user?.id });
    const panels = await pagePanels('home', { ctx, request });
    const read = request.user
      ? await readAmong(
          ctx.db,
          request.user.id,
          latest.map((a) => a.id),
        )
      : undefined;
    const csrf = request.user ? csrfField(ctx, request, reply) : undefined;
    const newestId = request.user ? await newestArticleId(ctx.db) : undefined;
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Latest news',
      body: homeBody({ latest, now: ctx.now(), topStories: panels.main, aside: panels.asideList, nextCursor: nextCursor(latest, filter.limit), read, csrf, newestId }),
      userName: panels.userName,
    });
  });

  // "Mark all read" on the home page: everything stored up to when the page was shown.
  app.post<{ Body: { upto?: unknown } }>('/read/all', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2F').send();
    const raw = typeof request.body?.upto === 'string' ? request.body.upto : '';
    if (!/^\d{1,15}$/.test(raw)) throw badRequest(`upto ${JSON.stringify(raw.slice(0, 40))}: expected the newest article id the page showed`);
    await markAllArticlesRead(ctx.db, request.user.id, Number(raw));
    return reply.code(303).header('location', '/').send();
  });

  app.get<{ Params: { id: string } }>('/articles/:id', async (request, reply) => {
    const id = Number(request.params.id);
    const article = Number.isInteger(id) && id > 0 ? await getArticle(ctx.db, id) : null;
    if (!article) throw notFound(`article ${request.params.id} does not exist`);
    const links = await getArticleLinks(ctx.db, article.id);
    // Opening an article reads it, for the web lists and the reader apps alike (reader_states).
    if (request.user) await setRead(ctx.db, request.user.id, [article.id], true);
    const panels = await pagePanels('article', { ctx, request, articleId: article.id });
    reply.type('text/html; charset=utf-8');
    return layout({
      title: article.title,
      body: articleBody({ article, links, now: ctx.now(), panels: panels.mainList, aside: panels.asideList }),
      userName: panels.userName,
    });
  });
}
