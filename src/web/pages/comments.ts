// The comment thread under an article or a story, and the moderators' queue. Works without
// JavaScript: replies, edits, reports and moderation are small forms inside <details>.
import { html, type SafeHtml } from '../html.ts';
import { formatAge } from '../time.ts';
import { renderCommentMarkdown } from '../markdown.ts';
import type { CommentRecord, CommentTarget } from '../../store/comments.ts';
import type { SessionUser } from '../../store/sessions.ts';
import { MAX_COMMENT_CHARS } from '../../store/comments.ts';

export interface Viewer {
  user: SessionUser | null;
  /** The session's CSRF token; forms are shown only to signed-in readers. */
  csrfToken: string | null;
}

const isModerator = (user: SessionUser | null) => user?.role === 'moderator' || user?.role === 'admin';

export const targetPath = (target: CommentTarget) => (target.articleId !== undefined ? `/articles/${target.articleId}` : `/stories/${target.storyId}`);

const csrfInput = (viewer: Viewer) => html`<input type="hidden" name="_csrf" value="${viewer.csrfToken ?? ''}">`;

function targetInputs(target: CommentTarget): SafeHtml {
  return target.articleId !== undefined ? html`<input type="hidden" name="articleId" value="${target.articleId}">` : html`<input type="hidden" name="storyId" value="${target.storyId}">`;
}

function commentForm(input: { viewer: Viewer; target: CommentTarget; parentId?: number; idSuffix: string; label: string; button: string }): SafeHtml {
  const id = `comment-body-${input.idSuffix}`;
  return html`<form method="post" action="/comments" class="comment-form">
  ${csrfInput(input.viewer)}${targetInputs(input.target)}
  ${input.parentId ? html`<input type="hidden" name="parentId" value="${input.parentId}">` : null}
  <label for="${id}">${input.label}</label>
  <textarea id="${id}" name="body" rows="${input.parentId ? 3 : 4}" required maxlength="${MAX_COMMENT_CHARS}" aria-describedby="markdown-help"></textarea>
  <button type="submit">${input.button}</button>
</form>`;
}

/** A one-button form; `about` names the comment for screen readers ("Hide comment by anna"). */
function actionForm(action: string, viewer: Viewer, label: string, about: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfInput(viewer)}<button type="submit" class="link">${label}<span class="visually-hidden"> ${about}</span></button></form>`;
}

interface RenderInput {
  viewer: Viewer;
  target: CommentTarget;
  now: Date;
  children: Map<number | null, CommentRecord[]>;
}

function renderComment(comment: CommentRecord, input: RenderInput, depth: number): SafeHtml | null {
  const { viewer, now } = input;
  const replies = (input.children.get(comment.id) ?? []).map((c) => renderComment(c, input, depth + 1)).filter((c): c is SafeHtml => c !== null);
  const moderator = isModerator(viewer.user);
  const own = viewer.user?.id === comment.userId;
  // Removed comments with no replies leave no trace; with replies, a placeholder keeps the thread readable.
  if ((comment.deleted || (comment.hidden && !moderator && !own)) && !replies.length) return null;
  const anchor = `comment-${comment.id}`;
  let body: SafeHtml;
  if (comment.deleted) body = html`<p class="removed">Comment deleted.</p>`;
  else if (comment.hidden && !moderator && !own) body = html`<p class="removed">Comment hidden by a moderator.</p>`;
  else body = html`<div class="comment-body">${renderCommentMarkdown(comment.body)}</div>`;
  const live = !comment.deleted;
  const edited = comment.updatedAt.getTime() - comment.createdAt.getTime() > 1000 && live;
  const actions: SafeHtml[] = [];
  const about = `comment by ${comment.authorName}`;
  if (viewer.user && live && !comment.hidden) {
    actions.push(
      html`<details><summary>Reply<span class="visually-hidden"> to ${comment.authorName}</span></summary>${commentForm({ viewer, target: input.target, parentId: comment.id, idSuffix: `reply-${comment.id}`, label: `Reply to ${comment.authorName}`, button: 'Post reply' })}</details>`,
    );
  }
  if (own && live) {
    actions.push(html`<details><summary>Edit<span class="visually-hidden"> your comment</span></summary><form method="post" action="/comments/${comment.id}/edit" class="comment-form">
  ${csrfInput(viewer)}<label for="edit-body-${comment.id}">Edit your comment</label>
  <textarea id="edit-body-${comment.id}" name="body" rows="4" required maxlength="${MAX_COMMENT_CHARS}">${comment.body}</textarea>
  <button type="submit">Save</button></form></details>`);
  }
  if ((own || moderator) && live) actions.push(actionForm(`/comments/${comment.id}/delete`, viewer, 'Delete', about));
  if (viewer.user && !own && live && !comment.hidden) actions.push(actionForm(`/comments/${comment.id}/report`, viewer, 'Report', about));
  if (moderator && live) {
    actions.push(comment.hidden ? actionForm(`/comments/${comment.id}/restore`, viewer, 'Restore', about) : actionForm(`/comments/${comment.id}/hide`, viewer, 'Hide', about));
  }
  return html`<li id="${anchor}" class="comment${comment.hidden ? ' is-hidden' : ''}" data-comment-id="${comment.id}">
  <article aria-labelledby="${anchor}-by">
    <p class="meta"><strong id="${anchor}-by">${comment.deleted ? 'deleted' : comment.authorName}</strong> ·
      <a href="#${anchor}"><time datetime="${comment.createdAt.toISOString()}">${formatAge(comment.createdAt, now)}</time></a>${edited ? ' · edited' : null}${comment.hidden && (moderator || own) ? html` · <span class="badge">hidden</span>` : null}${moderator && comment.reportedCount ? html` · <span class="badge">reported ${comment.reportedCount}×</span>` : null}</p>
    ${body}
    ${actions.length ? html`<div class="comment-actions">${actions}</div>` : null}
  </article>
  ${replies.length ? html`<ol class="comments replies">${replies}</ol>` : null}
</li>`;
}

export interface ThreadInput {
  comments: CommentRecord[];
  viewer: Viewer;
  target: CommentTarget;
  now: Date;
  /** A message to show above the form (an error from the last post). */
  notice?: string | null;
}

/** The whole thread, with the form for a new comment. */
export function commentThread(input: ThreadInput): SafeHtml {
  const children = new Map<number | null, CommentRecord[]>();
  for (const comment of input.comments) {
    const list = children.get(comment.parentId) ?? [];
    list.push(comment);
    children.set(comment.parentId, list);
  }
  const renderInput: RenderInput = { viewer: input.viewer, target: input.target, now: input.now, children };
  const top = (children.get(null) ?? []).map((c) => renderComment(c, renderInput, 0)).filter((c): c is SafeHtml => c !== null);
  const visible = input.comments.filter((c) => !c.deleted && !c.hidden).length;
  const here = targetPath(input.target);
  return html`<section class="comments-section" id="comments" aria-labelledby="comments-heading">
  <h2 id="comments-heading">Comments${visible ? html` <span class="count">(${visible})</span>` : null}</h2>
  ${top.length ? html`<ol class="comments">${top}</ol>` : html`<p class="empty">No comments yet.</p>`}
  ${input.notice ? html`<p class="notice error" role="alert">${input.notice}</p>` : null}
  ${
    input.viewer.user
      ? html`${commentForm({ viewer: input.viewer, target: input.target, idSuffix: 'new', label: 'Add a comment', button: 'Post comment' })}
  <p class="meta" id="markdown-help">*emphasis*, **strong**, \`code\`, [links](https://…), lists and &gt; quotes work. Up to ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters.</p>`
      : html`<p><a href="/login?next=${encodeURIComponent(here + '#comments')}">Log in</a> or <a href="/signup?next=${encodeURIComponent(here + '#comments')}">sign up</a> to comment.</p>`
  }
</section>`;
}

/** The moderators' queue: reported and hidden comments, with where they were posted. */
export function moderationBody(input: { comments: CommentRecord[]; viewer: Viewer; now: Date }): SafeHtml {
  return html`<section aria-labelledby="moderation-heading">
  <h1 id="moderation-heading">Moderation</h1>
  ${
    input.comments.length
      ? html`<ol class="comments moderation">${input.comments.map((c) => {
          const where = c.articleId !== null ? { articleId: c.articleId } : { storyId: c.storyId! };
          return html`<li class="comment${c.hidden ? ' is-hidden' : ''}"><article aria-labelledby="mod-${c.id}-by">
  <p class="meta"><strong id="mod-${c.id}-by">${c.authorName}</strong> on <a href="${targetPath(where)}#comment-${c.id}">${targetPath(where)}</a> ·
    <time datetime="${c.createdAt.toISOString()}">${formatAge(c.createdAt, input.now)}</time>${c.reportedCount ? html` · <span class="badge">reported ${c.reportedCount}×</span>` : null}${c.hidden ? html` · <span class="badge">hidden</span>` : null}</p>
  <div class="comment-body">${renderCommentMarkdown(c.body)}</div>
  <div class="comment-actions">${c.hidden ? actionForm(`/comments/${c.id}/restore`, input.viewer, 'Restore', `comment by ${c.authorName}`) : actionForm(`/comments/${c.id}/hide`, input.viewer, 'Hide', `comment by ${c.authorName}`)}</div>
</article></li>`;
        })}</ol>`
      : html`<p class="empty">Nothing reported or hidden.</p>`
  }
</section>`;
}
