// Which feeds one reader follows in the reader apps, under which names and folders (migration 013).
// The rule lives in one SQL fragment, FOLLOWED_FEEDS, that every reader-app query joins instead of
// the feeds table: admin-added feeds unless left, plus the reader's own.
import type { Queryable } from './db.ts';
import { addFeed, type FeedRecord } from './feeds.ts';

/**
 * The feeds the user in parameter $1 follows, with their title and folder as this user sees them
 * (columns id, url, site_url, last_checked_at, title, category).
 */
export const FOLLOWED_FEEDS = `(SELECT f.id, f.url, f.site_url, f.last_checked_at,
         coalesce(rs.title, f.title) AS title,
         CASE WHEN rs.folder IS NULL THEN f.category ELSE nullif(rs.folder, '') END AS category
    FROM feeds f
    LEFT JOIN reader_subscriptions rs ON rs.feed_id = f.id AND rs.user_id = $1
   WHERE coalesce(rs.subscribed, NOT f.private_to_readers))`;

export interface FollowedFeed {
  id: number;
  url: string;
  siteUrl: string | null;
  title: string | null;
  category: string | null;
  lastCheckedAt: Date | null;
}

export async function followedFeeds(db: Queryable, userId: number): Promise<FollowedFeed[]> {
  const rows = await db.query<{ id: number; url: string; site_url: string | null; title: string | null; category: string | null; last_checked_at: Date | null }>(
    `SELECT * FROM ${FOLLOWED_FEEDS} f ORDER BY category NULLS FIRST, lower(coalesce(title, url)), id`,
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    siteUrl: r.site_url,
    title: r.title,
    category: r.category,
    lastCheckedAt: r.last_checked_at ? new Date(r.last_checked_at) : null,
  }));
}

export async function followedFeed(db: Queryable, userId: number, feedId: number): Promise<FollowedFeed | null> {
  return (await followedFeeds(db, userId)).find((f) => f.id === feedId) ?? null;
}

/** Folder names this user sees. */
export async function followedFolders(db: Queryable, userId: number): Promise<string[]> {
  const rows = await db.query<{ category: string }>(`SELECT DISTINCT category FROM ${FOLLOWED_FEEDS} f WHERE category IS NOT NULL ORDER BY 1`, [userId]);
  return rows.map((r) => r.category);
}

/**
 * A reader subscribes: an existing feed is followed; a new URL becomes a feed the server fetches,
 * shown only to the readers who subscribe to it.
 */
export async function subscribeReader(db: Queryable, userId: number, url: string, names: { title?: string | null; folder?: string | null }): Promise<FeedRecord> {
  const { feed, created } = await addFeed(db, { url, title: names.title ?? null });
  if (created) await db.query('UPDATE feeds SET private_to_readers = true WHERE id = $1', [feed.id]);
  await db.query(
    `INSERT INTO reader_subscriptions (user_id, feed_id, subscribed, title, folder) VALUES ($1, $2, true, $3, $4)
     ON CONFLICT (user_id, feed_id) DO UPDATE
       SET subscribed = true, title = coalesce($3, reader_subscriptions.title), folder = coalesce($4, reader_subscriptions.folder)`,
    [userId, feed.id, names.title ?? null, names.folder ?? null],
  );
  return feed;
}

/** A reader leaves a feed (for this reader only; the server keeps fetching it for the others). */
export async function unsubscribeReader(db: Queryable, userId: number, feedId: number): Promise<void> {
  await db.query(
    `INSERT INTO reader_subscriptions (user_id, feed_id, subscribed) VALUES ($1, $2, false)
     ON CONFLICT (user_id, feed_id) DO UPDATE SET subscribed = false`,
    [userId, feedId],
  );
}

/** This reader's title and folder for a feed they follow; undefined leaves a name as it is, '' clears the folder. */
export async function renameForReader(db: Queryable, userId: number, feedId: number, names: { title?: string; folder?: string }): Promise<void> {
  await db.query(
    `INSERT INTO reader_subscriptions (user_id, feed_id, subscribed, title, folder)
     SELECT $1, $2, true, $3, $4
     ON CONFLICT (user_id, feed_id) DO UPDATE
       SET title = coalesce($3, reader_subscriptions.title), folder = coalesce($4, reader_subscriptions.folder)`,
    [userId, feedId, names.title ?? null, names.folder ?? null],
  );
}

/** An admin's feed, shared with every reader (not one a reader added for themselves). */
export async function shareFeedWithReaders(db: Queryable, feedId: number): Promise<void> {
  await db.query('UPDATE feeds SET private_to_readers = false WHERE id = $1', [feedId]);
}

/** An admin renames or refiles a server feed for everyone; null clears the folder. */
export async function renameServerFeed(db: Queryable, feedId: number, title: string | null, category: string | null): Promise<void> {
  await db.query('UPDATE feeds SET title = $2, category = $3 WHERE id = $1', [feedId, title, category]);
}
