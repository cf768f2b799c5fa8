// The reader's source pages: /sources (every publisher) and /sources/:id (one publisher: its
// latest articles and the stories it covered), plus GET /api/v1/sources/:id.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { getSourceSummary, listSources, storiesOfSource } from '../../store/sources.ts';
import { listArticles } from '../../store/articles.ts';
import { notFound } from '../errors.ts';
import { pagePanels } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { sourceBody, sourceListBody } from '../../web/pages/sources.ts';

export async function registerSourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/sources', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Sources', body: sourceListBody({ sources: await listSources(ctx.db) }), userName: request.user?.username ?? null });
  });

  const load = async (idText: string) => {
    const id = Number(idText);
    const source = Number.isInteger(id) && id > 0 ? await getSourceSummary(ctx.db, id) : null;
    if (!source) throw notFound(`source ${idText} does not exist`);
    return source;
  };

  app.get<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const source = await load(request.params.id);
    const [latest, stories, panels] = await Promise.all([listArticles(ctx.db, { source: source.name, limit: 30 }), storiesOfSource(ctx.db, source.id), pagePanels('source', { ctx, request })]);
    reply.type('text/html; charset=utf-8');
    return layout({
      title: source.name,
      userName: panels.userName,
      body: sourceBody({
        source,
        articleCount: source.articleCount,
        firstPublished: source.first,
        lastPublished: source.last,
        latest,
        stories,
        now: ctx.now(),
        panels: panels.mainList,
        aside: panels.asideList,
      }),
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/sources/:id', { schema: { summary: 'A source: its site, article count, span and stories', tags: ['sources'] } }, async (request) => {
    const source = await load(request.params.id);
    return {
      source: {
        id: source.id,
        name: source.name,
        domain: source.domain,
        homepageUrl: source.homepageUrl,
        articleCount: source.articleCount,
        firstPublishedAt: source.first?.toISOString() ?? null,
        lastPublishedAt: source.last?.toISOString() ?? null,
      },
      stories: (await storiesOfSource(ctx.db, source.id)).map((s) => ({ id: s.id, headline: s.headline, lastSeenAt: s.lastSeenAt?.toISOString() ?? null })),
    };
  });
}
