// Polling feeds end to end on the embedded database, against feeds and pages served on
// 127.0.0.1: subscription by page address, summary-only entries whose pages are fetched and
// extracted, the 304 flow, entries that change, malformed and hostile feeds, compressed and
// EUC-KR feeds, one article shared by two feeds, failures backing off and getting flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { loadSettings, type Settings } from '../../src/config.ts';
import { createFetcher, type Fetcher } from '../../src/fetch/client.ts';
import { runWorker } from '../../src/worker.ts';
import { subscribe, SubscribeError } from '../../src/feeds/subscribe.ts';
import { addFeed, findFeedByUrl, getFeed, type FeedRecord } from '../../src/store/feeds.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { startFixtureServer, type FixtureServer } from './fixture-server.ts';
import { articlePage, rssFeed, type FixtureEntry } from './fixture-feeds.ts';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/feeds/${name}`, import.meta.url)));

let db: Db;
let server: FixtureServer;
let fetcher: Fetcher;
let settings: Settings;

beforeAll(async () => {
  db = await openEmbeddedTestDb();
  server = await startFixtureServer();
  settings = loadSettings({ DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1', DATELINE_FEED_FLAG_AFTER: '3' });
  fetcher = createFetcher({ allowPrivateAddresses: ['127.0.0.1'], headersTimeoutMs: 500, bodyTimeoutMs: 500, timeoutMs: 4000 });
});
afterAll(async () => {
  await fetcher?.close();
  await server?.close();
  await db?.close();
});

/** Polls every due feed once, in this process. */
const pollDue = () => runWorker({ db, settings, once: true, fetcher });

/** Makes a feed due now, as if its interval had passed. */
const makeDue = (feedId: number) => db.query(`UPDATE feeds SET next_check_at = now() - interval '1 second' WHERE id = $1`, [feedId]);

async function articlesOf(feedId: number) {
  return db.query<{ guid: string; article_id: number; title: string; text: string; problem: string | null; published_at: Date | null; time_basis: string; byline: string | null; source: string | null }>(
    `SELECT e.guid, e.article_id, a.title, a.text, e.problem, a.published_at, a.time_basis, a.byline, s.name AS source
       FROM feed_entries e JOIN articles a ON a.id = e.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE e.feed_id = $1 ORDER BY e.guid`,
    [feedId],
  );
}

const longText = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Paragraph ${i + 1} about ${topic}: the harbour authority said on Tuesday that the work would continue through the spring, with crews on site every weekday and a review of costs due before the summer recess of the council.</p>`,
  ).join('');

describe('polling feeds', () => {
  it('subscribes by a page address through discovery, and stores full-text entries without fetching their pages', async () => {
    const entries: FixtureEntry[] = [
      { guid: 'full-1', title: 'Sea wall vote', link: server.url('/full/1'), content: longText('the sea wall'), pubDate: 'Tue, 04 Mar 2025 09:30:00 GMT', author: 'Mira Holt' },
      { guid: 'full-2', title: 'Ferry times', link: server.url('/full/2'), content: longText('the ferry'), pubDate: 'Wed, 05 Mar 2025 09:30:00 GMT' },
    ];
    server.route('/full/', { body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Full" href="/full/rss"></head><body>Home</body></html>', headers: { 'content-type': 'text/html' } });
    server.route('/full/rss', { body: rssFeed('Full Text Times', entries), headers: { 'content-type': 'application/rss+xml' } });
    const sub = await subscribe(db, fetcher, server.url('/full/'));
    expect(sub.created).toBe(true);
    expect(sub.discoveredFrom).toBe(server.url('/full/'));
    expect(sub.feed.url).toBe(server.url('/full/rss'));
    expect(sub.feed.title).toBe('Full Text Times');
    expect((await subscribe(db, fetcher, server.url('/full/rss'))).created).toBe(false);

    const summary = await pollDue();
    expect(summary.newArticles).toBe(2);
    const stored = await articlesOf(sub.feed.id);
    expect(stored.map((a) => a.title)).toEqual(['Sea wall vote', 'Ferry times']);
    expect(stored[0]!.text).toMatch(/^Paragraph 1 about the sea wall/);
    expect(stored[0]!.published_at?.toISOString()).toBe('2025-03-04T09:30:00.000Z');
    expect(stored[0]!.time_basis).toBe('feed');
    expect(stored[0]!.byline).toBe('Mira Holt');
    expect(stored[0]!.source).toBe('Full Text Times');
    expect(server.hits('/full/1') + server.hits('/full/2')).toBe(0);
    const feed = (await getFeed(db, sub.feed.id))!;
    expect(feed.entryCount).toBe(2);
    expect(feed.lastError).toBeNull();
    expect(feed.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 250 * 1000);
  });

  it('refuses to subscribe to a page with no feed, naming the reason', async () => {
    server.route('/nofeed/', { body: '<!doctype html><html><head><title>x</title></head><body>no feeds</body></html>', headers: { 'content-type': 'text/html' } });
    await expect(subscribe(db, fetcher, server.url('/nofeed/'))).rejects.toThrow(SubscribeError);
    await expect(subscribe(db, fetcher, server.url('/nofeed/'))).rejects.toThrow(/announces no feed/);
    await expect(subscribe(db, fetcher, 'gopher://x')).rejects.toThrow(/only http and https/);
  });

  it('fetches and extracts the page of an entry that carries only a summary; a dead page leaves the summary', async () => {
    server.route('/pages/a.html', { body: articlePage('Bridge inspection finds cracks', 'hairline cracks in two piers'), headers: { 'content-type': 'text/html; charset=utf-8' } });
    server.route('/pages/gone.html', { status: 404 });
    server.route('/summary/rss', {
      body: rssFeed('Summary Post', [
        { guid: 's-1', title: 'Bridge inspection finds cracks', link: server.url('/pages/a.html'), description: 'Cracks found.' },
        { guid: 's-2', title: 'Dead link story', link: server.url('/pages/gone.html'), description: 'Only this summary survives.' },
      ]),
    });
    const { feed } = await addFeed(db, { url: server.url('/summary/rss') });
    await pollDue();
    const stored = await articlesOf(feed.id);
    expect(stored).toHaveLength(2);
    expect(stored[0]!.text).toMatch(/hairline cracks in two piers/);
    expect(stored[0]!.text.length).toBeGreaterThan(600);
    expect(stored[0]!.problem).toBeNull();
    expect(stored[1]!.text).toBe('Only this summary survives.');
    expect(stored[1]!.problem).toMatch(/HTTP 404/);
    expect(server.hits('/pages/a.html')).toBe(1);

    // The dead page comes back: the next poll fetches it and the summary becomes the article.
    server.route('/pages/gone.html', { body: articlePage('Dead link story', 'a page that came back'), headers: { 'content-type': 'text/html' } });
    await makeDue(feed.id);
    const again = await pollDue();
    expect(again.updatedArticles).toBe(1);
    const healed = (await articlesOf(feed.id))[1]!;
    expect(healed.article_id).toBe(stored[1]!.article_id);
    expect(healed.text).toMatch(/a page that came back/);
    expect(healed.problem).toBeNull();
    expect(server.hits('/pages/a.html')).toBe(1);
  });

  it("stores a feed's entries in the feed's order, however their pages' fetches finish", async () => {
    // The first entry's page is the slowest, the last the fastest: fetched four at once, they
    // arrive in reverse, and the articles are still stored (ids given, stories decided) in feed order.
    const delays = [400, 300, 200, 100, 0];
    delays.forEach((delayMs, i) => {
      server.route(`/ordered/${i}.html`, { body: articlePage(`Ordered report ${i}`, `the ${i}th of five reports about the lock gates`), headers: { 'content-type': 'text/html' }, delayMs });
    });
    server.route('/ordered/rss', {
      body: rssFeed(
        'Ordered Post',
        delays.map((_, i) => ({ guid: `o-${i}`, title: `Ordered report ${i}`, link: server.url(`/ordered/${i}.html`), description: 'Summary only.' })),
      ),
    });
    const { feed } = await addFeed(db, { url: server.url('/ordered/rss') });
    expect((await pollDue()).newArticles).toBe(5);
    const stored = await db.query<{ guid: string }>('SELECT e.guid FROM feed_entries e WHERE e.feed_id = $1 ORDER BY e.article_id', [feed.id]);
    expect(stored.map((row) => row.guid)).toEqual(['o-0', 'o-1', 'o-2', 'o-3', 'o-4']);
    for (let i = 0; i < delays.length; i++) expect(server.hits(`/ordered/${i}.html`)).toBe(1);
  });

  it('sends its validators back and treats 304 as "nothing new"', async () => {
    const version = 'v1';
    const body = rssFeed('Conditional Courier', [{ guid: 'c-1', title: 'One', link: server.url('/cond/1'), content: longText('one') }]);
    server.route('/cond/rss', (req, res) => {
      if (req.headers['if-none-match'] === `"${version}"`) return void res.writeHead(304).end();
      res.writeHead(200, { etag: `"${version}"`, 'content-type': 'application/rss+xml' }).end(body);
    });
    const { feed } = await addFeed(db, { url: server.url('/cond/rss') });
    await pollDue();
    const afterFirst = (await getFeed(db, feed.id))!;
    expect(afterFirst.etag).toBe('"v1"');
    await makeDue(feed.id);
    const results: string[] = [];
    await runWorker({ db, settings, once: true, fetcher, onPoll: (r) => results.push(r.status) });
    expect(results).toEqual(['not-modified']);
    const last = server.requests.filter((r) => r.path === '/cond/rss').at(-1)!;
    expect(last.headers['if-none-match']).toBe('"v1"');
    const after304 = (await getFeed(db, feed.id))!;
    expect(after304.lastStatus).toBe(304);
    // Nothing changed: the feed is polled less often than before.
    expect(after304.intervalSeconds).toBeGreaterThan(afterFirst.intervalSeconds);
    expect(await articlesOf(feed.id)).toHaveLength(1);
  });

  it('updates the article of an entry that changed, adds new ones, and stores nothing twice', async () => {
    let entries: FixtureEntry[] = [
      { guid: 'ch-1', title: 'Storm warning', link: server.url('/change/1'), content: longText('the storm') },
      { guid: 'ch-2', title: 'Market day', link: server.url('/change/2'), content: longText('the market') },
    ];
    server.route('/change/rss', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Changing Chronicle', entries)));
    const { feed } = await addFeed(db, { url: server.url('/change/rss') });
    await pollDue();
    const before = await articlesOf(feed.id);
    expect(before).toHaveLength(2);

    entries = [{ ...entries[0]!, title: 'Storm warning upgraded', content: longText('the upgraded storm') }, entries[1]!, { guid: 'ch-3', title: 'Harbour closes', link: server.url('/change/3'), content: longText('the closure') }];
    await makeDue(feed.id);
    const second = await pollDue();
    expect(second.newArticles).toBe(1);
    expect(second.updatedArticles).toBe(1);
    const after = await articlesOf(feed.id);
    expect(after).toHaveLength(3);
    const storm = after.find((a) => a.guid === 'ch-1')!;
    expect(storm.article_id).toBe(before.find((a) => a.guid === 'ch-1')!.article_id);
    expect(storm.title).toBe('Storm warning upgraded');
    expect(storm.text).toMatch(/upgraded storm/);

    await makeDue(feed.id);
    const third = await pollDue();
    expect(third.newArticles + third.updatedArticles).toBe(0);
    const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM articles WHERE title IN ('Storm warning', 'Storm warning upgraded', 'Market day', 'Harbour closes')`);
    expect(count[0]!.n).toBe(3);
  });

  it('stores an article two feeds share once, and fetches its page once', async () => {
    server.route('/shared/story.html', { body: articlePage('Shared story of the week', 'a story both feeds carry'), headers: { 'content-type': 'text/html' } });
    const entry = { guid: 'shared', title: 'Shared story of the week', link: server.url('/shared/story.html'), description: 'Both feeds.' };
    server.route('/shared/a.rss', { body: rssFeed('Feed A', [entry]) });
    server.route('/shared/b.rss', { body: rssFeed('Feed B', [{ ...entry, guid: 'other-guid' }]) });
    const a = (await addFeed(db, { url: server.url('/shared/a.rss') })).feed;
    await pollDue();
    const b = (await addFeed(db, { url: server.url('/shared/b.rss') })).feed;
    await pollDue();
    const [fromA] = await articlesOf(a.id);
    const [fromB] = await articlesOf(b.id);
    expect(fromA!.article_id).toBe(fromB!.article_id);
    expect(server.hits('/shared/story.html')).toBe(1);
  });

  it('matches entries to articles stored before, by canonical URL and by content hash', async () => {
    const base = {
      html: null,
      sourceName: 'Imported Source',
      byline: null,
      publishedAt: null,
      timeBasis: 'unknown' as const,
      publishedText: null,
      language: 'en',
      excerpt: null,
      imageUrl: null,
      role: 'main' as const,
    };
    const byUrl = await saveArticle(db, { ...base, title: 'Imported by address', text: 'Text of an imported page.', url: 'https://imported.example/a', canonicalUrl: 'https://imported.example/a' }, null);
    const body = longText('an imported wire story');
    const { document } = await import('linkedom').then((m) => m.parseHTML(`<html><body>${body}</body></html>`));
    const { blockParagraphs } = await import('../../src/extract/html-text.ts');
    const byHash = await saveArticle(db, { ...base, title: 'Wire copy', text: blockParagraphs(document.body as unknown as Node).join('\n\n'), url: null, canonicalUrl: null }, null);
    server.route('/match/rss', {
      body: rssFeed('Matcher', [
        // The page's host is unreachable: a fetch would fail, so a stored article must be found first.
        { guid: 'mu', title: 'Imported by address', link: 'https://imported.example/a', description: 'Short.' },
        { guid: 'mh', title: 'Wire copy', link: server.url('/match/copy'), content: body },
      ]),
    });
    const { feed } = await addFeed(db, { url: server.url('/match/rss') });
    const summary = await pollDue();
    expect(summary.newArticles).toBe(0);
    const stored = await articlesOf(feed.id);
    expect(stored.find((a) => a.guid === 'mu')!.article_id).toBe(byUrl.id);
    expect(stored.find((a) => a.guid === 'mh')!.article_id).toBe(byHash.id);
  });

  it('keeps the good entries of a malformed feed and records its problems', async () => {
    server.route('/broken/rss', { body: fixture('broken-entries.xml'), headers: { 'content-type': 'application/rss+xml' } });
    for (const path of ['/one', '/three', '/four']) server.route(`/broken${path}`, { status: 404 });
    const body = fixture('broken-entries.xml').toString('utf8').replaceAll('https://shaky.example', server.url('/broken'));
    server.route('/broken/rss', { body, headers: { 'content-type': 'application/rss+xml' } });
    const { feed } = await addFeed(db, { url: server.url('/broken/rss') });
    const problems: string[] = [];
    await runWorker({ db, settings, once: true, fetcher, onPoll: (r) => problems.push(...r.problems) });
    expect((await articlesOf(feed.id)).map((a) => a.guid)).toEqual(['shaky-1', 'shaky-3', 'shaky-4', 'shaky-5']);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/cut off/), expect.stringMatching(/entry 2: no title/)]));
    expect((await getFeed(db, feed.id))!.lastError).toBeNull();
  });

  it('refuses an XML bomb, backs off exponentially, and flags the feed after repeated failures', async () => {
    server.route('/bomb/rss', { body: fixture('billion-laughs.xml'), headers: { 'content-type': 'application/rss+xml' } });
    const { feed } = await addFeed(db, { url: server.url('/bomb/rss') });
    const delays: number[] = [];
    let state: FeedRecord = feed;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await makeDue(feed.id);
      await pollDue();
      state = (await getFeed(db, feed.id))!;
      delays.push(Math.round((state.nextCheckAt.getTime() - state.lastCheckedAt!.getTime()) / 1000));
      expect(state.consecutiveFailures).toBe(attempt);
      expect(state.lastError).toMatch(/declares XML entities/);
      expect(state.lastError).toContain(server.url('/bomb/rss'));
      expect(state.flaggedAt === null).toBe(attempt < 3);
    }
    expect(delays).toEqual([300, 600, 1200]);
    expect(await articlesOf(feed.id)).toHaveLength(0);
  });

  it('reads a gzip-compressed EUC-KR feed', async () => {
    server.route('/kr/rss', { body: gzipSync(fixture('euc-kr.xml')), headers: { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' } });
    // The entry's page is not served: its summary is what gets stored.
    const { feed } = await addFeed(db, { url: server.url('/kr/rss') });
    await pollDue();
    const [entry] = await articlesOf(feed.id);
    expect(entry!.title).toBe('부산항 물동량 사상 최대');
    expect(entry!.text).toContain('컨테이너 물동량');
    expect(entry!.source).toBe('항구 일보');
    expect(entry!.published_at?.toISOString()).toBe('2025-03-06T00:00:00.000Z');
  });

  it('waits as long as a 429 Retry-After asks, and follows a feed that moved permanently', async () => {
    server.route('/busy/rss', { status: 429, headers: { 'retry-after': '7200' } });
    const busy = (await addFeed(db, { url: server.url('/busy/rss') })).feed;
    server.route('/moved/rss', { status: 301, headers: { location: '/moved/new.rss' } });
    server.route('/moved/new.rss', { body: rssFeed('Moved Mercury', [{ guid: 'm-1', title: 'Moved', link: server.url('/moved/1'), content: longText('moving') }]) });
    const moved = (await addFeed(db, { url: server.url('/moved/rss') })).feed;
    await pollDue();
    const waited = (await getFeed(db, busy.id))!;
    expect(waited.lastStatus).toBe(429);
    expect(Math.round((waited.nextCheckAt.getTime() - waited.lastCheckedAt!.getTime()) / 1000)).toBe(7200);
    expect(waited.lastError).toMatch(/HTTP 429 \(retry after 7200 s\)/);
    const followed = (await getFeed(db, moved.id))!;
    expect(followed.url).toBe(server.url('/moved/new.rss'));
    expect(followed.entryCount).toBe(1);
  });

  it('runs in the server process in embedded mode (a serve job)', async () => {
    server.route('/hook/rss', { body: rssFeed('Hook Herald', [{ guid: 'h-1', title: 'Hooked', link: server.url('/hook/1'), content: longText('hooks') }]) });
    const { feed } = await addFeed(db, { url: server.url('/hook/rss') });
    const { startServeJobs } = await import('../../src/shell/jobs.ts');
    const stop = await startServeJobs({ db, settings, now: () => new Date() });
    try {
      const started = Date.now();
      while (!(await getFeed(db, feed.id))!.lastSuccessAt) {
        if (Date.now() - started > 20_000) throw new Error('the serve job did not poll the due feed within 20 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await stop();
    }
    expect((await articlesOf(feed.id)).map((a) => a.title)).toEqual(['Hooked']);
  });

  it("records a timeout as the feed's error", async () => {
    server.route('/slow/rss', () => undefined);
    const { feed } = await addFeed(db, { url: server.url('/slow/rss') });
    await pollDue();
    const state = (await findFeedByUrl(db, feed.url))!;
    expect(state.consecutiveFailures).toBe(1);
    expect(state.lastError).toMatch(/timed out/);
  });
});
