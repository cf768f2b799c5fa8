// Search over HTTP: GET /api/v1/search (results, facets, cursor pages), the watches API
// (saved searches, per user), and the reader's /search page with "save as watch".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { searchArticles, type SearchHit, type SearchResult } from '../../store/search.ts';
import { FACETS, parseSearch, SEARCH_MAX_LIMIT, SearchInputError, type SearchParams } from '../../search/options.ts';
import { formatQuery, QUERY_MAX_LENGTH } from '../../search/query.ts';
import { createWatch, deleteWatch, getWatch, listWatches, watchSearch, type Watch } from '../../store/watches.ts';
import { apiUser, requireApiUser } from '../auth-token.ts';
import { layout } from '../../web/layout.ts';
import { searchPageBody } from '../../web/pages/search.ts';
import { csrfField } from '../csrf.ts';

const stringOrList = (description: string, maxLength = 200) => ({
  description,
  anyOf: [
    { type: 'string', maxLength },
    { type: 'array', items: { type: 'string', maxLength }, maxItems: 20 },
  ],
});

const filterProperties = {
  source: stringOrList('Source name(s): repeat the parameter or separate with commas; any of them matches.'),
  from: { type: 'string', maxLength: 40, description: 'Published at or after: a date (2025-08-12) or an ISO 8601 time with zone.' },
  to: { type: 'string', maxLength: 40, description: 'Published before this time; a date alone includes that whole day.' },
  language: { type: 'string', maxLength: 20, description: 'Language code of the article (en, zh, ja, ko, …).' },
  entity: stringOrList('Entity id(s) or name(s); every one must be mentioned.'),
  story: { type: 'integer', minimum: 1, description: 'Only articles of this story.' },
  duplicates: { type: 'boolean', default: false, description: 'Include copies of an article (wire copies linked to their original).' },
} as const;

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: {
      type: 'string',
      maxLength: QUERY_MAX_LENGTH,
      description: 'Words, "quoted phrases", -excluded words (or NOT), OR between alternatives, AND, parentheses.',
    },
    ...filterProperties,
    sort: { type: 'string', enum: ['relevance', 'time'], default: 'relevance' },
    limit: { type: 'integer', minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 20 },
    cursor: { type: 'string', maxLength: 200, description: 'The nextCursor of the previous page.' },
    facets: { type: 'string', maxLength: 40, description: `Comma-separated counts to return: ${FACETS.join(', ')}.` },
  },
} as const;

const facetList = { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } } } };

const hitSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    titleHtml: { type: 'string', description: 'The title, HTML-escaped, matches in <mark>.' },
    source: { type: ['string', 'null'] },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    language: { type: ['string', 'null'] },
    url: { type: ['string', 'null'] },
    snippetHtml: { type: 'string', description: 'A passage around the matches, HTML-escaped, matches in <mark>.' },
    rank: { type: 'number' },
  },
} as const;

const searchResponse = {
  type: 'object',
  properties: {
    query: { type: 'string', description: 'The query as understood, in web-search syntax.' },
    total: { type: ['integer', 'null'], description: 'Number of matches (when facets were asked for): exact up to 1,000, beyond that an estimate (totalIsEstimate).' },
    totalIsLowerBound: { type: 'boolean', description: 'True when more articles match than were counted and no estimate could be made: total is then "at least".' },
    totalIsEstimate: { type: 'boolean', description: 'True when more than 1,000 articles match: total is then an estimate (from the dates the newest 1,000 matches span).' },
    estimatedFacets: { type: 'array', items: { type: 'string', enum: ['source', 'day', 'entity'] }, description: 'The facets whose counts are estimates (scaled from the newest 1,000 matches); the others are exact.' },
    results: { type: 'array', items: hitSchema },
    facets: { type: 'object', properties: { source: facetList, day: facetList, entity: facetList } },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

const watchSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    query: { type: 'string' },
    filters: {
      type: 'object',
      properties: {
        sources: { type: 'array', items: { type: 'string' } },
        language: { type: 'string' },
        entities: { type: 'array', items: { type: ['integer', 'string'] } },
        story: { type: 'integer' },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
    feeds: { type: 'object', properties: { atom: { type: 'string' }, json: { type: 'string' } } },
  },
} as const;

/** 400 naming an unknown parameter, rather than the schema validator's anonymous complaint. */
export function rejectUnknownParameters(known: readonly string[]) {
  return async (request: FastifyRequest) => {
    const query = request.query as Record<string, unknown>;
    for (const name of Object.keys(query ?? {})) {
      if (!known.includes(name)) {
        throw badRequest(`unknown parameter ${JSON.stringify(name.slice(0, 40))}; expected one of ${known.join(', ')}`);
      }
    }
  };
}

export function hitJson(hit: SearchHit) {
  return {
    id: hit.id,
    title: hit.title,
    titleHtml: hit.titleHtml,
    source: hit.sourceName,
    publishedAt: hit.publishedAt?.toISOString() ?? null,
    language: hit.language,
    url: hit.url,
    snippetHtml: hit.snippetHtml,
    rank: hit.rank,
  };
}

/** Runs a search, turning bad input into a 400 that names the parameter. */
export async function runSearch(ctx: AppContext, params: SearchParams, viewerId: number | null = null): Promise<{ result: SearchResult; query: string }> {
  try {
    const options = { ...parseSearch(params), viewerId };
    return { result: await searchArticles(ctx.db, options), query: formatQuery(options.query) };
  } catch (error) {
    if (error instanceof SearchInputError) throw badRequest(error.message);
    throw error;
  }
}

export const watchFeedUrls = (watch: Watch) => ({
  atom: `/feed/watches/${watch.feedKey}.atom`,
  json: `/feed/watches/${watch.feedKey}.json`,
});

export function watchJson(watch: Watch) {
  return {
    id: watch.id,
    name: watch.name,
    query: watch.query,
    filters: watch.filters,
    createdAt: watch.createdAt.toISOString(),
    feeds: watchFeedUrls(watch),
  };
}

async function saveWatch(ctx: AppContext, userId: number, body: Record<string, unknown>): Promise<Watch> {
  try {
    return await createWatch(ctx.db, userId, {
      name: typeof body.name === 'string' ? body.name : undefined,
      query: String(body.q ?? body.query ?? ''),
      source: body.source as string | string[] | undefined,
      language: (body.language as string) || undefined,
      entity: body.entity as string | string[] | undefined,
      story: (body.story as string | number) || undefined,
    });
  } catch (error) {
    if (error instanceof SearchInputError) throw badRequest(error.message);
    throw error;
  }
}

export async function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const known = Object.keys(searchQuerySchema.properties);
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

  app.get<{ Querystring: SearchParams }>(
    '/api/v1/search',
    {
      preValidation: rejectUnknownParameters(known),
      schema: {
        summary: 'Full-text search over articles',
        description:
          'Ranked by relevance (ts_rank_cd, over the newest 1,000 matches) or by time; filters combine with AND; facets count the newest 1,000 matches, not just the page. When more match, total and the source and entity counts are estimates (totalIsEstimate, estimatedFacets) and the day facet lists only the days counted whole.',
        tags: ['search'],
        querystring: searchQuerySchema,
        response: { 200: searchResponse, 400: errorResponse },
      },
    },
    async (request) => {
      const { result, query } = await runSearch(ctx, request.query, (await apiUser(ctx, request))?.id ?? null);
      return {
        query,
        total: result.total,
        totalIsLowerBound: result.totalIsLowerBound,
        totalIsEstimate: result.totalIsEstimate,
        estimatedFacets: result.estimatedFacets,
        results: result.hits.map(hitJson),
        facets: result.facets,
        nextCursor: result.nextCursor,
      };
    },
  );

  app.get(
    '/api/v1/watches',
    {
      schema: {
        summary: 'Your saved searches',
        tags: ['watches'],
        security: [{ bearer: [] }],
        response: { 200: { type: 'object', properties: { watches: { type: 'array', items: watchSchema } } }, 401: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      return { watches: (await listWatches(ctx.db, user.id)).map(watchJson) };
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/watches',
    {
      schema: {
        summary: 'Save a search as a watch',
        description: 'The query uses the search syntax; boolean style (tariff AND Korea AND NOT steel) works too.',
        tags: ['watches'],
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['q'],
          properties: { q: searchQuerySchema.properties.q, name: { type: 'string', maxLength: 200 }, ...filterProperties },
        },
        response: { 201: { type: 'object', properties: { watch: watchSchema } }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      const watch = await saveWatch(ctx, user.id, request.body);
      reply.code(201);
      return { watch: watchJson(watch) };
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/watches/:id',
    {
      schema: {
        summary: 'One watch and its latest matches',
        tags: ['watches'],
        security: [{ bearer: [] }],
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: searchQuerySchema.properties.limit, cursor: searchQuerySchema.properties.cursor } },
        response: {
          200: { type: 'object', properties: { watch: watchSchema, results: { type: 'array', items: hitSchema }, nextCursor: { type: ['string', 'null'] } } },
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      const watch = await getWatch(ctx.db, user.id, request.params.id);
      if (!watch) throw notFound(`watch ${request.params.id} does not exist`);
      const query = request.query as { limit?: number; cursor?: string };
      let result: SearchResult;
      try {
        result = await searchArticles(ctx.db, { ...watchSearch(watch, { limit: query.limit, cursor: query.cursor }), viewerId: watch.userId });
      } catch (error) {
        if (error instanceof SearchInputError) throw badRequest(error.message);
        throw error;
      }
      return { watch: watchJson(watch), results: result.hits.map(hitJson), nextCursor: result.nextCursor };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/watches/:id',
    {
      schema: { summary: 'Delete a watch', tags: ['watches'], security: [{ bearer: [] }], params: idParams, response: { 204: { type: 'null' }, 404: errorResponse } },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      if (!(await deleteWatch(ctx.db, user.id, request.params.id))) throw notFound(`watch ${request.params.id} does not exist`);
      return reply.code(204).send();
    },
  );

  // The reader's search page. Bad input is shown on the page (status 400), not as a JSON error.
  // The page takes the API's parameters (none required) and `saved`, with the same checks.
  const pageQuery = {
    ...searchQuerySchema,
    required: [],
    // No defaults: the page's links repeat only what the reader chose.
    properties: {
      ...Object.fromEntries(Object.entries(searchQuerySchema.properties).map(([name, { default: _unused, ...rest }]: [string, Record<string, unknown>]) => [name, rest])),
      q: { type: 'string', maxLength: QUERY_MAX_LENGTH },
      saved: { type: 'integer', minimum: 1 },
    },
  };
  app.get<{ Querystring: Record<string, string | string[]> }>('/search', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const params = { ...request.query, facets: 'source,day,entity' } as SearchParams;
    let result: SearchResult | null = null;
    let error: string | null = null;
    let understood: string | null = null;
    if (params.q && String(params.q).trim()) {
      try {
        ({ result, query: understood } = await runSearch(ctx, params, request.user?.id ?? null));
      } catch (failure) {
        if (!(failure instanceof HttpError) || failure.statusCode !== 400) throw failure;
        error = failure.message;
        reply.code(400);
      }
    }
    const watches = request.user ? await listWatches(ctx.db, request.user.id) : [];
    return sendPage(
      reply,
      request,
      params.q ? `Search: ${String(params.q).slice(0, 80)}` : 'Search',
      searchPageBody({
        params,
        result,
        error,
        understood,
        now: ctx.now(),
        signedIn: !!request.user,
        csrf: request.user ? csrfField(ctx, request, reply) : null,
        watches: watches.map((w) => ({ ...w, feeds: watchFeedUrls(w) })),
        savedWatchId: Number((request.query as Record<string, unknown>).saved) || null,
      }),
    );
  });

  // "Save as watch" from the search page (a form post; the session's CSRF token is checked globally).
  app.post<{ Body: Record<string, unknown> }>('/search/watches', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fsearch').send();
    const body = request.body ?? {};
    const watch = await saveWatch(ctx, request.user.id, body);
    const back = new URLSearchParams({ q: watch.query, saved: String(watch.id) });
    return reply.code(303).header('location', `/search?${back}`).send();
  });
}

function sendPage(reply: FastifyReply, request: FastifyRequest, title: string, body: ReturnType<typeof searchPageBody>) {
  reply.type('text/html; charset=utf-8');
  return layout({ title, body, userName: request.user?.username ?? null });
}
