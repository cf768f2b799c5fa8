// Email over HTTP: /api/v1/email (the reader's newsletter address, newsletters taken in, digest
// settings) and PUT /api/v1/email/digest; the reader's /account/email page; the unsubscribe
// link every digest carries (/unsubscribe/<signed token>, one-click POST too). The SMTP receiver
// and the digest sender run as background jobs of `serve` (src/shell/jobs.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { errorResponse } from '../error-schema.ts';
import type { Settings } from '../../config.ts';
import { badRequest } from '../errors.ts';
import { requireApiUser } from '../auth-token.ts';
import { csrfField } from '../csrf.ts';
import { layout } from '../../web/layout.ts';
import { emailBody, unsubscribeBody } from '../../web/pages/email.ts';
import { ensureInbox, getDigestSettings, listNewsletters, saveDigestSettings, siteSecret, stopDigest, type DigestFrequency, type DigestSettings } from '../../store/email.ts';
import { UNSUBSCRIBE_SECRET } from '../../email/send-digests.ts';
import { nextDigestAt, verifyUnsubscribeToken } from '../../email/digest.ts';

export const siteUrlOf = (settings: Settings) => settings.publicUrl ?? `http://${settings.host}:${settings.port}`;

const digestSchema = {
  type: ['object', 'null'],
  properties: {
    email: { type: 'string' },
    frequency: { type: 'string', enum: ['off', 'daily', 'weekly'] },
    nextDueAt: { type: ['string', 'null'], format: 'date-time' },
    lastSentAt: { type: ['string', 'null'], format: 'date-time' },
    lastError: { type: ['string', 'null'] },
  },
} as const;

const digestJson = (d: DigestSettings | null) => d && { email: d.email, frequency: d.frequency, nextDueAt: d.nextDueAt?.toISOString() ?? null, lastSentAt: d.lastSentAt?.toISOString() ?? null, lastError: d.lastError };

// Deliberately plain: one @, no spaces, a dot in the domain. The SMTP server has the last word.
const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

async function chooseDigest(ctx: AppContext, userId: number, email: string, frequency: string): Promise<DigestSettings> {
  const address = email.trim();
  if (address.length > 254 || !EMAIL.test(address)) throw badRequest(`email: ${JSON.stringify(address.slice(0, 60))} is not an email address`);
  if (!['off', 'daily', 'weekly'].includes(frequency)) throw badRequest('frequency: expected off, daily or weekly');
  const f = frequency as DigestFrequency;
  // The first digest is owed one period from now: it then has a period's news to tell.
  return saveDigestSettings(ctx.db, userId, address, f, f === 'off' ? null : nextDigestAt(f, new Date()));
}

async function inboxAddress(ctx: AppContext, userId: number): Promise<string | null> {
  if (!ctx.settings.smtpInPort) return null;
  return `${await ensureInbox(ctx.db, userId)}@${ctx.settings.emailDomain ?? ctx.settings.smtpInHost}`;
}

export async function registerEmailRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/email',
    {
      schema: {
        summary: 'Your newsletter address, the newsletters taken in, and your digest',
        description: 'address is null when the server runs no SMTP receiver (DATELINE_SMTP_PORT); digestsAvailable is false when it has no SMTP server to send through (DATELINE_SMTP_URL).',
        tags: ['email'],
        security,
        response: {
          200: {
            type: 'object',
            properties: {
              address: { type: ['string', 'null'] },
              newsletters: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' }, articleId: { type: ['integer', 'null'] }, sender: { type: 'string' }, subject: { type: 'string' }, receivedAt: { type: 'string', format: 'date-time' } } },
              },
              digest: digestSchema,
              digestsAvailable: { type: 'boolean' },
            },
          },
          401: errorResponse,
        },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      return {
        address: await inboxAddress(ctx, user.id),
        newsletters: (await listNewsletters(ctx.db, user.id)).map((n) => ({ ...n, receivedAt: n.receivedAt.toISOString() })),
        digest: digestJson(await getDigestSettings(ctx.db, user.id)),
        digestsAvailable: !!ctx.settings.smtpOutUrl,
      };
    },
  );

  app.put<{ Body: { email: string; frequency: string } }>(
    '/api/v1/email/digest',
    {
      schema: {
        summary: 'Choose your digest: off, daily or weekly, and the address',
        description: "Top stories and your saved searches' new matches since the last digest; every digest carries a one-click unsubscribe link.",
        tags: ['email'],
        security,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'frequency'],
          properties: { email: { type: 'string', maxLength: 254 }, frequency: { type: 'string', enum: ['off', 'daily', 'weekly'] } },
        },
        response: { 200: { type: 'object', properties: { digest: digestSchema } }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      return { digest: digestJson(await chooseDigest(ctx, user.id, request.body.email, request.body.frequency)) };
    },
  );

  const page = async (request: FastifyRequest, reply: FastifyReply, notice: { kind: 'ok' | 'error'; text: string } | null) => {
    const user = request.user!;
    reply.type('text/html; charset=utf-8');
    return layout({
      title: 'Email',
      userName: user.username,
      body: emailBody({
        address: await inboxAddress(ctx, user.id),
        newsletters: await listNewsletters(ctx.db, user.id),
        digest: await getDigestSettings(ctx.db, user.id),
        digestsAvailable: !!ctx.settings.smtpOutUrl,
        csrf: csrfField(ctx, request, reply),
        notice,
      }),
    });
  };
  const toLogin = (reply: FastifyReply) => reply.code(303).header('location', '/login?next=%2Faccount%2Femail').send();

  app.get('/account/email', async (request, reply) => (request.user ? page(request, reply, null) : toLogin(reply)));

  app.post<{ Body: Record<string, unknown> }>('/account/email/digest', async (request, reply) => {
    if (!request.user) return toLogin(reply);
    const body = request.body ?? {};
    try {
      const saved = await chooseDigest(ctx, request.user.id, String(body.email ?? ''), String(body.frequency ?? ''));
      return page(request, reply, { kind: 'ok', text: saved.frequency === 'off' ? 'Digests are off.' : `A ${saved.frequency} digest will go to ${saved.email}.` });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 400) throw error;
      reply.code(400);
      return page(request, reply, { kind: 'error', text: (error as Error).message });
    }
  });

  // The unsubscribe link works without logging in: the signed token names the reader.
  const tokenParams = { type: 'object', properties: { token: { type: 'string', maxLength: 80 } }, required: ['token'] } as const;
  const tokenUser = async (token: string) => verifyUnsubscribeToken(await siteSecret(ctx.db, UNSUBSCRIBE_SECRET), token);
  app.get<{ Params: { token: string } }>('/unsubscribe/:token', { schema: { params: tokenParams, hide: true } }, async (request, reply) => {
    const valid = (await tokenUser(request.params.token)) !== null;
    reply.code(valid ? 200 : 400).type('text/html; charset=utf-8');
    return layout({ title: 'Unsubscribe', userName: request.user?.username ?? null, body: unsubscribeBody({ valid, done: false, csrf: csrfField(ctx, request, reply), token: request.params.token }) });
  });
  app.post<{ Params: { token: string } }>(
    '/unsubscribe/:token',
    {
      schema: {
        summary: 'Stop digests (the link in every digest; one-click per RFC 8058)',
        tags: ['email'],
        params: tokenParams,
      },
    },
    async (request, reply) => {
      const userId = await tokenUser(request.params.token);
      if (userId !== null) await stopDigest(ctx.db, userId);
      reply.code(userId !== null ? 200 : 400).type('text/html; charset=utf-8');
      return layout({ title: 'Unsubscribe', userName: request.user?.username ?? null, body: unsubscribeBody({ valid: userId !== null, done: true, csrf: csrfField(ctx, request, reply), token: request.params.token }) });
    },
  );
}
