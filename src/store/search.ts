// Runs a search against the articles' full-text index (migration 006): matches ranked by
// ts_rank_cd or by time, keyset pages, highlighted snippets (ts_headline) and facet counts,
// with the same SQL on both engines. Entity and story filters use the enrichment and story
// tables, when those migrations are present.
import type { Queryable } from './db.ts';
import { sourceKey } from './sources.ts';
import { tsquerySql, TS_CONFIG, type ParamFn } from '../search/tsquery.ts';
import { positiveTerms } from '../search/query.ts';
import { hasCjk, splitCjk } from '../search/cjk.ts';
import {
  encodeSearchCursor,
  type FacetName,
  type SearchFilters,
  type SearchOptions,
} from '../search/options.ts';
import { escapeHtml } from '../web/html.ts';

export interface SearchHit {
  id: number;
  title: string;
  /** The title with matched words in <mark>, HTML-escaped. */
  titleHtml: string;
  sourceId: number | null;
  sourceName: string | null;
  publishedAt: Date | null;
  language: string | null;
  url: string | null;
  /** A passage around the matches, HTML-escaped, matched words in <mark>. */
  snippetHtml: string;
  rank: number;
}

export interface FacetCount {
  key: string;
  label: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  nextCursor: string | null;
  /** Present when facets were asked for: the number of matching articles (see totalIsLowerBound). */
  total: number | null;
  /** True when more articles match than the facet window counts: total is then "at least". */
  totalIsLowerBound: boolean;
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

// Markers ts_headline puts around matches; turned into <mark> after the text is escaped.
const START = '\u0001';
const STOP = '\u0002';
// The passage snippets come from: the excerpt only when the text does not already begin with it
// (it usually does, and two fragments of one sentence made snippets repeat themselves).
const SNIPPET_SOURCE = `CASE WHEN a.excerpt IS NULL OR btrim(a.excerpt) = ''
         OR position(left(btrim(a.excerpt), 40) IN left(a.text, 4000)) > 0 THEN a.text
         ELSE a.excerpt || E'\\n\\n' || a.text END`;
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;

function markedToHtml(marked: string): string {
  return escapeHtml(marked)
    .replace(/\u0001([^\u0001\u0002]*)\u0002/g, '<mark>$1</mark>')
    .replace(/[\u0001\u0002]/g, '');
}

const cjkNeedles = (terms: string[]) =>
  terms.flatMap((t) => splitCjk(t).filter((s) => s.cjk).map((s) => s.text)).sort((a, b) => b.length - a.length);

/** Escapes text and wraps every occurrence of the CJK terms in <mark>. */
function markCjk(text: string, needles: string[]): string {
  let out = escapeHtml(text);
  for (const needle of needles) out = out.split(escapeHtml(needle)).join(`\u0001${escapeHtml(needle)}\u0002`);
  return out.replace(/\u0001/g, '<mark>').replace(/\u0002/g, '</mark>');
}

/** ts_headline cannot see inside CJK runs: cut a passage around the first CJK term and mark them. */
function cjkSnippet(text: string, needles: string[], fallback: string): string {
  const first = needles.map((n) => text.indexOf(n)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (first === undefined) return fallback;
  const start = Math.max(0, first - 60);
  const end = Math.min(text.length, first + 120);
  return (start > 0 ? '… ' : '') + markCjk(text.slice(start, end).replace(/\s+/g, ' '), needles) + (end < text.length ? ' …' : '');
}

interface Built {
  params: unknown[];
  param: ParamFn;
  where: string[];
}

// Exported for the webhook step, which asks which of a batch of new articles a saved search matches.
export function buildWhere(options: SearchFilters & { query: SearchOptions['query'] }): Built & { tsquery: string } {
  const params: unknown[] = [];
  const param: ParamFn = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Inline, not in a CTE: with the values bound, PostgreSQL folds the expression to a constant
  // and estimates how common the words are, which decides GIN versus the published_at index.
  const tsquery = `(${tsquerySql(options.query, param)})`;
  const where = [`a.search_vector @@ ${tsquery}`];
  if (options.sources.length) {
    where.push(`a.source_id IN (SELECT id FROM sources WHERE name_key = ANY(${param(options.sources.map(sourceKey))}::text[]))`);
  }
  if (options.from) where.push(`a.published_at >= ${param(options.from)}`);
  if (options.to) where.push(`a.published_at < ${param(options.to)}`);
  if (options.language) where.push(`lower(a.language) = ${param(options.language)}`);
  // A copy the dedup step linked to its original would repeat the same text in the results.
  if (!options.duplicates) where.push('a.duplicate_of IS NULL');
  if (options.entities.length) {
    for (const entity of options.entities) {
      const match =
        typeof entity === 'number'
          ? `me.entity_id = ${param(entity)}`
          : `me.entity_id IN (SELECT e.id FROM entities e WHERE lower(e.name) = lower(${param(entity)}))`;
      where.push(`EXISTS (SELECT 1 FROM mentions me WHERE me.article_id = a.id AND ${match})`);
    }
  }
  if (options.story !== null) {
    where.push(`EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id AND sa.story_id = ${param(options.story)})`);
  }
  return { params, param, where, tsquery };
}

/**
 * Ranking reads every candidate's tsvector, so a word found in a quarter of a million articles
 * would cost seconds. Relevance is therefore computed over the newest RANK_WINDOW matches (all of
 * them when there are fewer, which is most searches), and facets and the total over the newest
 * FACET_WINDOW. Both windows come off the published_at index for common words and off the GIN
 * index for rare ones; the planner picks.
 */
export const RANK_WINDOW = 1000;
export const FACET_WINDOW = 10_000;
const NEWEST = 'a.published_at DESC NULLS LAST, a.id DESC';

export async function searchArticles(db: Queryable, options: SearchOptions): Promise<SearchResult> {
  const built = buildWhere(options);
  const { param, where, params } = built;
  const after = options.after;
  // A bound parameter: request values never enter the SQL text.
  const limit = options.limit;
  const fetchLimit = param(limit + 1);
  let hitsSql: string;
  if (options.sort === 'relevance') {
    const cursor: string[] = [];
    if (after?.sort === 'relevance') {
      const rank = param(after.rank);
      const id = param(after.id);
      cursor.push(`(r.rank < ${rank}::real OR (r.rank = ${rank}::real AND r.id < ${id}))`);
    }
    hitsSql = `candidates AS (
       SELECT a.id, a.search_vector FROM articles a WHERE ${where.join(' AND ')} ORDER BY ${NEWEST} LIMIT ${RANK_WINDOW}),
     hits AS (
       SELECT r.id, r.rank FROM (SELECT c.id, ts_rank_cd(c.search_vector, ${built.tsquery}) AS rank FROM candidates c) r
        ${cursor.length ? 'WHERE ' + cursor.join(' AND ') : ''}
        ORDER BY r.rank DESC, r.id DESC LIMIT ${fetchLimit})`;
  } else {
    if (after?.sort === 'time') {
      const id = param(after.id);
      if (after.at) {
        const at = param(after.at);
        where.push(`(a.published_at < ${at}::timestamptz OR (a.published_at = ${at}::timestamptz AND a.id < ${id}) OR a.published_at IS NULL)`);
      } else {
        where.push(`(a.published_at IS NULL AND a.id < ${id})`);
      }
    }
    hitsSql = `hits AS (SELECT a.id, 0::real AS rank FROM articles a WHERE ${where.join(' AND ')} ORDER BY ${NEWEST} LIMIT ${fetchLimit})`;
  }
  const order = options.sort === 'relevance' ? 'hits.rank DESC, a.id DESC' : NEWEST;
  const rows = await db.query<{
    id: number; title: string; source_id: number | null; source_name: string | null; published_at: Date | null;
    language: string | null; url: string | null; rank: number; title_marked: string; snippet_marked: string; body: string | null;
  }>(
    `WITH ${hitsSql}
     SELECT a.id, a.title, a.source_id, s.name AS source_name, a.published_at, a.language,
            coalesce(a.canonical_url, a.url) AS url, hits.rank,
            ts_headline('${TS_CONFIG}', a.title, ${built.tsquery}, 'HighlightAll=true, StartSel=${START}, StopSel=${STOP}') AS title_marked,
            ts_headline('${TS_CONFIG}', left(${SNIPPET_SOURCE}, 20000), ${built.tsquery}, '${HEADLINE_OPTIONS}') AS snippet_marked,
            ${hasCjk(options.text) ? 'left(a.text, 20000)' : 'NULL'} AS body
       FROM hits JOIN articles a ON a.id = hits.id LEFT JOIN sources s ON s.id = a.source_id
      ORDER BY ${order}`,
    params,
  );
  const page = rows.slice(0, limit);
  const needles = cjkNeedles(positiveTerms(options.query));
  const hits: SearchHit[] = page.map((r) => {
    const snippetHtml = markedToHtml(r.snippet_marked.trim());
    const titleHtml = markedToHtml(r.title_marked);
    return {
      id: r.id,
      title: r.title,
      titleHtml: needles.length && !titleHtml.includes('<mark>') ? markCjk(r.title, needles) : titleHtml,
      sourceId: r.source_id,
      sourceName: r.source_name,
      publishedAt: r.published_at ? new Date(r.published_at) : null,
      language: r.language,
      url: r.url,
      snippetHtml: r.body !== null && needles.length && !snippetHtml.includes('<mark>') ? cjkSnippet(r.body, needles, snippetHtml) : snippetHtml,
      rank: Number(r.rank),
    };
  });
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeSearchCursor(
          options.sort === 'relevance'
            ? { sort: 'relevance', rank: Number(last.rank), id: last.id }
            : { sort: 'time', at: last.published_at ? new Date(last.published_at).toISOString() : null, id: last.id },
        )
      : null;
  const facetResult = options.facets.length ? await searchFacets(db, options) : { total: null, totalIsLowerBound: false, facets: {} };
  return { hits, nextCursor, ...facetResult };
}

/** Counts of the matching articles by source, by day and by entity, and their total. */
export async function searchFacets(
  db: Queryable,
  options: SearchFilters & { query: SearchOptions['query']; facets: FacetName[] },
): Promise<{ total: number; totalIsLowerBound: boolean; facets: Partial<Record<FacetName, FacetCount[]>> }> {
  const built = buildWhere(options);
  const parts = [`SELECT 'total' AS facet, '' AS key, '' AS label, count(*)::int AS n FROM w`];
  if (options.facets.includes('source')) {
    parts.push(`(SELECT 'source', m.source_id::text, s.name, count(*)::int FROM m JOIN sources s ON s.id = m.source_id
                 GROUP BY m.source_id, s.name ORDER BY 4 DESC, 3 LIMIT 20)`);
  }
  if (options.facets.includes('day')) {
    parts.push(`(SELECT 'day', d.day, d.day, count(*)::int FROM (
                   SELECT to_char(m.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM m WHERE m.published_at IS NOT NULL) d
                 GROUP BY d.day ORDER BY 2 DESC LIMIT 60)`);
  }
  if (options.facets.includes('entity')) {
    parts.push(`(SELECT 'entity', e.id::text, e.name, count(DISTINCT me.article_id)::int FROM m
                   JOIN mentions me ON me.article_id = m.id JOIN entities e ON e.id = me.entity_id
                 GROUP BY e.id, e.name ORDER BY 4 DESC, 3 LIMIT 20)`);
  }
  const rows = await db.query<{ facet: string; key: string; label: string; n: number }>(
    `WITH w AS MATERIALIZED (SELECT a.id, a.source_id, a.published_at FROM articles a WHERE ${built.where.join(' AND ')}
                         ORDER BY ${NEWEST} LIMIT ${FACET_WINDOW + 1}),
     m AS MATERIALIZED (SELECT * FROM w ORDER BY published_at DESC NULLS LAST, id DESC LIMIT ${FACET_WINDOW})
     ${parts.join('\nUNION ALL\n')}`,
    built.params,
  );
  const facets: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const facet of options.facets) facets[facet] = [];
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = row.n;
    else facets[row.facet as FacetName]!.push({ key: row.key, label: row.label, count: row.n });
  }
  return { total: Math.min(total, FACET_WINDOW), totalIsLowerBound: total > FACET_WINDOW, facets };
}
