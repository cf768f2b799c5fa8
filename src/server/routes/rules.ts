// Mute and keep rules over HTTP: /api/v1/rules (a reader's own), /api/v1/feeds/:id/rules (an
// admin's per-feed block and keep rules, applied at ingest), the /rules page, the admin's
// /feeds/:id/rules page, and the "mute this source" / "mute this entity" buttons on the article
// and entity pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { requireApiUser } from '../auth-token.ts';
import { hasRole } from '../auth.ts';
import { csrfField } from '../csrf.ts';
import { addPanel } from '../panels.ts';
import { safeNext } from './accounts.ts';
import { html } from '../../web/html.ts';
import { layout } from '../../web/layout.ts';
import { feedRulesBody, rulesBody } from '../../web/pages/rules.ts';
import { getArticle } from '../../store/articles.ts';
import { getFeed } from '../../store/feeds.ts';
import { createFeedRule, createUserRule, deleteFeedRule, deleteUserRule, listFeedRules, listUserRules, type StoredFeedRule, type UserRule, type UserRuleInput } from '../../store/rules.ts';
import { FEED_RULE_KINDS, RULE_FIELDS, RULE_KINDS, RuleInputError } from '../../rules/policy.ts';
import type { SessionUser } from '../../store/sessions.ts';

const ruleSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    action: { type: 'string', enum: ['mute', 'keep'] },
    kind: { type: 'string', enum: [...RULE_KINDS] },
    field: { type: 'string', enum: [...RULE_FIELDS] },
    pattern: { type: 'string', description: 'The word, phrase or expression; for a source or entity rule its name.' },
    sourceId: { type: ['integer', 'null'] },
    entityId: { type: ['integer', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'action', 'kind', 'field', 'pattern', 'sourceId', 'entityId', 'createdAt'],
} as const;

const feedRuleSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    feedId: { type: 'integer' },
    action: { type: 'string', enum: ['block', 'keep'] },
    kind: { type: 'string', enum: [...FEED_RULE_KINDS] },
    field: { type: 'string', enum: [...RULE_FIELDS] },
    pattern: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'feedId', 'action', 'kind', 'field', 'pattern', 'createdAt'],
} as const;

const ruleJson = (r: UserRule) => ({ ...r, createdAt: r.createdAt.toISOString() });
const feedRuleJson = (r: StoredFeedRule) => ({ ...r, createdAt: r.createdAt.toISOString() });

const ruleBody = (actions: string[], kinds: readonly string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['action', 'kind', 'pattern'],
  properties: {
    action: { type: 'string', enum: actions },
    kind: { type: 'string', enum: [...kinds] },
    field: { type: 'string', enum: [...RULE_FIELDS], default: 'both' },
    pattern: { type: 'string', minLength: 1, maxLength: 200 },
  },
});

/** Runs a store call, turning a rule's bad input into a 400 naming the field. */
async function checked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuleInputError) throw badRequest(error.message);
    throw error;
  }
}

function formInput(body: Record<string, unknown> | undefined): UserRuleInput {
  const b = body ?? {};
  return { action: String(b.action ?? ''), kind: String(b.kind ?? ''), field: b.field === undefined || b.field === '' ? undefined : String(b.field), pattern: String(b.pattern ?? '') };
}

export async function registerRuleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const security = [{ bearer: [] }];
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  const feedRuleParams = {
    type: 'object',
    properties: { id: { type: 'integer', minimum: 1 }, ruleId: { type: 'integer', minimum: 1 } },
    required: ['id', 'ruleId'],
  } as const;

  app.get(
    '/api/v1/rules',
    {
      schema: {
        summary: 'Your mute and keep rules',
        description: 'Mute rules hide matching articles from your article lists, searches, saved-search feeds and reader apps (Fever, Google Reader); a keep rule wins over every mute.',
        tags: ['rules'],
        security,
        response: { 200: { type: 'object', properties: { rules: { type: 'array', items: ruleSchema } }, required: ['rules'] }, 401: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      return { rules: (await listUserRules(ctx.db, user.id)).map(ruleJson) };
    },
  );

  app.post<{ Body: UserRuleInput }>(
    '/api/v1/rules',
    {
      schema: {
        summary: 'Add a mute or keep rule',
        description:
          'kind word or phrase: whole words (stemmed as search is); regex: a regular expression of at most 200 characters in RE2 syntax without backreferences or lookaround (matched without case, in linear time); ' +
          'source or entity: pattern is the name or id. field (title, body, both) applies to words, phrases and expressions.',
        tags: ['rules'],
        security,
        body: ruleBody(['mute', 'keep'], RULE_KINDS),
        response: { 201: { type: 'object', properties: { rule: ruleSchema }, required: ['rule'] }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      const rule = await checked(() => createUserRule(ctx.db, user.id, request.body));
      reply.code(201);
      return { rule: ruleJson(rule) };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/rules/:id',
    {
      schema: { summary: 'Remove one of your rules', tags: ['rules'], security, params: idParams, response: { 204: { type: 'null' }, 401: errorResponse, 404: errorResponse } },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      if (!(await deleteUserRule(ctx.db, user.id, request.params.id))) throw notFound(`rule ${request.params.id} does not exist`);
      return reply.code(204).send();
    },
  );

  const adminFeed = async (user: SessionUser, feedId: number) => {
    if (!hasRole(user, 'admin')) throw new HttpError(403, 'forbidden', "only an admin can see or change a feed's rules");
    const feed = await getFeed(ctx.db, feedId);
    if (!feed) throw notFound(`feed ${feedId} does not exist`);
    return feed;
  };

  app.get<{ Params: { id: number } }>(
    '/api/v1/feeds/:id/rules',
    {
      schema: {
        summary: "A feed's block and keep rules (admins)",
        description: "Applied to the feed's entries at ingest: a block rule drops the entries it matches; with keep rules, only entries one of them matches are stored.",
        tags: ['rules'],
        security,
        params: idParams,
        response: { 200: { type: 'object', properties: { rules: { type: 'array', items: feedRuleSchema } }, required: ['rules'] }, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const feed = await adminFeed(await requireApiUser(ctx, request), request.params.id);
      return { rules: (await listFeedRules(ctx.db, feed.id)).map(feedRuleJson) };
    },
  );

  app.post<{ Params: { id: number }; Body: UserRuleInput }>(
    '/api/v1/feeds/:id/rules',
    {
      schema: {
        summary: 'Add a block or keep rule to a feed (admins)',
        tags: ['rules'],
        security,
        params: idParams,
        body: ruleBody(['block', 'keep'], FEED_RULE_KINDS),
        response: { 201: { type: 'object', properties: { rule: feedRuleSchema }, required: ['rule'] }, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const feed = await adminFeed(await requireApiUser(ctx, request), request.params.id);
      const rule = await checked(() => createFeedRule(ctx.db, feed.id, request.body));
      reply.code(201);
      return { rule: feedRuleJson(rule) };
    },
  );

  app.delete<{ Params: { id: number; ruleId: number } }>(
    '/api/v1/feeds/:id/rules/:ruleId',
    {
      schema: { summary: "Remove a feed's rule (admins)", tags: ['rules'], security, params: feedRuleParams, response: { 204: { type: 'null' }, 401: errorResponse, 403: errorResponse, 404: errorResponse } },
    },
    async (request, reply) => {
      const feed = await adminFeed(await requireApiUser(ctx, request), request.params.id);
      if (!(await deleteFeedRule(ctx.db, feed.id, request.params.ruleId))) throw notFound(`rule ${request.params.ruleId} of feed ${feed.id} does not exist`);
      return reply.code(204).send();
    },
  );

  // The reader's pages (the session's CSRF token is checked globally).
  const toLogin = (reply: FastifyReply, next: string) =>
    reply
      .code(303)
      .header('location', `/login?next=${encodeURIComponent(next)}`)
      .send();
  const page = async (request: FastifyRequest, reply: FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const user = request.user!;
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Rules', userName: user.username, body: rulesBody({ rules: await listUserRules(ctx.db, user.id), csrf: csrfField(ctx, request, reply), notice }) });
  };

  app.get('/rules', async (request, reply) => (request.user ? page(request, reply, null) : toLogin(reply, '/rules')));

  app.post<{ Body: Record<string, unknown> }>('/rules', async (request, reply) => {
    if (!request.user) return toLogin(reply, '/rules');
    try {
      await checked(() => createUserRule(ctx.db, request.user!.id, formInput(request.body)));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: (error as Error).message });
    }
    return reply
      .code(303)
      .header('location', safeNext(request.body?.next) ?? '/rules')
      .send();
  });

  app.post<{ Params: { id: number } }>('/rules/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, '/rules');
    if (!(await deleteUserRule(ctx.db, request.user.id, request.params.id))) throw notFound(`rule ${request.params.id} does not exist`);
    return reply.code(303).header('location', '/rules').send();
  });

  const feedPage = async (request: FastifyRequest, reply: FastifyReply, feedId: number, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const feed = await adminFeed(request.user!, feedId);
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Feed rules',
      userName: request.user!.username,
      body: feedRulesBody({ feed, rules: await listFeedRules(ctx.db, feed.id), csrf: csrfField(ctx, request, reply), notice }),
    });
  };

  app.get<{ Params: { id: number } }>('/feeds/:id/rules', { schema: { params: idParams } }, async (request, reply) => (request.user ? feedPage(request, reply, request.params.id, null) : toLogin(reply, `/feeds/${request.params.id}/rules`)));

  app.post<{ Params: { id: number }; Body: Record<string, unknown> }>('/feeds/:id/rules', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, `/feeds/${request.params.id}/rules`);
    const feed = await adminFeed(request.user, request.params.id);
    try {
      await checked(() => createFeedRule(ctx.db, feed.id, formInput(request.body)));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return feedPage(request, reply, feed.id, { kind: 'error', text: (error as Error).message });
    }
    return reply.code(303).header('location', `/feeds/${feed.id}/rules`).send();
  });

  app.post<{ Params: { id: number; ruleId: number } }>('/feeds/:id/rules/:ruleId/delete', { schema: { params: feedRuleParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply, `/feeds/${request.params.id}/rules`);
    const feed = await adminFeed(request.user, request.params.id);
    if (!(await deleteFeedRule(ctx.db, feed.id, request.params.ruleId))) throw notFound(`rule ${request.params.ruleId} of feed ${feed.id} does not exist`);
    return reply.code(303).header('location', `/feeds/${feed.id}/rules`).send();
  });

  // Where a signed-in reader finds their rules and highlights (the shared header is not ours to edit).
  addPanel(ctx, 'home', {
    slot: 'main',
    order: 91,
    render: async ({ request }) =>
      request.user
        ? html`<nav class="panel reading-links" aria-label="Your reading"><h2>Your reading</h2><ul>
<li><a href="/rules">Mute and keep rules</a></li><li><a href="/highlights">Highlights and notes</a></li></ul></nav>`
        : null,
  });

  // "Mute this source" on an article, "mute this entity" on an entity's page: one-button forms.
  const muteButton = (csrf: string, kind: 'source' | 'entity', pattern: string | number, label: string, next: string) =>
    html`<section class="panel mute-panel" aria-label="Mute"><form method="post" action="/rules" class="inline">
  <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="action" value="mute">
  <input type="hidden" name="kind" value="${kind}"><input type="hidden" name="pattern" value="${String(pattern)}">
  <input type="hidden" name="next" value="${next}">
  <button type="submit">${label}</button></form> <a href="/rules">Your rules</a></section>`;

  addPanel(ctx, 'article', {
    slot: 'aside',
    order: 6,
    render: async ({ request, articleId }) => {
      if (!request.user || !request.session || !articleId) return null;
      const article = await getArticle(ctx.db, articleId);
      if (!article?.sourceId || !article.sourceName) return null;
      return muteButton(request.session.csrfToken, 'source', article.sourceId, `Mute ${article.sourceName}`, '/');
    },
  });
  addPanel(ctx, 'entity', {
    slot: 'main',
    order: 6,
    render: async ({ request, entityId }) => {
      if (!request.user || !request.session || !entityId) return null;
      return muteButton(request.session.csrfToken, 'entity', entityId, 'Mute this entity', `/entities/${entityId}`);
    },
  });
}
