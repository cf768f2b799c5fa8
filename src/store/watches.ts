// Saved searches ("watches"): a query and filters a reader keeps, re-run on demand and offered
// as Atom and JSON feeds under an unguessable key.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';
import { parseFilters, parseSearch, SearchInputError, type SearchOptions, type SearchParams } from '../search/options.ts';

export interface WatchFilters {
  sources?: string[];
  language?: string;
  entities?: (number | string)[];
  story?: number;
}

export interface Watch {
  id: number;
  userId: number | null;
  name: string;
  query: string;
  filters: WatchFilters;
  feedKey: string;
  createdAt: Date;
}

interface WatchRow {
  id: number;
  user_id: number | null;
  name: string;
  query: string;
  filters: WatchFilters | string;
  feed_key: string;
  created_at: Date;
}

const COLUMNS = 'id, user_id, name, query, filters, feed_key, created_at';

const fromRow = (r: WatchRow): Watch => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  query: r.query,
  filters: typeof r.filters === 'string' ? JSON.parse(r.filters) : r.filters,
  feedKey: r.feed_key,
  createdAt: new Date(r.created_at),
});

/** The search a watch runs: its query and filters, newest first (a feed's order). */
export function watchSearch(watch: Pick<Watch, 'query' | 'filters'>, extra: SearchParams = {}): SearchOptions {
  return parseSearch({
    q: watch.query,
    source: watch.filters.sources,
    language: watch.filters.language,
    entity: watch.filters.entities?.map(String),
    story: watch.filters.story,
    sort: 'time',
    ...extra,
  });
}

export interface NewWatch {
  name?: string;
  query: string;
  source?: string | string[];
  language?: string;
  entity?: string | string[];
  story?: string | number;
}

/** Checks and stores a watch; a bad query or filter is a SearchInputError. */
export async function createWatch(db: Queryable, userId: number | null, input: NewWatch): Promise<Watch> {
  const query = input.query.trim();
  parseSearch({ q: query }); // the query must parse now, not fail later in a feed
  const parsed = parseFilters({ source: input.source, language: input.language, entity: input.entity, story: input.story });
  const filters: WatchFilters = {};
  if (parsed.sources.length) filters.sources = parsed.sources;
  if (parsed.language) filters.language = parsed.language;
  if (parsed.entities.length) filters.entities = parsed.entities;
  if (parsed.story !== null) filters.story = parsed.story;
  const name = (input.name ?? '').trim() || query;
  if (name.length > 200) throw new SearchInputError('name', 'longer than 200 characters');
  const rows = await db.query<WatchRow>(`INSERT INTO watches (user_id, name, query, filters, feed_key) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`, [
    userId,
    name,
    query,
    JSON.stringify(filters),
    randomBytes(18).toString('base64url'),
  ]);
  return fromRow(rows[0]!);
}

export async function listWatches(db: Queryable, userId: number): Promise<Watch[]> {
  const rows = await db.query<WatchRow>(`SELECT ${COLUMNS} FROM watches WHERE user_id = $1 ORDER BY id`, [userId]);
  return rows.map(fromRow);
}

/** A user's watch by id (null when it is not theirs). */
export async function getWatch(db: Queryable, userId: number, id: number): Promise<Watch | null> {
  const rows = await db.query<WatchRow>(`SELECT ${COLUMNS} FROM watches WHERE id = $1 AND user_id = $2`, [id, userId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getWatchByFeedKey(db: Queryable, feedKey: string): Promise<Watch | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(feedKey)) return null;
  const rows = await db.query<WatchRow>(`SELECT ${COLUMNS} FROM watches WHERE feed_key = $1`, [feedKey]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function deleteWatch(db: Queryable, userId: number, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM watches WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId])).length > 0;
}

/** Renames a user's watch; false when it is not theirs. */
export async function renameWatch(db: Queryable, userId: number, id: number, name: string): Promise<boolean> {
  return (await db.query('UPDATE watches SET name = $3 WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId, name])).length > 0;
}
