// The coverage comparison over HTTP: GET /api/v1/stories/{id}/coverage, a panel on the story
// page, and per-source metadata (list for anyone; set one source or import a CSV for admins,
// through the API or the /admin/sources page).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { apiUser } from '../auth-token.ts';
import { hasRole } from '../auth.ts';
import { csrfField } from '../csrf.ts';
import { addPanel } from '../panels.ts';
import { layout } from '../../web/layout.ts';
import { coveragePanel, sourceMetadataBody } from '../../web/pages/coverage.ts';
import { getStory } from '../../store/stories.ts';
import { getSourceWithFacts, importSourceFacts, listSourcesWithFacts, setSourceFacts, storyCoverageInput, type SourceWithFacts } from '../../store/source-metadata.ts';
import { compareCoverage, LEANS } from '../../coverage/compare.ts';
import { checkFacts, MetadataInputError, readMetadataCsv } from '../../coverage/metadata.ts';

const factsSchema = {
  type: 'object',
  properties: {
    country: { type: ['string', 'null'] },
    language: { type: ['string', 'null'] },
    owner: { type: ['string', 'null'] },
    lean: { type: ['string', 'null'], enum: [...LEANS, null] },
  },
} as const;

const sourceSchema = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, domain: { type: ['string', 'null'] }, facts: factsSchema } } as const;

const coverageSchema = {
  type: 'object',
  properties: {
    storyId: { type: 'integer' },
    outlets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sourceId: { type: ['integer', 'null'] },
          name: { type: 'string' },
          facts: factsSchema,
          articles: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' } } } },
          uniqueWords: { type: 'array', items: { type: 'string' }, description: 'Headline words no other outlet used.' },
        },
      },
    },
    sharedWords: { type: 'array', items: { type: 'string' } },
    leanSplit: { type: 'object', properties: { left: { type: 'integer' }, centre: { type: 'integer' }, right: { type: 'integer' }, unlabelled: { type: 'integer' } } },
    oneSide: { type: ['string', 'null'], enum: ['left', 'right', null], description: 'Covered by one side only: labelled outlets of this side (two or more) and none of the other.' },
  },
} as const;

async function requireAdmin(ctx: AppContext, request: FastifyRequest) {
  const user = await apiUser(ctx, request);
  if (!user) throw new HttpError(401, 'unauthorized', 'log in as an admin, or send an admin\'s API token as "Authorization: Bearer <token>"');
  if (!hasRole(user, 'admin')) throw new HttpError(403, 'forbidden', 'only an admin can set source metadata');
  return user;
}

const asBadRequest = (error: unknown) => (error instanceof MetadataInputError ? badRequest(error.message) : error);

/** Reads and applies a CSV; a summary naming every line not applied. */
async function importCsv(ctx: AppContext, csv: string) {
  let reading: ReturnType<typeof readMetadataCsv>;
  try {
    reading = readMetadataCsv(csv);
  } catch (error) {
    throw asBadRequest(error);
  }
  const { applied, unknown } = await importSourceFacts(ctx.db, reading.rows);
  const errors = [...reading.errors, ...unknown.map((u) => ({ line: u.line, message: `${u.source}: no such source` }))].sort((a, b) => a.line - b.line);
  return { applied, errors };
}

export async function registerCoverageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;

  app.get<{ Params: { id: number } }>(
    '/api/v1/stories/:id/coverage',
    {
      schema: {
        summary: 'How outlets covered a story',
        description: "Which outlets covered it, the words only each outlet's headline used, the split by lean (only where admins labelled outlets), and the covered-by-one-side-only marker.",
        tags: ['coverage'],
        params: idParams,
        response: { 200: coverageSchema, 404: errorResponse },
      },
    },
    async (request) => {
      const story = await getStory(ctx.db, request.params.id);
      if (!story) throw notFound(`story ${request.params.id} does not exist`);
      return { storyId: story.id, ...compareCoverage(await storyCoverageInput(ctx.db, story.id)) };
    },
  );

  app.get(
    '/api/v1/source-metadata',
    {
      schema: { summary: 'Every source with its country, language, owner and lean (null: not known)', tags: ['coverage'], response: { 200: { type: 'object', properties: { sources: { type: 'array', items: sourceSchema } } } } },
    },
    async () => ({ sources: await listSourcesWithFacts(ctx.db) }),
  );

  app.put<{ Params: { id: number }; Body: Record<string, string | null> }>(
    '/api/v1/sources/:id/metadata',
    {
      schema: {
        summary: "Set a source's country, language, owner and lean (admins)",
        description: 'Replaces all four; empty or null means not known. lean: left, centre (or center) or right.',
        tags: ['coverage'],
        security: [{ bearer: [] }],
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { country: { type: ['string', 'null'], maxLength: 2 }, language: { type: ['string', 'null'], maxLength: 12 }, owner: { type: ['string', 'null'], maxLength: 200 }, lean: { type: ['string', 'null'], maxLength: 10 } },
        },
        response: { 200: { type: 'object', properties: { source: sourceSchema } }, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      await requireAdmin(ctx, request);
      if (!(await getSourceWithFacts(ctx.db, request.params.id))) throw notFound(`source ${request.params.id} does not exist`);
      let facts: ReturnType<typeof checkFacts>;
      try {
        facts = checkFacts(request.body ?? {});
      } catch (error) {
        throw asBadRequest(error);
      }
      await setSourceFacts(ctx.db, request.params.id, facts);
      return { source: (await getSourceWithFacts(ctx.db, request.params.id)) as SourceWithFacts };
    },
  );

  app.post<{ Body: { csv: string } }>(
    '/api/v1/source-metadata/import',
    {
      schema: {
        summary: 'Import source metadata from CSV (admins)',
        description: 'Header row naming the columns: source (required), country, language, owner, lean. Good rows are applied; each bad row or unknown source is reported with its line.',
        tags: ['coverage'],
        security: [{ bearer: [] }],
        body: { type: 'object', additionalProperties: false, required: ['csv'], properties: { csv: { type: 'string', maxLength: 1_000_000 } } },
        response: {
          200: { type: 'object', properties: { applied: { type: 'integer' }, errors: { type: 'array', items: { type: 'object', properties: { line: { type: 'integer' }, message: { type: 'string' } } } } } },
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => {
      await requireAdmin(ctx, request);
      return importCsv(ctx, request.body.csv);
    },
  );

  addPanel(ctx, 'story', {
    slot: 'main',
    order: 40,
    render: async ({ storyId }) => (storyId ? coveragePanel(compareCoverage(await storyCoverageInput(ctx.db, storyId))) : null),
  });

  // The admin page and its forms (the session's CSRF token is checked globally).
  const page = async (request: FastifyRequest, reply: FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Sources: metadata',
      userName: request.user?.username ?? null,
      body: sourceMetadataBody({ sources: await listSourcesWithFacts(ctx.db), csrf: csrfField(ctx, request, reply), notice }),
    });
  };
  const adminOnly = (request: FastifyRequest) => {
    if (!request.user) throw new HttpError(401, 'unauthorized', 'log in as an admin');
    if (!hasRole(request.user, 'admin')) throw new HttpError(403, 'forbidden', 'only an admin can set source metadata');
  };
  app.get('/admin/sources', async (request, reply) => {
    adminOnly(request);
    return page(request, reply, null);
  });
  app.post<{ Params: { id: number }; Body: Record<string, string> }>('/admin/sources/:id/metadata', { schema: { params: idParams } }, async (request, reply) => {
    adminOnly(request);
    const source = await getSourceWithFacts(ctx.db, request.params.id);
    if (!source) throw notFound(`source ${request.params.id} does not exist`);
    try {
      await setSourceFacts(ctx.db, source.id, checkFacts(request.body ?? {}));
    } catch (error) {
      if (!(error instanceof MetadataInputError)) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: `${source.name}: ${error.message}` });
    }
    return page(request, reply, { kind: 'ok', text: `Saved ${source.name}.` });
  });
  app.post<{ Body: Record<string, string> }>('/admin/sources/metadata.csv', async (request, reply) => {
    adminOnly(request);
    try {
      const { applied, errors } = await importCsv(ctx, String(request.body?.csv ?? ''));
      const problems = errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
      return page(request, reply, { kind: errors.length ? 'error' : 'ok', text: `Applied ${applied} row${applied === 1 ? '' : 's'}.${problems ? ` Not applied: ${problems}` : ''}` });
    } catch (error) {
      if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: error.message });
    }
  });
}
