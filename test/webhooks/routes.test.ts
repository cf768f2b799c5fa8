// The webhooks API and page over a real HTTP server on both engines: add (with bad input as a
// 400 naming the field, a loopback target refused unless allowed), list, read the log, switch
// back on, delete; the reader's /webhooks page; and the import pipeline making a delivery owed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser, setUserRole } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { createWatch } from '../../src/store/watches.ts';
import { ingestPages } from '../../src/pipeline.ts';
import { listDeliveries } from '../../src/store/webhooks.ts';
import { Visitor } from '../web/client.ts';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

for (const engine of await testEngines()) {
  describe(`webhooks API on the ${engine.name} engine`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let token: string;
    let otherToken: string;
    let adminToken: string;
    let watchId: number;
    const call = async (method: string, path: string, body?: unknown, bearer = token) => {
      const response = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
    };

    beforeAll(async () => {
      db = await engine.open();
      const user = await createUser(db, { username: 'hookowner', password: 'correct horse battery' }, FAST_SCRYPT);
      const other = await createUser(db, { username: 'stranger', password: 'correct horse battery' }, FAST_SCRYPT);
      const admin = await createUser(db, { username: 'boss', password: 'correct horse battery' }, FAST_SCRYPT);
      await setUserRole(db, 'boss', 'admin');
      token = (await createApiToken(db, user.id)).token;
      otherToken = (await createApiToken(db, other.id)).token;
      adminToken = (await createApiToken(db, admin.id)).token;
      watchId = (await createWatch(db, user.id, { query: 'harbour' })).id;
      ({ app, base } = await listeningServer(db, { DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.2' }));
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('answers bad input with a 400 naming the field', async () => {
      const cases: [unknown, RegExp][] = [
        [{ url: 'http://127.0.0.1:9/x', events: ['story.new'] }, /url: 127\.0\.0\.1 is a loopback address/],
        [{ url: 'http://10.1.2.3/x', events: ['story.new'] }, /url: 10\.1\.2\.3 is a private address/],
        [{ url: 'gopher://x.example/', events: ['story.new'] }, /url: expected an http/],
        [{ url: 'https://x.example/', events: ['story.gone'] }, /events: "story.gone" is not an event/],
        [{ url: 'https://x.example/', events: [] }, /events/],
        [{ url: 'https://x.example/', events: ['story.sources'], minSources: 1 }, /minSources/],
        [{ url: 'https://x.example/', events: ['watch.match'], watchId: 999999 }, /watchId: saved search 999999 is not one of yours/],
        [{ url: 'https://x.example/', events: ['story.new'], colour: 'red' }, /colour|additional/],
        [{ events: ['story.new'] }, /url/],
      ];
      for (const [body, message] of cases) {
        const { status, body: answer } = await call('POST', '/api/v1/webhooks', body);
        expect(status, JSON.stringify(body)).toBe(400);
        expect(answer.error.message).toMatch(message);
      }
      expect((await call('POST', '/api/v1/webhooks', { url: 'https://x.example/', events: ['watch.match'], watchId }, otherToken)).status).toBe(400);
      expect((await call('GET', '/api/v1/webhooks', undefined, 'dla_nonsense')).status).toBe(401);
      expect((await call('GET', '/api/v1/webhooks/abc')).status).toBe(400);
    });

    it('adds, lists, reads, switches on and deletes; others cannot see it, admins can', async () => {
      const created = await call('POST', '/api/v1/webhooks', { name: 'harbour news', url: 'http://127.0.0.2:9/in', events: ['watch.match', 'story.sources'], minSources: 4, watchId });
      expect(created.status).toBe(201);
      const hook = created.body.webhook;
      expect(hook).toMatchObject({ name: 'harbour news', url: 'http://127.0.0.2:9/in', events: ['watch.match', 'story.sources'], minSources: 4, watchId, enabled: true });
      expect(hook.secret).toMatch(/^whsec_/);
      expect((await call('GET', '/api/v1/webhooks')).body.webhooks.map((w: { id: number }) => w.id)).toEqual([hook.id]);
      expect((await call('GET', '/api/v1/webhooks', undefined, otherToken)).body.webhooks).toEqual([]);
      expect((await call('GET', `/api/v1/webhooks/${hook.id}`, undefined, otherToken)).status).toBe(404);
      expect((await call('GET', '/api/v1/webhooks?all=true', undefined, adminToken)).body.webhooks.map((w: { id: number }) => w.id)).toContain(hook.id);
      const one = await call('GET', `/api/v1/webhooks/${hook.id}`);
      expect(one.status).toBe(200);
      expect(one.body.deliveries).toEqual([]);
      expect((await call('POST', `/api/v1/webhooks/${hook.id}/enable`)).body.webhook.enabled).toBe(true);

      const storyHook = (await call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.2:9/stories', events: ['story.new'] })).body.webhook;
      // The import pipeline owes it a delivery when an article matches the saved search.
      const page =
        '<!doctype html><html><head><title>Harbour cranes idle as strike spreads</title><meta property="og:site_name" content="Coastal Ledger"></head>' +
        '<body><article><h1>Harbour cranes idle as strike spreads</h1><p>Dock workers at the harbour walked out on Monday, leaving cranes idle and ships waiting offshore for a third day.</p>' +
        '<p>The union said the harbour strike would continue until talks resume.</p></article></body></html>';
      const [result] = await ingestPages(db, [{ location: 'harbour.html', bytes: new TextEncoder().encode(page), modifiedAt: new Date('2026-02-01T00:00:00Z') }], { asOf: null, maxPageBytes: 1 << 20 });
      expect(result!.status).toBe('imported');
      const log = await call('GET', `/api/v1/webhooks/${hook.id}`);
      expect(log.body.deliveries).toHaveLength(1);
      expect(log.body.deliveries[0]).toMatchObject({ event: 'watch.match', status: 'pending', attempts: 0, subject: `watch:${watchId}:article:${result!.articleIds[0]}` });
      expect(await listDeliveries(db, hook.id)).toHaveLength(1);
      // The story engine put the article in a story of its own: a new story.
      const [storyRow] = await db.query<{ story_id: number }>('SELECT story_id FROM story_articles WHERE article_id = $1', [result!.articleIds[0]]);
      expect((await listDeliveries(db, storyHook.id)).map((d) => `${d.event} ${d.subject}`)).toEqual([`story.new story:${storyRow!.story_id}`]);

      expect((await call('DELETE', `/api/v1/webhooks/${hook.id}`, undefined, otherToken)).status).toBe(404);
      expect((await call('DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(204);
      expect((await call('GET', `/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    });

    it('serves the reader page: add through the form, see the log, bad input shown on the page', async () => {
      const visitor = new Visitor(base);
      expect((await visitor.request('/webhooks')).status).toBe(303);
      await visitor.login('hookowner', 'correct horse battery');
      const csrf = await visitor.csrfFrom('/webhooks');
      const bad = await visitor.request('/webhooks', { form: { _csrf: csrf, url: 'http://127.0.0.1:1/', events: 'story.new' } });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('url: 127.0.0.1 is a loopback address');
      const added = await visitor.request('/webhooks', { form: { _csrf: csrf, name: 'from the form', url: 'http://127.0.0.2:9/form', events: 'story.new', minSources: '', watchId: '' } });
      expect(added.status).toBe(303);
      const home = await visitor.request('/');
      expect(home.text).toContain('<a href="/webhooks">Webhooks</a>');
      expect(home.text).not.toContain('/admin/sources');
      const page = await visitor.request('/webhooks');
      expect(page.status).toBe(200);
      expect(page.text).toContain('from the form');
      expect(page.text).toContain('Delivery log');
      expect(page.text).toContain('http://127.0.0.2:9/form');
      const docs = (await fetch(base + '/api/v1/openapi.json').then((r) => r.json())) as any;
      expect(docs.paths['/api/v1/webhooks'].post.summary).toBe('Add a webhook');
      expect(docs.paths['/api/v1/webhooks/{id}'].get.summary).toBe('One webhook and its delivery log');
    });
  });
}
