// Runs a search against the articles' full-text index (migration 006): matches ranked by
// ts_rank_cd or by time, keyset pages, highlighted snippets (built in Node: src/search/highlight.ts) and facet counts,
// with the same SQL on both engines. Entity and story filters use the enrichment and story
// tables, when those migrations are present.
import type { Db, Queryable } from './db.ts';
import { sourceKey } from './sources.ts';
import { ruleFilterSql } from './rules.ts';
import { hasPositivePhrase, indexTsquerySql, tsquerySql, type ParamFn } from '../search/tsquery.ts';
import { positiveTerms } from '../search/query.ts';
import { hasCjk, splitCjk } from '../search/cjk.ts';
import { encodeSearchCursor, type FacetName, type SearchFilters, type SearchOptions } from '../search/options.ts';
import { escapeHtml } from '../web/html.ts';
import { chooseScan, estimateShare, type PlanInput, estimateTotal, publishedShare, publishedSince, shareWithinLanguage, type SearchStats } from '../search/plan.ts';
import { searchStats, termLexemes } from './search-stats.ts';
import { passageOf, snippetNeedles } from '../search/snippet.ts';
import { highlightAll, snippet, type Lexemes } from '../search/highlight.ts';

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
  /** Present when facets were asked for: the number of matching articles (see the two flags). */
  total: number | null;
  /** True when more articles match than were counted and no estimate could be made: total is "at least". */
  totalIsLowerBound: boolean;
  /** True when more articles match than were counted (FACET_WINDOW): total is an estimate. */
  totalIsEstimate: boolean;
  /** The facets whose counts are estimates (scaled from the newest FACET_WINDOW matches). */
  estimatedFacets: FacetName[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

// The passage snippets come from: the excerpt only when the text does not already begin with it
// (it usually does, and two fragments of one sentence made snippets repeat themselves).
// Over x: the row's text and excerpt, decompressed once (see queryHits).
const SNIPPET_SOURCE = `CASE WHEN x.excerpt IS NULL OR btrim(x.excerpt) = ''
         OR position(left(btrim(x.excerpt), 40) IN left(x.text, 4000)) > 0 THEN x.text
         ELSE x.excerpt || E'\\n\\n' || x.text END`;

// The stemmer's version (src/search/stem.ts), asked of the database in the statement that reads
// the page: a constant PostgreSQL computes once.
const STEMMER_KEEPS_SHORT_DOUBLES = `(ts_lexize('english_stem', 'added') = ARRAY['add'])`;

const cjkNeedles = (terms: string[]) =>
  terms
    .flatMap((t) =>
      splitCjk(t)
        .filter((s) => s.cjk)
        .map((s) => s.text),
    )
    .sort((a, b) => b.length - a.length);

/** Escapes text and wraps every occurrence of the CJK terms in <mark>. */
function markCjk(text: string, needles: string[]): string {
  let out = escapeHtml(text);
  for (const needle of needles) out = out.split(escapeHtml(needle)).join(`\u0001${escapeHtml(needle)}\u0002`);
  return out.replace(/\u0001/g, '<mark>').replace(/\u0002/g, '</mark>');
}

/** The index holds CJK runs as bigrams, not words: cut a passage around the first CJK term and mark them. */
function cjkSnippet(text: string, needles: string[], fallback: string): string {
  const first = needles
    .map((n) => text.indexOf(n))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  if (first === undefined) return fallback;
  const start = Math.max(0, first - 60);
  const end = Math.min(text.length, first + 120);
  return (start > 0 ? '… ' : '') + markCjk(text.slice(start, end).replace(/\s+/g, ' '), needles) + (end < text.length ? ' …' : '');
}

interface Built {
  params: unknown[];
  param: ParamFn;
  /** The text match first, then the filters. */
  where: string[];
  /** The query with the filters' keys (what a scan asks the index). */
  keyQuery: string;
}

/**
 * How the newest matches are read (src/search/plan.ts): "index" reads the GIN index's whole
 * match list, "walk" goes newest first testing each article's vector, "auto" leaves the choice
 * to PostgreSQL (no statistics yet, or entity and story filters the estimate does not cover).
 */
export type Scan = 'walk' | 'index' | 'slice' | 'days' | 'months' | 'auto';

/**
 * The expression the full-text index is on (migration 021): the stored vector, then the
 * article's keys (day, month, source, language). A query without keys matches it exactly where
 * it matches the vector; a scan adds keys to the query to have the index narrow its matches.
 */
const KEYED = '(a.search_vector || dateline_search_keys(a.published_at, a.source_id, a.language))';

// Exported for the webhook step, which asks which of a batch of new articles a saved search matches.
export function buildWhere(options: SearchFilters & { query: SearchOptions['query'] }, scan: Scan = 'auto'): Built & { tsquery: string } {
  const params: unknown[] = [];
  const param: ParamFn = (value) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Inline, not in a CTE: with the values bound, PostgreSQL folds the expression to a constant
  // and estimates how common the words are, which decides GIN versus the published_at index.
  const tsquery = `(${tsquerySql(options.query, param)})`;
  // The source and language filters as keys too, for the scans that read the index (not 'auto':
  // a subquery in the tsquery would hide the words from PostgreSQL's estimate). The filters
  // themselves stay below: the keys only narrow what the index returns.
  const keys: string[] = [];
  const where = [''];
  if (options.sources.length) {
    const names = param(options.sources.map(sourceKey));
    where.push(`a.source_id IN (SELECT id FROM sources WHERE name_key = ANY(${names}::text[]))`);
    // No such source: NULL, and nothing matches (as the filter says).
    keys.push(`(SELECT string_agg(quote_literal('#source ' || id::text), ' | ')::tsquery FROM sources WHERE name_key = ANY(${names}::text[]))`);
  }
  if (options.from) where.push(`a.published_at >= ${param(options.from)}`);
  if (options.to) where.push(`a.published_at < ${param(options.to)}`);
  if (options.language) {
    const language = param(options.language);
    where.push(`lower(a.language) = ${language}`);
    keys.push(`quote_literal('#lang ' || ${language}::text)::tsquery`);
  }
  // A scan that reads the index with a phrase asks it for the phrase's words and tests the phrase
  // on the vector (src/search/tsquery.ts indexTsquerySql): not the whole indexed expression again.
  const loose = scan !== 'auto' && scan !== 'walk' && hasPositivePhrase(options.query);
  const indexQuery = loose ? `(${indexTsquerySql(options.query, param)})` : tsquery;
  if (loose) where.push(`ts_match_vq(a.search_vector, ${tsquery})`);
  const keyQuery = keys.length && scan !== 'auto' ? `(${indexQuery} && ${keys.join(' && ')})` : indexQuery;
  // The function form of @@ is the same test but cannot use the GIN index: a walk stays a walk.
  where[0] = scan === 'walk' ? `ts_match_vq(a.search_vector, ${tsquery})` : `${KEYED} @@ ${keyQuery}`;
  // A copy the dedup step linked to its original would repeat the same text in the results.
  if (!options.duplicates) where.push('a.duplicate_of IS NULL');
  if (options.entities.length) {
    for (const entity of options.entities) {
      const match = typeof entity === 'number' ? `me.entity_id = ${param(entity)}` : `me.entity_id IN (SELECT e.id FROM entities e WHERE lower(e.name) = lower(${param(entity)}))`;
      where.push(`EXISTS (SELECT 1 FROM mentions me WHERE me.article_id = a.id AND ${match})`);
    }
  }
  if (options.story !== null) {
    where.push(`EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id AND sa.story_id = ${param(options.story)})`);
  }
  if (options.viewerId) where.push(ruleFilterSql('a', param(options.viewerId)));
  return { params, param, where, tsquery, keyQuery };
}

/**
 * Ranking reads every candidate's tsvector, so a word found in a quarter of a million articles
 * would cost seconds. Relevance is therefore computed over the newest RANK_WINDOW matches (all of
 * them when there are fewer, which is most searches): when fewer match, the order is the exact
 * ts_rank_cd order over all matches; when more match, it is the exact order of the newest
 * RANK_WINDOW of them (a news reader's "most relevant of the recent ones"). 300, not 1,000: each
 * candidate of a common word is a heap row read in date order (a random page when articles were
 * not stored in date order) and a vector ranked; at 1M articles on the loaded 2-core bench machine
 * 1,000 candidates cost 40–300 ms, 300 a third of that, and a page of 20 still comes from 15 times
 * as many candidates.
 */
export const RANK_WINDOW = 300;
/**
 * Facets and the total are counted exactly over the newest FACET_WINDOW matches. When more match,
 * the total is estimated from the dates those span (src/search/plan.ts estimateTotal), source and
 * entity counts are scaled to it and labelled estimates, and the day facet keeps only the days
 * the window holds whole (exact). 1,000, not 10,000: counting 10,000 matches of a common word
 * read 10,000–40,000 rows (0.7–3 s at 1M articles on the loaded bench machine).
 */
export const FACET_WINDOW = 1_000;
const DEFAULT_FACET_WINDOW = FACET_WINDOW;
const NEWEST = 'a.published_at DESC NULLS LAST, a.id DESC';
const NEWEST_M = 'm.published_at DESC NULLS LAST, m.id DESC';

/** What the plan was chosen from, kept for the bench and the tests. */
export interface SearchPlan {
  scan: Scan;
  textShare: number | null;
  filteredRows: number | null;
  /** For a slice: the share of the filtered articles it covers, and the date it starts at. */
  sliceShare: number;
  sliceFrom: Date | null;
  /** How many times the statement ran (a slice that held too few matches is widened). */
  runs: number;
  /** For a bucket walk: the newest date it starts from (the date filter's end, a time cursor's date), or none. */
  upper?: { at: Date; inclusive: boolean } | null;
  /** What the scan was chosen from (for the bench: bench/search/scans.ts), when statistics existed. */
  input?: PlanInput;
}

type Filters = SearchFilters & { query: SearchOptions['query'] };

/** Chooses how to read the newest `wanted` matches of a search (published before `before`, when given). */
export async function planSearch(db: Queryable, options: Filters, wanted: number, before: Date | null = null): Promise<SearchPlan & { stats: SearchStats | null }> {
  const stats = await searchStats(db);
  // Entity and story filters keep few articles: the estimate does not see them, PostgreSQL does.
  if (!stats || options.entities.length || options.story !== null) {
    return { scan: 'auto', textShare: null, filteredRows: null, sliceShare: 1, sliceFrom: null, runs: 0, stats, upper: upperBound(options, before) };
  }
  const terms = queryTerms(options.query);
  const lexemes = await termLexemes(db, terms);
  const textShare = options.language ? shareWithinLanguage(estimateShare(options.query, lexemes, stats), positiveTerms(options.query), options.language, stats.languageShare) : estimateShare(options.query, lexemes, stats);
  const from = options.from?.getTime() ?? null;
  const to = Math.min(options.to?.getTime() ?? Infinity, before?.getTime() ?? Infinity);
  const upper = Number.isFinite(to) ? to : null;
  // The shares of articles the source and language filters keep (keys a bucket walk intersects).
  let sourceShare = 1;
  let languageShare = 1;
  if (options.sources.length) {
    const ids = await db.query<{ id: number }>('SELECT id FROM sources WHERE name_key = ANY($1::text[])', [options.sources.map(sourceKey)]);
    const floor = Math.min(...stats.sourceShare.values(), 1) / 2;
    sourceShare = Math.min(
      1,
      ids.reduce((sum, r) => sum + (stats.sourceShare.get(Number(r.id)) ?? floor), 0),
    );
  }
  if (options.language) languageShare = stats.languageShare.get(options.language.toLowerCase()) ?? 0.001;
  const share = publishedShare(stats.publishedBounds, from, upper) * sourceShare * languageShare;
  const filteredRows = stats.rows * share;
  const bounds = stats.publishedBounds;
  const spanDays = bounds.length >= 2 ? (Math.min(upper ?? Infinity, bounds[bounds.length - 1]!) - Math.max(from ?? -Infinity, bounds[0]!)) / 86_400_000 : 0;
  // The posting lists a bucket's intersection decodes: every lexeme the query looks for.
  const postings = positiveTerms(options.query).reduce((sum, term) => sum + (lexemes.get(term) ?? []).reduce((n, l) => n + (stats.lexemeShare.get(l) ?? stats.minListedShare / 2) * stats.rows, 0), 0);
  // The filter keys' lists (#source, #lang): every article of the sources or the language.
  const keyPostings = stats.rows * ((options.sources.length ? sourceShare : 0) + (options.language ? languageShare : 0));
  // Only with a date filter: a time cursor's bound alone is as wide as the store near its newest
  // end, where PostgreSQL filters the rows rather than AND the date index (costed as before).
  const dateRows = options.from || options.to ? stats.rows * publishedShare(bounds, from, upper) : undefined;
  const storeDays = bounds.length >= 2 ? (bounds[bounds.length - 1]! - bounds[0]!) / 86_400_000 : 0;
  const dayRows = storeDays > 0 ? stats.rows / storeDays : 0;
  const input: PlanInput = { textShare, filteredRows, wanted, spanDays: Math.max(1, spanDays), postings, keyPostings, dateRows, dayRows };
  const { scan, sliceShare } = chooseScan(input);
  const plan = { scan, textShare, filteredRows, sliceShare, sliceFrom: null as Date | null, runs: 0, stats, upper: upperBound(options, before), input };
  return withSlice(plan, from, upper);
}

/** The newest date a search can match: before its date filter's end, at or before a time cursor's date. */
function upperBound(options: Filters, before: Date | null): { at: Date; inclusive: boolean } | null {
  if (before && (!options.to || before < options.to)) return { at: before, inclusive: true };
  return options.to ? { at: options.to, inclusive: false } : null;
}

function withSlice<T extends SearchPlan & { stats: SearchStats | null }>(plan: T, from: number | null, to: number | null): T {
  if (plan.scan !== 'slice') return plan;
  const since = plan.stats ? publishedSince(plan.stats.publishedBounds, plan.sliceShare, from, to) : null;
  if (since === null) return { ...plan, scan: 'index', sliceFrom: null };
  return { ...plan, sliceFrom: new Date(since) };
}

/** A slice that held fewer matches than wanted: eight times wider, or the whole index list. */
function widen<T extends SearchPlan & { stats: SearchStats | null }>(plan: T, options: Filters, before: Date | null): T {
  const sliceShare = plan.sliceShare * 8;
  if (sliceShare >= 0.5) return { ...plan, scan: 'index', sliceShare: 1, sliceFrom: null };
  const to = Math.min(options.to?.getTime() ?? Infinity, before?.getTime() ?? Infinity);
  return withSlice({ ...plan, sliceShare }, options.from?.getTime() ?? null, Number.isFinite(to) ? to : null);
}

/** Every term of a query, the excluded ones too (each needs its lexemes for the estimate). */
function queryTerms(node: SearchOptions['query']): string[] {
  switch (node.kind) {
    case 'term':
      return [node.text];
    case 'not':
      return queryTerms(node.child);
    default:
      return node.children.flatMap(queryTerms);
  }
}

/**
 * SQL for the newest `limit` matches as rows (id, source_id, published_at, tid). The tid (the
 * row's ctid) lets the statement read the row again by its address (a TID scan) instead of
 * through the primary key: ranking 300 candidates joined by id cost 14 ms at 1M articles, by
 * ctid under 1 ms (EXPLAIN on the loaded bench machine). Valid within the one statement only. An index scan
 * gathers every match first (MATERIALIZED keeps PostgreSQL from turning it into a walk), a
 * slice the matches published since its start; a walk and auto let the ordered indexes serve
 * ORDER BY … LIMIT.
 */
function newestMatchesSql(built: Built, plan: SearchPlan, limit: string, options: Filters): string {
  if (plan.scan === 'days' || plan.scan === 'months') return bucketWalkSql(built, plan, limit, options);
  if (plan.scan === 'index' || plan.scan === 'slice') {
    const since = plan.scan === 'slice' && plan.sliceFrom ? ` AND a.published_at >= ${built.param(plan.sliceFrom)}` : '';
    return `(WITH m AS MATERIALIZED (SELECT a.id, a.source_id, a.published_at, a.ctid AS tid FROM articles a WHERE ${built.where.join(' AND ')}${since})
             SELECT m.id, m.source_id, m.published_at, m.tid FROM m ORDER BY ${NEWEST_M} LIMIT ${limit})`;
  }
  return `(SELECT a.id, a.source_id, a.published_at, a.ctid AS tid FROM articles a WHERE ${built.where.join(' AND ')} ORDER BY ${NEWEST} LIMIT ${limit})`;
}

/**
 * The newest `limit` matches by a bucket walk: the days (or months) from the newest article's
 * down to the oldest's within the date filter, newest first, each one GIN intersection of the
 * query (with its filter keys) and the bucket's key (migration 021), until `limit` rows are held;
 * then the undated articles, which sort last. The buckets are disjoint and in date order, so the
 * rows of the buckets read, sorted within each bucket (an incremental sort), are the newest
 * matches in order, and PostgreSQL stops reading buckets at the LIMIT: about `limit` rows plus
 * the last bucket's are fetched, not every match. A walk by day starts no later than tomorrow:
 * articles dated after that (a feed's wrong year) are read by month first, so that one of them
 * does not make every search walk years of empty days.
 */
function bucketWalkSql(built: Built, plan: SearchPlan, limit: string, options: Filters): string {
  const { param } = built;
  const newest: string[] = ['x.published_at IS NOT NULL'];
  if (plan.upper) newest.push(`x.published_at ${plan.upper.inclusive ? '<=' : '<'} ${param(plan.upper.at)}::timestamptz`);
  const oldest: string[] = ['x.published_at IS NOT NULL'];
  if (options.from) oldest.push(`x.published_at >= ${param(options.from)}::timestamptz`);
  const range = `(SELECT r.hi, r.lo, least(r.hi, now() + interval '1 day') AS cap
                    FROM (SELECT (SELECT max(x.published_at) FROM articles x WHERE ${newest.join(' AND ')}) AS hi,
                                 (SELECT min(x.published_at) FROM articles x WHERE ${oldest.join(' AND ')}) AS lo) r) e`;
  const utc = (column: string, unit: string) => `date_trunc('${unit}', e.${column} AT TIME ZONE 'UTC')`;
  const months = (top: string, since: string) =>
    `SELECT g.k, '#month ' || to_char(g.d, 'YYYY-MM') AS key, ${since} AS since, NULL::timestamptz AS until
       FROM ${range}, generate_series(${utc(top, 'month')}, ${utc('lo', 'month')}, interval '-1 month') WITH ORDINALITY AS g(d, k)`;
  const parts =
    plan.scan === 'months'
      ? [months('hi', 'NULL::timestamptz')]
      : [
          // After tomorrow: the months down to tomorrow's, only what is later than it.
          `SELECT g.k, '#month ' || to_char(g.d, 'YYYY-MM'), e.cap, NULL::timestamptz
             FROM ${range}, generate_series(${utc('hi', 'month')}, ${utc('cap', 'month')}, interval '-1 month') WITH ORDINALITY AS g(d, k)
            WHERE e.hi > e.cap`,
          `SELECT 1000000 + g.k, '#day ' || to_char(g.d, 'YYYY-MM-DD'), NULL::timestamptz, CASE WHEN e.hi > e.cap THEN e.cap END
             FROM ${range}, generate_series(${utc('cap', 'day')}, ${utc('lo', 'day')}, interval '-1 day') WITH ORDINALITY AS g(d, k)`,
        ];
  // A date filter leaves out undated articles; without one they come last.
  if (!options.from && !options.to) parts.push(`SELECT 2147483647, '#undated', NULL::timestamptz, NULL::timestamptz`);
  const buckets = `(SELECT u.k, quote_literal(u.key)::tsquery AS key, u.since, u.until FROM (${parts.join('\nUNION ALL\n')}) u(k, key, since, until) ORDER BY 1)`;
  const where = [`${KEYED} @@ (${built.keyQuery} && b.key)`, '(b.since IS NULL OR a.published_at >= b.since)', '(b.until IS NULL OR a.published_at < b.until)', ...built.where.slice(1)];
  return `(SELECT m.id, m.source_id, m.published_at, m.tid
             FROM ${buckets} b
             CROSS JOIN LATERAL (SELECT a.id, a.source_id, a.published_at, a.ctid AS tid FROM articles a WHERE ${where.join(' AND ')}) m
            ORDER BY b.k, m.published_at DESC NULLS LAST, m.id DESC LIMIT ${limit})`;
}

/** The windows and the scan, for tests and the bench; production uses the defaults. */
export interface SearchTuning {
  rankWindow?: number;
  facetWindow?: number;
  /** Forces a scan instead of choosing one from the statistics (a slice needs a date: sliceFrom). */
  scan?: Scan;
  sliceFrom?: Date;
}

function tuned<T extends SearchPlan>(plan: T, tuning: SearchTuning): T {
  if (!tuning.scan) return plan;
  return { ...plan, scan: tuning.scan, sliceFrom: tuning.sliceFrom ?? null, sliceShare: tuning.scan === 'slice' ? 0.01 : 1 };
}

/**
 * Runs an index or slice scan with room for an exact bitmap: with the default 4 MB work_mem a
 * posting list of ~80,000 articles turned lossy and 38,000 rows outside the matches were
 * re-checked (EXPLAIN at 1M). SET LOCAL needs a transaction of its own (BEGIN, SET, the query,
 * COMMIT: three more round trips, each several milliseconds on a loaded machine), so it is paid
 * only when the bitmap is expected to outgrow 4 MB (about 50,000 heap pages: BIG_BITMAP matches);
 * inside a caller's transaction the statement runs as it is.
 */
export const BIG_BITMAP = 40_000;
function withBitmapMemory<T>(db: Queryable, plan: SearchPlan, run: (q: Queryable) => Promise<T>): Promise<T> {
  if ((plan.scan !== 'index' && plan.scan !== 'slice') || !('transaction' in db)) return run(db);
  const expected = plan.textShare !== null && plan.filteredRows !== null ? plan.textShare * plan.filteredRows : Infinity;
  if (expected < BIG_BITMAP) return run(db);
  return (db as Db).transaction(async (tx) => {
    await tx.exec("SET LOCAL work_mem = '32MB'");
    return run(tx);
  });
}

type HitRow = {
  id: number;
  title: string;
  source_id: number | null;
  source_name: string | null;
  published_at: Date | null;
  language: string | null;
  url: string | null;
  rank: number;
  /** The text the snippet's passage is cut from (page rows only): see queryHits. */
  passage: string | null;
  /** How this database stems (src/search/stem.ts): the snippets mark words as its index does. */
  short_doubles: boolean;
  body: string | null;
  found: number;
  /** With the facets counted in the same statement: what they are counted from (see facetSummarySql). */
  facet_rows: FacetSummary | null;
};

type FacetRow = { facet: string; key: string; label: string; n: number };

/**
 * What the facets are counted from (facetSummarySql): the number of matches read (the window + 1
 * when more match), the counted window's dated articles and the oldest date, and per counted
 * article its source id and its UTC day (days since 1970-01-01), with the sources' names; the
 * entity facet's rows as counted by the statement.
 */
export type FacetSummary = {
  total: number;
  dated: number;
  oldest: string | null;
  sources: (number | null)[] | null;
  names: Record<string, string> | null;
  days: (number | null)[] | null;
  entities: FacetRow[] | null;
};

export async function searchArticles(db: Queryable, options: SearchOptions, tuning: SearchTuning = {}): Promise<SearchResult & { plan: SearchPlan }> {
  const rankWindow = tuning.rankWindow ?? RANK_WINDOW;
  const facetWindow = tuning.facetWindow ?? DEFAULT_FACET_WINDOW;
  // The first page's hits come from the newest matches the facets count (the newest rankWindow of
  // them for relevance, the newest limit + 1 by time), so one statement reads those matches once
  // and answers both. A later page's hits are after its cursor: the facets have a statement of
  // their own, run on another connection of the pool while the hits are read.
  const together = options.facets.length > 0 && !options.after;
  const wanted = options.sort === 'relevance' ? rankWindow : options.limit + 1;
  const wantedTogether = Math.max(facetWindow + 1, options.sort === 'relevance' ? rankWindow : 0);
  const before = options.sort === 'time' && options.after?.sort === 'time' && options.after.at ? new Date(options.after.at) : null;
  const facetsPromise = options.facets.length && !together ? searchFacets(db, options, tuning) : null;
  facetsPromise?.catch(() => undefined);
  let plan = tuned(await planSearch(db, options, together ? wantedTogether : wanted, before), tuning);
  const facets = together ? { window: facetWindow, withEntities: options.facets.includes('entity') } : null;
  // The lexemes the snippets mark (cached: the plan above usually looked them up already).
  const lexemesPromise = termLexemes(db, positiveTerms(options.query)).then((m) => new Set([...m.values()].flat()));
  lexemesPromise.catch(() => undefined);
  let rows: HitRow[];
  for (;;) {
    plan.runs++;
    rows = await queryHits(db, options, plan, rankWindow, facets);
    const found = together || options.sort === 'relevance' ? Number(rows[0]?.found ?? 0) : rows.length;
    if (plan.scan !== 'slice' || found >= (together ? wantedTogether : wanted)) break;
    plan = widen(plan, options, before);
  }
  const { stats, ...shown } = plan;
  const facetResult = together ? Promise.resolve(facetsFromSummary(options, rows.find((r) => r.facet_rows)?.facet_rows ?? null, stats, facetWindow, facets!.withEntities)) : facetsPromise;
  return { ...(await hitsResult(options, rows, await lexemesPromise, facetResult)), plan: shown };
}

async function queryHits(db: Queryable, options: SearchOptions, plan: SearchPlan, rankWindow: number, facets: { window: number; withEntities: boolean } | null): Promise<HitRow[]> {
  const built = buildWhere(options, plan.scan);
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
    // With facets: the newest rankWindow of the matches w holds (facetMatchesSql).
    const candidates = facets ? `(SELECT m.id, m.source_id, m.published_at, m.tid FROM w m ORDER BY ${NEWEST_M} LIMIT ${param(rankWindow)})` : newestMatchesSql(built, plan, param(rankWindow), options);
    hitsSql = `candidates AS MATERIALIZED ${candidates},
     hits AS (
       SELECT r.id, r.tid, r.rank, row_number() OVER (ORDER BY r.rank DESC, r.id DESC) AS n FROM (SELECT c.id, c.tid, ts_rank_cd(v.search_vector, ${built.tsquery}) AS rank
                                   FROM candidates c JOIN articles v ON v.ctid = c.tid) r
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
    const newest = facets ? `(SELECT m.id, m.source_id, m.published_at, m.tid FROM w m ORDER BY ${NEWEST_M} LIMIT ${fetchLimit})` : newestMatchesSql(built, plan, fetchLimit, options);
    hitsSql = `hits AS (SELECT t.id, t.tid, 0::real AS rank, row_number() OVER (ORDER BY t.published_at DESC NULLS LAST, t.id DESC) AS n
                          FROM ${newest} t)`;
  }
  const order = options.sort === 'relevance' ? 'hits.rank DESC, a.id DESC' : NEWEST;
  // The row past the page only tells that there is a next page: no snippet is made for it.
  const onPage = `hits.n <= ${param(limit)}`;
  // The text the snippet's passage is cut from (in Node, src/search/snippet.ts passageOf): the
  // excerpt and text as SNIPPET_SOURCE chooses, page rows only. Each step is its own subquery
  // (OFFSET 0: PostgreSQL may not fold it into the next), so that the text is decompressed once
  // per page row (`|| ''` makes a decompressed copy the steps share); folded, every use of it
  // decompressed the article's text again.
  // What the facets are counted from, once (an uncorrelated subquery), as JSON beside the first
  // hit only (beside every hit, Node parsed 21 copies of it per search).
  const facetSql = facets ? `(${facetSummarySql(options, facets.withEntities)})` : 'NULL::json';
  const found = facets ? '(SELECT count(*) FROM w)' : options.sort === 'relevance' ? '(SELECT count(*) FROM candidates)' : '0';
  return withBitmapMemory(db, plan, (q) =>
    q.query<HitRow>(
      `WITH ${facets ? `${facetMatchesSql(built, plan, options, facets.window, options.sort === 'relevance' ? rankWindow : 0)},\n` : ''}${hitsSql}
     SELECT a.id, a.title, a.source_id, s.name AS source_name, a.published_at, a.language,
            coalesce(a.canonical_url, a.url) AS url, hits.rank,
            sn.src AS passage,
            ${STEMMER_KEEPS_SHORT_DOUBLES} AS short_doubles,
            sn.body,
            ${found}::int AS found, CASE WHEN hits.n = 1 THEN ${facetSql} END AS facet_rows
       FROM hits JOIN articles a ON a.ctid = hits.tid LEFT JOIN sources s ON s.id = a.source_id
            CROSS JOIN LATERAL (SELECT left(${SNIPPET_SOURCE}, 20000) AS src, ${hasCjk(options.text) ? 'left(x.text, 20000)' : 'NULL::text'} AS body
                                FROM (SELECT CASE WHEN ${onPage} THEN a.text || '' END AS text, CASE WHEN ${onPage} THEN a.excerpt || '' END AS excerpt OFFSET 0) x OFFSET 0) sn
      ORDER BY ${order}`,
      params,
    ),
  );
}

async function hitsResult(options: SearchOptions, rows: HitRow[], set: ReadonlySet<string>, facetsPromise: Promise<FacetResult> | null): Promise<SearchResult> {
  const limit = options.limit;
  const page = rows.slice(0, limit);
  const lexemes: Lexemes = { set, keepShortDoubles: rows[0]?.short_doubles === true };
  const needles = cjkNeedles(positiveTerms(options.query));
  const roots = snippetNeedles(positiveTerms(options.query));
  const hits: SearchHit[] = page.map((r) => {
    const snippetHtml = snippet(passageOf(r.passage ?? '', roots), lexemes);
    const titleHtml = highlightAll(r.title, lexemes);
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
      ? encodeSearchCursor(options.sort === 'relevance' ? { sort: 'relevance', rank: Number(last.rank), id: last.id } : { sort: 'time', at: last.published_at ? new Date(last.published_at).toISOString() : null, id: last.id })
      : null;
  const facetResult = facetsPromise ? await facetsPromise : { total: null, totalIsLowerBound: false, totalIsEstimate: false, estimatedFacets: [], facets: {} };
  return { hits, nextCursor, ...facetResult };
}

export interface FacetResult {
  total: number;
  totalIsLowerBound: boolean;
  totalIsEstimate: boolean;
  estimatedFacets: FacetName[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

/**
 * Counts of the matching articles by source, by day and by entity, and their total: exact over
 * the newest FACET_WINDOW matches; beyond that the total and the source and entity counts are
 * estimates, labelled as such (see FACET_WINDOW).
 */
export async function searchFacets(db: Queryable, options: SearchFilters & { query: SearchOptions['query']; facets: FacetName[] }, tuning: SearchTuning = {}): Promise<FacetResult> {
  const FACET_WINDOW = tuning.facetWindow ?? DEFAULT_FACET_WINDOW;
  let plan = tuned(await planSearch(db, options, FACET_WINDOW + 1), tuning);
  const { stats } = plan;
  const withEntities = options.facets.includes('entity');
  let summary: FacetSummary | null;
  for (;;) {
    summary = await queryFacets(db, options, plan, FACET_WINDOW, withEntities);
    if (plan.scan !== 'slice' || (summary?.total ?? 0) > FACET_WINDOW) break;
    plan = widen(plan, options, null);
  }
  return facetsFromSummary(options, summary, stats, FACET_WINDOW, withEntities);
}

/** PostgreSQL's to_char(day, 'YYYY-MM-DD') of a day counted from 1970-01-01 (UTC). */
function dayKey(day: number): string {
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  // to_char writes a year before 1 AD as its BC number, without a sign.
  const y = String(year > 0 ? year : 1 - year).padStart(4, '0');
  return `${y}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Compares strings by code point, as PostgreSQL orders text under the C and C.UTF-8 collations. */
function byCodePoint(a: string, b: string): number {
  // UTF-16 order is code point order but for characters past U+FFFF against U+E000–U+FFFF.
  if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

/**
 * The source and day facets counted from the summary's per-article lists, as the statement
 * counted them before: sources by count, then name, the first 20 (articles whose source is
 * unknown are not counted); days newest first, the first 61.
 */
export function countFacets(summary: FacetSummary, names: FacetName[]): { source: FacetCount[]; day: FacetCount[] } {
  const source: FacetCount[] = [];
  const day: FacetCount[] = [];
  if (names.includes('source') && summary.sources) {
    const counts = new Map<number, number>();
    for (const id of summary.sources) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, n] of counts) {
      const label = summary.names?.[String(id)];
      if (label !== undefined) source.push({ key: String(id), label, count: n });
    }
    source.sort((a, b) => b.count - a.count || byCodePoint(a.label, b.label));
    source.length = Math.min(source.length, 20);
  }
  if (names.includes('day') && summary.days) {
    const counts = new Map<number, number>();
    for (const d of summary.days) if (d !== null) counts.set(d, (counts.get(d) ?? 0) + 1);
    // Newest first by key, as the statement sorted them (for years of four digits the days' own order).
    for (const [d, n] of counts) day.push({ key: dayKey(d), label: dayKey(d), count: n });
    day.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    day.length = Math.min(day.length, 61);
  }
  return { source, day };
}

/** The facets and total from what they are counted from (queryFacets, or the same beside the hits). */
function facetsFromSummary(options: Filters & { facets: FacetName[] }, summary: FacetSummary | null, stats: SearchStats | null, FACET_WINDOW: number, withEntities: boolean): FacetResult {
  const facets: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const facet of options.facets) if (facet !== 'entity' || withEntities) facets[facet] = [];
  const counted = summary?.total ?? 0;
  const oldest = summary?.oldest || null;
  const dated = summary?.dated ?? 0;
  if (summary) {
    const { source, day } = countFacets(summary, options.facets);
    if (facets.source) facets.source = source;
    if (facets.day) facets.day = day;
    if (facets.entity) facets.entity = (summary.entities ?? []).map((r) => ({ key: r.key, label: r.label, count: r.n }));
  }
  if (options.facets.includes('entity') && !withEntities) facets.entity = [];
  if (counted <= FACET_WINDOW) {
    if (facets.day) facets.day = facets.day.slice(0, 60);
    return { total: counted, totalIsLowerBound: false, totalIsEstimate: false, estimatedFacets: [], facets };
  }
  // More match than were counted. Without date statistics (never analysed) or dates, say "at least".
  const oldestAt = oldest ? Date.parse(oldest) : NaN;
  const estimate =
    // (Undated matches sort last: a window holding some already has every dated match.)
    stats && stats.publishedBounds.length >= 2 && Number.isFinite(oldestAt) && dated === FACET_WINDOW ? estimateTotal(FACET_WINDOW, oldestAt, stats.publishedBounds, options.from?.getTime() ?? null, options.to?.getTime() ?? null) : null;
  if (facets.day) {
    const partial = oldest?.slice(0, 10);
    facets.day = facets.day.filter((d) => d.key !== partial).slice(0, 60);
  }
  if (estimate === null || estimate <= FACET_WINDOW) {
    return { total: FACET_WINDOW, totalIsLowerBound: true, totalIsEstimate: false, estimatedFacets: [], facets };
  }
  const scale = estimate / FACET_WINDOW;
  const estimatedFacets: FacetName[] = [];
  for (const name of ['source', 'entity'] as const) {
    const list = facets[name];
    if (!list) continue;
    facets[name] = list.map((f) => ({ ...f, count: Math.round(f.count * scale) }));
    estimatedFacets.push(name);
  }
  return { total: estimate, totalIsLowerBound: false, totalIsEstimate: true, estimatedFacets, facets };
}

/**
 * The CTEs w (the newest window + 1 matches, or `atLeast` when more: more than the window means
 * "more match") and m (the newest window of them).
 */
function facetMatchesSql(built: Built, plan: SearchPlan, options: Filters, window: number, atLeast = 0): string {
  return `w AS MATERIALIZED ${newestMatchesSql(built, plan, built.param(Math.max(window + 1, atLeast)), options)},
     m AS MATERIALIZED (SELECT * FROM w m ORDER BY ${NEWEST_M} LIMIT ${built.param(window)})`;
}

/**
 * One JSON value over w and m (FacetSummary): the counts themselves are made in Node
 * (countFacets). The statement had grouped, sorted and formatted each facet in its own scan of m
 * (to_char of every day, a join per source row, a JSON object per facet row): about 0.9 ms of
 * PostgreSQL's CPU per search with facets at 200k; a list of ids and day numbers costs it little,
 * and Node counts 1,000 of them in a few microseconds.
 */
function facetSummarySql(options: Filters & { facets: FacetName[] }, withEntities: boolean): string {
  const fields = [
    `'total', (SELECT count(*) FROM w)`,
    `'dated', count(m.published_at)`,
    // The oldest date counted: days after it are whole in the window (a full window's oldest day may not be).
    `'oldest', to_char(min(m.published_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  ];
  if (options.facets.includes('source')) {
    fields.push(`'sources', json_agg(m.source_id)`);
    fields.push(`'names', (SELECT json_object_agg(s.id, s.name) FROM sources s WHERE s.id IN (SELECT m2.source_id FROM m m2))`);
  }
  if (options.facets.includes('day')) {
    // Days since 1970-01-01 (UTC); an infinite date, which to_char gave no day, none.
    fields.push(`'days', json_agg(CASE WHEN isfinite(m.published_at) THEN (m.published_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' END)`);
  }
  if (withEntities) {
    fields.push(`'entities', (SELECT json_agg(f) FROM (SELECT 'entity' AS facet, e.id::text AS key, e.name AS label, count(DISTINCT me.article_id)::int AS n FROM m
                   JOIN mentions me ON me.article_id = m.id JOIN entities e ON e.id = me.entity_id
                 GROUP BY e.id, e.name ORDER BY 4 DESC, 3 LIMIT 20) f)`);
  }
  return `SELECT json_build_object(${fields.join(', ')}) FROM m`;
}

async function queryFacets(db: Queryable, options: Filters & { facets: FacetName[] }, plan: SearchPlan, FACET_WINDOW: number, withEntities: boolean): Promise<FacetSummary | null> {
  const built = buildWhere(options, plan.scan);
  const rows = await withBitmapMemory(db, plan, (q) =>
    q.query<{ summary: FacetSummary | null }>(
      `WITH ${facetMatchesSql(built, plan, options, FACET_WINDOW)}
     SELECT (${facetSummarySql(options, withEntities)}) AS summary`,
      built.params,
    ),
  );
  return rows[0]?.summary ?? null;
}
