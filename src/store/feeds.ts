// Feeds in the store: subscriptions, the lease-based claim of due feeds that lets any number
// of workers share one database (FOR UPDATE SKIP LOCKED), the outcome of each poll, and the
// map from a feed's entries to the articles they became.
import type { Queryable } from './db.ts';
import type { ExtractedArticle } from '../model/index.ts';
import { articleContentHash } from '../text/hash.ts';

export interface FeedRecord {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  category: string | null;
  sourceId: number | null;
  paused: boolean;
  etag: string | null;
  lastModified: string | null;
  nextCheckAt: Date;
  intervalSeconds: number;
  lastCheckedAt: Date | null;
  lastSuccessAt: Date | null;
  lastChangedAt: Date | null;
  lastStatus: number | null;
  consecutiveFailures: number;
  lastError: string | null;
  flaggedAt: Date | null;
  entryCount: number;
  createdAt: Date;
}

interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  site_url: string | null;
  category: string | null;
  source_id: number | null;
  paused: boolean;
  etag: string | null;
  last_modified: string | null;
  next_check_at: Date;
  interval_seconds: number;
  last_checked_at: Date | null;
  last_success_at: Date | null;
  last_changed_at: Date | null;
  last_status: number | null;
  consecutive_failures: number;
  last_error: string | null;
  flagged_at: Date | null;
  entry_count: number;
  created_at: Date;
}

const FEED_COLUMNS = `id, url, title, site_url, category, source_id, paused, etag, last_modified, next_check_at,
  interval_seconds, last_checked_at, last_success_at, last_changed_at, last_status, consecutive_failures,
  last_error, flagged_at, entry_count, created_at`;

const fromRow = (r: FeedRow): FeedRecord => ({
  id: r.id,
  url: r.url,
  title: r.title,
  siteUrl: r.site_url,
  category: r.category,
  sourceId: r.source_id,
  paused: r.paused,
  etag: r.etag,
  lastModified: r.last_modified,
  nextCheckAt: r.next_check_at,
  intervalSeconds: r.interval_seconds,
  lastCheckedAt: r.last_checked_at,
  lastSuccessAt: r.last_success_at,
  lastChangedAt: r.last_changed_at,
  lastStatus: r.last_status,
  consecutiveFailures: r.consecutive_failures,
  lastError: r.last_error,
  flaggedAt: r.flagged_at,
  entryCount: r.entry_count,
  createdAt: r.created_at,
});

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  category?: string | null;
  /** When the first poll is due (default: now). */
  nextCheckAt?: Date;
  intervalSeconds?: number;
}

/** Subscribes to a feed; subscribing twice to one URL is a no-op that returns the existing feed. */
export async function addFeed(db: Queryable, feed: NewFeed): Promise<{ feed: FeedRecord; created: boolean }> {
  const inserted = await db.query<FeedRow>(
    `INSERT INTO feeds (url, title, site_url, category, next_check_at, interval_seconds)
     VALUES ($1, $2, $3, $4, COALESCE($5, now()), COALESCE($6, 900))
     ON CONFLICT (url) DO NOTHING RETURNING ${FEED_COLUMNS}`,
    [feed.url, feed.title ?? null, feed.siteUrl ?? null, feed.category ?? null, feed.nextCheckAt ?? null, feed.intervalSeconds ?? null],
  );
  if (inserted[0]) return { feed: fromRow(inserted[0]), created: true };
  const existing = await findFeedByUrl(db, feed.url);
  if (!existing) throw new Error(`feed ${feed.url} vanished while being added`);
  // Importing OPML again may file a feed under a folder it had none in before.
  if (feed.category && !existing.category) {
    await db.query('UPDATE feeds SET category = $2 WHERE id = $1', [existing.id, feed.category]);
    existing.category = feed.category;
  }
  return { feed: existing, created: false };
}

export async function findFeedByUrl(db: Queryable, url: string): Promise<FeedRecord | null> {
  const rows = await db.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE url = $1`, [url]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function getFeed(db: Queryable, id: number): Promise<FeedRecord | null> {
  const rows = await db.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listFeeds(db: Queryable): Promise<FeedRecord[]> {
  const rows = await db.query<FeedRow>(`SELECT ${FEED_COLUMNS} FROM feeds ORDER BY category NULLS FIRST, lower(coalesce(title, url)), id`);
  return rows.map(fromRow);
}

/** Unsubscribes; the articles the feed brought stay. Returns whether a feed was removed. */
export async function removeFeed(db: Queryable, id: number): Promise<boolean> {
  const rows = await db.query<{ id: number }>('DELETE FROM feeds WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export interface ClaimOptions {
  /** Who claims (host:pid:random), written on the rows so a lease can be renewed and released. */
  owner: string;
  now: Date;
  limit: number;
  leaseSeconds: number;
  /** Only feeds due by this time (default `now`): a one-off run takes what was due when it began. */
  dueBy?: Date;
}

/**
 * Claims up to `limit` due feeds for `owner`. The rows are picked under FOR UPDATE SKIP LOCKED,
 * so concurrent claimers never pick the same feed, and leased until now + leaseSeconds, so a
 * feed stays with its claimer after this short transaction and returns to the pool by itself
 * if the claimer dies.
 */
export async function claimDueFeeds(db: Queryable, options: ClaimOptions): Promise<FeedRecord[]> {
  const rows = await db.query<FeedRow>(
    `UPDATE feeds f SET lease_owner = $1, lease_until = $2::timestamptz + make_interval(secs => $4)
       FROM (SELECT id FROM feeds
              WHERE NOT paused AND next_check_at <= $5 AND (lease_until IS NULL OR lease_until < $2)
              ORDER BY next_check_at, id LIMIT $3
              FOR UPDATE SKIP LOCKED) due
      WHERE f.id = due.id
      RETURNING ${FEED_COLUMNS.split(',')
        .map((c) => 'f.' + c.trim())
        .join(', ')}`,
    [options.owner, options.now, options.limit, options.leaseSeconds, options.dueBy ?? options.now],
  );
  return rows.map(fromRow);
}

/** Feeds due by `dueBy` (default `now`), whether or not someone holds them (a run --once waits for those). */
export async function countDueFeeds(db: Queryable, now: Date, dueBy: Date = now): Promise<{ due: number; held: number }> {
  const rows = await db.query<{ due: number; held: number }>(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE lease_until >= $1)::int AS held
       FROM feeds WHERE NOT paused AND next_check_at <= $2`,
    [now, dueBy],
  );
  return rows[0]!;
}

/** The earliest next check of any feed, to sleep until. */
export async function nextDueAt(db: Queryable): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>('SELECT min(greatest(next_check_at, coalesce(lease_until, next_check_at))) AS at FROM feeds WHERE NOT paused');
  return rows[0]?.at ?? null;
}

/** Extends the lease while a long poll runs; false when the lease was lost to another worker. */
export async function renewLease(db: Queryable, feedId: number, owner: string, until: Date): Promise<boolean> {
  const rows = await db.query('UPDATE feeds SET lease_until = $3 WHERE id = $1 AND lease_owner = $2 RETURNING id', [feedId, owner, until]);
  return rows.length > 0;
}

export interface PollRecord {
  checkedAt: Date;
  nextCheckAt: Date;
  intervalSeconds: number;
  status: number | null;
  /** Set on success: validators, what the feed says about itself, whether anything changed. */
  success?: {
    etag: string | null;
    lastModified: string | null;
    title: string | null;
    siteUrl: string | null;
    changed: boolean;
    /** A permanent redirect moved the feed: its new address. */
    movedTo: string | null;
  };
  /** Set on failure. */
  error?: { message: string; flag: boolean };
}

/** Writes a poll's outcome and releases the lease (only the lease holder's write counts). */
export async function recordPoll(db: Queryable, feedId: number, owner: string, poll: PollRecord): Promise<boolean> {
  if (poll.success) {
    const s = poll.success;
    const rows = await db.query(
      `UPDATE feeds SET last_checked_at = $3, last_success_at = $3, next_check_at = $4, interval_seconds = $5,
              last_status = $6, etag = $7, last_modified = $8, title = COALESCE(title, $9), site_url = COALESCE(site_url, $10),
              last_changed_at = CASE WHEN $11 THEN $3 ELSE last_changed_at END,
              consecutive_failures = 0, last_error = NULL, flagged_at = NULL,
              entry_count = (SELECT count(*) FROM feed_entries WHERE feed_id = $1),
              url = CASE WHEN $12::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM feeds o WHERE o.url = $12) THEN $12 ELSE url END,
              lease_owner = NULL, lease_until = NULL
        WHERE id = $1 AND lease_owner = $2 RETURNING id`,
      [feedId, owner, poll.checkedAt, poll.nextCheckAt, poll.intervalSeconds, poll.status, s.etag, s.lastModified, s.title, s.siteUrl, s.changed, s.movedTo],
    );
    return rows.length > 0;
  }
  const rows = await db.query(
    `UPDATE feeds SET last_checked_at = $3, next_check_at = $4, interval_seconds = interval_seconds, last_status = $5,
            consecutive_failures = consecutive_failures + 1, last_error = $6,
            flagged_at = CASE WHEN $7 THEN COALESCE(flagged_at, $3) ELSE flagged_at END,
            lease_owner = NULL, lease_until = NULL
      WHERE id = $1 AND lease_owner = $2 RETURNING id`,
    [feedId, owner, poll.checkedAt, poll.nextCheckAt, poll.status, poll.error?.message ?? 'unknown error', poll.error?.flag ?? false],
  );
  return rows.length > 0;
}

export interface StoredEntry {
  articleId: number | null;
  entryHash: string;
  /** Set when the entry's page could not be used last time (its summary was stored instead). */
  problem: string | null;
}

export async function findEntry(db: Queryable, feedId: number, guid: string): Promise<StoredEntry | null> {
  const rows = await db.query<{ article_id: number | null; entry_hash: string; problem: string | null }>('SELECT article_id, entry_hash, problem FROM feed_entries WHERE feed_id = $1 AND guid = $2', [feedId, guid]);
  return rows[0] ? { articleId: rows[0].article_id, entryHash: rows[0].entry_hash, problem: rows[0].problem } : null;
}

/** An article already stored for this page address (from any feed, import or fetch), if any. */
export async function findArticleByUrl(db: Queryable, url: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>(
    `SELECT id FROM articles WHERE canonical_url = $1 OR url = $1
     UNION ALL SELECT article_id FROM feed_entries WHERE url = $1 AND article_id IS NOT NULL
     LIMIT 1`,
    [url],
  );
  return rows[0]?.id ?? null;
}

export interface EntryRecord {
  feedId: number;
  guid: string;
  articleId: number | null;
  url: string | null;
  title: string | null;
  entryHash: string;
  publishedAt: Date | null;
  authors: string[];
  categories: string[];
  enclosures: { url: string; type: string | null; length: number | null }[];
  problem: string | null;
}

/** Inserts or updates a feed entry's row (one per feed and guid, whoever writes it). */
export async function saveEntry(db: Queryable, entry: EntryRecord): Promise<void> {
  await db.query(
    `INSERT INTO feed_entries (feed_id, guid, article_id, url, title, entry_hash, published_at, authors, categories, enclosures, problem)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
     ON CONFLICT (feed_id, guid) DO UPDATE SET article_id = COALESCE(EXCLUDED.article_id, feed_entries.article_id),
       url = EXCLUDED.url, title = EXCLUDED.title, entry_hash = EXCLUDED.entry_hash, published_at = EXCLUDED.published_at,
       authors = EXCLUDED.authors, categories = EXCLUDED.categories, enclosures = EXCLUDED.enclosures,
       problem = EXCLUDED.problem, updated_at = now()`,
    [entry.feedId, entry.guid, entry.articleId, entry.url, entry.title, entry.entryHash, entry.publishedAt, entry.authors, entry.categories, JSON.stringify(entry.enclosures), entry.problem],
  );
}

/**
 * Puts an updated entry's new text into the article it became, in place, so the article keeps
 * its id. When the new text is exactly another stored article's, that article is returned
 * instead (the entry now points at it) and nothing is written.
 */
export async function updateArticleText(db: Queryable, articleId: number, article: ExtractedArticle, pageId: number | null): Promise<{ id: number; status: 'updated' | 'present' }> {
  const contentHash = articleContentHash(article.title, article.text);
  const clash = await db.query<{ id: number }>('SELECT id FROM articles WHERE content_hash = $1', [contentHash]);
  if (clash[0]) return { id: clash[0].id, status: 'present' };
  await db.query(
    `UPDATE articles SET content_hash = $2, title = $3, text = $4, html = $5, excerpt = COALESCE($6, excerpt),
            byline = COALESCE($7, byline), published_at = COALESCE(published_at, $8), image_url = COALESCE($9, image_url),
            page_id = COALESCE($10, page_id), url = COALESCE($11, url), updated_at = now()
      WHERE id = $1`,
    [articleId, contentHash, article.title, article.text, article.html, article.excerpt, article.byline, article.publishedAt, article.imageUrl, pageId, article.url],
  );
  return { id: articleId, status: 'updated' };
}

export async function setFeedSource(db: Queryable, feedId: number, sourceId: number): Promise<void> {
  await db.query('UPDATE feeds SET source_id = COALESCE(source_id, $2) WHERE id = $1', [feedId, sourceId]);
}

export interface FeedHealth {
  total: number;
  healthy: number;
  failing: number;
  flagged: number;
  paused: number;
}

export async function feedHealth(db: Queryable): Promise<FeedHealth> {
  const rows = await db.query<FeedHealth>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE NOT paused AND consecutive_failures = 0)::int AS healthy,
            count(*) FILTER (WHERE NOT paused AND consecutive_failures > 0 AND flagged_at IS NULL)::int AS failing,
            count(*) FILTER (WHERE flagged_at IS NOT NULL)::int AS flagged,
            count(*) FILTER (WHERE paused)::int AS paused
       FROM feeds`,
  );
  return rows[0]!;
}
