import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { tokenHash } from '../../src/store/sessions.ts';
import { Visitor } from '../web/client.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { extractedArticle } from '../helpers/article.ts';
import { LIMITS } from '../../src/server/rate-limit.ts';
import { awayFromWindowEdge } from '../helpers/rate-window.ts';

describe('accounts over HTTP', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    app = await buildServer(makeContext(db, loadSettings({})));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('signs up with a CSRF token, gets an HttpOnly SameSite=Lax session, and knows who it is', async () => {
    const visitor = new Visitor(base);
    const response = await visitor.signup('reader.one', 'a fine long password');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.setCookies.find((c) => c.startsWith('dateline_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http on 127.0.0.1
    const me = JSON.parse((await visitor.request('/api/v1/session', { headers: { accept: 'application/json' } })).text);
    expect(me.user).toMatchObject({ username: 'reader.one', role: 'reader' });
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);
    // Only the token's hash is stored.
    const token = visitor.cookies.get('dateline_session')!;
    const rows = await db.query<{ id: string }>('SELECT id FROM sessions');
    expect(rows.map((r) => r.id)).toContain(tokenHash(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
    const home = await visitor.request('/');
    expect(home.text).toContain('reader.one');
  });

  it('marks the cookie Secure when a proxy says the request came over https', async () => {
    const visitor = new Visitor(base);
    const token = await visitor.csrfFrom('/signup');
    const response = await visitor.request('/signup', {
      form: { username: 'behind.proxy', password: 'a fine long password', _csrf: token },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.status).toBe(303);
    expect(response.setCookies.find((c) => c.startsWith('dateline_session='))).toMatch(/Secure/);
  });

  it('refuses a login or sign-up form without its CSRF token', async () => {
    const visitor = new Visitor(base);
    await visitor.request('/login'); // gets the pre-session cookie
    const forged = await visitor.request('/login', { form: { username: 'reader.one', password: 'a fine long password' } });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('expired or was sent from another site');
    const wrong = await visitor.request('/signup', { form: { username: 'someone', password: 'a fine long password', _csrf: 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
  });

  it('requires the session token on a signed-in post, and a same-origin Origin', async () => {
    const visitor = new Visitor(base);
    expect((await visitor.login('reader.one', 'a fine long password')).status).toBe(303);
    expect((await visitor.request('/logout', { form: {} })).status).toBe(403);
    const token = await visitor.csrfFrom('/logout');
    expect((await visitor.request('/logout', { form: { _csrf: token }, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const out = await visitor.request('/logout', { form: { _csrf: token } });
    expect(out.status).toBe(303);
    expect(visitor.cookies.has('dateline_session')).toBe(false);
    const me = JSON.parse((await visitor.request('/api/v1/session', { headers: { accept: 'application/json' } })).text);
    expect(me.user).toBeNull();
  });

  it('says wrong username or password without telling which, and keeps the name typed', async () => {
    const visitor = new Visitor(base);
    const wrong = await visitor.login('reader.one', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Wrong username or password.');
    expect(wrong.text).toContain('value="reader.one"');
    const unknown = await visitor.login('no.such.person', 'not the password');
    expect(unknown.text).toContain('Wrong username or password.');
  });

  it('explains a bad or taken name on sign-up', async () => {
    const visitor = new Visitor(base);
    const taken = await visitor.signup('READER.ONE', 'a fine long password');
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('is already taken');
    const short = await visitor.signup('shortpw', 'tiny');
    expect(short.status).toBe(400);
    expect(short.text).toContain('at least 10 characters');
  });

  it('rate-limits login attempts for one account with a clear message and Retry-After', async () => {
    await awayFromWindowEdge(LIMITS.loginByNameAndAddress.windowMs);
    await createUser(db, { username: 'target', password: 'the real password' }, { N: 1024, r: 8, p: 1 });
    const visitor = new Visitor(base);
    const token = await visitor.csrfFrom('/login');
    let last: Awaited<ReturnType<typeof visitor.request>> | undefined;
    for (let i = 0; i < 11; i++) {
      last = await visitor.request('/login', { form: { username: 'target', password: `guess number ${i}`, _csrf: token } });
    }
    expect(last!.status).toBe(429);
    expect(last!.text).toContain('Too many login attempts for this account from this address: at most 10 per 15 minutes');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits out the window.
    const right = await visitor.request('/login', { form: { username: 'target', password: 'the real password', _csrf: token } });
    expect(right.status).toBe(429);
  });

  it('only redirects to paths on this site after login', async () => {
    await createUser(db, { username: 'traveller', password: 'the real password' }, { N: 1024, r: 8, p: 1 });
    const visitor = new Visitor(base);
    const token = await visitor.csrfFrom('/login?next=//evil.example/');
    const response = await visitor.request('/login', { form: { username: 'traveller', password: 'the real password', _csrf: token, next: '//evil.example/' } });
    expect(response.headers.get('location')).toBe('/');
    const visitor2 = new Visitor(base);
    const token2 = await visitor2.csrfFrom('/login');
    const ok = await visitor2.request('/login', { form: { username: 'traveller', password: 'the real password', _csrf: token2, next: '/articles/1' } });
    expect(ok.headers.get('location')).toBe('/articles/1');
  });

  it('honours DATELINE_SIGNUPS=closed and DATELINE_COOKIE_SECURE=always', async () => {
    const closed = await buildServer(makeContext(db, loadSettings({ DATELINE_SIGNUPS: 'closed', DATELINE_COOKIE_SECURE: 'always' })));
    await closed.listen({ host: '127.0.0.1', port: 0 });
    try {
      const visitor = new Visitor(`http://127.0.0.1:${(closed.server.address() as { port: number }).port}`);
      const page = await visitor.request('/signup');
      expect(page.status).toBe(403);
      expect(page.text).toContain('dateline users create');
      const login = await visitor.request('/login');
      expect(login.text).not.toContain('href="/signup"> ');
      expect(login.setCookies.find((c) => c.startsWith('dateline_csrf='))).toMatch(/Secure/);
      const signedIn = await visitor.login('reader.one', 'a fine long password');
      expect(signedIn.setCookies.find((c) => c.startsWith('dateline_session='))).toMatch(/Secure/);
    } finally {
      await closed.close();
    }
  });

  it('stars and unstars articles for the signed-in reader only', async () => {
    const { id } = await saveArticle(db, extractedArticle({ title: 'Lighthouse keepers return', text: 'The lighthouse is staffed again.', sourceName: 'Cape Bulletin', publishedAt: new Date('2026-11-02T00:00:00Z') }), null);
    const anonymous = new Visitor(base);
    expect((await anonymous.request(`/api/v1/me/stars/${id}`, { method: 'PUT', headers: { accept: 'application/json' } })).status).toBe(401);
    const visitor = new Visitor(base);
    await visitor.login('reader.one', 'a fine long password');
    const token = JSON.parse((await visitor.request('/api/v1/session', { headers: { accept: 'application/json' } })).text).csrfToken;
    expect((await visitor.request(`/api/v1/me/stars/${id}`, { method: 'PUT', headers: { accept: 'application/json' } })).status).toBe(403);
    expect((await visitor.request(`/api/v1/me/stars/${id}`, { method: 'PUT', headers: { accept: 'application/json', 'x-csrf-token': token } })).status).toBe(200);
    expect((await visitor.request('/api/v1/me/stars/999999', { method: 'PUT', headers: { accept: 'application/json', 'x-csrf-token': token } })).status).toBe(404);
    expect(JSON.parse((await visitor.request('/api/v1/me/stars', { headers: { accept: 'application/json' } })).text).articleIds).toEqual([id]);
    const starred = await visitor.request('/starred');
    expect(starred.text).toContain('Lighthouse keepers return');
    const article = await visitor.request(`/articles/${id}`);
    expect(article.text).toContain('aria-pressed="true">Unstar</button>');
    const [state] = await db.query<{ read_at: Date | null }>("SELECT r.read_at FROM reader_states r JOIN users u ON u.id = r.user_id WHERE u.username = 'reader.one' AND r.article_id = $1", [id]);
    expect(state!.read_at).not.toBeNull();
    // The no-JavaScript form does the same.
    const unstar = await visitor.request(`/stars/${id}`, { form: { starred: '0', _csrf: token } });
    expect(unstar.status).toBe(303);
    expect((await visitor.request('/starred')).text).toContain('Nothing starred yet');
  });

  it('lets an admin change a role, which signs that user out', async () => {
    await createUser(db, { username: 'the.admin', password: 'admin password ok', role: 'admin' }, { N: 1024, r: 8, p: 1 });
    const promoted = await createUser(db, { username: 'promoted', password: 'promote me please', role: 'reader' }, { N: 1024, r: 8, p: 1 });
    const user = new Visitor(base);
    await user.login('promoted', 'promote me please');
    expect((await user.request('/admin/users')).status).toBe(403);
    const admin = new Visitor(base);
    await admin.login('the.admin', 'admin password ok');
    const token = await admin.csrfFrom('/admin/users');
    const changed = await admin.request(`/admin/users/${promoted.id}/role`, { form: { role: 'moderator', _csrf: token } });
    expect(changed.status).toBe(303);
    expect((await admin.request(changed.headers.get('location')!)).text).toContain('Role changed for promoted');
    const [row] = await db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [promoted.id]);
    expect(row!.role).toBe('moderator');
    const me = JSON.parse((await user.request('/api/v1/session', { headers: { accept: 'application/json' } })).text);
    expect(me.user).toBeNull();
    const bad = await admin.request(`/admin/users/${promoted.id}/role`, { form: { role: 'emperor', _csrf: token } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('role &quot;emperor&quot;: expected one of reader, moderator, admin');
  });
});
