// Readers' comments on articles and stories: threads, edits, soft deletes, reports and
// moderation. Bodies are normalised here before they are stored (Unicode NFC, control and
// invisible characters cleaned, length limits) and rendered only at display time, through the
// Markdown subset and the sanitiser (src/web/markdown.ts).
import type { Queryable } from './db.ts';
import type { Comment, UserRole } from '../model/index.ts';

export const MAX_COMMENT_CHARS = 10_000;
// More invisible characters than this is not writing, it is an attempt to hide something (or to
// blow up rendering); a handful is normal in Persian, Indic scripts and emoji sequences.
export const MAX_INVISIBLE_CHARS = 200;

export type CommentErrorKind = 'invalid' | 'too_large' | 'forbidden' | 'missing';

/** A comment refused or an action not allowed; the message says why, for the reader. */
export class CommentError extends Error {
  constructor(
    readonly kind: CommentErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const thousands = (n: number) => n.toLocaleString('en-US');

// Zero-width and other format characters that carry no meaning in a comment: removed.
const REMOVABLE = /[\u200B\u2060-\u2064\uFEFF\u180E\u00AD\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/gu;
// Joiners and direction marks that real writing uses: kept, but a run becomes one.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists joiners and marks one by one on purpose
const KEPT_RUNS = /([\u200C\u200D\u200E\u200F])\1+/g;
// biome-ignore lint/suspicious/noMisleadingCharacterClass: format characters listed one by one on purpose
const INVISIBLE = /[\p{Cf}\u180E\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u3164\u115F\u1160]/gu;
// C0 and C1 controls other than tab and newline.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Cleans a comment body for storage, or throws CommentError saying what is wrong with it.
 * Measured in code points after cleaning, so invisible padding cannot count toward anything.
 */
export function normaliseCommentBody(input: string): string {
  // Refuse the absurd before doing work proportional to it.
  if (input.length > MAX_COMMENT_CHARS * 4) {
    throw new CommentError('too_large', `comment is ${thousands(input.length)} characters long; the limit is ${thousands(MAX_COMMENT_CHARS)}`);
  }
  const invisible = input.match(INVISIBLE)?.length ?? 0;
  if (invisible > MAX_INVISIBLE_CHARS) {
    throw new CommentError('invalid', `comment contains ${thousands(invisible)} invisible characters (zero-width spaces and the like); at most ${MAX_INVISIBLE_CHARS} are allowed`);
  }
  const body = input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROLS, '')
    .replace(REMOVABLE, '')
    .replace(KEPT_RUNS, '$1')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!body) throw new CommentError('invalid', 'comment is empty');
  const length = [...body].length;
  if (length > MAX_COMMENT_CHARS) {
    throw new CommentError('too_large', `comment is ${thousands(length)} characters long; the limit is ${thousands(MAX_COMMENT_CHARS)}`);
  }
  return body;
}

export type CommentTarget = { articleId: number; storyId?: undefined } | { storyId: number; articleId?: undefined };

/** A comment as stored (body: the normalised Markdown, empty once deleted), with its author's name and reports. */
export interface CommentRecord extends Comment {
  authorName: string;
  deleted: boolean;
  reportedCount: number;
}

interface CommentRow {
  id: number;
  user_id: number;
  username: string;
  article_id: number | null;
  story_id: number | null;
  parent_id: number | null;
  body: string;
  hidden: boolean;
  deleted_at: Date | null;
  reported_count: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT c.id, c.user_id, u.username, c.article_id, c.story_id, c.parent_id, c.body, c.hidden,
                       c.deleted_at, c.reported_count, c.created_at, c.updated_at
                  FROM comments c JOIN users u ON u.id = c.user_id`;

const toRecord = (row: CommentRow): CommentRecord => ({
  id: row.id,
  userId: row.user_id,
  authorName: row.username,
  articleId: row.article_id,
  storyId: row.story_id,
  parentId: row.parent_id,
  body: row.body,
  hidden: row.hidden,
  deleted: row.deleted_at !== null,
  reportedCount: row.reported_count,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export async function getComment(db: Queryable, id: number): Promise<CommentRecord | null> {
  const rows = await db.query<CommentRow>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Every comment on an article or a story, oldest first (threads are built by the reader). */
export async function listComments(db: Queryable, target: CommentTarget): Promise<CommentRecord[]> {
  const rows =
    target.articleId !== undefined
      ? await db.query<CommentRow>(`${SELECT} WHERE c.article_id = $1 ORDER BY c.created_at, c.id`, [target.articleId])
      : await db.query<CommentRow>(`${SELECT} WHERE c.story_id = $1 ORDER BY c.created_at, c.id`, [target.storyId]);
  return rows.map(toRecord);
}

export async function countVisibleComments(db: Queryable, target: CommentTarget): Promise<number> {
  const column = target.articleId !== undefined ? 'article_id' : 'story_id';
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE ${column} = $1 AND NOT hidden AND deleted_at IS NULL`, [target.articleId ?? target.storyId]);
  return rows[0]?.n ?? 0;
}

/** How many comments a reader has written and not deleted (their account page). */
export async function countUserComments(db: Queryable, userId: number): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE user_id = $1 AND deleted_at IS NULL', [userId]);
  return rows[0]?.n ?? 0;
}

async function targetExists(db: Queryable, target: CommentTarget): Promise<boolean> {
  if (target.articleId !== undefined) {
    return (await db.query('SELECT 1 FROM articles WHERE id = $1', [target.articleId])).length > 0;
  }
  return (await db.query('SELECT 1 FROM stories WHERE id = $1', [target.storyId])).length > 0;
}

export interface NewComment {
  userId: number;
  target: CommentTarget;
  parentId?: number | null;
  body: string;
}

export async function addComment(db: Queryable, input: NewComment): Promise<CommentRecord> {
  const body = normaliseCommentBody(input.body);
  const { target } = input;
  if (!(await targetExists(db, target))) {
    throw new CommentError('missing', target.articleId !== undefined ? `article ${target.articleId} does not exist` : `story ${target.storyId} does not exist`);
  }
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await getComment(db, parentId);
    const sameTarget = parent && (target.articleId !== undefined ? parent.articleId === target.articleId : parent.storyId === target.storyId);
    if (!parent || !sameTarget) throw new CommentError('missing', `comment ${parentId} is not on this page, so it cannot be replied to`);
    if (parent.deleted || parent.hidden) throw new CommentError('invalid', `comment ${parentId} was removed; it cannot be replied to`);
  }
  const rows = await db.query<{ id: number }>(`INSERT INTO comments (user_id, article_id, story_id, parent_id, body) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    input.userId,
    target.articleId ?? null,
    target.storyId ?? null,
    parentId,
    body,
  ]);
  return (await getComment(db, rows[0]!.id))!;
}

async function requireComment(db: Queryable, id: number): Promise<CommentRecord> {
  const comment = await getComment(db, id);
  if (!comment) throw new CommentError('missing', `comment ${id} does not exist`);
  return comment;
}

/** Changes the text of one's own comment. */
export async function editComment(db: Queryable, id: number, userId: number, newBody: string): Promise<CommentRecord> {
  const comment = await requireComment(db, id);
  if (comment.userId !== userId) throw new CommentError('forbidden', 'only its author can edit a comment');
  if (comment.deleted) throw new CommentError('invalid', `comment ${id} was deleted`);
  const body = normaliseCommentBody(newBody);
  await db.query('UPDATE comments SET body = $2, updated_at = now() WHERE id = $1', [id, body]);
  return (await getComment(db, id))!;
}

/**
 * Deletes a comment (its author, or a moderator): the text goes, the row stays so that its
 * replies keep their place in the thread.
 */
export async function deleteComment(db: Queryable, id: number, actor: { id: number; role: UserRole }): Promise<CommentRecord> {
  const comment = await requireComment(db, id);
  if (comment.userId !== actor.id && actor.role === 'reader') throw new CommentError('forbidden', 'only its author or a moderator can delete a comment');
  if (!comment.deleted) await db.query("UPDATE comments SET body = '', deleted_at = now(), updated_at = now() WHERE id = $1", [id]);
  return (await getComment(db, id))!;
}

/** Hides or restores a comment (moderators; the caller checks the role). */
export async function setCommentHidden(db: Queryable, id: number, hidden: boolean, moderatorId: number): Promise<CommentRecord> {
  await requireComment(db, id);
  if (hidden) {
    await db.query('UPDATE comments SET hidden = true, hidden_by = $2, hidden_at = now() WHERE id = $1', [id, moderatorId]);
  } else {
    // Restoring clears the reports too: a moderator has looked and found it fine.
    await db.query('UPDATE comments SET hidden = false, hidden_by = NULL, hidden_at = NULL, reported_count = 0 WHERE id = $1', [id]);
    await db.query('DELETE FROM comment_reports WHERE comment_id = $1', [id]);
  }
  return (await getComment(db, id))!;
}

/** Reports a comment to the moderators; a reader's second report of one comment counts once. */
export async function reportComment(db: Queryable, id: number, userId: number, reason: string): Promise<{ counted: boolean; comment: CommentRecord }> {
  const comment = await requireComment(db, id);
  if (comment.userId === userId) throw new CommentError('invalid', 'you cannot report your own comment');
  if (comment.deleted) throw new CommentError('invalid', `comment ${id} was deleted`);
  const inserted = await db.query('INSERT INTO comment_reports (comment_id, user_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING comment_id', [
    id,
    userId,
    reason.normalize('NFC').replace(CONTROLS, '').replace(INVISIBLE, '').trim().slice(0, 500),
  ]);
  if (inserted.length) await db.query('UPDATE comments SET reported_count = reported_count + 1 WHERE id = $1', [id]);
  return { counted: inserted.length > 0, comment: (await getComment(db, id))! };
}

/** What moderators look at: reported comments (most reported first), then recently hidden ones. */
export async function listForModeration(db: Queryable, limit = 100): Promise<CommentRecord[]> {
  const rows = await db.query<CommentRow>(
    `${SELECT} WHERE c.deleted_at IS NULL AND (c.reported_count > 0 OR c.hidden)
      ORDER BY c.hidden, c.reported_count DESC, c.created_at DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toRecord);
}
