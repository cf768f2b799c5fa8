// Cross-site request forgery protection. A signed-in reader's forms carry their session's
// token (synchronizer token, kept in the sessions table); every state-changing request made
// with a session cookie must present it, as the `_csrf` form field or an X-CSRF-Token header.
// Before sign-in (the login and sign-up forms) there is no session yet: those forms carry the
// value of a random `dateline_csrf` cookie (double submit), which another site can neither read
// nor, with SameSite=Lax, send along with a cross-site post.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';
import { newToken } from '../store/sessions.ts';
import { cookieOptions } from './auth.ts';
import type { AppContext } from './context.ts';
import { html, type SafeHtml } from '../web/html.ts';

export const CSRF_COOKIE = 'dateline_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export const csrfFailed = () => new HttpError(403, 'csrf', 'this form has expired or was sent from another site: reload the page and try again');

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The token the request presented, from the form body or the header. */
export function presentedToken(request: FastifyRequest): string {
  const body = request.body as Record<string, unknown> | null | undefined;
  const fromBody = body && typeof body === 'object' && typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : '';
  const header = request.headers[CSRF_HEADER];
  return fromBody || (typeof header === 'string' ? header : '');
}

/**
 * The token this request's forms must carry: the session's when signed in, otherwise the
 * pre-session cookie's (set here when missing).
 */
export function csrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[\w-]{20,100}$/.test(existing)) return existing;
  const token = newToken();
  reply.setCookie(CSRF_COOKIE, token, { ...cookieOptions(ctx, request), maxAge: 60 * 60 * 24 });
  // Later reads in this same request see it too.
  request.cookies[CSRF_COOKIE] = token;
  return token;
}

/** The hidden form field carrying the token. */
export function csrfField(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(ctx, request, reply)}">`;
}

/** Throws 403 unless the request carries the token its session (or pre-session cookie) expects. */
export function verifyCsrf(request: FastifyRequest): void {
  const expected = request.session?.csrfToken ?? request.cookies[CSRF_COOKIE] ?? '';
  if (!sameToken(presentedToken(request), expected)) throw csrfFailed();
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The global check: any state-changing request authenticated by the session cookie must carry
 * the session's token. Requests without a session (API clients with their own credentials, the
 * login form) are left to their routes.
 */
export async function csrfPreHandler(request: FastifyRequest): Promise<void> {
  if (!UNSAFE.has(request.method) || !request.session) return;
  // A browser names the page a request came from; one from another origin is refused outright.
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    const forwardedHost = request.headers['x-forwarded-host'];
    const ownHosts = [request.headers.host, typeof forwardedHost === 'string' ? forwardedHost.split(',')[0]!.trim() : undefined];
    if (!host || !ownHosts.includes(host)) throw csrfFailed();
  }
  verifyCsrf(request);
}
