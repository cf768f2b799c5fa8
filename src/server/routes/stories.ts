// The stories API (/api/v1/stories, /api/v1/stories/:id), related articles
// (/api/v1/articles/:id/related), the reader's /stories pages, and the panels stories add to
// the home page (top stories) and the article page (also published by, related articles).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import type { Queryable } from '../../store/db.ts';
import type { Story } from '../../model/index.ts';
import { notFound } from '../errors.ts';
import { decodeTimeIdCursor, encodeCursor } from '../cursor.ts';
import { addPanel, pagePanels } from '../panels.ts';
import { articleCardFacts, storyCardFacts } from '../../store/story-cards.ts';
import { layout } from '../../web/layout.ts';
import { alsoPublishedLine, coverageBySource, relatedPanel, storyBody, storyListBody, topStoriesPanel } from '../../web/pages/stories.ts';
import { getArticle, getArticleLinks } from '../../store/articles.ts';
import { listCopies } from '../../store/dedup.ts';
import { findCandidateStories, getArticleVector, getStory, listStories, listStoryArticles, loadStoryStates, originals, storyIdOfArticle, storyMemberIds, summariseArticles, topStories, type ArticleSummary } from '../../store/stories.ts';
import { rankRelated, type RelatedCandidate } from '../../cluster/related.ts';
import { DEFAULT_CLUSTER } from '../../cluster/online.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function storyJson(story: Story) {
  return {
    id: story.id,
    headline: story.headline,
    firstSeenAt: iso(story.firstSeenAt),
    lastSeenAt: iso(story.lastSeenAt),
    articleCount: story.articleCount,
    sourceCount: story.sourceCount,
  };
}

const summaryJson = (a: ArticleSummary) => ({
  id: a.id,
  title: a.title,
  source: a.sourceName,
  publishedAt: iso(a.publishedAt),
  alsoPublishedBy: a.alsoPublishedBy.map((c) => ({ id: c.articleId, source: c.sourceName, publishedAt: iso(c.publishedAt), similarity: c.similarity })),
});

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const { id, at } = decodeTimeIdCursor(cursor);
  return { id, lastSeenAt: at };
}

function nextCursor(stories: Story[], limit: number): string | null {
  const last = stories[stories.length - 1];
  if (!last || stories.length < limit) return null;
  return encodeCursor({ id: last.id, at: iso(last.lastSeenAt) });
}

export interface RelatedResult {
  story: Story | null;
  items: (ArticleSummary & { reason: 'story' | 'similar' | 'listed'; score: number })[];
  /** Links its page listed that are not stored articles. */
  listedLinks: { title: string; sourceName: string | null; url: string | null }[];
}

/** Related articles of one article: its story, then similar content and names by recency, then its page's links. */
export async function relatedArticles(db: Queryable, articleId: number, at: Date | null): Promise<RelatedResult> {
  const storyId = await storyIdOfArticle(db, articleId);
  const story = storyId === null ? null : await getStory(db, storyId);
  const members = storyId === null ? [] : await storyMemberIds(db, storyId);
  const vector = await getArticleVector(db, articleId);
  const candidates: RelatedCandidate[] = [];
  if (vector) {
    const query = [...vector].sort((a, b) => b[1] - a[1]).slice(0, DEFAULT_CLUSTER.candidates.queryTerms);
    const ids = (await findCandidateStories(db, query, null, 16)).filter((id) => id !== storyId);
    for (const s of await loadStoryStates(db, ids, 20)) {
      for (const m of s.members) candidates.push({ articleId: m.articleId, vector: m.vector, publishedAt: m.publishedAt, storyId: s.id });
    }
  }
  const links = await getArticleLinks(db, articleId);
  const listed = links.map((l) => l.relatedArticleId).filter((id): id is number => id !== null);
  const originalOf = await originals(db, [articleId, ...members, ...candidates.map((c) => c.articleId), ...listed]);
  const ranked = rankRelated({
    articleId,
    vector,
    publishedAt: at,
    storyId,
    storyMembers: members,
    candidates,
    listed,
    originalOf: (id) => originalOf.get(id) ?? id,
  });
  const summaries = new Map(
    (
      await summariseArticles(
        db,
        ranked.map((r) => r.articleId),
      )
    ).map((s) => [s.id, s]),
  );
  return {
    story,
    items: ranked.filter((r) => summaries.has(r.articleId)).map((r) => ({ ...summaries.get(r.articleId)!, reason: r.reason, score: r.score })),
    listedLinks: links.filter((l) => l.relatedArticleId === null).map((l) => ({ title: l.title, sourceName: l.sourceName, url: l.url })),
  };
}

interface ListQuery {
  limit?: number;
  cursor?: string;
  minSources?: number;
}

export async function registerStoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const listSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 100 },
      cursor: { type: 'string', maxLength: 200 },
      minSources: { type: 'integer', minimum: 1, maximum: 1000 },
    },
  } as const;
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

  app.get<{ Querystring: ListQuery }>('/api/v1/stories', { schema: { querystring: listSchema } }, async (request) => {
    const limit = request.query.limit ?? 20;
    const stories = await listStories(ctx.db, { limit, before: parseCursor(request.query.cursor), minSources: request.query.minSources });
    return { stories: stories.map(storyJson), nextCursor: nextCursor(stories, limit) };
  });

  app.get<{ Params: { id: number } }>('/api/v1/stories/:id', { schema: { params: idParams } }, async (request) => {
    const story = await getStory(ctx.db, request.params.id);
    if (!story) throw notFound(`story ${request.params.id} does not exist`);
    const articles = await listStoryArticles(ctx.db, story.id);
    const originalsList = articles.filter((a) => a.duplicateOf === null || !articles.some((o) => o.id === a.duplicateOf));
    const sources = new Map<string, { name: string | null; articles: number; copies: number }>();
    for (const a of articles) {
      const key = a.sourceName ?? '';
      const entry = sources.get(key) ?? { name: a.sourceName, articles: 0, copies: 0 };
      if (originalsList.includes(a)) entry.articles++;
      else entry.copies++;
      sources.set(key, entry);
    }
    return {
      story: {
        ...storyJson(story),
        sources: [...sources.values()],
        articles: originalsList.map((a) => ({
          id: a.id,
          title: a.title,
          source: a.sourceName,
          publishedAt: iso(a.publishedAt),
          url: a.url,
          excerpt: a.excerpt,
          alsoPublishedBy: articles
            .filter((c) => c.duplicateOf === a.id)
            .map((c) => ({
              id: c.id,
              title: c.title,
              source: c.sourceName,
              publishedAt: iso(c.publishedAt),
              similarity: c.similarity,
            })),
        })),
      },
    };
  });

  app.get<{ Params: { id: number } }>('/api/v1/articles/:id/related', { schema: { params: idParams } }, async (request) => {
    const article = await getArticle(ctx.db, request.params.id);
    if (!article) throw notFound(`article ${request.params.id} does not exist`);
    const related = await relatedArticles(ctx.db, article.id, article.publishedAt ?? article.createdAt);
    const copies = await listCopies(ctx.db, article.id);
    return {
      article: { id: article.id, duplicateOf: copies.find((c) => c.isOriginal && c.articleId !== article.id)?.articleId ?? null },
      story: related.story ? storyJson(related.story) : null,
      alsoPublishedBy: copies
        .filter((c) => c.articleId !== article.id)
        .map((c) => ({
          id: c.articleId,
          source: c.sourceName,
          publishedAt: iso(c.publishedAt),
          original: c.isOriginal,
        })),
      related: related.items.map((r) => ({ ...summaryJson(r), reason: r.reason, score: r.score })),
      listedLinks: related.listedLinks,
    };
  });

  app.get<{ Querystring: { cursor?: string } }>('/stories', async (request, reply) => {
    const limit = 30;
    const stories = await listStories(ctx.db, { limit, before: parseCursor(request.query.cursor) });
    const user = (request as typeof request & { user?: { username: string } | null }).user;
    reply.type('text/html; charset=utf-8');
    const cards = await storyCardFacts(
      ctx.db,
      stories.map((s) => s.id),
    );
    return layout({ title: 'Stories', body: storyListBody({ stories, now: ctx.now(), nextCursor: nextCursor(stories, limit), cards }), userName: user?.username ?? null });
  });

  app.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const id = Number(request.params.id);
    const story = Number.isInteger(id) && id > 0 ? await getStory(ctx.db, id) : null;
    if (!story) throw notFound(`story ${request.params.id} does not exist`);
    const articles = await listStoryArticles(ctx.db, story.id);
    const panels = await pagePanels('story', { ctx, request, storyId: story.id });
    reply.type('text/html; charset=utf-8');
    return layout({
      title: story.headline,
      body: storyBody({ story, articles, now: ctx.now(), panels: panels.mainList, aside: panels.asideList }),
      userName: panels.userName,
    });
  });

  addPanel(ctx, 'home', {
    slot: 'main',
    order: 10,
    render: async () => {
      const stories = await topStories(ctx.db, null, 8);
      return topStoriesPanel(
        stories,
        ctx.now(),
        await storyCardFacts(
          ctx.db,
          stories.map((s) => s.id),
        ),
      );
    },
  });
  // The story's articles by source: after the summary, timeline, figures and quotes (order 5) and
  // before the coverage comparison (40) and the comments (900).
  addPanel(ctx, 'story', {
    slot: 'main',
    order: 30,
    render: async ({ storyId }) => (storyId ? coverageBySource(await listStoryArticles(ctx.db, storyId), ctx.now()) : null),
  });
  addPanel(ctx, 'article', {
    slot: 'main',
    order: 5,
    render: async ({ articleId }) => (articleId ? alsoPublishedLine(await listCopies(ctx.db, articleId), articleId) : null),
  });
  addPanel(ctx, 'article', {
    slot: 'aside',
    order: 20,
    render: async ({ articleId }) => {
      if (!articleId) return null;
      const article = await getArticle(ctx.db, articleId);
      if (!article) return null;
      const related = await relatedArticles(ctx.db, articleId, article.publishedAt ?? article.createdAt);
      // The page already shows its own listed links; the panel keeps only stored articles.
      return relatedPanel({
        story: related.story,
        items: related.items,
        listed: [],
        now: ctx.now(),
        cards: await articleCardFacts(
          ctx.db,
          related.items.map((r) => r.id),
        ),
      });
    },
  });
}
