// Webhooks over HTTP: /api/v1/webhooks to list, add, read (with the delivery log), switch back
// on and delete a user's webhooks (admins may see and manage everyone's), and the reader's
// /webhooks page. A background job of `serve` (src/shell/jobs.ts) sends owed deliveries; any number of server
// or `dateline webhooks deliver` processes may do so at once (claims are exclusive).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { lookup } from 'node:dns/promises';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import { badRequest, notFound } from '../errors.ts';
import { requireApiUser } from '../auth-token.ts';
import { hasRole } from '../auth.ts';
import { csrfField } from '../csrf.ts';
import { addPanel } from '../panels.ts';
import { html } from '../../web/html.ts';
import { layout } from '../../web/layout.ts';
import { webhooksBody } from '../../web/pages/webhooks.ts';
import { createAddressGuard } from '../../fetch/guard.ts';
import { getWatch, listWatches } from '../../store/watches.ts';
import { createWebhook, deleteWebhook, enableWebhook, getWebhook, listDeliveries, listWebhooks, type DeliveryLogEntry, type Webhook } from '../../store/webhooks.ts';
import { WEBHOOK_EVENTS, WebhookInputError, validateWebhookInput, type WebhookInput } from '../../webhooks/policy.ts';
import type { SessionUser } from '../../store/sessions.ts';

const webhookSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    userId: { type: 'integer' },
    name: { type: 'string' },
    url: { type: 'string' },
    secret: { type: 'string', description: 'The HMAC-SHA256 key of the Dateline-Signature header.' },
    events: { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENTS] } },
    minSources: { type: 'integer' },
    watchId: { type: ['integer', 'null'] },
    enabled: { type: 'boolean' },
    consecutiveFailures: { type: 'integer' },
    disabledReason: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    event: { type: 'string' },
    subject: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    lastStatus: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const webhookJson = (w: Webhook) => ({ ...w, createdAt: w.createdAt.toISOString() });
const deliveryJson = (d: DeliveryLogEntry) => ({
  ...d,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

/** Checks the input, the saved search's owner and the target's address, then stores it. */
async function addWebhook(ctx: AppContext, user: SessionUser, input: WebhookInput): Promise<Webhook> {
  try {
    const checked = validateWebhookInput(input);
    if (checked.watchId !== null && !(await getWatch(ctx.db, user.id, checked.watchId))) {
      throw new WebhookInputError('watchId', `saved search ${checked.watchId} is not one of yours`);
    }
    await checkAddress(ctx, checked.url);
    return await createWebhook(ctx.db, user.id, checked);
  } catch (error) {
    if (error instanceof WebhookInputError) throw badRequest(error.message);
    throw error;
  }
}

/** Refuses a target inside the private network now (each delivery checks again, DNS may change). */
async function checkAddress(ctx: AppContext, url: string): Promise<void> {
  const guard = createAddressGuard(ctx.settings.allowPrivateAddresses);
  const host = new URL(url).hostname;
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = (await lookup(bare, { all: true })).map((a) => a.address);
  } catch {
    return; // a name that does not resolve yet is not refused: its deliveries fail and are logged
  }
  for (const address of addresses) {
    const reason = guard.refusal(address);
    if (reason) throw new WebhookInputError('url', `${host} is a ${reason} address (${address}); webhooks may not reach it`);
  }
}

export async function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  const security = [{ bearer: [] }];

  const owned = async (request: FastifyRequest, id: number) => {
    const user = await requireApiUser(ctx, request);
    const webhook = await getWebhook(ctx.db, user.id, id, hasRole(user, 'admin'));
    if (!webhook) throw notFound(`webhook ${id} does not exist`);
    return webhook;
  };

  app.get<{ Querystring: { all?: boolean } }>(
    '/api/v1/webhooks',
    {
      schema: {
        summary: 'Your webhooks',
        description: "With all=true an admin sees every user's webhooks.",
        tags: ['webhooks'],
        security,
        querystring: { type: 'object', additionalProperties: false, properties: { all: { type: 'boolean', default: false, description: "true: every user's webhooks (admins only)" } } },
        response: { 200: { type: 'object', properties: { webhooks: { type: 'array', items: webhookSchema } } }, 401: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      return { webhooks: (await listWebhooks(ctx.db, user.id, !!request.query.all && hasRole(user, 'admin'))).map(webhookJson) };
    },
  );

  app.post<{ Body: { name?: string; url: string; events: string[]; minSources?: number; watchId?: number | null } }>(
    '/api/v1/webhooks',
    {
      schema: {
        summary: 'Add a webhook',
        description:
          'Events: story.new (a story first seen), story.sources (a story reaching minSources publishers), watch.match (an article matching your saved search watchId, or any of yours). ' +
          'Each delivery is a JSON POST signed with HMAC-SHA256 in the Dateline-Signature header ("t=<unix>,v1=<hex of HMAC(secret, t + "." + body)>"); retried with backoff; the webhook is switched off after repeated failure.',
        tags: ['webhooks'],
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'events'],
          properties: {
            name: { type: 'string', maxLength: 200 },
            url: { type: 'string', maxLength: 2000 },
            events: { type: 'array', items: { type: 'string', maxLength: 40 }, minItems: 1, maxItems: 3 },
            minSources: { type: 'integer', minimum: 2, maximum: 1000 },
            watchId: { type: ['integer', 'null'], minimum: 1 },
          },
        },
        response: { 201: { type: 'object', properties: { webhook: webhookSchema } }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      const webhook = await addWebhook(ctx, user, request.body);
      reply.code(201);
      return { webhook: webhookJson(webhook) };
    },
  );

  app.get<{ Params: { id: number }; Querystring: { limit?: number } }>(
    '/api/v1/webhooks/:id',
    {
      schema: {
        summary: 'One webhook and its delivery log',
        tags: ['webhooks'],
        security,
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 } } },
        response: {
          200: { type: 'object', properties: { webhook: webhookSchema, deliveries: { type: 'array', items: deliverySchema } } },
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const webhook = await owned(request, request.params.id);
      return { webhook: webhookJson(webhook), deliveries: (await listDeliveries(ctx.db, webhook.id, request.query.limit ?? 50)).map(deliveryJson) };
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api/v1/webhooks/:id/enable',
    {
      schema: {
        summary: 'Switch a webhook back on',
        description: 'After it was switched off for failing; its failure count starts over and its pending deliveries are sent again.',
        tags: ['webhooks'],
        security,
        params: idParams,
        response: { 200: { type: 'object', properties: { webhook: webhookSchema } }, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const webhook = await owned(request, request.params.id);
      await enableWebhook(ctx.db, webhook.id);
      return { webhook: webhookJson((await getWebhook(ctx.db, webhook.userId, webhook.id))!) };
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/webhooks/:id',
    {
      schema: { summary: 'Delete a webhook and its log', tags: ['webhooks'], security, params: idParams, response: { 204: { type: 'null' }, 401: errorResponse, 404: errorResponse } },
    },
    async (request, reply) => {
      const webhook = await owned(request, request.params.id);
      await deleteWebhook(ctx.db, webhook.userId, webhook.id);
      return reply.code(204).send();
    },
  );

  // Where a signed-in reader finds the pages of this issue's features (the shared header is not ours to edit).
  // 'main': the home page shows only its main panels.
  addPanel(ctx, 'home', {
    slot: 'main',
    order: 90,
    render: async ({ request }) =>
      request.user
        ? html`<nav class="panel notify-links" aria-label="Notifications"><h2>Notifications</h2><ul>
<li><a href="/webhooks">Webhooks</a></li><li><a href="/account/email">Newsletters and digests</a></li>
${request.user.role === 'admin' ? html`<li><a href="/admin/sources">Source metadata</a></li>` : null}</ul></nav>`
        : null,
  });

  // The reader's page and its forms (the session's CSRF token is checked globally).
  const page = async (request: FastifyRequest, reply: FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const user = request.user!;
    const hooks = await listWebhooks(ctx.db, user.id);
    const entries = await Promise.all(hooks.map(async (webhook) => ({ webhook, deliveries: await listDeliveries(ctx.db, webhook.id, 20) })));
    const watches = await listWatches(ctx.db, user.id);
    reply.type('text/html; charset=utf-8');
    return layout({ title: 'Webhooks', userName: user.username, body: webhooksBody({ webhooks: entries, watches, csrf: csrfField(ctx, request, reply), notice }) });
  };
  const toLogin = (reply: FastifyReply) => reply.code(303).header('location', '/login?next=%2Fwebhooks').send();

  app.get('/webhooks', async (request, reply) => (request.user ? page(request, reply, null) : toLogin(reply)));

  app.post<{ Body: Record<string, unknown> }>('/webhooks', async (request, reply) => {
    if (!request.user) return toLogin(reply);
    const body = request.body ?? {};
    const events = body.events === undefined ? [] : ([] as unknown[]).concat(body.events).map(String);
    const minSources = body.minSources === undefined || body.minSources === '' ? undefined : Number(body.minSources);
    const watchId = body.watchId === undefined || body.watchId === '' ? null : Number(body.watchId);
    try {
      await addWebhook(ctx, request.user, { name: String(body.name ?? ''), url: String(body.url ?? ''), events, minSources, watchId });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: (error as Error).message });
    }
    return reply.code(303).header('location', '/webhooks').send();
  });

  app.post<{ Params: { id: number } }>('/webhooks/:id/delete', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply);
    if (!(await deleteWebhook(ctx.db, request.user.id, request.params.id))) throw notFound(`webhook ${request.params.id} does not exist`);
    return reply.code(303).header('location', '/webhooks').send();
  });

  app.post<{ Params: { id: number } }>('/webhooks/:id/enable', { schema: { params: idParams } }, async (request, reply) => {
    if (!request.user) return toLogin(reply);
    if (!(await getWebhook(ctx.db, request.user.id, request.params.id))) throw notFound(`webhook ${request.params.id} does not exist`);
    await enableWebhook(ctx.db, request.params.id);
    return reply.code(303).header('location', '/webhooks').send();
  });
}
