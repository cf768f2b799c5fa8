// What the JSON API answers, route by route: the response schemas the OpenAPI document shows.
// Kept in one table so every /api/v1 route has one (the routes that declare their own keep
// theirs), and the same error shape is declared for every 4xx. Responses are written with
// JSON.stringify, not coerced through these schemas (a wrong schema would silently turn null
// into ""); instead the fuzz test checks every 2xx answer against its schema.
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

const S = { type: 'string' };
const Sn = { type: ['string', 'null'] };
const I = { type: 'integer' };
const In = { type: ['integer', 'null'] };
const N = { type: 'number' };
const B = { type: 'boolean' };
const T = { type: 'string', format: 'date-time' };
const Tn = { type: ['string', 'null'], format: 'date-time' };
const list = (items: Schema) => ({ type: 'array', items });
const anyObject = { type: 'object' };

/** An object whose listed properties are all present, except the `optional` ones. */
function obj(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)) };
}
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });

export const errorSchema = obj({ error: obj({ code: S, message: S }) });

const article = {
  id: I,
  title: S,
  source: Sn,
  byline: Sn,
  publishedAt: Tn,
  timeBasis: Sn,
  language: Sn,
  url: Sn,
  canonicalUrl: Sn,
  excerpt: Sn,
  role: Sn,
  text: S,
};
const story = obj({ id: I, headline: S, firstSeenAt: Tn, lastSeenAt: Tn, articleCount: I, sourceCount: I });
const copy = obj({ id: I, title: S, source: Sn, publishedAt: Tn, similarity: { type: ['number', 'null'] } }, ['title']);
const summary = obj({ id: I, title: S, source: Sn, publishedAt: Tn, alsoPublishedBy: list(copy) });
const entity = obj({
  id: I,
  kind: S,
  name: S,
  code: Sn,
  aliases: list(S),
  roles: list(S),
  mentionCount: I,
  articleCount: I,
  firstSeenAt: Tn,
  lastSeenAt: Tn,
});
const comment = obj({ id: I, articleId: In, storyId: In, parentId: In, author: Sn, body: Sn, html: Sn, hidden: B, deleted: B, reportedCount: I, createdAt: T, updatedAt: T }, ['reportedCount']);
const comments = obj({ comments: list(comment) });
const feed = obj({
  id: I,
  url: S,
  title: Sn,
  siteUrl: Sn,
  category: Sn,
  status: S,
  nextCheckAt: T,
  intervalSeconds: I,
  lastCheckedAt: Tn,
  lastSuccessAt: Tn,
  lastChangedAt: Tn,
  lastStatus: In,
  consecutiveFailures: I,
  lastError: Sn,
  flaggedAt: Tn,
  entryCount: I,
});
const listedLink = obj({ title: Sn, sourceName: Sn, url: Sn });

/** Success answers of the routes that do not declare their own, by "METHOD url". */
const SUCCESS: Record<string, Record<number, Schema>> = {
  'GET /api/v1/articles': { 200: obj({ articles: list(obj(article)), nextCursor: Sn }) },
  'GET /api/v1/articles/:id': {
    200: obj({ article: obj({ ...article, html: Sn, links: list(obj({ title: Sn, url: Sn }, ['title', 'url'])) }) }),
  },
  'GET /api/v1/session': { 200: obj({ user: nullable(obj({ id: I, username: S, role: S })), csrfToken: Sn }) },
  'GET /api/v1/me/stars': { 200: obj({ articleIds: list(I) }) },
  'PUT /api/v1/me/stars/:id': { 200: obj({ articleId: I, starred: B }) },
  'DELETE /api/v1/me/stars/:id': { 200: obj({ articleId: I, starred: B }) },
  'GET /api/v1/articles/:id/comments': { 200: comments },
  'GET /api/v1/stories/:id/comments': { 200: comments },
  'POST /api/v1/comments': { 201: obj({ comment }), 200: obj({ comment }) },
  'PATCH /api/v1/comments/:id': { 200: obj({ comment }) },
  'DELETE /api/v1/comments/:id': { 200: obj({ comment }), 204: { type: 'null' } },
  'POST /api/v1/comments/:id/report': { 200: obj({ counted: B, comment }) },
  'POST /api/v1/comments/:id/hide': { 200: obj({ comment }) },
  'POST /api/v1/comments/:id/restore': { 200: obj({ comment }) },
  'GET /api/v1/comments/reported': { 200: comments },
  'GET /api/v1/sources/:id': {
    200: obj({
      source: obj({ id: I, name: S, domain: Sn, homepageUrl: Sn, articleCount: I, firstPublishedAt: Tn, lastPublishedAt: Tn }),
      stories: list(obj({ id: I, headline: S, lastSeenAt: Tn })),
    }),
  },
  'GET /api/v1/stories': { 200: obj({ stories: list(story), nextCursor: Sn }) },
  'GET /api/v1/stories/:id': {
    200: obj({
      story: {
        ...story,
        properties: {
          ...(story.properties as Record<string, Schema>),
          sources: list(obj({ name: Sn, articles: I, copies: I })),
          articles: list(obj({ id: I, title: S, source: Sn, publishedAt: Tn, url: Sn, excerpt: Sn, alsoPublishedBy: list(copy) })),
        },
      },
    }),
  },
  'GET /api/v1/articles/:id/related': {
    200: obj({
      article: obj({ id: I, duplicateOf: In }),
      story: nullable(story),
      alsoPublishedBy: list(obj({ id: I, source: Sn, publishedAt: Tn, original: B })),
      related: list({ ...summary, properties: { ...(summary.properties as Record<string, Schema>), reason: S, score: N } }),
      listedLinks: list(listedLink),
    }),
  },
  'GET /api/v1/entities': { 200: obj({ entities: list(entity), nextOffset: In }) },
  'GET /api/v1/entities/:id': {
    200: obj({
      entity,
      mentionsByDay: list(anyObject),
      roles: list(anyObject),
      stories: list(anyObject),
      cooccurring: list(anyObject),
      articles: list(anyObject),
      timeline: list(anyObject),
      quotes: list(anyObject),
    }),
  },
  'GET /api/v1/articles/:id/enrichment': { 200: obj({ articleId: I, enrichment: nullable(anyObject) }) },
  'GET /api/v1/stories/:id/summary': {
    200: obj({ storyId: I, sentences: list(anyObject), written: nullable(anyObject), fallback: Sn, timeline: list(anyObject), figures: list(anyObject), quotesBySpeaker: list(anyObject) }, ['written', 'fallback']),
  },
  'GET /api/v1/stories/:id/ask': { 200: { ...obj({ storyId: I }), description: 'The answer: extractive sentences with their articles, or a written answer when a model is set.' } },
  'GET /api/v1/feeds': { 200: obj({ feeds: list(feed), health: anyObject }) },
  'GET /api/v1/feeds/export.opml': { 200: { type: 'string', description: 'OPML 2.0 (text/x-opml)' } },
  'GET /api/v1/feeds/:id': { 200: obj({ feed }) },
  'POST /api/v1/feeds': {
    201: obj({ feed, created: B, discoveredFrom: Sn, entryCount: I }),
    200: obj({ feed, created: B, discoveredFrom: Sn, entryCount: I }),
  },
  'DELETE /api/v1/feeds/:id': { 204: { type: 'null' } },
};

const ERRORS = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 429: errorSchema };

/** The response schemas of a route as the API document shows them (null outside /api/v1). */
export function responsesFor(method: string, url: string, declared: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!url.startsWith('/api/v1/')) return null;
  return { ...ERRORS, ...(SUCCESS[`${method} ${url}`] ?? {}), ...(declared ?? {}) };
}

/** Registered by app.ts before any route: fills in response schemas, and writes answers with JSON.stringify. */
export function registerResponses(app: FastifyInstance): void {
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addHook('onRoute', (routeOptions) => {
    const schema = (routeOptions.schema ?? {}) as { response?: Record<string, unknown>; hide?: boolean };
    if (schema.hide) return;
    for (const method of [routeOptions.method].flat()) {
      if (method === 'HEAD') continue;
      const responses = responsesFor(method, routeOptions.url ?? '', schema.response);
      if (responses) routeOptions.schema = { ...schema, response: responses };
    }
  });
}
