// Trending entities from the store and on the home page: a name mentioned in several articles
// over the last day, against a quiet week before, trends; a name as frequent every day does not;
// a name in one article only does not; articles after the reader's reference time do not count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import { listeningServer } from '../helpers/server.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { trendingEntities } from '../../src/store/trending.ts';
import { article } from '../search/fixtures.ts';

const NOW = new Date('2025-08-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

for (const engine of await testEngines()) {
  describe(`trending entities (${engine.name})`, () => {
    let db: Db;
    let n = 0;
    const entity = async (kind: string, name: string) => (await db.query<{ id: number }>('INSERT INTO entities (kind, key, name) VALUES ($1, $2, $3) RETURNING id', [kind, `${kind}:${name.toLowerCase()}`, name]))[0]!.id;
    const mention = async (entityIds: number[], publishedAt: Date) => {
      n++;
      const { id } = await saveArticle(db, article({ title: `Report ${n}`, text: `Report number ${n} of the week.`, publishedAt }), null);
      for (const [i, entityId] of entityIds.entries()) {
        await db.query('INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text) VALUES ($1, $2, $3, $4, $5)', [entityId, id, i * 10, i * 10 + 5, 'name']);
      }
    };
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      db = await engine.open();
      ids.rising = await entity('person', 'Mara Quell');
      ids.steady = await entity('place', 'Portsea');
      ids.once = await entity('organisation', 'Lantern Trust');
      ids.future = await entity('person', 'Odo Vance');
      // Portsea: two articles every day of the week, and two today.
      for (let day = 0; day < 8; day++) {
        await mention([ids.steady], hoursAgo(day * 24 + 3));
        await mention([ids.steady], hoursAgo(day * 24 + 6));
      }
      // Mara Quell: once in the week before, four times today (twice beside Portsea).
      await mention([ids.rising], hoursAgo(24 * 5));
      await mention([ids.rising, ids.steady], hoursAgo(2));
      await mention([ids.rising], hoursAgo(5));
      await mention([ids.rising], hoursAgo(9));
      await mention([ids.rising, ids.once], hoursAgo(20));
      // After the reference time: not yet published as far as the reader is concerned.
      await mention([ids.future], new Date(NOW.getTime() + 3_600_000));
      await mention([ids.future], new Date(NOW.getTime() + 7_200_000));
    });

    afterAll(async () => {
      await db.close();
    });

    it('lists names rising against their earlier rate, not steady, single or future ones', async () => {
      const trending = await trendingEntities(db, { now: NOW });
      expect(trending.map((t) => t.name)).toEqual(['Mara Quell']);
      expect(trending[0]).toMatchObject({ recent: 4, kind: 'person' });
      expect(trending[0]!.expected).toBeCloseTo(1 / 7, 5);
    });

    it('shows them on the home page beside the latest articles', async () => {
      const { app, base } = await listeningServer(db, { DATELINE_NOW: NOW.toISOString() });
      try {
        const page = await (await fetch(`${base}/`)).text();
        const side = page.slice(page.indexOf('class="home-side"'));
        expect(side).toContain('id="trending-heading"');
        expect(side).toContain(`href="/entities/${ids.rising}"`);
        expect(side).not.toContain(`href="/entities/${ids.steady}"`);
      } finally {
        await app.close();
      }
    });
  });
}
