// Articles and the pages they came from: insert-or-update by content hash and canonical URL,
// so re-reading a page never stores anything twice; listing and reading for the API and CLI.
import type { Queryable } from './db.ts';
import type { Article, ExtractedArticle, TimeBasis } from '../model/index.ts';
import { articleContentHash } from '../text/hash.ts';
import { sourceKey } from './sources.ts';
import { ruleFilterSql } from './rules.ts';
import { decideIdentity, type GapFill, type StoredCopy } from '../dedup/identity.ts';

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
    { prepare: true },
  );
  if (inserted[0]) return { id: inserted[0].id, existed: false };
  const found = await db.query<{ id: number }>('SELECT id FROM pages WHERE content_hash = $1', [page.contentHash]);
  return { id: found[0]!.id, existed: true };
}

export async function findPageByHash(db: Queryable, contentHash: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM pages WHERE content_hash = $1', [contentHash]);
  return rows[0]?.id ?? null;
}

/** Which of these page hashes are stored already (one statement for a batch of pages). */
export async function storedPageHashes(db: Queryable, contentHashes: string[]): Promise<Set<string>> {
  const rows = await db.query<{ content_hash: string }>('SELECT content_hash FROM pages WHERE content_hash = ANY($1::text[])', [contentHashes]);
  return new Set(rows.map((r) => r.content_hash));
}

/**
 * Stored articles that may be this one (same content hash, same canonical URL, or same title,
 * ignoring case): the candidates the identity rule (src/dedup/identity.ts) decides among; in the
 * same statement, the id of its publisher's source row (made when new, as ensureSource does).
 */
async function sameArticleCandidates(db: Queryable, contentHash: string, article: ExtractedArticle): Promise<{ sourceId: number | null; candidates: StoredCopy[] }> {
  const rows = await db.query<{
    source_id: number | null;
    id: number | null;
    role: 'main' | 'related';
    title: string;
    text: string;
    content_hash: string;
    canonical_url: string | null;
    stored_source_id: number | null;
    published_at: Date | null;
    time_basis: TimeBasis;
    byline: string | null;
    url: string | null;
  }>(
    `WITH src AS (
       INSERT INTO sources (name, name_key, domain) SELECT $4::text, $5::text, NULL WHERE $4::text IS NOT NULL
       ON CONFLICT (name_key) DO UPDATE SET domain = COALESCE(sources.domain, EXCLUDED.domain)
       RETURNING id)
     SELECT (SELECT id FROM src) AS source_id, c.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (
       SELECT id, role, title, text, content_hash, canonical_url, source_id AS stored_source_id, published_at, time_basis, byline, url FROM articles
        WHERE content_hash = $1 OR ($2::text IS NOT NULL AND canonical_url = $2) OR lower(title) = lower($3)
        ORDER BY id LIMIT 200) AS c ON true
      ORDER BY c.id`,
    [contentHash, article.canonicalUrl, article.title, article.sourceName ? article.sourceName.trim().replace(/\s+/g, ' ') : null, article.sourceName ? sourceKey(article.sourceName) : null],
    { prepare: true },
  );
  const candidates = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: r.id!,
      role: r.role,
      title: r.title,
      text: r.text,
      contentHash: r.content_hash,
      canonicalUrl: r.canonical_url,
      sourceId: r.stored_source_id,
      publishedAt: r.published_at,
      timeBasis: r.time_basis,
      byline: r.byline,
      url: r.url,
    }));
  return { sourceId: rows[0]?.source_id ?? null, candidates };
}

/**
 * Stores an extracted article, applying the identity rule (src/dedup/identity.ts): the same
 * article already stored is kept, or takes this copy's body when this one is richer (or the
 * publisher's new version); its publication time changes only for one as trustworthy.
 */
export async function saveArticle(db: Queryable, article: ExtractedArticle, pageId: number | null): Promise<{ id: number; status: SaveStatus }> {
  const contentHash = articleContentHash(article.title, article.text);
  const { sourceId, candidates } = await sameArticleCandidates(db, contentHash, article);
  const decision = decideIdentity(candidates, { article, contentHash, sourceId });
  if (decision.kind === 'present') {
    if (decision.fill) await fillGaps(db, decision.id, decision.fill);
    return { id: decision.id, status: 'present' };
  }
  if (decision.kind === 'replace') {
    await db.query(
      `UPDATE articles SET source_id = COALESCE(source_id, $2), page_id = COALESCE($3, page_id), url = COALESCE($4, url),
              content_hash = $5, title = $6, byline = COALESCE($7, byline),
              published_at = CASE WHEN $17 THEN published_at ELSE $8 END,
              published_text = CASE WHEN $17 THEN published_text ELSE $10 END,
              time_basis = CASE WHEN $17 THEN time_basis ELSE $9 END, language = COALESCE($11, language),
              text = $12, html = COALESCE($13, html), excerpt = COALESCE($14, excerpt),
              image_url = COALESCE($15, image_url), role = $16, updated_at = now()
        WHERE id = $1`,
      [
        decision.id,
        sourceId,
        pageId,
        article.url,
        contentHash,
        article.title,
        article.byline,
        article.publishedAt,
        article.timeBasis,
        article.publishedText,
        article.language,
        article.text,
        article.html,
        article.excerpt,
        article.imageUrl,
        article.role,
        decision.keepTime,
      ],
    );
    return { id: decision.id, status: 'updated' };
  }
  const rows = await db.query<{ id: number }>(
    `INSERT INTO articles (source_id, page_id, url, canonical_url, content_hash, title, byline, published_at,
                           time_basis, published_text, language, text, html, excerpt, image_url, role)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING id`,
    [
      sourceId,
      pageId,
      article.url,
      article.canonicalUrl,
      contentHash,
      article.title,
      article.byline,
      article.publishedAt,
      article.timeBasis,
      article.publishedText,
      article.language,
      article.text,
      article.html,
      article.excerpt,
      article.imageUrl,
      article.role,
    ],
    { prepare: true },
  );
  return { id: rows[0]!.id, status: 'inserted' };
}

/** Writes what a kept copy lacked (src/dedup/identity.ts decides what). */
async function fillGaps(db: Queryable, id: number, fill: GapFill): Promise<void> {
  await db.query(
    `UPDATE articles SET
        published_at = COALESCE(published_at, $2), time_basis = CASE WHEN published_at IS NULL AND $2::timestamptz IS NOT NULL THEN $3 ELSE time_basis END,
        published_text = CASE WHEN published_at IS NULL AND $2::timestamptz IS NOT NULL THEN $4 ELSE published_text END,
        byline = COALESCE(byline, $5), source_id = COALESCE(source_id, $6), url = COALESCE(url, $7)
      WHERE id = $1`,
    [id, fill.publishedAt?.at ?? null, fill.publishedAt?.basis ?? null, fill.publishedAt?.text ?? null, fill.byline ?? null, fill.sourceId ?? null, fill.url ?? null],
  );
}

export interface ArticleLink {
  position: number;
  title: string;
  sourceName: string | null;
  url: string | null;
  relatedArticleId: number | null;
}

/**
 * Replaces the list of related links an article's page showed, in one statement for all of them;
 * `isNew`: the article was inserted just now, so it has no links to remove.
 */
export async function saveArticleLinks(db: Queryable, articleId: number, links: ArticleLink[], isNew = false): Promise<void> {
  if (!isNew) await db.query('DELETE FROM article_links WHERE article_id = $1', [articleId]);
  if (!links.length) return;
  await db.query(
    `INSERT INTO article_links (article_id, position, title, source_name, url, related_article_id)
     SELECT $1::bigint, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
    [articleId, links.map((l) => l.position), links.map((l) => l.title), links.map((l) => l.sourceName), links.map((l) => l.url), links.map((l) => l.relatedArticleId)],
  );
}

export async function getArticleLinks(db: Queryable, articleId: number): Promise<ArticleLink[]> {
  const rows = await db.query<{
    position: number;
    title: string;
    source_name: string | null;
    url: string | null;
    related_article_id: number | null;
  }>(
    `SELECT position, title, source_name, url, related_article_id FROM article_links
      WHERE article_id = $1 ORDER BY position`,
    [articleId],
  );
  return rows.map((r) => ({
    position: r.position,
    title: r.title,
    sourceName: r.source_name,
    url: r.url,
    relatedArticleId: r.related_article_id,
  }));
}

interface ArticleRow {
  id: number;
  source_id: number | null;
  source_name: string | null;
  page_id: number | null;
  url: string | null;
  canonical_url: string | null;
  content_hash: string;
  title: string;
  byline: string | null;
  published_at: Date | null;
  time_basis: string;
  language: string | null;
  text: string;
  html: string | null;
  excerpt: string | null;
  image_url: string | null;
  role: 'main' | 'related';
  created_at: Date;
  updated_at: Date;
}

export const ARTICLE_COLUMNS = `a.id, a.source_id, s.name AS source_name, a.page_id, a.url, a.canonical_url, a.content_hash,
  a.title, a.byline, a.published_at, a.time_basis, a.language, a.text, a.html, a.excerpt, a.image_url, a.role,
  a.created_at, a.updated_at`;

export function articleFromRow(r: ArticleRow): Article {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    pageId: r.page_id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    contentHash: r.content_hash,
    title: r.title,
    byline: r.byline,
    publishedAt: r.published_at,
    timeBasis: r.time_basis as TimeBasis,
    language: r.language,
    text: r.text,
    html: r.html,
    excerpt: r.excerpt,
    imageUrl: r.image_url,
    role: r.role,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getArticle(db: Queryable, id: number): Promise<Article | null> {
  const rows = await db.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = $1`, [id]);
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

/** Whether an article with this id is stored. */
export async function articleExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM articles WHERE id = $1', [id])).length > 0;
}
