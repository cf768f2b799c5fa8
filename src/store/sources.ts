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
    id: number; name: string; domain: string | null; homepage_url: string | null; article_count: number;
  }>(
    `SELECT s.id, s.name, ${SOURCE_SITE} AS domain, s.homepage_url, count(a.id)::int AS article_count
       FROM sources s LEFT JOIN articles a ON a.source_id = s.id
      GROUP BY s.id ORDER BY s.name`,
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, domain: r.domain, homepageUrl: r.homepage_url, articleCount: r.article_count,
  }));
}

export async function findSourceByName(db: Queryable, name: string): Promise<Source | null> {
  const rows = await db.query<{ id: number; name: string; domain: string | null; homepage_url: string | null }>(
    'SELECT id, name, domain, homepage_url FROM sources WHERE name_key = $1',
    [sourceKey(name)],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, domain: r.domain, homepageUrl: r.homepage_url } : null;
}
