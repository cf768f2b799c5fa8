// What the reader apps (Fever, Google Reader clients) see: subscriptions and their folders from
// the feeds table (migration 002) as each reader follows them (reader_subscriptions, 013), items =
// the articles those feeds brought (feed_entries), and each reader's read and starred marks
// (reader_states, migration 006). No row means unread.
import type { Queryable } from './db.ts';
import type { Article } from '../model/index.ts';
import { ARTICLE_COLUMNS, articleFromRow } from './articles.ts';
import { FOLLOWED_FEEDS } from './reader-subscriptions.ts';
import { ruleFilterSql } from './rules.ts';

export interface CompatItem {
  id: number;
  feedId: number;
  feedTitle: string | null;
  feedSiteUrl: string | null;
  title: string;
  author: string | null;
  html: string | null;
  text: string;
  url: string | null;
  publishedAt: Date;
  crawledAt: Date;
  isRead: boolean;
  isStarred: boolean;
}

// An article reached through several feeds belongs, for these apps, to the oldest subscription.
const ITEM_SOURCE = `(SELECT article_id, min(feed_id) AS feed_id FROM feed_entries WHERE article_id IS NOT NULL GROUP BY article_id)`;

interface ItemRow {
  id: number;
  feed_id: number;
  feed_title: string | null;
  feed_site_url: string | null;
  title: string;
  byline: string | null;
  html: string | null;
  text: string;
  url: string | null;
  published: Date;
  crawled: Date;
  read_at: Date | null;
  starred_at: Date | null;
}

const ITEM_SELECT = `SELECT a.id, fe.feed_id, f.title AS feed_title, f.site_url AS feed_site_url, a.title, a.byline, a.html, a.text,
         coalesce(a.canonical_url, a.url) AS url, coalesce(a.published_at, a.created_at) AS published, a.created_at AS crawled,
         rs.read_at, rs.starred_at
    FROM ${ITEM_SOURCE} fe
    JOIN articles a ON a.id = fe.article_id
    JOIN ${FOLLOWED_FEEDS} f ON f.id = fe.feed_id
    LEFT JOIN reader_states rs ON rs.article_id = a.id AND rs.user_id = $1`;

const toItem = (r: ItemRow): CompatItem => ({
  id: r.id,
  feedId: r.feed_id,
  feedTitle: r.feed_title,
  feedSiteUrl: r.feed_site_url,
  title: r.title,
  author: r.byline,
  html: r.html,
  text: r.text,
  url: r.url,
  publishedAt: new Date(r.published),
  crawledAt: new Date(r.crawled),
  isRead: r.read_at !== null,
  isStarred: r.starred_at !== null,
});

export interface ItemPage {
  /** Items with a larger id, oldest first (Fever since_id). */
  sinceId?: number;
  /** Items with a smaller id, newest first (Fever max_id; 0 = the newest). */
  maxId?: number;
  /** Exactly these items. */
  ids?: number[];
  limit: number;
}

export async function listItems(db: Queryable, userId: number, page: ItemPage): Promise<CompatItem[]> {
  const params: unknown[] = [userId];
  let where = '';
  let order = 'a.id ASC';
  if (page.ids) {
    params.push(page.ids);
    where = 'WHERE a.id = ANY($2::bigint[])';
  } else if (page.sinceId !== undefined) {
    params.push(page.sinceId);
    where = 'WHERE a.id > $2';
  } else if (page.maxId !== undefined) {
    order = 'a.id DESC';
    if (page.maxId > 0) {
      params.push(page.maxId);
      where = 'WHERE a.id < $2';
    }
  }
  // The reader's mute rules hide items (src/store/rules.ts); asked for by id, an item is still given.
  if (!page.ids) where = `${where ? `${where} AND` : 'WHERE'} ${ruleFilterSql('a', '$1')}`;
  const rows = await db.query<ItemRow>(`${ITEM_SELECT} ${where} ORDER BY ${order} LIMIT $${params.push(Math.min(Math.max(page.limit, 1), 1000))}`, params);
  return rows.map(toItem);
}

export async function countItems(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(DISTINCT article_id)::int AS n FROM feed_entries WHERE article_id IS NOT NULL`))[0]!.n;
}

export async function unreadItemIds(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT DISTINCT fe.article_id AS id FROM feed_entries fe JOIN articles a ON a.id = fe.article_id
      WHERE fe.article_id IS NOT NULL AND fe.feed_id IN (SELECT id FROM ${FOLLOWED_FEEDS} f) AND ${ruleFilterSql('a', '$1')}
        AND NOT EXISTS (SELECT 1 FROM reader_states rs WHERE rs.user_id = $1 AND rs.article_id = fe.article_id AND rs.read_at IS NOT NULL)
      ORDER BY 1`,
    [userId],
  );
  return rows.map((r) => r.id);
}

export async function starredItemIds(db: Queryable, userId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>('SELECT article_id AS id FROM reader_states WHERE user_id = $1 AND starred_at IS NOT NULL ORDER BY 1', [userId]);
  return rows.map((r) => r.id);
}

/** Sets or clears a per-user mark (read or starred) on these articles; unknown ids are ignored. */
async function setMark(db: Queryable, column: 'read_at' | 'starred_at', userId: number, articleIds: number[], on: boolean): Promise<number> {
  if (!articleIds.length) return 0;
  const rows = await db.query(
    `INSERT INTO reader_states (user_id, article_id, ${column})
     SELECT $1, a.id, CASE WHEN $3 THEN now() END FROM articles a WHERE a.id = ANY($2::bigint[])
     ON CONFLICT (user_id, article_id) DO UPDATE
       SET ${column} = CASE WHEN $3 THEN coalesce(reader_states.${column}, now()) END
     RETURNING article_id`,
    [userId, articleIds, on],
  );
  return rows.length;
}

/** Sets or clears the read mark of these articles (unknown ids are ignored). */
export async function setRead(db: Queryable, userId: number, articleIds: number[], read: boolean): Promise<void> {
  await setMark(db, 'read_at', userId, articleIds, read);
}

export async function setStarred(db: Queryable, userId: number, articleIds: number[], starred: boolean): Promise<void> {
  await setMark(db, 'starred_at', userId, articleIds, starred);
}

/** Stars or unstars one article for a reader (the reader's Star button); false when the article does not exist. */
export async function starArticle(db: Queryable, userId: number, articleId: number, starred: boolean): Promise<boolean> {
  return (await setMark(db, 'starred_at', userId, [articleId], starred)) > 0;
}

/** Ids of a reader's starred articles, most recently starred first. */
export async function starredArticleIds(db: Queryable, userId: number, limit = 1000): Promise<number[]> {
  const rows = await db.query<{ article_id: number }>('SELECT article_id FROM reader_states WHERE user_id = $1 AND starred_at IS NOT NULL ORDER BY starred_at DESC LIMIT $2', [userId, limit]);
  return rows.map((r) => r.article_id);
}

/** A reader's starred articles, most recently starred first. */
export async function starredArticles(db: Queryable, userId: number, limit = 200): Promise<Article[]> {
  const rows = await db.query<Parameters<typeof articleFromRow>[0]>(
    `SELECT ${ARTICLE_COLUMNS} FROM reader_states r JOIN articles a ON a.id = r.article_id LEFT JOIN sources s ON s.id = a.source_id
      WHERE r.user_id = $1 AND r.starred_at IS NOT NULL ORDER BY r.starred_at DESC, a.id DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map(articleFromRow);
}

export async function isStarred(db: Queryable, userId: number, articleId: number): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM reader_states WHERE user_id = $1 AND article_id = $2 AND starred_at IS NOT NULL', [userId, articleId]);
  return rows.length > 0;
}

export type ItemScope = { kind: 'all' } | { kind: 'feed'; feedId: number } | { kind: 'folder'; category: string };

/** Marks read every item of a scope published before a time (what "mark all as read" means). */
export async function markScopeRead(db: Queryable, userId: number, scope: ItemScope, before: Date): Promise<number> {
  const params: unknown[] = [userId, before];
  let filter = `AND fe.feed_id IN (SELECT id FROM ${FOLLOWED_FEEDS} f)`;
  if (scope.kind === 'feed') {
    params.push(scope.feedId);
    filter += ' AND fe.feed_id = $3';
  } else if (scope.kind === 'folder') {
    params.push(scope.category);
    filter = `AND fe.feed_id IN (SELECT id FROM ${FOLLOWED_FEEDS} f WHERE category = $3)`;
  }
  const rows = await db.query(
    `INSERT INTO reader_states (user_id, article_id, read_at)
     SELECT DISTINCT $1::bigint, a.id, now() FROM feed_entries fe JOIN articles a ON a.id = fe.article_id
      WHERE coalesce(a.published_at, a.created_at) <= $2 ${filter}
     ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = coalesce(reader_states.read_at, now())
     RETURNING article_id`,
    params,
  );
  return rows.length;
}

export interface StreamQuery {
  scope: ItemScope | { kind: 'starred' } | { kind: 'read' };
  excludeRead?: boolean;
  onlyStarred?: boolean;
  /** Published at or after (seconds since the epoch in the API). */
  newerThan?: Date;
  olderThan?: Date;
  oldestFirst?: boolean;
  limit: number;
  offset: number;
}

/** Item ids of a stream, for Google Reader's stream/items/ids (offset-paged). */
export async function streamItemIds(db: Queryable, userId: number, query: StreamQuery): Promise<{ id: number; published: Date }[]> {
  const params: unknown[] = [userId];
  const where: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const scope = query.scope;
  if (scope.kind === 'feed') where.push(`fe.feed_id = ${add(scope.feedId)}`);
  if (scope.kind === 'folder') where.push(`f.category = ${add(scope.category)}`);
  if (scope.kind === 'starred' || query.onlyStarred) where.push('rs.starred_at IS NOT NULL');
  if (scope.kind === 'read') where.push('rs.read_at IS NOT NULL');
  if (query.excludeRead) where.push('rs.read_at IS NULL');
  if (query.newerThan) where.push(`coalesce(a.published_at, a.created_at) >= ${add(query.newerThan)}`);
  if (query.olderThan) where.push(`coalesce(a.published_at, a.created_at) < ${add(query.olderThan)}`);
  where.push(ruleFilterSql('a', '$1'));
  const direction = query.oldestFirst ? 'ASC' : 'DESC';
  const rows = await db.query<{ id: number; published: Date }>(
    `SELECT a.id, coalesce(a.published_at, a.created_at) AS published
       FROM ${ITEM_SOURCE} fe
       JOIN articles a ON a.id = fe.article_id
       JOIN ${FOLLOWED_FEEDS} f ON f.id = fe.feed_id
       LEFT JOIN reader_states rs ON rs.article_id = a.id AND rs.user_id = $1
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY 2 ${direction}, 1 ${direction}
      LIMIT ${add(Math.min(Math.max(query.limit, 1), 10_000))} OFFSET ${add(Math.max(query.offset, 0))}`,
    params,
  );
  return rows.map((r) => ({ id: r.id, published: new Date(r.published) }));
}

export interface UnreadCount {
  feedId: number;
  category: string | null;
  count: number;
  newest: Date | null;
}

export async function unreadCounts(db: Queryable, userId: number): Promise<UnreadCount[]> {
  const rows = await db.query<{ feed_id: number; category: string | null; n: number; newest: Date | null }>(
    `SELECT fe.feed_id, f.category, count(*)::int AS n, max(coalesce(a.published_at, a.created_at)) AS newest
       FROM ${ITEM_SOURCE} fe
       JOIN articles a ON a.id = fe.article_id
       JOIN ${FOLLOWED_FEEDS} f ON f.id = fe.feed_id
       LEFT JOIN reader_states rs ON rs.article_id = a.id AND rs.user_id = $1
      WHERE rs.read_at IS NULL AND ${ruleFilterSql('a', '$1')}
      GROUP BY fe.feed_id, f.category ORDER BY fe.feed_id`,
    [userId],
  );
  return rows.map((r) => ({ feedId: r.feed_id, category: r.category, count: r.n, newest: r.newest ? new Date(r.newest) : null }));
}

/** When a feed was last checked, for Fever's last_refreshed_on_time. */
export async function lastRefreshed(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>('SELECT max(last_checked_at) AS at FROM feeds');
  return rows[0]?.at ? new Date(rows[0].at) : null;
}

/** Which of these articles the user has read (for the web reader's unread markers). */
export async function readAmong(db: Queryable, userId: number, articleIds: number[]): Promise<Set<number>> {
  if (!articleIds.length) return new Set();
  const rows = await db.query<{ id: number }>('SELECT article_id AS id FROM reader_states WHERE user_id = $1 AND article_id = ANY($2::bigint[]) AND read_at IS NOT NULL', [userId, articleIds]);
  return new Set(rows.map((r) => r.id));
}

/**
 * Marks every article stored up to `uptoId` read for the user ("mark all read"): ids grow as
 * articles are stored, so what arrives after the page was shown stays unread. Returns how many changed.
 */
export async function markAllArticlesRead(db: Queryable, userId: number, uptoId: number): Promise<number> {
  const rows = await db.query(
    `INSERT INTO reader_states (user_id, article_id, read_at)
     SELECT $1::bigint, a.id, now() FROM articles a WHERE a.id <= $2
     ON CONFLICT (user_id, article_id) DO UPDATE SET read_at = now() WHERE reader_states.read_at IS NULL
     RETURNING article_id`,
    [userId, uptoId],
  );
  return rows.length;
}

export async function newestArticleId(db: Queryable): Promise<number> {
  return (await db.query<{ id: number | null }>('SELECT max(id) AS id FROM articles'))[0]?.id ?? 0;
}
