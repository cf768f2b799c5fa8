// Statistics and dead rows of the tables the post-ingest steps write, kept by the steps' drain.
// The embedded engine has no autovacuum (and a server may run without it: the CI server does).
// Left alone, these tables keep the statistics of their first rows, so the planner goes on
// treating them as small and reads them whole (the near-duplicate and story candidate lookups
// did: the steps slowed as the store grew), and the tables rewritten for every article
// (story_terms, term_stats, stories, article_steps) fill with dead row versions every read
// must step over. `tidyStepTables` applies autovacuum's own rule to them after a drain.
import type { Db } from './db.ts';

/**
 * The tables the steps (near-duplicates, stories, enrichment) and their owed-work queue write, and
 * the two the store step writes that every step and the store's own identity lookup read (articles,
 * pages). Analysing a table also makes every connection plan its prepared statements on it again:
 * never analysed, `articles` kept the generic plan a connection made while it was nearly empty (a
 * sequential scan for the identity lookup, one a page, growing with the store: 5.8-7.9 ms of
 * PostgreSQL CPU an article at 2k-3k stored, until some other invalidation happened to replan it).
 */
export const STEP_TABLES = [
  'article_steps',
  'dedup_buckets',
  'article_fingerprints',
  'term_stats',
  'cluster_stats',
  'story_terms',
  'stories',
  'story_articles',
  'article_vectors',
  'entities',
  'mentions',
  'article_enrichment',
  'articles',
  'pages',
] as const;

// autovacuum's defaults: vacuum past 50 dead rows + 20% of the table, analyse past 50 changed + 10%.
const VACUUM_BASE = 50;
const VACUUM_SHARE = 0.2;
const ANALYZE_BASE = 50;
const ANALYZE_SHARE = 0.1;

export interface TidyReport {
  vacuumed: string[];
  analysed: string[];
}

/**
 * VACUUM (with ANALYZE) each step table with more dead rows than autovacuum would allow, and
 * ANALYZE each one changed enough since its statistics were taken; the others are left alone,
 * so a store where autovacuum keeps up costs one read of the counters. Not inside a transaction.
 * A table another process holds (autovacuum, say) is skipped this time.
 */
export async function tidyStepTables(db: Db): Promise<TidyReport> {
  // This connection's counters are passed on at its next statement's end (PostgreSQL 15+ passes
  // them at most once a second); a server's other connections pass theirs within seconds.
  await db.query('SELECT pg_stat_force_next_flush()');
  const rows = await db.query<{ name: string; dead: number; changed: number; tuples: number }>(
    `SELECT c.relname AS name, coalesce(s.n_dead_tup, 0)::float8 AS dead, coalesce(s.n_mod_since_analyze, 0)::float8 AS changed,
            greatest(c.reltuples, 0)::float8 AS tuples
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
    [[...STEP_TABLES]],
  );
  const report: TidyReport = { vacuumed: [], analysed: [] };
  for (const r of rows) {
    if (!(STEP_TABLES as readonly string[]).includes(r.name)) continue;
    if (r.dead > VACUUM_BASE + VACUUM_SHARE * r.tuples) {
      await db.exec(`VACUUM (ANALYZE, SKIP_LOCKED) ${r.name}`);
      report.vacuumed.push(r.name);
    } else if (r.changed > ANALYZE_BASE + ANALYZE_SHARE * r.tuples) {
      await db.exec(`ANALYZE (SKIP_LOCKED) ${r.name}`);
      report.analysed.push(r.name);
    }
  }
  return report;
}
