// /api/v1/feeds and the reader's /feeds page on a real server (embedded database), subscribing
// to feeds served on 127.0.0.1; and the `dateline feeds …` / `fetch --once` commands on a data
// directory of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { Visitor } from '../web/client.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { main } from '../../src/cli/main.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { rssFeed } from './fixture-feeds.ts';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
let db: Db;
let app: FastifyInstance;
let base: string;
let feeds: FixtureServer;
let adminToken: string;
let readerToken: string;

const longBody = (topic: string) => Array.from({ length: 5 }, () => `<p>${topic} `.padEnd(900, 'word ') + '</p>').join('');

beforeAll(async () => {
  db = await openEmbeddedTestDb();
  feeds = await startFixtureServer();
  feeds.route('/site/', { body: '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/site/feed"></head><body></body></html>', headers: { 'content-type': 'text/html' } });
  feeds.route('/site/feed', {
    body: rssFeed('API Gazette', [{ guid: 'g1', title: 'Hello', link: feeds.url('/site/1'), content: longBody('hello') }]),
    headers: { 'content-type': 'application/rss+xml' },
  });
  const admin = await createUser(db, { username: 'editor1', password: 'correct horse battery', role: 'admin' }, FAST_SCRYPT);
  const reader = await createUser(db, { username: 'reader1', password: 'correct horse battery' }, FAST_SCRYPT);
  adminToken = (await createApiToken(db, admin.id, { name: 't' })).token;
  readerToken = (await createApiToken(db, reader.id, { name: 't' })).token;
  app = await buildServer(makeContext(db, loadSettings({ DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1' })));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app?.close();
  await feeds?.close();
  await db?.close();
});

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(base + path, {
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
  });

describe('/api/v1/feeds', () => {
  it('lets an admin subscribe by page address, lists it, and removes it', async () => {
    const created = await api('/api/v1/feeds', { method: 'POST', token: adminToken, body: JSON.stringify({ url: feeds.url('/site/'), category: 'News' }) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { feed: { id: number; url: string; title: string; status: string; category: string }; discoveredFrom: string };
    expect(body.feed.url).toBe(feeds.url('/site/feed'));
    expect(body.feed.title).toBe('API Gazette');
    expect(body.feed.status).toBe('new');
    expect(body.feed.category).toBe('News');
    expect(body.discoveredFrom).toBe(feeds.url('/site/'));

    const again = await api('/api/v1/feeds', { method: 'POST', token: adminToken, body: JSON.stringify({ url: feeds.url('/site/feed') }) });
    expect(again.status).toBe(200);

    expect((await api('/api/v1/feeds/export.opml')).status).toBe(401);
    const opml = await api('/api/v1/feeds/export.opml', { token: readerToken });
    expect(opml.headers.get('content-type')).toMatch(/opml/);
    expect(await opml.text()).toMatch(/<outline text="News">\s*<outline[^>]+xmlUrl="http:\/\/127\.0\.0\.1:\d+\/site\/feed"/);

    const list = (await (await api('/api/v1/feeds', { token: readerToken })).json()) as { feeds: { id: number }[]; health: { total: number } };
    expect(list.feeds.map((f) => f.id)).toContain(body.feed.id);
    expect(list.health.total).toBe(list.feeds.length);
    expect((await api(`/api/v1/feeds/${body.feed.id}`)).status).toBe(401);
    expect((await api(`/api/v1/feeds/${body.feed.id}`, { token: readerToken })).status).toBe(200);

    expect((await api(`/api/v1/feeds/${body.feed.id}`, { method: 'DELETE', token: adminToken })).status).toBe(204);
    expect((await api(`/api/v1/feeds/${body.feed.id}`, { method: 'DELETE', token: adminToken })).status).toBe(404);
    expect((await api(`/api/v1/feeds/${body.feed.id}`, { token: readerToken })).status).toBe(404);
  });

  it('refuses readers and anonymous callers, and says why a subscription failed', async () => {
    const anonymous = await api('/api/v1/feeds', { method: 'POST', body: JSON.stringify({ url: feeds.url('/site/') }) });
    expect(anonymous.status).toBe(401);
    const reader = await api('/api/v1/feeds', { method: 'POST', token: readerToken, body: JSON.stringify({ url: feeds.url('/site/') }) });
    expect(reader.status).toBe(403);
    const dead = await api('/api/v1/feeds', { method: 'POST', token: adminToken, body: JSON.stringify({ url: feeds.url('/missing') }) });
    expect(dead.status).toBe(400);
    expect(((await dead.json()) as { error: { message: string } }).error.message).toMatch(/HTTP 404/);
    // The server's own address guard: a metadata address is never fetched.
    const metadata = await api('/api/v1/feeds', { method: 'POST', token: adminToken, body: JSON.stringify({ url: 'http://169.254.169.254/latest/' }) });
    expect(metadata.status).toBe(400);
    expect(((await metadata.json()) as { error: { message: string } }).error.message).toMatch(/refused to connect/);
    const missingUrl = await api('/api/v1/feeds', { method: 'POST', token: adminToken, body: JSON.stringify({}) });
    expect(missingUrl.status).toBe(400);
  });

  it('shows subscriptions and their health on the /feeds page, escaped', async () => {
    const { feed } = await addFeed(db, { url: feeds.url('/broken-<b>'), title: 'Broken <script>alert(1)</script> Feed' });
    await db.query(`UPDATE feeds SET consecutive_failures = 12, flagged_at = now(), last_error = 'HTTP 500 <oops>' WHERE id = $1`, [feed.id]);
    expect((await fetch(base + '/feeds', { headers: { accept: 'text/html' }, redirect: 'manual' })).status).toBe(303);
    const visitor = new Visitor(base);
    await visitor.request('/login', { form: { username: 'reader1', password: 'correct horse battery', _csrf: await visitor.csrfFrom('/login') } });
    const response = await visitor.request('/feeds');
    expect(response.status).toBe(200);
    const page = response.text;
    expect(page).toContain('Broken &lt;script&gt;alert(1)&lt;/script&gt; Feed');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('flagged');
    expect(page).toContain('12 failures in a row');
    expect(page).toContain('HTTP 500 &lt;oops&gt;');
    expect(page).toMatch(/1 flagged/);
    // A reader, not an admin: no subscribe form.
    expect(page).not.toContain('action="/feeds"');
  });

  it('counts poll times from the wall clock, also under a fixed DATELINE_NOW (no "next check in 11527.8 h")', async () => {
    const fixed = await buildServer(makeContext(db, loadSettings({ DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1', DATELINE_NOW: '2025-08-12T09:00:00Z' })));
    try {
      await fixed.listen({ host: '127.0.0.1', port: 0 });
      const address = fixed.server.address();
      const fixedBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const { feed } = await addFeed(db, { url: feeds.url('/quarter-hour'), title: 'Quarter Hour Feed', nextCheckAt: new Date(Date.now() + 15 * 60_000), intervalSeconds: 900 });
      const visitor = new Visitor(fixedBase);
      await visitor.request('/login', { form: { username: 'reader1', password: 'correct horse battery', _csrf: await visitor.csrfFrom('/login') } });
      const page = (await visitor.request('/feeds')).text;
      const row = page.slice(page.indexOf('Quarter Hour Feed'), page.indexOf('</tr>', page.indexOf('Quarter Hour Feed')));
      expect(row).toMatch(/in 1[45](\.\d)? min/);
      expect(row).not.toMatch(/\d+(\.\d)? h\b/);
      await db.query('DELETE FROM feeds WHERE id = $1', [feed.id]);
    } finally {
      await fixed.close();
    }
  });
});

describe('dateline feeds / fetch commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-feeds-cli-'));
  copyMigratedTemplate(dataDir);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const write = (target: 'out' | 'err') => (chunk: string | Uint8Array) => {
      if (target === 'out') out += String(chunk);
      else err += String(chunk);
      return true;
    };
    const original = { out: process.stdout.write, err: process.stderr.write, env: process.env.DATELINE_ALLOW_PRIVATE_ADDRESSES };
    process.stdout.write = write('out') as typeof process.stdout.write;
    process.stderr.write = write('err') as typeof process.stderr.write;
    process.env.DATELINE_ALLOW_PRIVATE_ADDRESSES = '127.0.0.1';
    try {
      const code = await main(['--data', dataDir, ...args]);
      return { code, out, err };
    } finally {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
      if (original.env === undefined) delete process.env.DATELINE_ALLOW_PRIVATE_ADDRESSES;
      else process.env.DATELINE_ALLOW_PRIVATE_ADDRESSES = original.env;
    }
  }

  it('adds, lists, fetches, exports, imports and removes', async () => {
    const added = await run('feeds', 'add', feeds.url('/site/'), '--category', 'Local');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(/Subscribed to feed \d+: API Gazette/);

    const fetched = await run('fetch', '--once');
    expect(fetched.code, fetched.err).toBe(0);
    expect(fetched.out).toMatch(/polled 1 feeds \(0 failed\): 1 new articles/);

    const listed = await run('feeds', 'list');
    expect(listed.out).toMatch(/ok\s+API Gazette/);
    expect(listed.out).toMatch(/next check \d{4}-/);
    const json = JSON.parse((await run('feeds', 'list', '--json')).out) as { status: string; entryCount: number }[];
    expect(json[0]).toMatchObject({ status: 'ok', entryCount: 1 });

    const opmlFile = join(dataDir, 'subs.opml');
    expect((await run('feeds', 'export', '--output', opmlFile)).code).toBe(0);
    const exported = readFileSync(opmlFile, 'utf8');
    expect(exported).toContain('<outline text="Local">');
    expect(exported).toContain(feeds.url('/site/feed'));

    writeFileSync(join(dataDir, 'more.opml'), `<opml version="2.0"><body><outline text="Tech"><outline text="B" xmlUrl="${feeds.url('/b.rss')}"/></outline><outline text="bad" xmlUrl="mailto:x"/></body></opml>`);
    const imported = await run('feeds', 'import', join(dataDir, 'more.opml'));
    expect(imported.out).toMatch(/1 feeds added, 0 already subscribed, 1 skipped/);
    expect(imported.err).toMatch(/mailto:x/);
    expect(imported.err).toMatch(/1 outline\(s\) skipped/);
    expect(imported.code).toBe(1);

    const removed = await run('feeds', 'remove', feeds.url('/b.rss'));
    expect(removed.code, removed.err).toBe(0);
    const missing = await run('feeds', 'remove', '9999');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no feed "9999"/);
    const badFile = await run('feeds', 'import', join(dataDir, 'nope.opml'));
    expect(badFile.err).toMatch(/nope\.opml: cannot read it/);
  });
});
