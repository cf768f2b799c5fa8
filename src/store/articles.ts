// Articles and the pages they came from: insert-or-update by content hash and canonical URL,
// so re-reading a page never stores anything twice; listing and reading for the API and CLI.
import type { Queryable } from './db.ts';
import type { Article, ExtractedArticle, TimeBasis } from '../model/index.ts';
import { articleContentHash } from '../text/hash.ts';
import { ensureSource } from './sources.ts';
import { ruleFilterSql } from './rules.ts';

export type SaveStatus = 'inserted' | 'updated' | 'present';

export interface PageRecord {
  location: string;
  kind: 'dump' | 'html';
  contentHash: string;
  byteSize: number;
  charset: string | null;
}

/** Records a page; `existed` is true when the same bytes were read before. */
export async function savePage(db: Queryable, page: PageRecord): Promise<{ id: number; existed: boolean }> {
  const inserted = await db.query<{ id: number }>(
    `INSERT INTO pages (location, kind, content_hash, byte_size, charset) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (content_hash) DO NOTHING RETURNING id`,
    [page.location, page.kind, page.contentHash, page.byteSize, page.charset],
  );
  if (inserted[0]) return { id: inserted[0].id, existed: false };
  const found = await db.query<{ id: number }>('SELECT id FROM pages WHERE content_hash = $1', [page.contentHash]);
  return { id: found[0]!.id, existed: true };
}

export async function findPageByHash(db: Queryable, contentHash: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM pages WHERE content_hash = $1', [contentHash]);
  return rows[0]?.id ?? null;
}

// A publication time is replaced only by one at least as trustworthy: a date the page states
// beats a feed's date, which beats a relative age resolved, which beats a file's time.
const TIME_BASIS_RANK = `CASE $9 WHEN 'page' THEN 4 WHEN 'feed' THEN 3 WHEN 'relative' THEN 2 WHEN 'file' THEN 1 ELSE 0 END`;
const STORED_BASIS_RANK = `CASE time_basis WHEN 'page' THEN 4 WHEN 'feed' THEN 3 WHEN 'relative' THEN 2 WHEN 'file' THEN 1 ELSE 0 END`;
const KEEPS_TIME = `($8::timestamptz IS NULL OR (published_at IS NOT NULL AND ${STORED_BASIS_RANK} > ${TIME_BASIS_RANK}))`;

const richness = (a: { role: string; text: string }) => (a.role === 'main' ? 1e9 : 0) + a.text.length;

// How far apart two sightings of one publisher's same-titled article may be dated: a dump's
// relative age ("a day ago") is coarse, a different article reusing a title is days apart.
const SAME_TITLE_WINDOW_HOURS = 36;
// Shorter headlines ("Weather", "Live updates") are too often reused to identify an article alone.
const MIN_UNSOURCED_TITLE = 40;

/**
 * The stored article this one is, if any: the same content, else the same canonical URL
 * (an updated version), else the same publisher and title around the same time (a page's
 * teaser of it, or its full page, seen without a URL).
 */
async function findSameArticle(
  db: Queryable,
  contentHash: string,
  article: ExtractedArticle,
  sourceId: number | null,
): Promise<{ id: number; role: string; text: string; content_hash: string; same_url: boolean } | null> {
  const rows = await db.query<{ id: number; role: string; text: string; content_hash: string; same_url: boolean }>(
    `SELECT id, role, text, content_hash, COALESCE(canonical_url = $2, false) AS same_url FROM articles
      WHERE content_hash = $1
         OR ($2::text IS NOT NULL AND canonical_url = $2)
         OR (lower(title) = lower($4) AND (
               ($3::bigint IS NOT NULL AND source_id = $3
                AND (published_at IS NULL OR $5::timestamptz IS NULL
                     OR abs(extract(epoch FROM published_at - $5::timestamptz)) <= $6 * 3600))
               -- a page that does not name its publisher: a long identical headline is enough
            OR (($3::bigint IS NULL OR source_id IS NULL) AND length($4) >= $7)))
      ORDER BY (content_hash = $1) DESC, (canonical_url IS NOT DISTINCT FROM $2) DESC, id LIMIT 1`,
    [contentHash, article.canonicalUrl, sourceId, article.title, article.publishedAt, SAME_TITLE_WINDOW_HOURS, MIN_UNSOURCED_TITLE],
  );
  return rows[0] ?? null;
}

/**
 * Stores an extracted article. The same article (same content hash, or same canonical URL)
 * already stored is kept, and updated only when the new copy is richer: a page's main
 * article beats the same article seen as a related listing, a longer body beats a shorter.
 */
export async function saveArticle(
  db: Queryable,
  article: ExtractedArticle,
  pageId: number | null,
): Promise<{ id: number; status: SaveStatus }> {
  const contentHash = articleContentHash(article.title, article.text);
  const sourceId = article.sourceName ? await ensureSource(db, article.sourceName) : null;
  const found = await findSameArticle(db, contentHash, article, sourceId);
  if (found) {
    if (found.content_hash === contentHash && richness(found) >= richness(article)) {
      return { id: found.id, status: 'present' };
    }
    // Found by publisher and title: keep whichever copy is richer. Found by canonical URL with
    // other content: the publisher changed the article, the new version replaces the old.
    if (found.content_hash !== contentHash && !found.same_url && richness(found) >= richness(article)) {
      return { id: found.id, status: 'present' };
    }
    await db.query(
      `UPDATE articles SET source_id = COALESCE(source_id, $2), page_id = COALESCE($3, page_id), url = COALESCE($4, url),
              content_hash = $5, title = $6, byline = COALESCE($7, byline), published_at = CASE WHEN ${KEEPS_TIME} THEN published_at ELSE $8 END,
              published_text = CASE WHEN ${KEEPS_TIME} THEN published_text ELSE $10 END,
              time_basis = CASE WHEN ${KEEPS_TIME} THEN time_basis ELSE $9 END, language = COALESCE($11, language),
              text = $12, html = COALESCE($13, html), excerpt = COALESCE($14, excerpt),
              image_url = COALESCE($15, image_url), role = $16, updated_at = now()
        WHERE id = $1`,
      [
        found.id, sourceId, pageId, article.url, contentHash, article.title, article.byline, article.publishedAt,
        article.timeBasis, article.publishedText, article.language, article.text, article.html, article.excerpt,
        article.imageUrl, article.role,
      ],
    );
    return { id: found.id, status: 'updated' };
  }
  const rows = await db.query<{ id: number }>(
    `INSERT INTO articles (source_id, page_id, url, canonical_url, content_hash, title, byline, published_at,
                           time_basis, published_text, language, text, html, excerpt, image_url, role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING id`,
    [
      sourceId, pageId, article.url, article.canonicalUrl, contentHash, article.title, article.byline,
      article.publishedAt, article.timeBasis, article.publishedText, article.language, article.text, article.html,
      article.excerpt, article.imageUrl, article.role,
    ],
  );
  return { id: rows[0]!.id, status: 'inserted' };
}

export interface ArticleLink {
  position: number;
  title: string;
  sourceName: string | null;
  url: string | null;
  relatedArticleId: number | null;
}

/** Replaces the list of related links an article's page showed. */
export async function saveArticleLinks(db: Queryable, articleId: number, links: ArticleLink[]): Promise<void> {
  await db.query('DELETE FROM article_links WHERE article_id = $1', [articleId]);
  for (const link of links) {
    await db.query(
      `INSERT INTO article_links (article_id, position, title, source_name, url, related_article_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [articleId, link.position, link.title, link.sourceName, link.url, link.relatedArticleId],
    );
  }
}

export async function getArticleLinks(db: Queryable, articleId: number): Promise<ArticleLink[]> {
  const rows = await db.query<{
    position: number; title: string; source_name: string | null; url: string | null; related_article_id: number | null;
  }>(
    `SELECT position, title, source_name, url, related_article_id FROM article_links
      WHERE article_id = $1 ORDER BY position`,
    [articleId],
  );
  return rows.map((r) => ({
    position: r.position, title: r.title, sourceName: r.source_name, url: r.url, relatedArticleId: r.related_article_id,
  }));
}

interface ArticleRow {
  id: number; source_id: number | null; source_name: string | null; page_id: number | null; url: string | null;
  canonical_url: string | null; content_hash: string; title: string; byline: string | null; published_at: Date | null;
  time_basis: string; language: string | null; text: string; html: string | null; excerpt: string | null;
  image_url: string | null; role: 'main' | 'related'; created_at: Date; updated_at: Date;
}

export const ARTICLE_COLUMNS = `a.id, a.source_id, s.name AS source_name, a.page_id, a.url, a.canonical_url, a.content_hash,
  a.title, a.byline, a.published_at, a.time_basis, a.language, a.text, a.html, a.excerpt, a.image_url, a.role,
  a.created_at, a.updated_at`;

export function articleFromRow(r: ArticleRow): Article {
  return {
    id: r.id, sourceId: r.source_id, sourceName: r.source_name, pageId: r.page_id, url: r.url,
    canonicalUrl: r.canonical_url, contentHash: r.content_hash, title: r.title, byline: r.byline,
    publishedAt: r.published_at, timeBasis: r.time_basis as TimeBasis, language: r.language, text: r.text,
    html: r.html, excerpt: r.excerpt, imageUrl: r.image_url, role: r.role, createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getArticle(db: Queryable, id: number): Promise<Article | null> {
  const rows = await db.query<ArticleRow>(
    `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = $1`,
    [id],
  );
  return rows[0] ? articleFromRow(rows[0]) : null;
}

export interface ArticleFilter {
  source?: string;
  since?: Date;
  until?: Date;
  /** Keyset cursor: articles strictly older than this (published_at, id) pair. */
  before?: { publishedAt: Date | null; id: number };
  limit?: number;
  /** The reader whose mute/keep rules hide articles; none: nothing hidden. */
  viewerId?: number | null;
}

/** Latest first (by publication time, then id), with keyset pagination. */
export async function listArticles(db: Queryable, filter: ArticleFilter = {}): Promise<Article[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.source) where.push(`lower(s.name) = lower(${param(filter.source)})`);
  if (filter.since) where.push(`a.published_at >= ${param(filter.since)}`);
  if (filter.until) where.push(`a.published_at < ${param(filter.until)}`);
  if (filter.before) {
    const id = param(filter.before.id);
    if (filter.before.publishedAt) {
      const at = param(filter.before.publishedAt);
      where.push(`(a.published_at < ${at} OR (a.published_at = ${at} AND a.id < ${id}) OR a.published_at IS NULL)`);
    } else {
      where.push(`(a.published_at IS NULL AND a.id < ${id})`);
    }
  }
  if (filter.viewerId) where.push(ruleFilterSql('a', param(filter.viewerId)));
  const limit = param(Math.min(Math.max(filter.limit ?? 50, 1), 500));
  const rows = await db.query<ArticleRow>(
    `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT ${limit}`,
    params,
  );
  return rows.map(articleFromRow);
}

export async function countArticles(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
  return rows[0]!.n;
}
