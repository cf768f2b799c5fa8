// The step tables' upkeep (src/store/step-tables.ts): a table with more dead rows than
// autovacuum's rule allows is vacuumed and analysed, one changed enough is analysed, and the
// others are left alone; on both engines (the embedded one has no autovacuum at all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { STEP_TABLES, tidyStepTables } from '../../src/store/step-tables.ts';
import { ingestPages } from '../../src/pipeline.ts';
import { streamPage } from '../../bench/ingest/stream.ts';

for (const engine of await testEngines()) {
  describe(`step tables' upkeep, ${engine.name} engine`, { timeout: 120_000 }, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    const stats = async (table: string) => {
      await db.query('SELECT pg_stat_force_next_flush()');
      const [row] = await db.query<{ dead: number; tuples: number; analysed: boolean }>(
        `SELECT coalesce(s.n_dead_tup, 0)::int AS dead, c.reltuples::float8 AS tuples,
                (s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL) AS analysed
           FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.relname = $1`,
        [table],
      );
      return row!;
    };

    it('vacuums a table full of dead rows, analyses a changed one, leaves a quiet one', async () => {
      expect(STEP_TABLES).toContain('term_stats');
      // term_stats: 400 rows, each rewritten 3 times (1,200 dead row versions).
      await db.query(`INSERT INTO term_stats (term, df) SELECT 'tidy' || g, 1 FROM generate_series(1, 400) g`);
      for (let i = 0; i < 3; i++) await db.query(`UPDATE term_stats SET df = df + 1 WHERE term LIKE 'tidy%'`);
      // cluster_stats: rows added, none rewritten.
      await db.query(`INSERT INTO cluster_stats (key, value) SELECT 'tidy' || g, g FROM generate_series(1, 200) g`);
      await tidyStepTables(db); // the other tables' first statistics, if any are due
      expect((await stats('term_stats')).dead).toBe(0);
      expect((await stats('cluster_stats')).analysed).toBe(true);
      expect((await stats('cluster_stats')).tuples).toBe(200);

      // Now: 120 of term_stats' 400 rows rewritten (fewer dead rows than 50 + 20% = 130, more changes than 50 + 10% = 90).
      await db.query(`UPDATE term_stats SET df = df + 1 WHERE term IN (SELECT 'tidy' || g FROM generate_series(1, 120) g)`);
      const report = await tidyStepTables(db);
      expect(report.analysed).toContain('term_stats');
      expect(report.vacuumed).not.toContain('term_stats');
      expect(report.vacuumed).not.toContain('cluster_stats');
      expect(report.analysed).not.toContain('cluster_stats');

      // Nothing changed since: nothing to do.
      expect(await tidyStepTables(db)).toEqual({ vacuumed: [], analysed: [] });
    });

    it('analyses the articles and pages the store step wrote (their plans are made again on statistics, not on the first rows)', async () => {
      const pages = Array.from({ length: 80 }, (_, n) => {
        const page = streamPage(n);
        return { location: page.url, url: page.url, bytes: Buffer.from(page.html), modifiedAt: page.at, contentType: 'text/html' };
      });
      const results = await ingestPages(db, pages, { asOf: null, maxPageBytes: 5_000_000, drain: false });
      const stored = results.reduce((sum, r) => sum + r.newArticleIds.length, 0);
      expect(stored).toBeGreaterThan(60);
      const report = await tidyStepTables(db);
      expect(report.analysed).toEqual(expect.arrayContaining(['articles', 'pages']));
      expect((await stats('articles')).analysed).toBe(true);
      expect((await stats('articles')).tuples).toBe(stored);
      expect((await stats('pages')).tuples).toBe(80);
    });
  });
}
