// Enrichment over HTTP: the entities API and pages, an article's enrichment, a story's summary,
// timeline, figures table and quotes, and questions over a story (API and answer page); plus the
// panels it adds to the article page ("AI features") and the story page.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { addPanel, pagePanels } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { html } from '../../web/html.ts';
import { getArticle } from '../../store/articles.ts';
import { getStory } from '../../store/stories.ts';
import { entityIdsByKey, getArticleEnrichment, getEntity, getEntityDetail, listEntities, loadStoryMaterial, peopleNamed, type StoredEntity } from '../../store/enrich.ts';
import { quotesBySpeaker, storyFigures, storyTimeline } from '../../enrich/story.ts';
import { llmConfig, storyAnswer, storySummary, type StorySummary } from '../../llm/story.ts';
import { entityBody, entityListBody } from '../../web/pages/entities.ts';
import { answerBody, articleEnrichmentPanel, QUESTION_MAX_CHARS, questionBox, storyFiguresPanel, storyQuotesPanel, storySummaryPanel, storyTimelinePanel } from '../../web/pages/enrich-panels.ts';

const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

export function entityJson(e: StoredEntity) {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    code: e.code,
    aliases: e.aliases,
    roles: e.roles,
    mentionCount: e.mentionCount,
    articleCount: e.articleCount,
    firstSeenAt: e.firstSeenAt?.toISOString() ?? null,
    lastSeenAt: e.lastSeenAt?.toISOString() ?? null,
  };
}

interface EntityQuery {
  kind?: 'person' | 'organisation' | 'place';
  q?: string;
  limit?: number;
  offset?: number;
}

const pageId = (raw: string) => {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
};

export async function registerEnrichRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const config = () => llmConfig(ctx.settings);
  // Written summaries cost a model call: keep each for a while, keyed by the story's articles.
  const summaryCache = new Map<string, { at: number; summary: StorySummary }>();
  const SUMMARY_TTL_MS = 10 * 60_000;

  async function summaryOf(storyId: number) {
    const material = await loadStoryMaterial(ctx.db, storyId);
    if (!material) return null;
    const headline = (await getStory(ctx.db, storyId))?.headline ?? '';
    const key = `${storyId}:${material.refs.map((r) => r.articleId).join(',')}`;
    const cached = summaryCache.get(key);
    let summary = cached && Date.now() - cached.at < SUMMARY_TTL_MS ? cached.summary : null;
    if (!summary) {
      summary = await storySummary(material.texts, headline, config());
      if (summaryCache.size > 500) summaryCache.clear();
      summaryCache.set(key, { at: Date.now(), summary });
    }
    return { material, headline, summary };
  }

  const entityQuerySchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      kind: { type: 'string', enum: ['person', 'organisation', 'place'] },
      q: { type: 'string', maxLength: 100 },
      limit: { type: 'integer', minimum: 1, maximum: 200 },
      offset: { type: 'integer', minimum: 0, maximum: 100_000 },
    },
  } as const;

  app.get<{ Querystring: EntityQuery }>('/api/v1/entities', { schema: { querystring: entityQuerySchema } }, async (request) => {
    const limit = request.query.limit ?? 50;
    const offset = request.query.offset ?? 0;
    const entities = await listEntities(ctx.db, { kind: request.query.kind, q: request.query.q, limit, offset });
    return { entities: entities.map(entityJson), nextOffset: entities.length === limit ? offset + limit : null };
  });

  app.get<{ Params: { id: number } }>('/api/v1/entities/:id', { schema: { params: idParams } }, async (request) => {
    const entity = await getEntity(ctx.db, request.params.id);
    if (!entity) throw notFound(`entity ${request.params.id} does not exist`);
    const detail = await getEntityDetail(ctx.db, entity.id);
    return {
      entity: entityJson(entity),
      mentionsByDay: detail.mentionsByDay,
      roles: detail.roles,
      stories: detail.stories.map((s) => ({ ...s, lastSeenAt: s.lastSeenAt?.toISOString() ?? null })),
      cooccurring: detail.cooccurring,
      articles: detail.articles.map((a) => ({ ...a, publishedAt: a.publishedAt?.toISOString() ?? null })),
      timeline: detail.timeline,
      quotes: detail.quotes,
    };
  });

  app.get<{ Params: { id: number } }>('/api/v1/articles/:id/enrichment', { schema: { params: idParams } }, async (request) => {
    const article = await getArticle(ctx.db, request.params.id);
    if (!article) throw notFound(`article ${request.params.id} does not exist`);
    return { articleId: article.id, enrichment: await getArticleEnrichment(ctx.db, article.id) };
  });

  app.get<{ Params: { id: number } }>('/api/v1/stories/:id/summary', { schema: { params: idParams } }, async (request) => {
    const found = await summaryOf(request.params.id);
    if (!found) throw notFound(`story ${request.params.id} does not exist`);
    const { material, summary } = found;
    return {
      storyId: request.params.id,
      sentences: summary.sentences,
      written: summary.written,
      fallback: summary.fallback,
      timeline: storyTimeline(material.refs, material.events),
      figures: storyFigures(material.refs, material.figures),
      quotesBySpeaker: quotesBySpeaker(material.refs, material.quotes),
    };
  });

  const askSchema = {
    type: 'object',
    required: ['q'],
    properties: { q: { type: 'string', minLength: 1, maxLength: QUESTION_MAX_CHARS } },
  } as const;

  app.get<{ Params: { id: number }; Querystring: { q: string } }>('/api/v1/stories/:id/ask', { schema: { params: idParams, querystring: askSchema } }, async (request) => {
    const question = request.query.q.trim();
    if (!question) throw badRequest('q: expected a question, got only spaces');
    const material = await loadStoryMaterial(ctx.db, request.params.id);
    if (!material) throw notFound(`story ${request.params.id} does not exist`);
    const answer = await storyAnswer(material.texts, question, config(), await peopleNamed(ctx.db, question));
    return { storyId: request.params.id, ...answer };
  });

  app.get<{ Querystring: EntityQuery }>('/entities', { schema: { querystring: entityQuerySchema } }, async (request, reply) => {
    const limit = 50;
    const offset = request.query.offset ?? 0;
    const entities = await listEntities(ctx.db, { kind: request.query.kind, q: request.query.q, limit, offset });
    const panels = await pagePanels('entity', { ctx, request });
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Entities',
      body: entityListBody({ entities, kind: request.query.kind ?? null, q: request.query.q ?? null, nextOffset: entities.length === limit ? offset + limit : null }),
      userName: panels.userName,
    });
  });

  app.get<{ Params: { id: string } }>('/entities/:id', async (request, reply) => {
    const id = pageId(request.params.id);
    const entity = id ? await getEntity(ctx.db, id) : null;
    if (!entity) throw notFound(`entity ${request.params.id} does not exist`);
    const detail = await getEntityDetail(ctx.db, entity.id);
    const panels = await pagePanels('entity', { ctx, request, entityId: entity.id });
    reply.type('text/html; charset=utf-8');
    return layout({ title: entity.name, body: html`${entityBody(entity, detail)}${panels.mainList}`, userName: panels.userName });
  });

  app.get<{ Params: { id: string }; Querystring: { q?: string } }>('/stories/:id/ask', async (request, reply) => {
    const id = pageId(request.params.id);
    const material = id ? await loadStoryMaterial(ctx.db, id) : null;
    if (!id || !material) throw notFound(`story ${request.params.id} does not exist`);
    const question = (request.query.q ?? '').trim();
    if (!question) return reply.redirect(`/stories/${id}#ask-heading`);
    if (question.length > QUESTION_MAX_CHARS) throw badRequest(`question: at most ${QUESTION_MAX_CHARS} characters, got ${question.length}`);
    const headline = (await getStory(ctx.db, id))?.headline ?? '';
    const answer = await storyAnswer(material.texts, question, config(), await peopleNamed(ctx.db, question));
    const panels = await pagePanels('search', { ctx, request });
    reply.type('text/html; charset=utf-8');
    return layout({ title: `${question} · ${headline}`, body: answerBody(id, headline, answer), userName: panels.userName });
  });

  addPanel(ctx, 'article', {
    slot: 'main',
    order: 30,
    render: async ({ articleId }) => (articleId ? articleEnrichmentPanel(await getArticleEnrichment(ctx.db, articleId)) : null),
  });

  addPanel(ctx, 'story', {
    slot: 'main',
    order: 5,
    render: async ({ storyId }) => {
      if (!storyId) return null;
      const found = await summaryOf(storyId);
      if (!found) return null;
      const { material, summary } = found;
      const figures = storyFigures(material.refs, material.figures);
      const speakers = quotesBySpeaker(material.refs, material.quotes);
      const keys = [...figures.map((f) => f.subjectKey), ...speakers.map((s) => s.speakerKey)].filter((k): k is string => !!k);
      const ids = await entityIdsByKey(ctx.db, [...new Set(keys)]);
      return html`${storySummaryPanel(summary)}${questionBox(storyId)}${storyTimelinePanel(storyTimeline(material.refs, material.events))}${storyFiguresPanel(figures, ids)}${storyQuotesPanel(speakers, ids)}`;
    },
  });
}
