// What the outgoing feeds (/feed/…) list: the latest stories, and the latest articles overall, of a
// story or of a source.
import type { Queryable } from './db.ts';
import type { Article } from '../model/index.ts';
import { ARTICLE_COLUMNS, articleFromRow } from './articles.ts';

export interface FeedStoryRow {
  id: number;
  headline: string;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  updatedAt: Date;
  articleCount: number;
  sourceCount: number;
}

/** The latest stories (by last article, then id), with when each last changed. */
export async function latestStoriesForFeed(db: Queryable, limit: number): Promise<FeedStoryRow[]> {
  const rows = await db.query<{ id: number; headline: string; first_seen_at: Date | null; last_seen_at: Date | null; updated_at: Date; article_count: number; source_count: number }>(
    `SELECT id, headline, first_seen_at, last_seen_at, updated_at, article_count, source_count FROM stories
      ORDER BY last_seen_at DESC NULLS LAST, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    updatedAt: r.updated_at,
    articleCount: r.article_count,
    sourceCount: r.source_count,
  }));
}

export type FeedArticles = { all: true } | { storyId: number } | { sourceId: number } | { articleIds: number[] };

/** The latest articles (by publication, then id): all of them, one story's, one source's or of these ids. */
export async function latestArticlesForFeed(db: Queryable, of: FeedArticles, limit: number): Promise<Article[]> {
  const params: unknown[] = [limit];
  let where = 'true';
  if ('storyId' in of) where = `a.id IN (SELECT article_id FROM story_articles WHERE story_id = $${params.push(of.storyId)})`;
  if ('sourceId' in of) where = `a.source_id = $${params.push(of.sourceId)}`;
  if ('articleIds' in of) where = `a.id = ANY($${params.push(of.articleIds)}::bigint[])`;
  const rows = await db.query<Parameters<typeof articleFromRow>[0]>(
    `SELECT ${ARTICLE_COLUMNS} FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE ${where}
      ORDER BY a.published_at DESC NULLS LAST, a.id DESC LIMIT $1`,
    params,
  );
  return rows.map(articleFromRow);
}
