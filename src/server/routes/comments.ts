// Comments: the thread panel on article and story pages, the form posts behind it (post, reply,
// edit, delete, report, hide, restore), the moderators' queue at /moderation, and the same
// actions as JSON under /api/v1.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { addPanel } from '../panels.ts';
import { hasRole, requireRole, requireUser } from '../auth.ts';
import { enforce, LIMITS, RateLimitedError } from '../rate-limit.ts';
import { badRequest, HttpError } from '../errors.ts';
import { addComment, CommentError, deleteComment, editComment, getComment, listComments, listForModeration, reportComment, setCommentHidden, type CommentRecord, type CommentTarget } from '../../store/comments.ts';
import { commentThread, moderationBody, targetPath, type Viewer } from '../../web/pages/comments.ts';
import { renderCommentMarkdown } from '../../web/markdown.ts';
import { layout } from '../../web/layout.ts';
import { html } from '../../web/html.ts';

const STATUS: Record<CommentError['kind'], number> = { invalid: 400, too_large: 413, forbidden: 403, missing: 404 };
const asHttp = (error: unknown) =>
  error instanceof CommentError ? new HttpError(STATUS[error.kind], error.kind === 'too_large' ? 'too_large' : error.kind === 'missing' ? 'not_found' : error.kind === 'forbidden' ? 'forbidden' : 'bad_request', error.message) : error;

// A 1 MB comment must reach us to be refused with our own message rather than the framework's.
const COMMENT_BODY_LIMIT = 4 * 1024 * 1024;

const viewerOf = (request: FastifyRequest): Viewer => ({ user: request.user, csrfToken: request.session?.csrfToken ?? null });

function positiveId(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`${name}: expected a positive whole number, got ${JSON.stringify(String(value).slice(0, 40))}`);
  return n;
}

function targetFrom(body: Record<string, unknown>): CommentTarget {
  const articleId = positiveId(body.articleId, 'articleId');
  const storyId = positiveId(body.storyId, 'storyId');
  if ((articleId === null) === (storyId === null)) throw badRequest('give exactly one of articleId and storyId');
  return articleId !== null ? { articleId } : { storyId: storyId! };
}

const bodyText = (body: Record<string, unknown>) => {
  if (typeof body.body !== 'string') throw badRequest('body: expected the comment text');
  return body.body;
};

export function commentJson(comment: CommentRecord, viewer: Viewer) {
  const moderator = hasRole(viewer.user, 'moderator');
  const visible = !comment.deleted && (!comment.hidden || moderator || viewer.user?.id === comment.userId);
  return {
    id: comment.id,
    articleId: comment.articleId,
    storyId: comment.storyId,
    parentId: comment.parentId,
    author: comment.deleted ? null : comment.authorName,
    body: visible ? comment.body : null,
    html: visible ? renderCommentMarkdown(comment.body).value : null,
    hidden: comment.hidden,
    deleted: comment.deleted,
    ...(moderator ? { reportedCount: comment.reportedCount } : {}),
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
  };
}

const realNow = () => new Date();

export async function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const thread = async (request: FastifyRequest, target: CommentTarget) => commentThread({ comments: await listComments(ctx.db, target), viewer: viewerOf(request), target, now: realNow() });
  addPanel(ctx, 'article', { slot: 'main', order: 900, render: async ({ request, articleId }) => (articleId ? thread(request, { articleId }) : null) });
  addPanel(ctx, 'story', { slot: 'main', order: 900, render: async ({ request, storyId }) => (storyId ? thread(request, { storyId }) : null) });

  // Form posts answer with a redirect back to the comment, or a page saying what went wrong.
  const formError = (reply: FastifyReply, request: FastifyRequest, error: unknown, back: string | null) => {
    const http = asHttp(error);
    if (!(http instanceof HttpError)) throw http;
    if (http instanceof RateLimitedError) reply.header('retry-after', String(http.retryAfterSeconds));
    reply.code(http.statusCode).type('text/html; charset=utf-8');
    const message = http.message[0]!.toUpperCase() + http.message.slice(1) + '.';
    return layout({
      title: 'Comment not saved',
      userName: request.user?.username ?? null,
      body: html`<h1>Your comment was not saved</h1><p class="notice error" role="alert">${message}</p>${back ? html`<p><a href="${back}#comments">Back to the page</a></p>` : null}`,
    });
  };
  const toLogin = (reply: FastifyReply, back: string) =>
    reply
      .code(303)
      .header('location', `/login?next=${encodeURIComponent(back + '#comments')}`)
      .send();
  const backTo = (reply: FastifyReply, comment: CommentRecord) =>
    reply
      .code(303)
      .header('location', `${targetPath(comment.articleId !== null ? { articleId: comment.articleId } : { storyId: comment.storyId! })}#comment-${comment.id}`)
      .send();

  app.post<{ Body: Record<string, unknown> }>('/comments', { bodyLimit: COMMENT_BODY_LIMIT }, async (request, reply) => {
    const form = request.body ?? {};
    let back: string | null = null;
    try {
      const target = targetFrom(form);
      back = targetPath(target);
      if (!request.user) return toLogin(reply, back);
      await enforce(ctx.db, [{ key: `comment:user:${request.user.id}`, limit: LIMITS.commentByUser }], realNow());
      const comment = await addComment(ctx.db, { userId: request.user.id, target, parentId: positiveId(form.parentId, 'parentId'), body: bodyText(form) });
      return backTo(reply, comment);
    } catch (error) {
      return formError(reply, request, error, back);
    }
  });

  const action = (name: string, run: (request: FastifyRequest, id: number, form: Record<string, unknown>) => Promise<CommentRecord>) =>
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(`/comments/:id/${name}`, { bodyLimit: COMMENT_BODY_LIMIT }, async (request, reply) => {
      let back: string | null = null;
      try {
        const id = positiveId(request.params.id, 'comment id')!;
        const existing = await getComment(ctx.db, id);
        if (existing) back = targetPath(existing.articleId !== null ? { articleId: existing.articleId } : { storyId: existing.storyId! });
        if (!request.user) return toLogin(reply, back ?? '/');
        return backTo(reply, await run(request, id, request.body ?? {}));
      } catch (error) {
        return formError(reply, request, error, back);
      }
    });
  action('edit', (request, id, form) => editComment(ctx.db, id, requireUser(request).id, bodyText(form)));
  action('delete', (request, id) => deleteComment(ctx.db, id, requireUser(request)));
  action('report', async (request, id, form) => {
    const user = requireUser(request);
    await enforce(ctx.db, [{ key: `report:user:${user.id}`, limit: LIMITS.reportByUser }], realNow());
    return (await reportComment(ctx.db, id, user.id, typeof form.reason === 'string' ? form.reason : '')).comment;
  });
  action('hide', (request, id) => setCommentHidden(ctx.db, id, true, requireRole(request, 'moderator').id));
  action('restore', (request, id) => setCommentHidden(ctx.db, id, false, requireRole(request, 'moderator').id));

  app.get('/moderation', async (request, reply) => {
    if (!request.user) return reply.code(303).header('location', '/login?next=%2Fmoderation').send();
    requireRole(request, 'moderator');
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return layout({
      title: 'Moderation',
      userName: request.user.username,
      body: moderationBody({ comments: await listForModeration(ctx.db), viewer: viewerOf(request), now: realNow() }),
    });
  });

  // JSON API. A browser session must send its CSRF token in X-CSRF-Token (see GET /api/v1/session).
  const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] } as const;
  // Described for the API document; the handlers check the values themselves, with messages
  // written for readers (a too-long body is refused by the store, not by a schema).
  const commentBodySchema = {
    type: 'object',
    properties: {
      articleId: { type: 'integer', minimum: 1, description: 'the article commented on (or storyId)' },
      storyId: { type: 'integer', minimum: 1, description: 'the story commented on (or articleId)' },
      parentId: { type: 'integer', minimum: 1, description: 'the comment replied to' },
      body: { type: 'string', description: 'Markdown: emphasis, links, code, lists, quotes; up to 10,000 characters' },
    },
    required: ['body'],
  } as const;
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asHttp(error);
    }
  };

  app.get<{ Params: { id: number } }>('/api/v1/articles/:id/comments', { schema: { summary: "An article's comments, oldest first (threads by parentId)", tags: ['comments'], params: idParams } }, async (request) => {
    const comments = await listComments(ctx.db, { articleId: request.params.id });
    return { comments: comments.map((c) => commentJson(c, viewerOf(request))) };
  });
  app.get<{ Params: { id: number } }>('/api/v1/stories/:id/comments', { schema: { summary: "A story's comments, oldest first (threads by parentId)", tags: ['comments'], params: idParams } }, async (request) => {
    const comments = await listComments(ctx.db, { storyId: request.params.id });
    return { comments: comments.map((c) => commentJson(c, viewerOf(request))) };
  });

  app.post<{ Body: Record<string, unknown> }>(
    '/api/v1/comments',
    { bodyLimit: COMMENT_BODY_LIMIT, schema: { summary: 'Post a comment or a reply (signed in; a browser session sends X-CSRF-Token)', tags: ['comments'], body: commentBodySchema } },
    async (request, reply) =>
      wrap(async () => {
        const user = requireUser(request);
        const form = request.body ?? {};
        const target = targetFrom(form);
        await enforce(ctx.db, [{ key: `comment:user:${user.id}`, limit: LIMITS.commentByUser }], realNow()).catch((error) => {
          if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        });
        const comment = await addComment(ctx.db, { userId: user.id, target, parentId: positiveId(form.parentId, 'parentId'), body: bodyText(form) });
        reply.code(201);
        return { comment: commentJson(comment, viewerOf(request)) };
      }),
  );

  app.patch<{ Params: { id: number }; Body: Record<string, unknown> }>(
    '/api/v1/comments/:id',
    { schema: { summary: "Edit one's own comment", tags: ['comments'], params: idParams, body: commentBodySchema }, bodyLimit: COMMENT_BODY_LIMIT },
    async (request) => wrap(async () => ({ comment: commentJson(await editComment(ctx.db, request.params.id, requireUser(request).id, bodyText(request.body ?? {})), viewerOf(request)) })),
  );
  app.delete<{ Params: { id: number } }>('/api/v1/comments/:id', { schema: { summary: "Delete one's own comment (or any, as a moderator)", tags: ['comments'], params: idParams } }, async (request) =>
    wrap(async () => ({ comment: commentJson(await deleteComment(ctx.db, request.params.id, requireUser(request)), viewerOf(request)) })),
  );
  app.post<{ Params: { id: number }; Body: { reason?: string } | null }>('/api/v1/comments/:id/report', { schema: { summary: 'Report a comment to the moderators', tags: ['comments'], params: idParams } }, async (request) =>
    wrap(async () => {
      const user = requireUser(request);
      await enforce(ctx.db, [{ key: `report:user:${user.id}`, limit: LIMITS.reportByUser }], realNow());
      const reason = typeof request.body?.reason === 'string' ? request.body.reason : '';
      const result = await reportComment(ctx.db, request.params.id, user.id, reason);
      return { counted: result.counted, comment: commentJson(result.comment, viewerOf(request)) };
    }),
  );
  for (const [name, hidden] of [
    ['hide', true],
    ['restore', false],
  ] as const) {
    app.post<{ Params: { id: number } }>(`/api/v1/comments/:id/${name}`, { schema: { summary: `${hidden ? 'Hide' : 'Restore'} a comment (moderators)`, tags: ['comments'], params: idParams } }, async (request) =>
      wrap(async () => ({ comment: commentJson(await setCommentHidden(ctx.db, request.params.id, hidden, requireRole(request, 'moderator').id), viewerOf(request)) })),
    );
  }
  app.get('/api/v1/comments/reported', { schema: { summary: 'Reported and hidden comments (moderators)', tags: ['comments'] } }, async (request) => {
    requireRole(request, 'moderator');
    return { comments: (await listForModeration(ctx.db)).map((c) => commentJson(c, viewerOf(request))) };
  });
}
