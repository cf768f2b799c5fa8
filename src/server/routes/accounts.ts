// Accounts in the reader: sign up, log in, log out, the reader's own page,
// GET /api/v1/session (who am I, and the CSRF token the client script sends with its posts),
// and stars: the `s` shortcut and the Star button on an article page, kept in reader_states
// (migration 006), the same rows the Fever and Google Reader APIs read and write (opening an
// article marks it read there too).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { accountSettings, clientAddress, requireRole, requireUser, signIn, signOut } from '../auth.ts';
import { csrfField, csrfToken, verifyCsrf } from '../csrf.ts';
import { enforce, LIMITS, RateLimitedError } from '../rate-limit.ts';
import { guardedLogin } from '../login-limit.ts';
import { AccountError, createUser, getUserById, listUsers, setUserRoleById, validateRole, verifyPassword } from '../../store/users.ts';
import { deleteExpiredSessions, deleteUserSessions } from '../../store/sessions.ts';
import { isStarred, setRead, starArticle, starredArticleIds, starredArticles } from '../../store/reader-state.ts';
import { deleteRateWindowsBefore } from '../../store/rate-limits.ts';
import { countUserComments } from '../../store/comments.ts';
import { layout } from '../../web/layout.ts';
import { accountBody, loginBody, logoutBody, signupBody, signupsClosedBody, starredBody, usersAdminBody } from '../../web/pages/accounts.ts';
import { HttpError, notFound } from '../errors.ts';
import { addPanel } from '../panels.ts';
import type { Queryable } from '../../store/db.ts';
import { html } from '../../web/html.ts';

interface AuthForm {
  username?: string;
  password?: string;
  next?: string;
  _csrf?: string;
}

/**
 * Where to go after logging in: only a path on this site. Browsers drop tabs and newlines from a
 * Location and read a backslash as a slash, so "/\t/evil.example" and "/\\evil.example" would
 * leave the site: any control character or backslash is refused, as is "//".
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  if (!next.startsWith('/') || next.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
  if (/^\/(login|signup|logout)\b/.test(next)) return null;
  return next;
}

const formSchema = {
  type: 'object',
  properties: {
    username: { type: 'string', maxLength: 200 },
    password: { type: 'string', maxLength: 4096 },
    next: { type: 'string', maxLength: 1000 },
    _csrf: { type: 'string', maxLength: 200 },
  },
} as const;

function sendPage(reply: FastifyReply, status: number, title: string, body: Parameters<typeof layout>[0]['body'], request: FastifyRequest, csrf?: string) {
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
  return layout({ title, body, userName: request.user?.username ?? null, csrfToken: csrf ?? null });
}

const HOUR = 60 * 60 * 1000;

/** Deletes expired sessions and spent rate-limit windows; what the hourly sweep runs. */
export async function sweepAccounts(db: Queryable, now: Date): Promise<{ sessions: number; rateWindows: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const rateWindows = await deleteRateWindowsBefore(db, new Date(now.getTime() - 24 * HOUR));
  return { sessions, rateWindows };
}

export async function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const signupsOpen = () => accountSettings(ctx.settings).signups === 'open';

  // Rate-limit answers on form posts are pages, with the wait in the Retry-After header too.
  const limited = (reply: FastifyReply, error: unknown): error is RateLimitedError => {
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    return error instanceof RateLimitedError;
  };

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    const body = loginBody({ csrf: csrfField(ctx, request, reply), next: safeNext(request.query.next), signupsOpen: signupsOpen() });
    return sendPage(reply, 200, 'Log in', body, request);
  });

  app.post<{ Body: AuthForm }>('/login', { schema: { body: formSchema } }, async (request, reply) => {
    // With a session the global check already compared the session's token.
    if (!request.session) verifyCsrf(request);
    const username = (request.body?.username ?? '').trim();
    const password = request.body?.password ?? '';
    const next = safeNext(request.body?.next);
    const again = (status: number, error: string) => sendPage(reply, status, 'Log in', loginBody({ csrf: csrfField(ctx, request, reply), error, username, next, signupsOpen: signupsOpen() }), request);
    if (!username || !password) return again(400, 'Enter your username and password.');
    let user: Awaited<ReturnType<typeof verifyPassword>>;
    try {
      user = await guardedLogin(ctx, request, username, () => verifyPassword(ctx.db, username, password));
    } catch (error) {
      if (limited(reply, error)) return again(429, `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
      throw error;
    }
    if (!user) return again(401, 'Wrong username or password.');
    await signIn(ctx, request, reply, { id: user.id, username: user.username, role: user.role });
    return reply
      .code(303)
      .header('location', next ?? '/')
      .send();
  });

  app.get<{ Querystring: { next?: string } }>('/signup', async (request, reply) => {
    if (!signupsOpen()) return sendPage(reply, 403, 'Sign-up is closed', signupsClosedBody(), request);
    return sendPage(reply, 200, 'Sign up', signupBody({ csrf: csrfField(ctx, request, reply), next: safeNext(request.query.next) }), request);
  });

  app.post<{ Body: AuthForm }>('/signup', { schema: { body: formSchema } }, async (request, reply) => {
    if (!request.session) verifyCsrf(request);
    if (!signupsOpen()) return sendPage(reply, 403, 'Sign-up is closed', signupsClosedBody(), request);
    const username = (request.body?.username ?? '').trim();
    const password = request.body?.password ?? '';
    const next = safeNext(request.body?.next);
    const again = (status: number, error: string) => sendPage(reply, status, 'Sign up', signupBody({ csrf: csrfField(ctx, request, reply), error, username, next }), request);
    try {
      await enforce(ctx.db, [{ key: `signup:ip:${clientAddress(ctx, request)}`, limit: LIMITS.signupByAddress }], new Date());
    } catch (error) {
      if (limited(reply, error)) return again(429, `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
      throw error;
    }
    let user: Awaited<ReturnType<typeof createUser>>;
    try {
      user = await createUser(ctx.db, { username, password, role: 'reader' });
    } catch (error) {
      if (error instanceof AccountError) return again(error.message.includes('already taken') ? 409 : 400, `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`);
      throw error;
    }
    await signIn(ctx, request, reply, { id: user.id, username: user.username, role: user.role });
    return reply
      .code(303)
      .header('location', next ?? '/')
      .send();
  });

  app.get('/logout', async (request, reply) => sendPage(reply, 200, 'Log out', logoutBody({ csrf: csrfField(ctx, request, reply), userName: request.user?.username ?? null }), request));

  app.post('/logout', async (request, reply) => {
    if (!request.session) verifyCsrf(request);
    await signOut(ctx, request, reply);
    // The reader's offline copies belong to the person who just left.
    reply.header('clear-site-data', '"cache"');
    return reply.code(303).header('location', '/').send();
  });

  app.get('/account', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Faccount').send();
    const user = await getUserById(ctx.db, request.user.id);
    if (!user) throw new HttpError(401, 'unauthorized', 'log in first');
    const commentCount = await countUserComments(ctx.db, user.id);
    return sendPage(reply, 200, 'Your account', accountBody({ user, commentCount, csrf: csrfField(ctx, request, reply) }), request);
  });

  // Admins change roles here (or with `dateline users role`); a changed user is signed out
  // everywhere, so a revoked moderator keeps no power in an open session.
  app.get<{ Querystring: { changed?: string } }>('/admin/users', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fadmin%2Fusers').send();
    const admin = requireRole(request, 'admin');
    const notice = request.query.changed ? `Role changed for ${request.query.changed.slice(0, 40)}; they were signed out.` : null;
    const body = usersAdminBody({ users: await listUsers(ctx.db), csrf: csrfField(ctx, request, reply), selfId: admin.id, notice });
    return sendPage(reply, 200, 'Accounts', body, request);
  });

  app.post<{ Params: { id: string }; Body: { role?: string } }>('/admin/users/:id/role', async (request, reply) => {
    const admin = requireRole(request, 'admin');
    const id = Number(request.params.id);
    const target = Number.isInteger(id) && id > 0 ? await getUserById(ctx.db, id) : null;
    if (!target) throw notFound(`user ${request.params.id} does not exist`);
    if (target.id === admin.id) throw new HttpError(400, 'bad_request', 'you cannot change your own role (another admin can, or `dateline users role`)');
    let role: ReturnType<typeof validateRole>;
    try {
      role = validateRole(String(request.body?.role ?? ''));
    } catch (error) {
      throw new HttpError(400, 'bad_request', (error as Error).message);
    }
    await setUserRoleById(ctx.db, target.id, role);
    await deleteUserSessions(ctx.db, target.id);
    return reply
      .code(303)
      .header('location', `/admin/users?changed=${encodeURIComponent(target.username)}`)
      .send();
  });

  app.get('/api/v1/session', { schema: { summary: 'Who is signed in, and the CSRF token their browser posts with', tags: ['accounts'] } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!request.user) return { user: null, csrfToken: null };
    requireUser(request);
    return { user: request.user, csrfToken: csrfToken(ctx, request, reply) };
  });

  // Stars.
  const articleParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  app.get('/api/v1/me/stars', { schema: { summary: 'Ids of the articles you starred, latest first', tags: ['stars'] } }, async (request, reply) => {
    const user = requireUser(request);
    reply.header('cache-control', 'no-store');
    return { articleIds: await starredArticleIds(ctx.db, user.id) };
  });
  for (const [method, starred] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route<{ Params: { id: number } }>({
      method,
      url: '/api/v1/me/stars/:id',
      schema: { summary: starred ? 'Star an article' : 'Unstar an article', tags: ['stars'], params: articleParams },
      handler: async (request) => {
        const user = requireUser(request);
        if (!(await starArticle(ctx.db, user.id, request.params.id, starred))) throw notFound(`article ${request.params.id} does not exist`);
        return { articleId: request.params.id, starred };
      },
    });
  }
  app.get('/starred', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fstarred').send();
    const articles = await starredArticles(ctx.db, request.user.id);
    return sendPage(reply, 200, 'Starred', starredBody({ articles, now: ctx.now() }), request);
  });

  // The same without JavaScript: the Star button's form.
  app.post<{ Params: { id: string }; Body: { starred?: string } }>('/stars/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id < 1) throw notFound(`article ${request.params.id} does not exist`);
    if (!request.user)
      return reply
        .code(303)
        .header('location', `/login?next=${encodeURIComponent(`/articles/${id}`)}`)
        .send();
    if (!(await starArticle(ctx.db, request.user.id, id, request.body?.starred !== '0'))) throw notFound(`article ${id} does not exist`);
    return reply.code(303).header('location', `/articles/${id}`).send();
  });
  addPanel(ctx, 'article', {
    slot: 'aside',
    order: 5,
    render: async ({ request, articleId }) => {
      if (!request.user || !request.session || !articleId) return null;
      // Opening an article in the reader marks it read, as the Fever and Google Reader apps
      // (which share reader_states) expect of a reader.
      await setRead(ctx.db, request.user.id, [articleId], true);
      const on = await isStarred(ctx.db, request.user.id, articleId);
      return html`<section class="panel star-panel" aria-label="Star" data-star-article="${articleId}">
  <form method="post" action="/stars/${articleId}" class="inline">
    <input type="hidden" name="_csrf" value="${request.session.csrfToken}">
    <input type="hidden" name="starred" value="${on ? '0' : '1'}">
    <button type="submit" aria-pressed="${on ? 'true' : 'false'}">${on ? 'Unstar' : 'Star'}</button>
  </form> <span class="meta">or press <kbd>s</kbd></span>
</section>`;
    },
  });
}
