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
