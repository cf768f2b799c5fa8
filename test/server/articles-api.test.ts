import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { saveArticle, saveArticleLinks } from '../../src/store/articles.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { extractedArticle } from '../helpers/article.ts';

const base: ExtractedArticle = extractedArticle({
  title: 'Quay cranes idle as dockers walk out',
  text: 'Dockers at the north quay walked out on Monday.\n\nThe union said talks had failed.',
  sourceName: 'Harbour Courier',
  publishedAt: new Date('2025-08-04T09:00:00Z'),
});

describe('articles API and reader pages', () => {
  let db: Db;
  let app: FastifyInstance;
  let url: string;
  let mainId: number;
  let relatedId: number;

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    for (let i = 0; i < 25; i++) {
      await saveArticle(db, { ...base, title: `Filler ${i}`, text: `Filler body ${i}.`, sourceName: 'Valley Ledger', publishedAt: new Date(Date.UTC(2025, 6, 1, i)) }, null);
    }
    mainId = (await saveArticle(db, base, null)).id;
    relatedId = (await saveArticle(db, { ...base, title: 'Union <b>vote</b> due', text: 'A vote is due.', role: 'related' }, null)).id;
    await saveArticleLinks(db, mainId, [
      { position: 0, title: 'Union <b>vote</b> due', sourceName: 'Harbour Courier', url: null, relatedArticleId: relatedId },
      { position: 1, title: 'Evil link', sourceName: null, url: 'javascript:alert(1)', relatedArticleId: null },
    ]);
    app = await buildServer(makeContext(db, loadSettings({ DATELINE_NOW: '2025-08-04T12:00:00Z' })));
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists articles latest first with cursor pagination', async () => {
    const first = await (await fetch(`${url}/api/v1/articles?limit=10`)).json();
    expect(first.articles).toHaveLength(10);
    expect(first.articles[0].title).toBe('Union <b>vote</b> due');
    expect(first.nextCursor).toBeTypeOf('string');
    const second = await (await fetch(`${url}/api/v1/articles?limit=10&cursor=${first.nextCursor}`)).json();
    const ids = new Set([...first.articles, ...second.articles].map((a: { id: number }) => a.id));
    expect(ids.size).toBe(20);
  });

  it('filters by source and since', async () => {
    const body = await (await fetch(`${url}/api/v1/articles?source=harbour%20courier`)).json();
    expect(body.articles.map((a: { source: string }) => a.source)).toEqual(['Harbour Courier', 'Harbour Courier']);
    const since = await (await fetch(`${url}/api/v1/articles?since=2025-07-01T20:00:00Z&source=Valley%20Ledger`)).json();
    expect(since.articles).toHaveLength(5); // hours 20..24 of July 1
  });

  it('answers bad input with a 400 and one error shape', async () => {
    for (const query of ['limit=0', 'limit=abc', 'since=yesterday-ish', 'cursor=%%%', 'cursor=eyJ4IjoxfQ', 'unknown=1']) {
      const response = await fetch(`${url}/api/v1/articles?${query}`);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toBeTypeOf('string');
    }
    const missing = await fetch(`${url}/api/v1/articles/999999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toContain('999999');
  });

  it('returns one article with the links its page listed', async () => {
    const body = await (await fetch(`${url}/api/v1/articles/${mainId}`)).json();
    expect(body.article.title).toBe(base.title);
    expect(body.article.links[0]).toMatchObject({ title: 'Union <b>vote</b> due', relatedArticleId: relatedId });
  });

  it('serves an escaped home page with ages and an article page with its listed links', async () => {
    const home = await (await fetch(`${url}/`)).text();
    expect(home).toContain('Union &lt;b&gt;vote&lt;/b&gt; due');
    expect(home).not.toContain('<b>vote</b>');
    expect(home).toContain('3 hours ago');
    const page = await (await fetch(`${url}/articles/${mainId}`)).text();
    expect(page).toContain('<p>Dockers at the north quay walked out on Monday.</p>');
    expect(page).toContain(`href="/articles/${relatedId}"`);
    expect(page).not.toContain('javascript:');
    const notFound = await fetch(`${url}/articles/424242`, { headers: { accept: 'text/html' } });
    expect(notFound.status).toBe(404);
  });
});
