// The JSON API over a real HTTP server on both engines: /api/v1/search, watches with Bearer
// tokens, the OpenAPI document and its docs page, and bad input that must be a 400 (never a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { seedCorpus } from '../search/fixtures.ts';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

for (const engine of await testEngines()) {
  describe(`search API on the ${engine.name} engine`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let token: string;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const response = await fetch(base + path, { headers });
      return { status: response.status, body: (await response.json()) as any };
    };

    beforeAll(async () => {
      db = await engine.open();
      await seedCorpus(db);
      const user = await createUser(db, { username: 'reader1', password: 'correct horse battery' }, FAST_SCRYPT);
      token = (await createApiToken(db, user.id, { name: 'test' })).token;
      app = await buildServer(makeContext(db, loadSettings({})));
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address() as { port: number };
      base = `http://127.0.0.1:${address.port}`;
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('searches with filters and facets and pages with the cursor', async () => {
      const { status, body } = await get('/api/v1/search?q=tariffs&facets=source,day&limit=1&sort=time');
      expect(status).toBe(200);
      expect(body.query).toBe('tariffs');
      expect(body.total).toBe(3);
      // Counted exactly: the labels for estimates (beyond the newest 1,000 matches) say so.
      expect(body).toMatchObject({ totalIsEstimate: false, totalIsLowerBound: false, estimatedFacets: [] });
      expect(body.results).toHaveLength(1);
      expect(body.results[0]).toMatchObject({ title: 'Japan and Korea sign trade deal', source: 'Meridian Post' });
      expect(body.results[0].snippetHtml).toContain('<mark>tariffs</mark>');
      expect(body.facets.source.map((f: { label: string }) => f.label).sort()).toEqual(['Capital Wire', 'Coastal Ledger', 'Meridian Post']);
      const next = await get(`/api/v1/search?q=tariffs&limit=1&sort=time&cursor=${body.nextCursor}`);
      expect(next.body.results[0].title).toBe('Port strike enters third week');
      const filtered = await get('/api/v1/search?q=tariffs&source=Capital%20Wire&source=Coastal%20Ledger&from=2025-08-02');
      expect(filtered.body.results.map((r: { title: string }) => r.title)).toEqual(['Port strike enters third week']);
      const cjk = await get(`/api/v1/search?q=${encodeURIComponent('철강 관세')}&language=ko`);
      expect(cjk.body.results).toHaveLength(1);
    });

    it('answers bad input with a 400 naming the parameter', async () => {
      const cases: [string, RegExp][] = [
        ['/api/v1/search', /q/],
        ['/api/v1/search?q=', /q: empty/],
        ['/api/v1/search?q=%22unclosed', /q: unclosed quote/],
        ['/api/v1/search?q=a%20OR', /q: OR needs/],
        ['/api/v1/search?q=-steel', /q: only excluded words/],
        ['/api/v1/search?q=(steel', /q: unclosed parenthesis/],
        ['/api/v1/search?q=steel&limit=100000', /limit/],
        ['/api/v1/search?q=steel&limit=-1', /limit/],
        ['/api/v1/search?q=steel&limit=ten', /limit/],
        ['/api/v1/search?q=steel&colour=red', /unknown parameter "colour"/],
        ['/api/v1/search?q=steel&cursor=bm90IGEgY3Vyc29y', /cursor: not a cursor/],
        ['/api/v1/search?q=steel&cursor=%00%01', /cursor/],
        ['/api/v1/search?q=steel&sort=popularity', /sort/],
        ['/api/v1/search?q=steel&facets=colour', /facets: unknown facet/],
        ['/api/v1/search?q=steel&from=yesterday', /from: expected a date/],
        ['/api/v1/search?q=steel&from=2025-02-30', /from: .*not a real date/],
        ['/api/v1/search?q=steel&from=2025-08-03&to=2025-08-01', /to: must be after from/],
        ['/api/v1/search?q=steel&story=abc', /story/],
        [`/api/v1/search?q=${'x'.repeat(600)}`, /q/],
        [`/api/v1/search?q=${Array.from({ length: 40 }, (_, i) => 'w' + i).join('+')}`, /q: more than 32/],
      ];
      for (const [path, message] of cases) {
        const { status, body } = await get(path);
        expect({ path, status }).toEqual({ path, status: 400 });
        expect(body.error.code).toBe('bad_request');
        expect(body.error.message).toMatch(message);
      }
      // A cursor issued for one sort order is refused for the other.
      const page = await get('/api/v1/search?q=tariffs&limit=1');
      const wrong = await get(`/api/v1/search?q=tariffs&limit=1&sort=time&cursor=${page.body.nextCursor}`);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toMatch(/cursor: was issued for a search sorted by relevance/);
    });

    it('keeps SQL in every parameter harmless', async () => {
      const attacks = ["'; DROP TABLE articles; --", "1' OR '1'='1", '1); DELETE FROM users; --', "\\'; SELECT pg_sleep(5); --", '$1::text'];
      for (const attack of attacks) {
        const value = encodeURIComponent(attack);
        for (const param of ['q', 'source', 'from', 'to', 'language', 'entity', 'story', 'sort', 'limit', 'cursor', 'facets']) {
          const path = param === 'q' ? `/api/v1/search?q=${value}` : `/api/v1/search?q=steel&${param}=${value}`;
          const { status } = await get(path);
          expect({ path, status: status === 200 || status === 400 ? 'ok' : status }).toEqual({ path, status: 'ok' });
        }
      }
      const rows = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM articles)::int + (SELECT count(*) FROM users)::int AS n');
      expect(rows[0]!.n).toBe(9);
    });

    it('keeps watches per user behind a Bearer token, with feeds', async () => {
      const auth = { authorization: `Bearer ${token}` };
      expect((await get('/api/v1/watches')).status).toBe(401);
      expect((await get('/api/v1/watches', { authorization: 'Bearer nope' })).status).toBe(401);
      const created = await fetch(`${base}/api/v1/watches`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ q: 'tariff AND Korea AND NOT cars', name: 'Korea tariffs' }),
      });
      expect(created.status).toBe(201);
      const { watch } = (await created.json()) as any;
      expect(watch.feeds.atom).toMatch(/^\/feed\/watches\/[\w-]+\.atom$/);
      const bad = await fetch(`${base}/api/v1/watches`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ q: 'tariff AND' }),
      });
      expect(bad.status).toBe(400);
      const list = await get('/api/v1/watches', auth);
      expect(list.body.watches.map((w: { name: string }) => w.name)).toEqual(['Korea tariffs']);
      const run = await get(`/api/v1/watches/${watch.id}`, auth);
      expect(run.body.results.map((r: { title: string }) => r.title)).toEqual(['Seoul weighs response to new steel tariffs']);
      const gone = await fetch(`${base}/api/v1/watches/${watch.id}`, { method: 'DELETE', headers: auth });
      expect(gone.status).toBe(204);
      expect((await get(`/api/v1/watches/${watch.id}`, auth)).status).toBe(404);
    });

    it('lets a user issue, list and revoke tokens and set the Fever password', async () => {
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const issued = await fetch(`${base}/api/v1/tokens`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'phone' }) });
      expect(issued.status).toBe(201);
      const fresh = (await issued.json()) as { id: number; token: string };
      const listed = await get('/api/v1/tokens', { authorization: `Bearer ${fresh.token}` });
      expect(listed.body.tokens.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['test', 'phone']));
      expect((await fetch(`${base}/api/v1/tokens/${fresh.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
      expect((await get('/api/v1/tokens', { authorization: `Bearer ${fresh.token}` })).status).toBe(401);
      const short = await fetch(`${base}/api/v1/fever-password`, { method: 'PUT', headers: auth, body: JSON.stringify({ password: 'short' }) });
      expect(short.status).toBe(400);
      const set = await fetch(`${base}/api/v1/fever-password`, { method: 'PUT', headers: auth, body: JSON.stringify({ password: 'fever password' }) });
      expect(set.status).toBe(204);
      const fever = await fetch(`${base}/fever/?api`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `api_key=${createHash('md5').update('reader1:fever password').digest('hex')}`,
      });
      expect(((await fever.json()) as { auth: number }).auth).toBe(1);
    });

    it('describes the API in OpenAPI 3.1 from the validating schemas, with a docs page', async () => {
      const { status, body } = await get('/api/v1/openapi.json');
      expect(status).toBe(200);
      expect(body.openapi).toBe('3.1.0');
      const search = body.paths['/api/v1/search'].get;
      const names = search.parameters.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['q', 'source', 'from', 'to', 'language', 'entity', 'story', 'sort', 'limit', 'cursor', 'facets']));
      expect(search.parameters.find((p: { name: string }) => p.name === 'limit').schema.maximum).toBe(100);
      expect(body.paths['/search']).toBeUndefined();
      const docs = await fetch(`${base}/api/v1/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('GET /api/v1/search');
    });

    it('serves the reader search page with highlights, facets and bad input shown', async () => {
      const page = await fetch(`${base}/search?q=picket`, { headers: { accept: 'text/html' } });
      const text = await page.text();
      expect(page.status).toBe(200);
      expect(text).toContain('<mark>picket</mark>');
      expect(text).toContain('Coastal Ledger');
      const bad = await fetch(`${base}/search?q=%22open`, { headers: { accept: 'text/html' } });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('unclosed quote');
      const xss = await fetch(`${base}/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
      expect(await xss.text()).not.toContain('<script>alert(1)</script>');
    });
  });
}
