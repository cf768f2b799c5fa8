import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { saveArticle } from '../../src/store/articles.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { Visitor } from './client.ts';
import { extractedArticle } from '../helpers/article.ts';

const article = (title: string, sourceName: string, day: number): ExtractedArticle => extractedArticle({ title, text: `${title}. A paragraph of text about it.`, sourceName, publishedAt: new Date(Date.UTC(2026, 10, day, 9)) });

describe('source pages, app shell and security headers', () => {
  let db: Db;
  let app: FastifyInstance;
  let visitor: Visitor;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    await saveArticle(db, article('Ferry fares frozen', 'Coastal <Ledger>', 3), null);
    await saveArticle(db, article('Dredging starts at berth four', 'Coastal <Ledger>', 5), null);
    await saveArticle(db, article('Council backs tram line', 'Inland Post', 4), null);
    app = await buildServer(makeContext(db, loadSettings({})));
    await app.listen({ host: '127.0.0.1', port: 0 });
    visitor = new Visitor(`http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists sources and shows one with its latest articles, escaped', async () => {
    const list = await visitor.request('/sources');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Coastal &lt;Ledger&gt;');
    const id = /href="\/sources\/(\d+)">Coastal/.exec(list.text)![1];
    const page = await visitor.request(`/sources/${id}`);
    expect(page.text).toContain('<h1 id="source-heading">Coastal &lt;Ledger&gt;</h1>');
    expect(page.text.indexOf('Dredging starts at berth four')).toBeLessThan(page.text.indexOf('Ferry fares frozen'));
    expect(page.text).not.toContain('Council backs tram line');
    expect(page.text).toContain('2 articles');
    expect((await visitor.request('/sources/999999')).status).toBe(404);
    expect((await visitor.request('/sources/nope')).status).toBe(404);
    const json = JSON.parse((await visitor.request(`/api/v1/sources/${id}`, { headers: { accept: 'application/json' } })).text);
    expect(json.source).toMatchObject({ name: 'Coastal <Ledger>', articleCount: 2, lastPublishedAt: '2026-11-05T09:00:00.000Z' });
  });

  it('sends a script-only-from-self Content Security Policy with every page', async () => {
    const page = await visitor.request('/sources');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the manifest, the service worker at the root, and real PNG icons', async () => {
    const manifest = JSON.parse((await visitor.request('/manifest.webmanifest')).text);
    expect(manifest).toMatchObject({ name: 'Dateline', start_url: '/', display: 'standalone' });
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const response = await fetch(visitor.base + icon.src);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(icon.type);
      if (icon.type === 'image/png') {
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
      }
    }
    const worker = await visitor.request('/sw.js');
    expect(worker.headers.get('content-type')).toContain('javascript');
    expect(worker.headers.get('service-worker-allowed')).toBe('/');
    expect(worker.text).toContain("addEventListener('fetch'");
    const offline = await visitor.request('/offline');
    expect(offline.text).toContain('id="saved-pages"');
  });
});
