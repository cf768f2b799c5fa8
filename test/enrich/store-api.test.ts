// Enrichment through the store and the server: the pipeline step writes entities merged across
// articles (spellings, a lone surname), figures, quotes and events; the API and the pages read
// them back per article, entity and story; questions get cited answers or "I don't know".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines, openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { enrichArticles, enrichPending } from '../../src/pipeline/enrich.ts';
import { getArticleEnrichment, getEntityDetail, listEntities, loadStoryMaterial } from '../../src/store/enrich.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { extractedArticle } from '../helpers/article.ts';

function article(title: string, text: string, sourceName: string, publishedAt: string): ExtractedArticle {
  return extractedArticle({ title, text, sourceName, publishedAt: new Date(publishedAt), publishedText: publishedAt });
}

// Written for this test in the style of the seeds.
const FIRST = article(
  'Colby presses Seoul on defence spending',
  'US Undersecretary of Defense Elbridge Colby urged Seoul on Friday to spend more on defence. ' +
    'South Korean President Lee Jae Myung is expected in Washington later this month.\n\n' +
    '"South Korea continues to be a role model for the region," Colby said.\n\n' +
    'The 28,500 US troops stationed in South Korea will stay, officials said.',
  'Korea Herald',
  '2025-08-04T03:00:00Z',
);
const SECOND = article(
  'Lee heads to Washington for first summit',
  'President Lee Jae-myung left for Washington on Sunday for his first summit with US President Donald Trump. ' +
    'Colby repeated that allies must shoulder more of the cost, and Korea pays a 15% tariff on most goods after the deal signed on July 30.\n\n' +
    '"We will defend our interests calmly," Lee told reporters at the airport.',
  'Pacific Dispatch',
  '2025-08-24T09:00:00Z',
);

async function seed(db: Db): Promise<{ ids: number[]; storyId: number }> {
  const ids = [(await saveArticle(db, FIRST, null)).id, (await saveArticle(db, SECOND, null)).id];
  const story = await db.query<{ id: number }>(`INSERT INTO stories (headline, article_count, source_count, first_seen_at, last_seen_at) VALUES ($1, 2, 2, $2, $3) RETURNING id`, [
    'Lee and Trump prepare for summit',
    FIRST.publishedAt,
    SECOND.publishedAt,
  ]);
  for (const id of ids) await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [story[0]!.id, id]);
  return { ids, storyId: story[0]!.id };
}

for (const engine of await testEngines()) {
  describe(`enrichment in the store (${engine.name})`, () => {
    let db: Db;
    let ids: number[];
    let storyId: number;
    beforeAll(async () => {
      db = await engine.open();
      ({ ids, storyId } = await seed(db));
    });
    afterAll(async () => {
      await db?.close();
    });

    it('enriches pending articles once, and again with --all, keeping entity ids and dropping stale entities', async () => {
      const first = await enrichPending(db);
      expect(first).toMatchObject({ enriched: 2, total: 2, failed: [] });
      expect((await enrichPending(db)).total).toBe(0);
      const before = await listEntities(db, { limit: 500 });
      await db.query(`INSERT INTO entities (kind, key, name, article_count) VALUES ('person', 'person:stale', 'Stale Name', 3)`);
      expect((await enrichPending(db, { all: true })).enriched).toBe(2);
      const after = await listEntities(db, { limit: 500 });
      expect(after.map((e) => [e.id, e.key, e.articleCount]).sort()).toEqual(before.map((e) => [e.id, e.key, e.articleCount]).sort());
      expect((await db.query(`SELECT id FROM entities WHERE key = 'person:stale'`)).length).toBe(0);
    });

    it('merges one person across spellings and articles, and places a lone surname', async () => {
      const people = await listEntities(db, { kind: 'person' });
      const lee = people.filter((p) => p.name.startsWith('Lee Jae'));
      expect(lee).toHaveLength(1);
      expect(lee[0]!.articleCount).toBe(2);
      expect(lee[0]!.aliases).toEqual(expect.arrayContaining(['Lee Jae Myung', 'Lee Jae-myung']));
      const colby = people.find((p) => p.name === 'Elbridge Colby')!;
      expect(colby.articleCount).toBe(2); // "Colby" alone in the second article
      expect(colby.roles).toContain('US Undersecretary of Defense');
      const us = (await listEntities(db, { kind: 'place', q: 'united' }))[0]!;
      expect(us).toMatchObject({ code: 'US', articleCount: 2 });
      expect(us.aliases).toEqual(expect.arrayContaining(['US', 'Washington']));
    });

    it('stores figures, quotes with speakers, events and the summary of an article', async () => {
      const view = (await getArticleEnrichment(db, ids[0]!))!;
      expect(view.summary.length).toBeGreaterThan(0);
      expect(view.figures).toEqual([expect.objectContaining({ value: 28500, unit: 'troops', subject: 'US troops' })]);
      expect(view.quotes).toEqual([expect.objectContaining({ speakerName: 'Elbridge Colby' })]);
      expect(view.events.map((e) => [e.text, e.date])).toEqual([
        ['on Friday', '2025-08-01'],
        ['this month', '2025-08-01'],
      ]);
    });

    it("gives an entity's roles, co-occurring entities, stories and timeline", async () => {
      const lee = (await listEntities(db, { q: 'lee jae' }))[0]!;
      const detail = await getEntityDetail(db, lee.id);
      expect(detail.stories.map((s) => s.id)).toEqual([storyId]);
      expect(detail.cooccurring.map((c) => c.name)).toContain('Elbridge Colby');
      expect(detail.roles.map((r) => r.role)).toEqual(expect.arrayContaining(['South Korean President', 'President']));
      expect(detail.timeline.map((t) => t.date)).toEqual(['2025-08-01', '2025-08-24']);
      expect(detail.quotes.map((q) => q.text)).toEqual(['We will defend our interests calmly']);
      expect(detail.mentionsByDay.map((d) => d.day)).toEqual(['2025-08-04', '2025-08-24']);
    });

    it("loads a story with its rows, and replaces an article's rows when enriched again", async () => {
      const material = (await loadStoryMaterial(db, storyId))!;
      expect(material.refs.map((r) => r.articleId)).toEqual(ids);
      const before = material.events.length;
      await enrichArticles(db, [ids[1]!]);
      expect((await loadStoryMaterial(db, storyId))!.events.length).toBe(before);
      expect(await loadStoryMaterial(db, 999_999)).toBeNull();
    });
  });
}

describe('enrichment over HTTP', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let ids: number[];
  let storyId: number;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    ({ ids, storyId } = await seed(db));
    await enrichPending(db);
    app = await buildServer(makeContext(db, loadSettings({ DATELINE_NOW: '2025-08-25T00:00:00Z' })));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(base + path);
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  };
  const json = async (path: string) => JSON.parse((await get(path)).body);

  it('lists entities and shows one', async () => {
    const list = await json('/api/v1/entities?kind=person');
    const lee = list.entities.find((e: { name: string }) => e.name.startsWith('Lee Jae'));
    expect(lee).toMatchObject({ kind: 'person', articleCount: 2 });
    const one = await json(`/api/v1/entities/${lee.id}`);
    expect(one.entity.id).toBe(lee.id);
    expect(one.stories[0].id).toBe(storyId);
    expect((await get('/api/v1/entities?kind=planet')).status).toBe(400);
    expect((await get('/api/v1/entities/424242')).status).toBe(404);
  });

  it("serves an article's enrichment", async () => {
    const body = await json(`/api/v1/articles/${ids[1]}/enrichment`);
    expect(body.enrichment.quotes[0]).toMatchObject({ text: 'We will defend our interests calmly', speakerName: 'Lee Jae Myung' });
    expect(body.enrichment.figures[0]).toMatchObject({ value: 15, unit: 'percent' });
    expect((await get('/api/v1/articles/424242/enrichment')).status).toBe(404);
  });

  it("serves a story's summary, timeline, figures and quotes, each cited", async () => {
    const body = await json(`/api/v1/stories/${storyId}/summary`);
    expect(body.sentences.length).toBeGreaterThanOrEqual(3);
    for (const s of body.sentences) expect(ids).toContain(s.articleId);
    expect(body.written).toBeNull();
    expect(body.timeline.map((t: { date: string }) => t.date)).toEqual(['2025-07-30', '2025-08-01', '2025-08-01', '2025-08-24']);
    expect(body.quotesBySpeaker.map((g: { speaker: string }) => g.speaker)).toEqual(expect.arrayContaining(['Elbridge Colby', 'Lee Jae Myung']));
    expect((await get('/api/v1/stories/424242/summary')).status).toBe(404);
  });

  it('answers questions over a story with cited sentences, or says it does not know', async () => {
    const found = await json(`/api/v1/stories/${storyId}/ask?q=${encodeURIComponent('How many US troops are stationed in South Korea?')}`);
    expect(found.found).toBe(true);
    expect(found.sentences[0]).toMatchObject({ articleId: ids[0] });
    expect(found.sentences[0].text).toContain('28,500');
    const unknown = await json(`/api/v1/stories/${storyId}/ask?q=${encodeURIComponent('Who won the football cup final?')}`);
    expect(unknown).toMatchObject({ found: false, sentences: [] });
    expect(unknown.text).toMatch(/^I don't know/);
    const missing = await get(`/api/v1/stories/${storyId}/ask`);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).error.code).toBeDefined();
  });

  it('renders entity pages, the AI features panel, the story panels and the answer page', async () => {
    const list = await get('/entities?kind=person');
    expect(list.type).toContain('text/html');
    expect(list.body).toContain('Elbridge Colby');
    const colbyId = (await json('/api/v1/entities?q=colby')).entities[0].id;
    const page = await get(`/entities/${colbyId}`);
    expect(page.body).toContain('Roles seen');
    expect(page.body).toContain('US Undersecretary of Defense');
    expect((await get('/entities/abc')).status).toBe(404);

    const articlePage = await get(`/articles/${ids[0]}`);
    expect(articlePage.body).toContain('AI features');
    expect(articlePage.body).toContain(`href="/entities/${colbyId}"`);

    const storyPage = await get(`/stories/${storyId}`);
    expect(storyPage.body).toContain('Timeline');
    expect(storyPage.body).toContain('Quotes by speaker');
    expect(storyPage.body).toContain(`action="/stories/${storyId}/ask"`);

    const answer = await get(`/stories/${storyId}/ask?q=${encodeURIComponent('<script>alert(1)</script> troops')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).not.toContain('<script>alert(1)</script>');
    expect(answer.body).toContain('&lt;script&gt;');
  });
});
