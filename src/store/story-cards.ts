// What a story card shows besides the story row: the outlets covering it (most articles first)
// and a short summary from the article that gave the story its headline (else its first original):
// that article's excerpt, else the start of its text; and the story's lead image when one is stored.
import type { Queryable } from './db.ts';
import { storyThumbnails, thumbnailSizes, type ThumbnailSize } from './article-images.ts';
import { clip } from '../text/clip.ts';

export interface StoryCardFacts {
  outlets: string[];
  summary: string | null;
  /** The stored lead-image thumbnail the card shows (served by /images/articles/:id). */
  image: ThumbnailSize | null;
}

// Enough text for two lines on a card; the card clamps what it shows.
const SUMMARY_CHARS = 280;

export async function storyCardFacts(db: Queryable, storyIds: number[]): Promise<Map<number, StoryCardFacts>> {
  const facts = new Map<number, StoryCardFacts>(storyIds.map((id) => [id, { outlets: [], summary: null, image: null }]));
  if (!storyIds.length) return facts;
  const outlets = await db.query<{ story_id: number; name: string }>(
    `SELECT sa.story_id, s.name, count(*) AS n, min(coalesce(a.published_at, a.created_at)) AS first
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id JOIN sources s ON s.id = a.source_id
      WHERE sa.story_id = ANY($1::bigint[])
      GROUP BY sa.story_id, s.name
      ORDER BY sa.story_id, n DESC, first, s.name`,
    [storyIds],
  );
  for (const row of outlets) facts.get(row.story_id)?.outlets.push(row.name);
  const leads = await db.query<{ story_id: number; summary: string | null }>(
    `SELECT DISTINCT ON (sa.story_id) sa.story_id,
            left(coalesce(nullif(btrim(a.excerpt), ''), btrim(a.text)), ${SUMMARY_CHARS + 40}) AS summary
       FROM story_articles sa JOIN articles a ON a.id = sa.article_id JOIN stories st ON st.id = sa.story_id
      WHERE sa.story_id = ANY($1::bigint[]) AND a.duplicate_of IS NULL
      ORDER BY sa.story_id, (a.title = st.headline) DESC, coalesce(a.published_at, a.created_at), a.id`,
    [storyIds],
  );
  for (const row of leads) {
    const fact = facts.get(row.story_id);
    if (fact && row.summary) fact.summary = clip(row.summary.replace(/\s+/g, ' '), SUMMARY_CHARS);
  }
  for (const [storyId, image] of await storyThumbnails(db, storyIds)) {
    const fact = facts.get(storyId);
    if (fact) fact.image = image;
  }
  return facts;
}

export interface ArticleCardFacts {
  /** The article's standfirst, else the start of its text, cut for a card. */
  excerpt: string | null;
  image: ThumbnailSize | null;
}

// Three lines of a card in the side column.
const EXCERPT_CHARS = 200;

/** What an article card shows besides its title, source and time (related articles). */
export async function articleCardFacts(db: Queryable, articleIds: number[]): Promise<Map<number, ArticleCardFacts>> {
  const facts = new Map<number, ArticleCardFacts>();
  if (!articleIds.length) return facts;
  const rows = await db.query<{ id: number; excerpt: string | null }>(`SELECT id, left(coalesce(nullif(btrim(excerpt), ''), btrim(text)), ${EXCERPT_CHARS + 40}) AS excerpt FROM articles WHERE id = ANY($1::bigint[])`, [articleIds]);
  const images = await thumbnailSizes(db, articleIds);
  for (const row of rows) {
    facts.set(row.id, { excerpt: row.excerpt ? clip(row.excerpt.replace(/\s+/g, ' '), EXCERPT_CHARS) : null, image: images.get(row.id) ?? null });
  }
  return facts;
}
