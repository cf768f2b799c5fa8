// Who a JSON API request is from: the signed-in browser session (request.user, set by auth.ts)
// or a personal API token sent as `Authorization: Bearer <token>`.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import { HttpError } from './errors.ts';
import { userForToken } from '../store/api-tokens.ts';
import type { SessionUser } from '../store/sessions.ts';

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
    const user = await userForToken(ctx.db, token, ['api']);
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
