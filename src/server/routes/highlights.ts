// Highlights and notes over HTTP: /api/v1/articles/:id/highlights (an article's, and adding one),
// /api/v1/highlights (a reader's, newest first; one to change or remove; the Markdown export),
// the /highlights page and /highlights.md, the article page's panel and its script.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import { badRequest, notFound } from '../errors.ts';
import { requireApiUser } from '../auth-token.ts';
import { csrfField } from '../csrf.ts';
import { addPanel } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { articleHighlightsPanel, highlightsBody } from '../../web/pages/highlights.ts';
import { createHighlight, deleteHighlight, getHighlight, HighlightInputError, listHighlights, setHighlightNote, type Highlight, type NewHighlight } from '../../store/highlights.ts';
import { articleExists } from '../../store/articles.ts';
import { highlightsMarkdown } from '../../highlights/markdown.ts';
import { MAX_QUOTE_CHARS } from '../../highlights/anchor.ts';

const script = readFileSync(new URL('../../web/assets/highlights.js', import.meta.url));

const highlightSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    articleId: { type: 'integer' },
    articleTitle: { type: 'string' },
    articleUrl: { type: ['string', 'null'] },
    sourceName: { type: ['string', 'null'] },
    quote: { type: 'string', description: 'The highlighted text (whitespace runs as one space).' },
    prefix: { type: 'string', description: 'Up to 32 characters before the quote, to find it again.' },
    suffix: { type: 'string', description: 'Up to 32 characters after the quote.' },
    start: { type: ['integer', 'null'], description: "Offset of the quote in the article's text with whitespace runs collapsed; null when the text changed and the quote is gone." },
    end: { type: ['integer', 'null'] },
    note: { type: ['string', 'null'], description: 'The note as written (comment Markdown).' },
    noteHtml: { type: ['string', 'null'], description: 'The note rendered and sanitised like a comment.' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'articleId', 'articleTitle', 'articleUrl', 'sourceName', 'quote', 'prefix', 'suffix', 'start', 'end', 'note', 'noteHtml', 'createdAt', 'updatedAt'],
} as const;

const highlightJson = (h: Highlight) => ({ ...h, createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt.toISOString() });

async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HighlightInputError) throw badRequest(error.message);
    throw error;
  }
}

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export async function registerHighlightRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const security = [{ bearer: [] }];
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  const one = { type: 'object', properties: { highlight: highlightSchema }, required: ['highlight'] } as const;
  const many = { type: 'object', properties: { highlights: { type: 'array', items: highlightSchema } }, required: ['highlights'] } as const;

  app.get<{ Params: { id: number } }>(
    '/api/v1/articles/:id/highlights',
    {
      schema: { summary: 'Your highlights on an article, in text order', tags: ['highlights'], security, params: idParams, response: { 200: many, 401: errorResponse, 404: errorResponse } },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      const highlights = await listHighlights(ctx.db, user.id, { articleId: request.params.id, limit: 1000 });
      if (!highlights.length && !(await articleExists(ctx.db, request.params.id))) {
        throw notFound(`article ${request.params.id} does not exist`);
      }
      return { highlights: highlights.map(highlightJson) };
    },
  );

  app.post<{ Params: { id: number }; Body: NewHighlight }>(
    '/api/v1/articles/:id/highlights',
    {
      schema: {
        summary: 'Highlight a passage of an article',
        description:
          "The quote must be in the article's text (whitespace is ignored when looking for it); prefix and suffix (the text around the selection) pick the right one of several occurrences, start is a hint. The note is cleaned and rendered like a comment.",
        tags: ['highlights'],
        security,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['quote'],
          properties: {
            quote: { type: 'string', minLength: 1, maxLength: MAX_QUOTE_CHARS * 2 },
            prefix: { type: 'string', maxLength: 200 },
            suffix: { type: 'string', maxLength: 200 },
            start: { type: 'integer', minimum: 0, maximum: 100_000_000 },
            note: { type: ['string', 'null'], maxLength: 40_000 },
          },
        },
        response: { 201: one, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      const highlight = await checked(() => createHighlight(ctx.db, user.id, request.params.id, request.body));
      if (!highlight) throw notFound(`article ${request.params.id} does not exist`);
      reply.code(201);
      return { highlight: highlightJson(highlight) };
    },
  );

  app.get<{ Querystring: { limit?: number; before?: number } }>(
    '/api/v1/highlights',
    {
      schema: {
        summary: 'Your highlights, newest first',
        tags: ['highlights'],
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100, description: 'How many highlights (1-500).' },
            before: { type: 'integer', minimum: 1, description: 'Only highlights with a smaller id: the nextBefore of the previous page.' },
          },
        },
        response: { 200: { type: 'object', properties: { highlights: many.properties.highlights, nextBefore: { type: ['integer', 'null'] } }, required: ['highlights', 'nextBefore'] }, 401: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      const limit = request.query.limit ?? 100;
      const highlights = await listHighlights(ctx.db, user.id, { limit, beforeId: request.query.before });
      return { highlights: highlights.map(highlightJson), nextBefore: highlights.length === limit ? highlights[highlights.length - 1]!.id : null };
    },
  );

  app.get(
    '/api/v1/highlights/export.md',
    {
      schema: { summary: 'All your highlights and notes as Markdown', tags: ['highlights'], security, response: { 200: { type: 'string', description: 'Markdown (text/markdown)' }, 401: errorResponse } },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      return exportMarkdown(request, reply, user.id);
    },
  );

  app.patch<{ Params: { id: number }; Body: { note: string | null } }>(
    '/api/v1/highlights/:id',
    {
      schema: {
        summary: "Set or clear a highlight's note",
        tags: ['highlights'],
        security,
        params: idParams,
        body: { type: 'object', additionalProperties: false, required: ['note'], properties: { note: { type: ['string', 'null'], maxLength: 40_000 } } },
        response: { 200: one, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      if (!(await checked(() => setHighlightNote(ctx.db, user.id, request.params.id, request.body.note)))) throw notFound(`highlight ${request.params.id} does not exist`);
      return { highlight: highlightJson((await getHighlight(ctx.db, user.id, request.params.id))!) };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/highlights/:id',
    {
      schema: { summary: 'Remove a highlight', tags: ['highlights'], security, params: idParams, response: { 204: { type: 'null' }, 401: errorResponse, 404: errorResponse } },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      if (!(await deleteHighlight(ctx.db, user.id, request.params.id))) throw notFound(`highlight ${request.params.id} does not exist`);
      return reply.code(204).send();
    },
  );

  async function exportMarkdown(request: FastifyRequest, reply: FastifyReply, userId: number) {
    const highlights = await listHighlights(ctx.db, userId, { limit: 10_000 });
    reply.type('text/markdown; charset=utf-8').header('content-disposition', 'attachment; filename="highlights.md"');
    return highlightsMarkdown(highlights, origin(request));
  }

  app.get('/assets/highlights.js', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return reply.type('text/javascript; charset=utf-8').send(script);
  });

  // The reader's pages.
  const toLogin = (reply: FastifyReply, next: string) =>
    reply
      .code(303)
      .header('location', `/login?next=${encodeURIComponent(next)}`)
      .send();
  const page = async (request: FastifyRequest, reply: FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const user = request.user!;
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Highlights', userName: user.username, body: highlightsBody({ highlights: await listHighlights(ctx.db, user.id, { limit: 1000 }), csrf: csrfField(ctx, request, reply), notice }) });
  };
  app.get('/highlights', async (request, reply) => (request.user ? page(request, reply, null) : toLogin(reply, '/highlights')));
  app.get('/highlights.md', async (request, reply) => (request.user ? exportMarkdown(request, reply, request.user.id) : toLogin(reply, '/highlights')));

  app.post<{ Params: { id: number }; Body: Record<string, unknown> }>('/articles/:id/highlights', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, `/articles/${request.params.id}`);
    const body = request.body ?? {};
    try {
      const made = await checked(() => createHighlight(ctx.db, request.user!.id, request.params.id, { quote: String(body.quote ?? ''), note: body.note ? String(body.note) : null }));
      if (!made) throw notFound(`article ${request.params.id} does not exist`);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: (error as Error).message });
    }
    return reply.code(303).header('location', `/articles/${request.params.id}`).send();
  });

  app.post<{ Params: { id: number }; Body: Record<string, unknown> }>('/highlights/:id/note', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, '/highlights');
    try {
      const note = typeof request.body?.note === 'string' ? request.body.note : null;
      if (!(await checked(() => setHighlightNote(ctx.db, request.user!.id, request.params.id, note)))) throw notFound(`highlight ${request.params.id} does not exist`);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: (error as Error).message });
    }
    return reply.code(303).header('location', `/highlights#highlight-${request.params.id}`).send();
  });

  app.post<{ Params: { id: number } }>('/highlights/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, '/highlights');
    if (!(await deleteHighlight(ctx.db, request.user.id, request.params.id))) throw notFound(`highlight ${request.params.id} does not exist`);
    return reply.code(303).header('location', '/highlights').send();
  });

  addPanel(ctx, 'article', {
    slot: 'main',
    order: 850,
    render: async ({ request, articleId }) => {
      if (!request.user || !request.session || !articleId) return null;
      const highlights = await listHighlights(ctx.db, request.user.id, { articleId, limit: 1000 });
      return articleHighlightsPanel({ articleId, highlights, csrfToken: request.session.csrfToken });
    },
  });
}
