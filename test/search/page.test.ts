// The reader's /search page in a real server, as a browser uses it: results with highlights,
// facet links that narrow the search, the next page, and "save as watch" for a signed-in reader
// (form post with the session's CSRF token) leading to the watch's feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { Visitor } from '../web/client.ts';
import { seedCorpus } from './fixtures.ts';

const PASSWORD = 'a fine long password';

describe('the search page', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    await seedCorpus(db);
    await createUser(db, { username: 'reader1', password: PASSWORD }, { N: 1024, r: 8, p: 1 });
    app = await buildServer(makeContext(db, loadSettings({ DATELINE_NOW: '2025-08-04T00:00:00Z' })));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('shows highlighted results, facet links and the next page', async () => {
    const visitor = new Visitor(base);
    const page = await visitor.request('/search?q=tariffs&limit=2');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<mark>tariffs</mark>');
    expect(page.text).toMatch(/3 matches/);
    expect(page.text).toContain('href="/search?q=tariffs&amp;limit=2&amp;source=Capital+Wire"');
    const next = /rel="next" href="([^"]+)"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    const second = await visitor.request(next);
    expect(second.status).toBe(200);
    const ids = (html: string) => [...html.matchAll(/<h3><a href="\/articles\/(\d+)"/g)].map((m) => m[1]);
    expect(ids(page.text)).toHaveLength(2);
    expect(ids(second.text)).toHaveLength(1);
    expect(ids(page.text)).not.toContain(ids(second.text)[0]);
    const cjk = await visitor.request(`/search?q=${encodeURIComponent('钢铁')}`);
    expect(cjk.text).toContain('<mark>钢铁</mark>');
    expect((await visitor.request('/search')).status).toBe(200);
    expect((await visitor.request('/search?q=%28tariffs')).status).toBe(400);
  });

  it('saves a search as a watch for a signed-in reader and links its feeds', async () => {
    const anonymous = await new Visitor(base).request('/search?q=tariffs');
    expect(anonymous.text).toContain('to save this search as a watch');
    const visitor = new Visitor(base);
    expect((await visitor.login('reader1', PASSWORD)).status).toBe(303);
    const token = await visitor.csrfFrom('/search?q=tariffs+-strike');
    const saved = await visitor.request('/search/watches', { form: { q: 'tariffs -strike', name: 'Tariff watch', _csrf: token } });
    expect(saved.status).toBe(303);
    const back = await visitor.request(saved.headers.get('location')!);
    expect(back.text).toContain('Saved as watch “Tariff watch”');
    const atom = /href="(\/feed\/watches\/[\w-]+\.atom)"/.exec(back.text)![1]!;
    const feed = await visitor.request(atom);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('Seoul weighs response to new steel tariffs');
    expect(feed.text).not.toContain('Port strike enters third week');
    // Without the session's token the post is refused.
    expect((await visitor.request('/search/watches', { form: { q: 'tariffs' } })).status).toBe(403);
  });
});
