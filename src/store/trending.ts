// Trending entities: the people, organisations and places named in more articles over the last
// day(s) than their earlier rate would predict. Counted in distinct articles by publication time
// (else the time stored), against a longer window just before; the score is the smoothed ratio of
// the recent count to the expected one, (recent + 1) / (expected + 1), at least 1.5: a name that is
// always in the news does not trend unless it rises, and a new name needs at least two articles.
import type { Queryable } from './db.ts';

export interface TrendingEntity {
  id: number;
  name: string;
  kind: 'person' | 'organisation' | 'place';
  recent: number;
  /** What the earlier rate predicts for a window as long as the recent one. */
  expected: number;
  score: number;
}

export interface TrendingOptions {
  now: Date;
  /** The recent window, in days (default 1). */
  recentDays?: number;
  /** The earlier window it is compared with, in days, ending where the recent one starts (default 7). */
  baselineDays?: number;
  limit?: number;
  /** Fewest recent articles for a name to trend (default 2). */
  minRecent?: number;
  /** Least smoothed ratio of recent to expected (default 1.5): a steady name's one extra article is no trend. */
  minRise?: number;
}

export async function trendingEntities(db: Queryable, options: TrendingOptions): Promise<TrendingEntity[]> {
  const recentDays = options.recentDays ?? 1;
  const baselineDays = options.baselineDays ?? 7;
  const dayMs = 86_400_000;
  const recentFrom = new Date(options.now.getTime() - recentDays * dayMs);
  const baselineFrom = new Date(recentFrom.getTime() - baselineDays * dayMs);
  const rows = await db.query<{ id: number; name: string; kind: TrendingEntity['kind']; recent: number; earlier: number }>(
    `WITH counted AS (
       SELECT m.entity_id,
              count(DISTINCT m.article_id) FILTER (WHERE coalesce(a.published_at, a.created_at) >= $2) AS recent,
              count(DISTINCT m.article_id) FILTER (WHERE coalesce(a.published_at, a.created_at) < $2) AS earlier
         FROM mentions m JOIN articles a ON a.id = m.article_id
        WHERE coalesce(a.published_at, a.created_at) >= $3 AND coalesce(a.published_at, a.created_at) <= $1
        GROUP BY m.entity_id)
     SELECT e.id, e.name, e.kind, c.recent::int AS recent, c.earlier::int AS earlier
       FROM counted c JOIN entities e ON e.id = c.entity_id
      WHERE c.recent >= $4`,
    [options.now, recentFrom, baselineFrom, options.minRecent ?? 2],
  );
  const scale = recentDays / baselineDays;
  return rows
    .map((r) => {
      const expected = Number(r.earlier) * scale;
      return { id: r.id, name: r.name, kind: r.kind, recent: Number(r.recent), expected, score: (Number(r.recent) + 1) / (expected + 1) };
    })
    .filter((t) => t.recent > t.expected && t.score >= (options.minRise ?? 1.5))
    .sort((a, b) => b.score - a.score || b.recent - a.recent || a.name.localeCompare(b.name))
    .slice(0, options.limit ?? 10);
}
