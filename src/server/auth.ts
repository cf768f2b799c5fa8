// Who is asking: the session cookie plugin. Every request gets `request.user`
// ({ id, username, role } or null) and `request.session` from the `dateline_session` cookie,
// looked up in the sessions table. Cookies are HttpOnly, SameSite=Lax and Secure when the
// request came over https (directly, or through a proxy that says so in X-Forwarded-Proto);
// DATELINE_COOKIE_SECURE=always|never overrides that guess. Also the CSRF check for every
// state-changing request a session makes (csrf.ts), and the helpers routes use to require a
// signed-in user or a role.
import cookie from '@fastify/cookie';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import type { Settings } from '../config.ts';
import { createSession, deleteSession, findSession, type Session, type SessionUser } from '../store/sessions.ts';
import { csrfPreHandler } from './csrf.ts';
import { HttpError } from './errors.ts';
import type { UserRole } from '../model/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. */
    user: SessionUser | null;
    /** The browser session the cookie named, or null. */
    session: Session | null;
  }
}

export const SESSION_COOKIE = 'dateline_session';

export interface AccountSettings {
  /** 'auto': Secure when the request came over https; 'always' / 'never' force it. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Trust X-Forwarded-For from the proxy in front (for rate limits by address). */
  trustProxy: boolean;
  sessionDays: number;
  /** 'closed' hides sign-up: accounts are made with `dateline users create`. */
  signups: 'open' | 'closed';
}

/** The account settings (DATELINE_COOKIE_SECURE, _TRUST_PROXY, _SESSION_DAYS, _SIGNUPS in config.ts). */
export function accountSettings(settings: Settings): AccountSettings {
  // Defaults too for settings objects built by hand (tests) without these keys.
  return {
    cookieSecure: settings.cookieSecure ?? 'auto',
    trustProxy: settings.trustProxy ?? false,
    sessionDays: settings.sessionDays ?? 30,
    signups: settings.signups ?? 'open',
  };
}

export const sessionLifetimeMs = (ctx: AppContext) => accountSettings(ctx.settings).sessionDays * 24 * 60 * 60 * 1000;

/** Whether the browser reached us over https (directly or via a proxy saying so). */
export function cameOverHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  // Trusting this header is harmless: a client lying about it only gets a Secure cookie its
  // browser will not send back over http.
  const forwarded = request.headers['x-forwarded-proto'];
  return typeof forwarded === 'string' && forwarded.split(',')[0]!.trim().toLowerCase() === 'https';
}

export function cookieOptions(ctx: AppContext, request: FastifyRequest): CookieSerializeOptions {
  const mode = accountSettings(ctx.settings).cookieSecure;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: mode === 'always' || (mode === 'auto' && cameOverHttps(request)),
  };
}

/** The client's address, for rate limits: the proxy's view when DATELINE_TRUST_PROXY is on. */
export function clientAddress(ctx: AppContext, request: FastifyRequest): string {
  if (accountSettings(ctx.settings).trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    // The last entry is the one our proxy added; earlier ones the client could have written.
    const last = typeof forwarded === 'string' ? forwarded.split(',').pop()?.trim() : undefined;
    if (last) return last;
  }
  return request.ip;
}

// Security clocks (session expiry) use the real time: DATELINE_NOW fixes only what readers see.
const realNow = () => new Date();

export async function registerAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    request.user = null;
    request.session = null;
    // Static files never depend on who asks; spare them the lookup.
    if (/^\/(assets|icons)\/|^\/(sw\.js|manifest\.webmanifest)$/.test(request.url)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(ctx.db, token, realNow(), sessionLifetimeMs(ctx));
    if (!session) return;
    request.session = session;
    request.user = session.user;
  });
  app.addHook('preHandler', csrfPreHandler);
}

/** Opens a session for `user` and sets its cookie (a new id: no session fixation). */
export async function signIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, user: SessionUser): Promise<Session> {
  if (request.session) await deleteSession(ctx.db, request.session.id);
  const { token, session } = await createSession(ctx.db, user, {
    now: realNow(),
    lifetimeMs: sessionLifetimeMs(ctx),
    userAgent: request.headers['user-agent'] ?? null,
  });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(ctx, request), maxAge: Math.floor(sessionLifetimeMs(ctx) / 1000) });
  request.session = session;
  request.user = session.user;
  return session;
}

export async function signOut(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) await deleteSession(ctx.db, request.session.id);
  reply.clearCookie(SESSION_COOKIE, { ...cookieOptions(ctx, request) });
  request.session = null;
  request.user = null;
}

export const notSignedIn = () => new HttpError(401, 'unauthorized', 'log in first');

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw notSignedIn();
  return request.user;
}

const RANK: Record<UserRole, number> = { reader: 0, moderator: 1, admin: 2 };

/** True when the user holds `role` or a higher one (admins moderate too). */
export const hasRole = (user: SessionUser | null, role: UserRole) => !!user && RANK[user.role] >= RANK[role];

export function requireRole(request: FastifyRequest, role: UserRole): SessionUser {
  const user = requireUser(request);
  if (!hasRole(user, role)) throw new HttpError(403, 'forbidden', `only a ${role} can do this`);
  return user;
}
