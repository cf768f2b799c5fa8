// The stories API, related articles and the reader's story pages, over real HTTP on 127.0.0.1
// against a store the post-ingest steps filled (embedded engine; the store half runs on both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle, saveArticleLinks } from '../../src/store/articles.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { runStoryStep } from '../../src/pipeline/stories.ts';
import { DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { followUp, unrelated, wire, wireCopy, article } from './fixtures.ts';

describe('stories over HTTP', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  const ids: Record<string, number> = {};
  const get = async (path: string, accept = 'application/json') => {
    const response = await fetch(base + path, { headers: { accept } });
    return { status: response.status, body: accept.includes('html') ? await response.text() : await response.json() };
  };

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    const sideStory = article({
      title: 'Kelvingrove marathon to close harbour road on Sunday',
      text: 'The Kelvingrove city marathon will close the harbour road for most of Sunday, organisers said, with runners passing the port gates twice. About 4,000 runners have entered, a record for the race, and buses will be diverted from early morning.',
      sourceName: 'Ardmore Herald',
      publishedAt: new Date('2025-08-03T09:00:00Z'),
      role: 'related',
    });
    for (const [name, a] of Object.entries({ wire, wireCopy, followUp, unrelated, sideStory })) ids[name] = (await saveArticle(db, a, null)).id;
    await saveArticleLinks(db, ids.followUp!, [{ position: 0, title: sideStory.title, sourceName: 'Ardmore Herald', url: null, relatedArticleId: ids.sideStory! }]);
    await runDedupStep(db, Object.values(ids));
    // This world's clock (the server's too): the side story, a day old, has not gone quiet yet.
    await runStoryStep(db, Object.values(ids), DEFAULT_CLUSTER, new Date('2025-08-04T12:00:00Z'));
    app = await buildServer(makeContext(db, loadSettings({ DATELINE_NOW: '2025-08-04T12:00:00Z' })));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists stories with a cursor', async () => {
    const first = await get('/api/v1/stories?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.stories).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(`/api/v1/stories?limit=10&cursor=${first.body.nextCursor}`);
    const all = [...first.body.stories, ...second.body.stories];
    expect(new Set(all.map((s: { id: number }) => s.id)).size).toBe(all.length);
    const harbour = all.find((s: { headline: string }) => /toll/i.test(s.headline));
    expect(harbour).toMatchObject({ articleCount: 2, sourceCount: 3 });
    expect((await get('/api/v1/stories?cursor=nonsense')).status).toBe(400);
    expect((await get('/api/v1/stories?limit=0')).status).toBe(400);
  });

  it('shows one story with its articles, sources and copies folded', async () => {
    const list = await get('/api/v1/stories?limit=10');
    const harbour = list.body.stories.find((s: { headline: string }) => /toll/i.test(s.headline));
    const { status, body } = await get(`/api/v1/stories/${harbour.id}`);
    expect(status).toBe(200);
    expect(body.story.articles.map((a: { id: number }) => a.id)).toEqual([ids.wire, ids.followUp]);
    expect(body.story.articles[0].alsoPublishedBy).toEqual([expect.objectContaining({ id: ids.wireCopy, source: 'Harbour Gazette' })]);
    expect(body.story.sources).toHaveLength(3);
    expect(body.story.firstSeenAt).toBe('2025-08-01T08:00:00.000Z');
    expect((await get('/api/v1/stories/999999')).status).toBe(404);
  });

  it('gives related articles: the story first, then similar ones and its page listings', async () => {
    const { status, body } = await get(`/api/v1/articles/${ids.followUp}/related`);
    expect(status).toBe(200);
    expect(body.story.articleCount).toBe(2);
    expect(body.related[0]).toMatchObject({ id: ids.wire, reason: 'story' });
    expect(body.related[0].alsoPublishedBy[0].id).toBe(ids.wireCopy);
    const related = body.related.map((r: { id: number }) => r.id);
    expect(related).toContain(ids.sideStory);
    expect(related).not.toContain(ids.wireCopy); // folded into its original
    expect(related).not.toContain(ids.followUp);
    const copy = await get(`/api/v1/articles/${ids.wireCopy}/related`);
    expect(copy.body.article.duplicateOf).toBe(ids.wire);
    expect(copy.body.alsoPublishedBy).toEqual([expect.objectContaining({ id: ids.wire, source: 'Meridian Wire', original: true })]);
    expect((await get('/api/v1/articles/999999/related')).status).toBe(404);
  });

  it('renders the story list, a story page, top stories on home and panels on the article page', async () => {
    const home = await get('/', 'text/html');
    expect(home.body).toContain('Top stories');
    expect(home.body).toMatch(/3 sources/);
    const stories = await get('/stories', 'text/html');
    expect(stories.status).toBe(200);
    expect(stories.body).toContain('Valdora orchestra names new principal conductor');
    const list = await get('/api/v1/stories?limit=10');
    const harbour = list.body.stories.find((s: { headline: string }) => /toll/i.test(s.headline));
    const page = await get(`/stories/${harbour.id}`, 'text/html');
    expect(page.body).toContain('Coverage by source');
    expect(page.body).toMatch(/Also published by <a href="\/articles\/\d+">Harbour Gazette<\/a>/);
    const articlePage = await get(`/articles/${ids.wire}`, 'text/html');
    expect(articlePage.body).toContain('Related articles');
    expect(articlePage.body).toMatch(/also-published">Also published by <a href="\/articles\/\d+">Harbour Gazette/);
    expect((await get('/stories/abc', 'text/html')).status).toBe(404);
  });
});
