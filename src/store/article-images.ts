// Lead images in the store: the owed rows migration 018's trigger writes for every main article,
// claimed by image fetchers with FOR UPDATE SKIP LOCKED under a lease, each outcome (a stored
// thumbnail, no image on the page, a failure to retry or give up on), and the thumbnails the
// reader's cards and the image route read back.
import type { Queryable } from './db.ts';

export interface OwedImage {
  articleId: number;
  attempts: number;
  /** The page's og:image (or twitter:image) as extracted. */
  imageUrl: string | null;
  /** The article's sanitised HTML: its first figure is the fallback. */
  html: string | null;
  url: string | null;
}

export interface StoredThumbnail {
  sourceUrl: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  digest: string;
}

export interface ThumbnailSize {
  articleId: number;
  width: number;
  height: number;
}

/**
 * Claims up to `limit` owed images due at `now` for `leaseSeconds`: other fetchers skip the rows
 * while they are locked and while the lease runs, and a fetcher that dies leaves them due again.
 */
export async function claimOwedImages(db: Queryable, now: Date, limit: number, leaseSeconds: number): Promise<OwedImage[]> {
  const rows = await db.query<{ article_id: number; attempts: number; image_url: string | null; html: string | null; url: string | null }>(
    `WITH due AS (
       SELECT article_id FROM article_images
        WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
        ORDER BY next_attempt_at, article_id DESC LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE article_images i SET claimed_until = $1::timestamptz + make_interval(secs => $3)
       FROM due, articles a WHERE i.article_id = due.article_id AND a.id = i.article_id
     RETURNING i.article_id, i.attempts, a.image_url, a.html, coalesce(a.canonical_url, a.url) AS url`,
    [now, limit, leaseSeconds],
  );
  return rows.map((r) => ({ articleId: r.article_id, attempts: r.attempts, imageUrl: r.image_url, html: r.html, url: r.url }));
}

export async function recordThumbnail(db: Queryable, articleId: number, thumbnail: StoredThumbnail, now: Date): Promise<void> {
  await db.query(
    `UPDATE article_images SET status = 'stored', source_url = $2, content_type = $3, width = $4, height = $5, thumbnail = $6,
            digest = $7, attempts = attempts + 1, claimed_until = NULL, last_error = NULL, fetched_at = $8
      WHERE article_id = $1`,
    [articleId, thumbnail.sourceUrl, thumbnail.contentType, thumbnail.width, thumbnail.height, Buffer.from(thumbnail.bytes), thumbnail.digest, now],
  );
}

/** The page had no usable image (none named, or one too small to show): nothing more is owed. */
export async function recordNoImage(db: Queryable, articleId: number, reason: string, sourceUrl: string | null, now: Date): Promise<void> {
  await db.query(
    `UPDATE article_images SET status = 'none', source_url = $2, thumbnail = NULL, digest = NULL, claimed_until = NULL,
            last_error = $3, fetched_at = $4
      WHERE article_id = $1`,
    [articleId, sourceUrl, reason.slice(0, 500), now],
  );
}

/** A failed attempt: due again at `retryAt`, or given up on when that is null. */
export async function recordImageFailure(db: Queryable, articleId: number, sourceUrl: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db.query(
    `UPDATE article_images SET status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
            next_attempt_at = coalesce($4::timestamptz, next_attempt_at), source_url = $2, last_error = $3,
            attempts = attempts + 1, claimed_until = NULL, fetched_at = $5
      WHERE article_id = $1`,
    [articleId, sourceUrl, error.slice(0, 500), retryAt, now],
  );
}

export async function getThumbnail(db: Queryable, articleId: number): Promise<(StoredThumbnail & { fetchedAt: Date | null }) | null> {
  const rows = await db.query<{ source_url: string; content_type: string; width: number; height: number; thumbnail: Uint8Array; digest: string; fetched_at: Date | null }>(
    `SELECT source_url, content_type, width, height, thumbnail, digest, fetched_at FROM article_images
      WHERE article_id = $1 AND status = 'stored' AND thumbnail IS NOT NULL`,
    [articleId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    sourceUrl: row.source_url,
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    bytes: row.thumbnail,
    digest: row.digest,
    fetchedAt: row.fetched_at,
  };
}

/** The stored thumbnails' sizes for these articles (articles without one are absent). */
export async function thumbnailSizes(db: Queryable, articleIds: number[]): Promise<Map<number, ThumbnailSize>> {
  const sizes = new Map<number, ThumbnailSize>();
  if (!articleIds.length) return sizes;
  const rows = await db.query<{ article_id: number; width: number; height: number }>(`SELECT article_id, width, height FROM article_images WHERE article_id = ANY($1::bigint[]) AND status = 'stored'`, [articleIds]);
  for (const r of rows) sizes.set(r.article_id, { articleId: r.article_id, width: r.width, height: r.height });
  return sizes;
}

/**
 * One image per story: that of the article the story took its headline from when it has one,
 * else the earliest original member's that does.
 */
export async function storyThumbnails(db: Queryable, storyIds: number[]): Promise<Map<number, ThumbnailSize>> {
  const images = new Map<number, ThumbnailSize>();
  if (!storyIds.length) return images;
  const rows = await db.query<{ story_id: number; article_id: number; width: number; height: number }>(
    `SELECT DISTINCT ON (sa.story_id) sa.story_id, i.article_id, i.width, i.height
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id JOIN stories st ON st.id = sa.story_id
       JOIN article_images i ON i.article_id = a.id AND i.status = 'stored'
      WHERE sa.story_id = ANY($1::bigint[])
      ORDER BY sa.story_id, (a.title = st.headline) DESC, (a.duplicate_of IS NULL) DESC, coalesce(a.published_at, a.created_at), a.id`,
    [storyIds],
  );
  for (const r of rows) images.set(r.story_id, { articleId: r.article_id, width: r.width, height: r.height });
  return images;
}

/** How many images are in each state (for `dateline images status` and tests). */
export async function imageCounts(db: Queryable): Promise<Record<'pending' | 'stored' | 'none' | 'failed', number>> {
  const counts = { pending: 0, stored: 0, none: 0, failed: 0 };
  const rows = await db.query<{ status: keyof typeof counts; n: number }>('SELECT status, count(*)::int AS n FROM article_images GROUP BY status');
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
