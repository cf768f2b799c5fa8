// The statistics search chooses its plan from (src/search/plan.ts): what ANALYZE stored in
// pg_stats about articles (how common each lexeme is, the spread of dates, sources and
// languages), read at most once a minute per database, and the lexemes of each query term.
import type { Queryable } from './db.ts';
import type { SearchStats, TermLexemes } from '../search/plan.ts';
import { TS_CONFIG } from '../search/tsquery.ts';

const STATS_TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; stats: Promise<SearchStats | null> }>();

interface StatsRow {
  rows: number | null;
  elems: string[] | null;
  elem_freqs: number[] | null;
  bounds: string[] | null;
  sources: string[] | null;
  source_freqs: number[] | null;
  languages: string[] | null;
  language_freqs: number[] | null;
}

async function loadStats(db: Queryable): Promise<SearchStats | null> {
  const stat = (column: string, field: string, type: string) => `(SELECT ${field}::text::${type} FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'articles' AND attname = '${column}')`;
  const rows = await db.query<StatsRow>(
    `SELECT (SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass)::float8 AS rows,
            ${stat('search_vector', 'most_common_elems', 'text[]')} AS elems,
            ${stat('search_vector', 'most_common_elem_freqs', 'float8[]')} AS elem_freqs,
            ${stat('published_at', 'histogram_bounds', 'text[]')} AS bounds,
            ${stat('source_id', 'most_common_vals', 'text[]')} AS sources,
            ${stat('source_id', 'most_common_freqs', 'float8[]')} AS source_freqs,
            ${stat('language', 'most_common_vals', 'text[]')} AS languages,
            ${stat('language', 'most_common_freqs', 'float8[]')} AS language_freqs`,
  );
  const row = rows[0];
  // Never analysed (reltuples -1) or no lexeme statistics: the planner's default is right for a small store.
  if (!row?.rows || row.rows < 1 || !row.elems || !row.elem_freqs) return null;
  const lexemeShare = new Map<string, number>();
  for (const [i, lexeme] of row.elems.entries()) lexemeShare.set(lexeme, Number(row.elem_freqs[i]));
  // most_common_elem_freqs ends with the minimum and maximum share and the share of NULLs.
  const minListedShare = Number(row.elem_freqs[row.elems.length] ?? Math.min(...lexemeShare.values()));
  const sourceShare = new Map<number, number>();
  for (const [i, id] of (row.sources ?? []).entries()) sourceShare.set(Number(id), Number(row.source_freqs?.[i] ?? 0));
  const languageShare = new Map<string, number>();
  row.languages?.forEach((language, i) => {
    const key = language.toLowerCase();
    languageShare.set(key, (languageShare.get(key) ?? 0) + Number(row.language_freqs?.[i] ?? 0));
  });
  return {
    rows: Number(row.rows),
    lexemeShare,
    minListedShare,
    publishedBounds: (row.bounds ?? []).map((b) => Date.parse(b)).filter((t) => Number.isFinite(t)),
    sourceShare,
    languageShare,
  };
}

/** The articles' statistics, or null when ANALYZE has not run yet. */
export function searchStats(db: Queryable): Promise<SearchStats | null> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = loadStats(db).catch(() => null);
  cache.set(db, { at: Date.now(), stats });
  return stats;
}

const lexemeCache = new Map<string, string[]>();
const LEXEME_CACHE_SIZE = 5000;

/** The lexemes the index holds for each term (stemmed words, CJK bigrams), one query for the new ones. */
export async function termLexemes(db: Queryable, terms: string[]): Promise<TermLexemes> {
  const out: TermLexemes = new Map();
  const missing = [...new Set(terms.filter((t) => !lexemeCache.has(t)))];
  if (missing.length) {
    const rows = await db.query<{ i: number; lexemes: string[] | null }>(
      `SELECT t.i::int AS i, (SELECT array_agg(x.lexeme) FROM unnest(to_tsvector('${TS_CONFIG}', t.term) || dateline_cjk_bigrams(t.term)) x) AS lexemes
         FROM unnest($1::text[]) WITH ORDINALITY AS t(term, i)`,
      [missing],
    );
    if (lexemeCache.size > LEXEME_CACHE_SIZE) lexemeCache.clear();
    for (const row of rows) lexemeCache.set(missing[row.i - 1]!, row.lexemes ?? []);
  }
  for (const term of terms) out.set(term, lexemeCache.get(term) ?? []);
  return out;
}

/**
 * Analyses the articles again when enough of them changed since the statistics were last taken:
 * at least `minimum` rows plus `share` of the rows the last ANALYZE counted, autovacuum's own rule (its defaults are 50
 * rows and 10%; 500 here, since ANALYZE with the search vector's statistics target of 400 reads a
 * sample of up to 120,000 rows), or never analysed while rows exist. The embedded engine has no
 * autovacuum: without this, a store filled by an import keeps the statistics of its first
 * hundred articles and search plans for a small store. Returns whether ANALYZE ran.
 */
export async function analyzeArticlesIfStale(db: Queryable, share = 0.1, minimum = 500): Promise<boolean> {
  // A connection passes its counters on at most once a second (PostgreSQL 15+): this statement
  // makes this connection's pass on at its end, so that the next one counts them (the only
  // connection of the embedded engine; a server's other connections pass theirs on within ~10 s).
  await db.query('SELECT pg_stat_force_next_flush()');
  const rows = await db.query<{ live: number; changed: number; tuples: number; any: boolean }>(
    `SELECT coalesce(s.n_live_tup, 0)::float8 AS live, coalesce(s.n_mod_since_analyze, 0)::float8 AS changed, c.reltuples::float8 AS tuples,
            EXISTS (SELECT 1 FROM articles) AS any
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.oid = 'articles'::regclass`,
  );
  const row = rows[0];
  if (!row) return false;
  // reltuples is -1 until the first VACUUM or ANALYZE; the counters start again at zero after a
  // crash, so a never-analysed store with articles is analysed whatever they say.
  const neverAnalysed = row.tuples < 0 && row.any;
  if (!neverAnalysed && row.changed < minimum + share * row.tuples) return false;
  await db.exec('ANALYZE articles');
  cache.delete(db);
  return true;
}
