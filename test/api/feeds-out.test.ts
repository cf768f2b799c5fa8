// Feeds out over a real server on both engines: Atom and JSON Feed of the latest stories, a
// story, a source and a watch, read back with a feed parser; OPML of the subscriptions; and the
// search filters and facets that rely on stories and entities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { createWatch } from '../../src/store/watches.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { readOpml } from '../../src/feeds/opml.ts';
import { seedCorpus } from '../search/fixtures.ts';

// feedsmith reads Atom text constructs as { type, value }.
const v = (t: unknown) => (typeof t === 'string' ? t : (t as { value?: string } | undefined)?.value);

for (const engine of await testEngines()) {
  describe(`feeds out on the ${engine.name} engine`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let ids: Map<string, number>;
    let storyId: number;
    let entityId: number;
    let watchKey: string;
    const text = async (path: string) => {
      const response = await fetch(base + path);
      return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
    };

    beforeAll(async () => {
      db = await engine.open();
      ids = await seedCorpus(db);
      const seoul = ids.get('Seoul weighs response to new steel tariffs')!;
      const deal = ids.get('Japan and Korea sign trade deal')!;
      storyId = (
        await db.query<{ id: number }>(
          `INSERT INTO stories (headline, headline_article_id, first_seen_at, last_seen_at, article_count, source_count)
         VALUES ('Korea and the steel tariffs', $1, '2025-08-01T09:00:00Z', '2025-08-03T08:30:00Z', 2, 2) RETURNING id`,
          [seoul],
        )
      )[0]!.id;
      for (const id of [seoul, deal]) await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [storyId, id]);
      entityId = (await db.query<{ id: number }>(`INSERT INTO entities (kind, key, name) VALUES ('place', 'place:KR', 'South Korea') RETURNING id`))[0]!.id;
      await db.query(`INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text) VALUES ($1, $2, 0, 11, 'South Korea')`, [entityId, seoul]);
      const user = await createUser(db, { username: 'watcher', password: 'correct horse battery' }, { N: 1024, r: 8, p: 1 });
      watchKey = (await createWatch(db, user.id, { query: 'tariffs AND NOT strike', name: 'Tariffs' })).feedKey;
      await addFeed(db, { url: 'http://127.0.0.1:9/world.xml', title: 'World desk', category: 'News/World' });
      await addFeed(db, { url: 'http://127.0.0.1:9/plain.xml', title: 'Plain' });
      app = await buildServer(makeContext(db, loadSettings({})));
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('publishes the latest stories as Atom and JSON Feed', async () => {
      const atom = await text('/feed/latest.atom');
      expect(atom.type).toContain('application/atom+xml');
      const feed = parseAtomFeed(atom.body);
      expect(v(feed.entries?.[0]?.title)).toContain('Korea and the steel tariffs');
      expect(feed.entries?.[0]?.links?.[0]?.href).toBe(`${base}/stories/${storyId}`);
      const json = parseJsonFeed(JSON.parse((await text('/feed/latest.json')).body));
      expect(json.items?.[0]?.title).toBe('Korea and the steel tariffs');
    });

    it('publishes a story, a source and a watch', async () => {
      const story = parseAtomFeed((await text(`/feed/stories/${storyId}.atom`)).body);
      expect(story.entries?.map((e) => v(e.title)).sort()).toEqual(['Japan and Korea sign trade deal', 'Seoul weighs response to new steel tariffs']);
      expect(v(story.entries?.[0]?.content)).toContain('<p>');
      const source = parseJsonFeed(JSON.parse((await text('/feed/sources/Capital%20Wire.json')).body));
      expect(source.items?.map((i) => i.title)).toEqual(['Central bank holds rates', 'Seoul weighs response to new steel tariffs']);
      const watch = parseAtomFeed((await text(`/feed/watches/${watchKey}.atom`)).body);
      expect(v(watch.title)).toContain('Tariffs');
      expect(watch.entries?.map((e) => v(e.title)).sort()).toEqual(['Japan and Korea sign trade deal', 'Seoul weighs response to new steel tariffs']);
      expect((await text('/feed/watches/not-a-real-key-at-all.atom')).status).toBe(404);
      expect((await text('/feed/stories/999999.json')).status).toBe(404);
      expect((await text('/feed/sources/Nobody.atom')).status).toBe(404);
      expect((await text('/feed/latest.rss')).status).toBe(404);
    });

    it('exports the subscriptions as OPML with their folders', async () => {
      // Subscriptions are for signed-in users (issue 23).
      expect((await text('/feed/subscriptions.opml')).status).toBe(401);
      const [watcher] = await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'watcher'");
      const { token } = await createApiToken(db, watcher!.id, { name: 'opml' });
      const response = await fetch(base + '/feed/subscriptions.opml', { headers: { authorization: `Bearer ${token}` } });
      const opml = { status: response.status, body: await response.text() };
      expect(opml.status).toBe(200);
      const { subscriptions } = readOpml(opml.body);
      expect(subscriptions).toContainEqual(expect.objectContaining({ url: 'http://127.0.0.1:9/world.xml', category: 'News/World' }));
      expect(subscriptions).toContainEqual(expect.objectContaining({ url: 'http://127.0.0.1:9/plain.xml', category: null }));
    });

    it('filters search by story and entity and counts entities', async () => {
      const byStory = JSON.parse((await text(`/api/v1/search?q=tariffs&story=${storyId}`)).body);
      expect(byStory.results.map((r: { title: string }) => r.title).sort()).toEqual(['Japan and Korea sign trade deal', 'Seoul weighs response to new steel tariffs']);
      const byEntity = JSON.parse((await text(`/api/v1/search?q=tariffs&entity=${entityId}`)).body);
      expect(byEntity.results.map((r: { title: string }) => r.title)).toEqual(['Seoul weighs response to new steel tariffs']);
      const byName = JSON.parse((await text(`/api/v1/search?q=tariffs&entity=south%20korea`)).body);
      expect(byName.results).toHaveLength(1);
      const facets = JSON.parse((await text('/api/v1/search?q=tariffs&facets=entity')).body);
      expect(facets.facets.entity).toEqual([{ key: String(entityId), label: 'South Korea', count: 1 }]);
    });
  });
}
