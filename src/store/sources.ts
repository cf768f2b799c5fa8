// Publishers: one row per name, whatever its letter case.
import type { Queryable } from './db.ts';
import type { Source } from '../model/index.ts';

export function sourceKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Returns the id of the source with this name, creating it when new. */
export async function ensureSource(db: Queryable, name: string, domain: string | null = null): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO sources (name, name_key, domain) VALUES ($1, $2, $3)
     ON CONFLICT (name_key) DO UPDATE SET domain = COALESCE(sources.domain, EXCLUDED.domain)
     RETURNING id`,
    [name.trim().replace(/\s+/g, ' '), sourceKey(name), domain],
  );
  return rows[0]!.id;
}

/**
 * A source's site, for a query grouping articles `a` by source `s`: its recorded domain, else the
 * host its articles' canonical URLs name most often (publishers declare those; page dumps have none).
 */
export const SOURCE_SITE = `coalesce(s.domain,
  mode() WITHIN GROUP (ORDER BY substring(a.canonical_url from '^https?://(?:www\\.)?([^/:?#]+)')))`;

export async function listSources(db: Queryable): Promise<(Source & { articleCount: number })[]> {
  const rows = await db.query<{
    id: number;
    name: string;
    domain: string | null;
    homepage_url: string | null;
    article_count: number;
  }>(
    `SELECT s.id, s.name, ${SOURCE_SITE} AS domain, s.homepage_url, count(a.id)::int AS article_count
       FROM sources s LEFT JOIN articles a ON a.source_id = s.id
      GROUP BY s.id ORDER BY s.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    domain: r.domain,
    homepageUrl: r.homepage_url,
    articleCount: r.article_count,
  }));
}

export async function findSourceByName(db: Queryable, name: string): Promise<Source | null> {
  const rows = await db.query<{ id: number; name: string; domain: string | null; homepage_url: string | null }>('SELECT id, name, domain, homepage_url FROM sources WHERE name_key = $1', [sourceKey(name)]);
  const r = rows[0];
  return r ? { id: r.id, name: r.name, domain: r.domain, homepageUrl: r.homepage_url } : null;
}

/** One source with its article count and the dates of its first and last article (its page). */
export async function getSourceSummary(db: Queryable, id: number): Promise<(Source & { articleCount: number; first: Date | null; last: Date | null }) | null> {
  const rows = await db.query<{ id: number; name: string; domain: string | null; homepage_url: string | null; n: number; first: Date | null; last: Date | null }>(
    `SELECT s.id, s.name, ${SOURCE_SITE} AS domain, s.homepage_url, count(a.id)::int AS n, min(a.published_at) AS first, max(a.published_at) AS last
       FROM sources s LEFT JOIN articles a ON a.source_id = s.id
      WHERE s.id = $1 GROUP BY s.id`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    homepageUrl: r.homepage_url,
    articleCount: r.n,
    first: r.first ? new Date(r.first) : null,
    last: r.last ? new Date(r.last) : null,
  };
}

export interface SourceStoryRow {
  id: number;
  headline: string;
  lastSeenAt: Date | null;
  sourceCount: number;
}

/** Stories with an article from this source, latest first. */
export async function storiesOfSource(db: Queryable, sourceId: number, limit = 20): Promise<SourceStoryRow[]> {
  const rows = await db.query<{ id: number; headline: string; last_seen_at: Date | null; source_count: number }>(
    `SELECT DISTINCT st.id, st.headline, st.last_seen_at, st.source_count
       FROM stories st JOIN story_articles sa ON sa.story_id = st.id JOIN articles a ON a.id = sa.article_id
      WHERE a.source_id = $1
      ORDER BY st.last_seen_at DESC NULLS LAST, st.id DESC LIMIT $2`,
    [sourceId, limit],
  );
  return rows.map((r) => ({ id: r.id, headline: r.headline, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at) : null, sourceCount: r.source_count }));
}
