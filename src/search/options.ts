// What a search asks for, checked once for every way in (HTTP API, reader page, CLI, watches):
// the query, filters, sort, page size, cursor and facets. Bad values are a SearchInputError
// naming the parameter and what was expected.
import { parseQuery, QueryError, type QueryNode } from './query.ts';

export class SearchInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const FACETS = ['source', 'day', 'entity'] as const;
export type FacetName = (typeof FACETS)[number];
export type SearchSort = 'relevance' | 'time';
export const SEARCH_MAX_LIMIT = 100;
const MAX_LIST = 20;

export interface SearchFilters {
  /** Source names (any of them). */
  sources: string[];
  /** Published at or after. */
  from: Date | null;
  /** Published before. */
  to: Date | null;
  language: string | null;
  /** Entity ids or names; every one must be mentioned. */
  entities: (number | string)[];
  story: number | null;
  /** Include copies of an article (wire copies the dedup step linked to their original). */
  duplicates: boolean;
  /** The reader whose mute/keep rules hide articles (src/store/rules.ts); none: nothing hidden. */
  viewerId?: number | null;
}

export type SearchCursor = { sort: 'relevance'; rank: number; id: number } | { sort: 'time'; at: string | null; id: number };

export interface SearchOptions extends SearchFilters {
  text: string;
  query: QueryNode;
  sort: SearchSort;
  limit: number;
  after: SearchCursor | null;
  facets: FacetName[];
}

/** The raw parameters, as strings, the way a query string or a command line carries them. */
export interface SearchParams {
  q?: string;
  source?: string | string[];
  from?: string;
  to?: string;
  language?: string;
  entity?: string | string[] | number;
  story?: string | number;
  sort?: string;
  limit?: string | number;
  cursor?: string;
  facets?: string | string[];
  duplicates?: string | boolean;
}

const list = (value: string | string[] | number | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [String(value)])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function parseDate(field: string, raw: string, endOfDay: boolean): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(raw)) {
    throw new SearchInputError(field, `expected a date (2025-08-12) or an ISO 8601 time with a zone (2025-08-12T09:00:00Z), got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  const date = new Date(dateOnly ? `${raw}T00:00:00Z` : raw);
  // Date() rolls 2025-02-30 over to March: a day that does not exist is refused.
  if (Number.isNaN(date.getTime()) || (dateOnly && date.toISOString().slice(0, 10) !== raw)) throw new SearchInputError(field, `${JSON.stringify(raw)} is not a real date`);
  // A date alone as the end of a range means "through that day".
  if (dateOnly && endOfDay) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

export function parseFilters(params: SearchParams): SearchFilters {
  const sources = list(params.source);
  if (sources.length > MAX_LIST) throw new SearchInputError('source', `at most ${MAX_LIST} sources`);
  if (sources.some((s) => s.length > 200)) throw new SearchInputError('source', 'a source name is longer than 200 characters');
  const from = params.from ? parseDate('from', params.from, false) : null;
  const to = params.to ? parseDate('to', params.to, true) : null;
  if (from && to && from >= to) throw new SearchInputError('to', 'must be after from');
  let language: string | null = null;
  if (params.language) {
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/.test(params.language)) {
      throw new SearchInputError('language', `expected a language code such as en or zh-Hant, got ${JSON.stringify(params.language.slice(0, 40))}`);
    }
    language = params.language.toLowerCase();
  }
  const entities = list(params.entity).map((e) => (/^\d+$/.test(e) ? Number(e) : e));
  if (entities.length > MAX_LIST) throw new SearchInputError('entity', `at most ${MAX_LIST} entities`);
  if (entities.some((e) => (typeof e === 'number' ? !Number.isSafeInteger(e) || e < 1 : e.length > 200))) {
    throw new SearchInputError('entity', 'expected entity ids or names (up to 200 characters)');
  }
  let story: number | null = null;
  if (params.story !== undefined && params.story !== '') {
    story = Number(params.story);
    if (!Number.isSafeInteger(story) || story < 1) throw new SearchInputError('story', `expected a story id (a positive whole number), got ${JSON.stringify(String(params.story).slice(0, 40))}`);
  }
  const dup = params.duplicates;
  if (dup !== undefined && dup !== '' && !['true', 'false', '1', '0', true, false].includes(dup as never)) {
    throw new SearchInputError('duplicates', `expected true or false, got ${JSON.stringify(String(dup).slice(0, 40))}`);
  }
  const duplicates = dup === true || dup === 'true' || dup === '1';
  return { sources, from, to, language, entities, story, duplicates };
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  const key = cursor.sort === 'relevance' ? { s: 'r', r: cursor.rank, i: cursor.id } : { s: 't', t: cursor.at, i: cursor.id };
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeSearchCursor(raw: string, sort: SearchSort): SearchCursor {
  const invalid = () => new SearchInputError('cursor', 'not a cursor this search issued');
  if (raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw invalid();
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  // Four-digit years only: PostgreSQL cannot read the +275760 years JavaScript can.
  if (!value || typeof value !== 'object' || !Number.isSafeInteger(value.i) || (value.i as number) < 1) throw invalid();
  if (value.s === 'r' && typeof value.r === 'number' && Number.isFinite(value.r)) {
    if (sort !== 'relevance') throw new SearchInputError('cursor', 'was issued for a search sorted by relevance');
    return { sort: 'relevance', rank: value.r, id: value.i as number };
  }
  if (value.s === 't' && (value.t === null || (typeof value.t === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value.t) && !Number.isNaN(Date.parse(value.t))))) {
    if (sort !== 'time') throw new SearchInputError('cursor', 'was issued for a search sorted by time');
    return { sort: 'time', at: value.t as string | null, id: value.i as number };
  }
  throw invalid();
}

export function parseSearch(params: SearchParams): SearchOptions {
  const text = (params.q ?? '').trim();
  if (!text) throw new SearchInputError('q', 'empty: give a word or "a phrase" to search for');
  let query: QueryNode;
  try {
    query = parseQuery(text);
  } catch (error) {
    if (error instanceof QueryError) throw new SearchInputError('q', error.message);
    throw error;
  }
  const sort = (params.sort ?? 'relevance') as SearchSort;
  if (sort !== 'relevance' && sort !== 'time') throw new SearchInputError('sort', `expected relevance or time, got ${JSON.stringify(String(params.sort).slice(0, 40))}`);
  const limit = params.limit === undefined || params.limit === '' ? 20 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
    throw new SearchInputError('limit', `expected a whole number from 1 to ${SEARCH_MAX_LIMIT}, got ${JSON.stringify(String(params.limit).slice(0, 40))}`);
  }
  const facets = list(params.facets);
  for (const facet of facets) {
    if (!(FACETS as readonly string[]).includes(facet)) throw new SearchInputError('facets', `unknown facet ${JSON.stringify(facet.slice(0, 40))}; expected ${FACETS.join(', ')}`);
  }
  return {
    ...parseFilters(params),
    text,
    query,
    sort,
    limit,
    after: params.cursor ? decodeSearchCursor(params.cursor, sort) : null,
    facets: [...new Set(facets)] as FacetName[],
  };
}
