// Highlights and notes on article text (migration 017): stored per reader and article with their
// text anchor (src/highlights/anchor.ts); notes cleaned and rendered like comments.
import type { Queryable } from './db.ts';
import { getArticle } from './articles.ts';
import { CommentError, normaliseCommentBody } from './comments.ts';
import { renderCommentMarkdown } from '../web/markdown.ts';
import { anchorIn, anchorText, AnchorError, locateAnchor } from '../highlights/anchor.ts';

export const MAX_HIGHLIGHTS_PER_ARTICLE = 500;

export interface Highlight {
  id: number;
  articleId: number;
  articleTitle: string;
  articleUrl: string | null;
  sourceName: string | null;
  quote: string;
  prefix: string;
  suffix: string;
  /** Where the quote is in the article's text now (null: the article changed and it is gone). */
  start: number | null;
  end: number | null;
  note: string | null;
  noteHtml: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class HighlightInputError extends Error {}

interface Row {
  id: number;
  article_id: number;
  title: string;
  url: string | null;
  source_name: string | null;
  text: string;
  quote: string;
  prefix: string;
  suffix: string;
  start_offset: number;
  end_offset: number;
  note: string | null;
  note_html: string | null;
  created_at: Date;
  updated_at: Date;
}

function toHighlight(r: Row, texts: Map<number, string>): Highlight {
  let text = texts.get(r.article_id);
  if (text === undefined) texts.set(r.article_id, (text = anchorText(r.text)));
  // Stored offsets stay right while the text is unchanged; otherwise the quote is looked for again.
  const same = text.slice(r.start_offset, r.end_offset) === r.quote;
  const at = same ? { start: r.start_offset, end: r.end_offset } : locateAnchor(text, { quote: r.quote, prefix: r.prefix, suffix: r.suffix, start: r.start_offset });
  return {
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    articleUrl: r.url,
    sourceName: r.source_name,
    quote: r.quote,
    prefix: r.prefix,
    suffix: r.suffix,
    start: at?.start ?? null,
    end: at?.end ?? null,
    note: r.note,
    noteHtml: r.note_html,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

const SELECT = `SELECT h.id, h.article_id, a.title, coalesce(a.canonical_url, a.url) AS url, s.name AS source_name, a.text,
       h.quote, h.prefix, h.suffix, h.start_offset, h.end_offset, h.note, h.note_html, h.created_at, h.updated_at
  FROM highlights h JOIN articles a ON a.id = h.article_id LEFT JOIN sources s ON s.id = a.source_id`;

function cleanNote(note: string | null | undefined): { note: string | null; html: string | null } {
  if (note === null || note === undefined || !note.trim()) return { note: null, html: null };
  try {
    const body = normaliseCommentBody(note);
    return { note: body, html: renderCommentMarkdown(body).value };
  } catch (error) {
    if (error instanceof CommentError) throw new HighlightInputError(`note: ${error.message}`);
    throw error;
  }
}

export interface NewHighlight {
  quote: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  note?: string | null;
}

/** Stores a highlight, or throws HighlightInputError naming what is wrong (null: no such article). */
export async function createHighlight(db: Queryable, userId: number, articleId: number, input: NewHighlight): Promise<Highlight | null> {
  const article = await getArticle(db, articleId);
  if (!article) return null;
  let anchor: ReturnType<typeof anchorIn>;
  try {
    anchor = anchorIn(article.text, input);
  } catch (error) {
    if (error instanceof AnchorError) throw new HighlightInputError(error.message);
    throw error;
  }
  const { note, html } = cleanNote(input.note);
  const count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM highlights WHERE user_id = $1 AND article_id = $2', [userId, articleId]))[0]!.n;
  if (count >= MAX_HIGHLIGHTS_PER_ARTICLE) throw new HighlightInputError(`at most ${MAX_HIGHLIGHTS_PER_ARTICLE} highlights per article`);
  const [{ id }] = (await db.query<{ id: number }>(
    `INSERT INTO highlights (user_id, article_id, quote, prefix, suffix, start_offset, end_offset, note, note_html)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [userId, articleId, anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end, note, html],
  )) as [{ id: number }];
  return (await getHighlight(db, userId, id))!;
}

export async function getHighlight(db: Queryable, userId: number, id: number): Promise<Highlight | null> {
  const rows = await db.query<Row>(`${SELECT} WHERE h.user_id = $1 AND h.id = $2`, [userId, id]);
  return rows[0] ? toHighlight(rows[0], new Map()) : null;
}

/** A reader's highlights, newest first; of one article in text order. */
export async function listHighlights(db: Queryable, userId: number, options: { articleId?: number; limit?: number; beforeId?: number } = {}): Promise<Highlight[]> {
  const params: unknown[] = [userId];
  const where = ['h.user_id = $1'];
  if (options.articleId) where.push(`h.article_id = $${params.push(options.articleId)}`);
  if (options.beforeId) where.push(`h.id < $${params.push(options.beforeId)}`);
  const order = options.articleId ? 'h.start_offset, h.id' : 'h.id DESC';
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 10_000);
  const rows = await db.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`, params);
  const texts = new Map<number, string>();
  return rows.map((r) => toHighlight(r, texts));
}

/** Sets or clears a highlight's note; false when the reader has no such highlight. */
export async function setHighlightNote(db: Queryable, userId: number, id: number, note: string | null): Promise<boolean> {
  const clean = cleanNote(note);
  const rows = await db.query('UPDATE highlights SET note = $3, note_html = $4, updated_at = now() WHERE user_id = $1 AND id = $2 RETURNING id', [userId, id, clean.note, clean.html]);
  return rows.length > 0;
}

export async function deleteHighlight(db: Queryable, userId: number, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM highlights WHERE user_id = $1 AND id = $2 RETURNING id', [userId, id])).length > 0;
}
