// Who a JSON API request is from: the signed-in browser session (request.user, set by auth.ts)
// or a personal API token sent as `Authorization: Bearer <token>`; and the routes with which a
// user manages their own tokens and Fever password.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { HttpError, notFound } from './errors.ts';
import { createApiToken, listApiTokens, revokeApiToken, setFeverPassword, userForToken } from '../store/api-tokens.ts';
import type { SessionUser } from '../store/sessions.ts';
import { guardedToken } from './login-limit.ts';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** The user behind the request, or null when it carries no credentials. A bad token is a 401. */
export async function apiUser(ctx: AppContext, request: FastifyRequest): Promise<SessionUser | null> {
  const token = bearerToken(request);
  if (token) {
    const user = await guardedToken(ctx, request, () => userForToken(ctx.db, token, ['api']));
    if (!user) throw new HttpError(401, 'unauthorized', 'the Bearer token is unknown, revoked or expired');
    return user;
  }
  if (request.headers.authorization) throw new HttpError(401, 'unauthorized', 'Authorization: expected "Bearer <token>"');
  return request.user ?? null;
}

export async function requireApiUser(ctx: AppContext, request: FastifyRequest): Promise<SessionUser> {
  const user = await apiUser(ctx, request);
  if (!user) throw new HttpError(401, 'unauthorized', 'send a personal API token as "Authorization: Bearer <token>", or log in');
  return user;
}

const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

const tokenInfo = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['api', 'greader', 'fever'] },
    name: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

/** Managing one's own tokens: list, issue, revoke; and the Fever password. */
export async function registerTokenRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const security = [{ bearer: [] }];
  app.get(
    '/api/v1/tokens',
    {
      schema: { summary: 'Your API tokens and app logins', tags: ['tokens'], security, response: { 200: { type: 'object', properties: { tokens: { type: 'array', items: tokenInfo } } }, 401: errorResponse } },
    },
    async (request) => {
      const user = await requireApiUser(ctx, request);
      const tokens = await listApiTokens(ctx.db, user.id);
      return {
        tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null })),
      };
    },
  );

  app.post<{ Body: { name?: string } }>(
    '/api/v1/tokens',
    {
      schema: {
        summary: 'Issue a personal API token (shown once)',
        tags: ['tokens'],
        security,
        body: { type: 'object', additionalProperties: false, properties: { name: { type: 'string', maxLength: 100 } } },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' }, token: { type: 'string' } } }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      reply.code(201);
      return createApiToken(ctx.db, user.id, { name: request.body?.name ?? '' });
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of your tokens',
        tags: ['tokens'],
        security,
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        response: { 204: { type: 'null' }, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      if (!(await revokeApiToken(ctx.db, user.id, request.params.id))) throw notFound(`token ${request.params.id} does not exist`);
      return reply.code(204).send();
    },
  );

  app.put<{ Body: { password: string } }>(
    '/api/v1/fever-password',
    {
      schema: {
        summary: 'Set the password Fever apps log in with',
        description: 'Fever apps send md5("username:password"); the server keeps only a hash of that.',
        tags: ['tokens'],
        security,
        body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: { type: 'string', minLength: 8, maxLength: 200 } } },
        response: { 204: { type: 'null' }, 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const user = await requireApiUser(ctx, request);
      await setFeverPassword(ctx.db, user, request.body.password);
      return reply.code(204).send();
    },
  );
}
