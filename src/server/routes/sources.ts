// The reader's source pages: /sources (every publisher) and /sources/:id (one publisher: its
// latest articles and the stories it covered), plus GET /api/v1/sources/:id.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { listSources, SOURCE_SITE } from '../../store/sources.ts';
import { listArticles } from '../../store/articles.ts';
import type { Queryable } from '../../store/db.ts';
import type { Source } from '../../model/index.ts';
import { notFound } from '../errors.ts';
import { pagePanels } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { sourceBody, sourceListBody, type SourceStory } from '../../web/pages/sources.ts';

async function getSource(db: Queryable, id: number): Promise<(Source & { articleCount: number; first: Date | null; last: Date | null }) | null> {
  const rows = await db.query<{ id: number; name: string; domain: string | null; homepage_url: string | null; n: number; first: Date | null; last: Date | null }>(
    `SELECT s.id, s.name, ${SOURCE_SITE} AS domain, s.homepage_url, count(a.id)::int AS n, min(a.published_at) AS first, max(a.published_at) AS last
       FROM sources s LEFT JOIN articles a ON a.source_id = s.id
      WHERE s.id = $1 GROUP BY s.id`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id, name: r.name, domain: r.domain, homepageUrl: r.homepage_url, articleCount: r.n,
    first: r.first ? new Date(r.first) : null, last: r.last ? new Date(r.last) : null,
  };
}

/** Stories with an article from this source, latest first (none before the stories migration). */
async function storiesOfSource(db: Queryable, sourceId: number, limit = 20): Promise<SourceStory[]> {
  const [table] = await db.query<{ t: string | null }>("SELECT to_regclass('story_articles')::text AS t");
  if (!table?.t) return [];
  const rows = await db.query<{ id: number; headline: string; last_seen_at: Date | null; source_count: number }>(
    `SELECT DISTINCT st.id, st.headline, st.last_seen_at, st.source_count
       FROM stories st JOIN story_articles sa ON sa.story_id = st.id JOIN articles a ON a.id = sa.article_id
      WHERE a.source_id = $1
      ORDER BY st.last_seen_at DESC NULLS LAST, st.id DESC LIMIT $2`,
    [sourceId, limit],
  );
  return rows.map((r) => ({ id: r.id, headline: r.headline, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at) : null, sourceCount: r.source_count }));
}

export async function registerSourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/sources', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Sources', body: sourceListBody({ sources: await listSources(ctx.db) }), userName: request.user?.username ?? null });
  });

  const load = async (idText: string) => {
    const id = Number(idText);
    const source = Number.isInteger(id) && id > 0 ? await getSource(ctx.db, id) : null;
    if (!source) throw notFound(`source ${idText} does not exist`);
    return source;
  };

  app.get<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const source = await load(request.params.id);
    const [latest, stories, panels] = await Promise.all([
      listArticles(ctx.db, { source: source.name, limit: 30 }),
      storiesOfSource(ctx.db, source.id),
      pagePanels('source', { ctx, request }),
    ]);
    reply.type('text/html; charset=utf-8');
    return layout({
      title: source.name,
      userName: panels.userName,
      body: sourceBody({
        source, articleCount: source.articleCount, firstPublished: source.first, lastPublished: source.last,
        latest, stories, now: ctx.now(), panels: panels.mainList, aside: panels.asideList,
      }),
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/sources/:id', { schema: { summary: 'A source: its site, article count, span and stories', tags: ['sources'] } }, async (request) => {
    const source = await load(request.params.id);
    return {
      source: {
        id: source.id, name: source.name, domain: source.domain, homepageUrl: source.homepageUrl, articleCount: source.articleCount,
        firstPublishedAt: source.first?.toISOString() ?? null, lastPublishedAt: source.last?.toISOString() ?? null,
      },
      stories: (await storiesOfSource(ctx.db, source.id)).map((s) => ({ id: s.id, headline: s.headline, lastSeenAt: s.lastSeenAt?.toISOString() ?? null })),
    };
  });
}
