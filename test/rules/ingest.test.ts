// Per-feed block and keep rules at ingest, end to end: a feed served on 127.0.0.1 polled by the
// worker on both engines stores only the entries its admin rules let through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { loadSettings } from '../../src/config.ts';
import { createFetcher, type Fetcher } from '../../src/fetch/client.ts';
import { runWorker } from '../../src/worker.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { createFeedRule } from '../../src/store/rules.ts';
import { startFixtureServer, type FixtureServer } from '../feeds/fixture-server.ts';
import { rssFeed, type FixtureEntry } from '../feeds/fixture-feeds.ts';

const body = (topic: string) => Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} on ${topic}: the council met on Tuesday and heard from residents, officers and the harbour board before a vote set for the spring.</p>`).join('');

for (const engine of await testEngines()) {
  describe(`feed rules at ingest on the ${engine.name} engine`, () => {
    let db: Db;
    let server: FixtureServer;
    let fetcher: Fetcher;
    beforeAll(async () => {
      db = await engine.open();
      server = await startFixtureServer();
      fetcher = createFetcher({ allowPrivateAddresses: ['127.0.0.1'], headersTimeoutMs: 1000, bodyTimeoutMs: 1000, timeoutMs: 5000 });
    });
    afterAll(async () => {
      await fetcher?.close();
      await server?.close();
      await db?.close();
    });

    it('drops blocked entries and, with keep rules, keeps only matching ones', async () => {
      const entries: FixtureEntry[] = [
        { guid: 'r1', title: 'Sea wall vote delayed', link: server.url('/r/1'), content: body('the sea wall'), pubDate: 'Tue, 04 Mar 2025 09:30:00 GMT' },
        { guid: 'r2', title: 'Partner content: cruise deals', link: server.url('/r/2'), content: body('cruises'), pubDate: 'Tue, 04 Mar 2025 10:30:00 GMT' },
        { guid: 'r3', title: 'Ferry timetable', link: server.url('/r/3'), content: body('the ferry') + '<p>This is SPONSORED content.</p>', pubDate: 'Tue, 04 Mar 2025 11:30:00 GMT' },
        { guid: 'r4', title: 'Harbour dredging starts', link: server.url('/r/4'), content: body('dredging'), pubDate: 'Tue, 04 Mar 2025 12:30:00 GMT' },
      ];
      server.route('/rules/rss', { body: rssFeed('Rules Gazette', entries), headers: { 'content-type': 'application/rss+xml' } });
      const blocked = (await addFeed(db, { url: server.url('/rules/rss') })).feed.id;
      await createFeedRule(db, blocked, { action: 'block', kind: 'regex', field: 'title', pattern: '^partner content' });
      await createFeedRule(db, blocked, { action: 'block', kind: 'word', field: 'body', pattern: 'sponsored' });
      server.route('/keep/rss', {
        body: rssFeed(
          'Keep Gazette',
          entries.map((e) => ({ ...e, guid: `k-${e.guid}`, link: `${e.link}?k` })),
        ),
        headers: { 'content-type': 'application/rss+xml' },
      });
      const kept = (await addFeed(db, { url: server.url('/keep/rss') })).feed.id;
      await createFeedRule(db, kept, { action: 'keep', kind: 'phrase', field: 'title', pattern: 'sea wall' });
      await createFeedRule(db, kept, { action: 'keep', kind: 'word', field: 'title', pattern: 'harbour' });

      await runWorker({ db, settings: loadSettings({ DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1' }), once: true, fetcher });
      const stored = async (feedId: number) => (await db.query<{ title: string }>('SELECT title FROM feed_entries WHERE feed_id = $1 ORDER BY guid', [feedId])).map((r) => r.title);
      expect(await stored(blocked)).toEqual(['Sea wall vote delayed', 'Harbour dredging starts']);
      expect(await stored(kept)).toEqual(['Sea wall vote delayed', 'Harbour dredging starts']);
    });
  });
}
