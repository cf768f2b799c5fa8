// The embedded engine has no autovacuum: search's statistics are refreshed by a job (src/shell/jobs.ts)
// through analyzeArticlesIfStale, which analyses only when enough articles changed since last time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { analyzeArticlesIfStale, searchStats } from '../../src/store/search-stats.ts';
import { article } from './fixtures.ts';

const stored = (i: number) =>
  article({
    title: `Harbour notice ${i}`,
    text: `The ferry timetable changed on pier ${i}. Passengers were told of the delays.`,
    sourceName: 'Harbour Times',
    publishedAt: new Date(Date.UTC(2025, 5, 1 + (i % 28), 6)),
  });

// The job runs for the embedded engine only (a server has autovacuum), whose one connection's
// counters are exact; a server's other connections pass theirs on with a delay of seconds.
for (const engine of (await testEngines()).filter((e) => e.name === 'embedded')) {
  describe(`search statistics on the ${engine.name} engine`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('analyses a never-analysed store, then only after enough articles changed', async () => {
      for (let i = 0; i < 30; i++) await saveArticle(db, stored(i), null);
      expect(await searchStats(db)).toBeNull();
      expect(await analyzeArticlesIfStale(db, 0.5, 20)).toBe(true);
      // The statistics search plans from are there at once (the cached "none yet" is dropped).
      const stats = await searchStats(db);
      expect(stats?.rows).toBe(30);
      expect(stats?.lexemeShare.get('ferri')).toBe(1);
      // Nothing changed: no second ANALYZE.
      expect(await analyzeArticlesIfStale(db, 0.5, 20)).toBe(false);
      // 20 + half of 30 = 35 changed rows are needed; 10 are not enough, 40 are.
      for (let i = 30; i < 40; i++) await saveArticle(db, stored(i), null);
      expect(await analyzeArticlesIfStale(db, 0.5, 20)).toBe(false);
      for (let i = 40; i < 70; i++) await saveArticle(db, stored(i), null);
      expect(await analyzeArticlesIfStale(db, 0.5, 20)).toBe(true);
      expect((await searchStats(db))?.rows).toBe(70);
    });
  });
}
