import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { createUser } from '../../src/store/users.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { Visitor } from '../web/client.ts';
import { LIMITS } from '../../src/server/rate-limit.ts';
import { awayFromWindowEdge } from '../helpers/rate-window.ts';
import { executableParts } from './harmless.ts';
import { extractedArticle } from '../helpers/article.ts';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'a fine long password';

describe('comments over HTTP', () => {
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let articleId: number;
  let alice: Visitor;
  let bob: Visitor;
  let mod: Visitor;

  const sessionToken = async (visitor: Visitor) => JSON.parse((await visitor.request('/api/v1/session', { headers: { accept: 'application/json' } })).text).csrfToken as string;
  const post = async (visitor: Visitor, body: string, extra: Record<string, string> = {}) => {
    const token = await sessionToken(visitor);
    return visitor.request('/comments', { form: { articleId: String(articleId), body, _csrf: token, ...extra } });
  };
  const idFrom = (location: string | null) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    articleId = (
      await saveArticle(db, extractedArticle({ title: 'Harbour tolls rise again', text: 'The port authority raised tolls.\n\nShippers objected.', sourceName: 'Coastal Ledger', publishedAt: new Date('2025-08-01T10:00:00Z') }), null)
    ).id;
    for (const [name, role] of [
      ['alice', 'reader'],
      ['bob', 'reader'],
      ['mod', 'moderator'],
      ['spammer', 'reader'],
    ] as const) {
      await createUser(db, { username: name, password: PASSWORD, role }, FAST);
    }
    app = await buildServer(makeContext(db, loadSettings({})));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    alice = new Visitor(base);
    bob = new Visitor(base);
    mod = new Visitor(base);
    await alice.login('alice', PASSWORD);
    await bob.login('bob', PASSWORD);
    await mod.login('mod', PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('says "No comments yet" and invites a visitor to log in', async () => {
    const page = await new Visitor(base).request(`/articles/${articleId}`);
    expect(page.text).toContain('No comments yet.');
    expect(page.text).toContain(`/login?next=${encodeURIComponent(`/articles/${articleId}#comments`)}`);
    expect(page.text).not.toContain('name="body"');
  });

  it('posts a Markdown comment and a threaded reply', async () => {
    const first = await post(alice, 'Tolls were *already* high. See [the notice](https://port.example/notice).');
    expect(first.status).toBe(303);
    const firstId = idFrom(first.headers.get('location'));
    expect(firstId).toBeGreaterThan(0);
    const reply = await post(bob, 'Not for **small** boats.', { parentId: String(firstId) });
    const replyId = idFrom(reply.headers.get('location'));
    const page = await new Visitor(base).request(`/articles/${articleId}`);
    expect(page.text).toContain('Tolls were <em>already</em> high.');
    expect(page.text).toContain('<a href="https://port.example/notice" rel="nofollow ugc noopener noreferrer">the notice</a>');
    // The reply sits inside its parent's list item.
    const parentItem = page.text.slice(page.text.indexOf(`id="comment-${firstId}"`));
    expect(parentItem.indexOf(`id="comment-${replyId}"`)).toBeGreaterThan(0);
    expect(parentItem.indexOf('class="comments replies"')).toBeLessThan(parentItem.indexOf(`id="comment-${replyId}"`));
    expect(page.text).not.toContain('No comments yet.');
  });

  it('stores hostile comments as text and renders them harmless', async () => {
    const hostile = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> <a href="javascript:alert(4)" onmouseover="alert(5)">x</a>';
    const response = await post(alice, hostile);
    expect(response.status).toBe(303);
    const id = idFrom(response.headers.get('location'));
    const [row] = await db.query<{ body: string }>('SELECT body FROM comments WHERE id = $1', [id]);
    expect(row!.body).toBe(hostile);
    const page = await new Visitor(base).request(`/articles/${articleId}`);
    const item = page.text.slice(page.text.indexOf(`id="comment-${id}"`));
    const body = item.slice(0, item.indexOf('</li>'));
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(executableParts(body + '</li>')).toEqual([]);
    expect(body).not.toContain('<img');
    expect(executableParts(page.text.slice(page.text.indexOf('<body>'), page.text.indexOf('</body>')).replace(/<script src="\/assets\/[\w.-]+" defer><\/script>/g, ''))).toEqual([]);
  });

  it('refuses a 1 MB comment and a flood of zero-width characters with clear messages', async () => {
    const huge = await post(alice, 'x'.repeat(1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('Comment is 1,048,576 characters long; the limit is 10,000.');
    const flood = await post(alice, 'hello' + '\u200B'.repeat(20_000));
    expect(flood.status).toBe(400);
    expect(flood.text).toContain('invisible characters');
    const padded = await post(alice, 'pa\u200Bd\u200Bded');
    const [row] = await db.query<{ body: string }>('SELECT body FROM comments WHERE id = $1', [idFrom(padded.headers.get('location'))]);
    expect(row!.body).toBe('padded');
  });

  it('lets authors edit and delete their own comments only', async () => {
    const id = idFrom((await post(alice, 'Fisrt draft')).headers.get('location'));
    const token = await sessionToken(bob);
    const stranger = await bob.request(`/comments/${id}/edit`, { form: { body: 'vandalised', _csrf: token } });
    expect(stranger.status).toBe(403);
    expect(stranger.text).toContain('Only its author can edit a comment.');
    const edited = await alice.request(`/comments/${id}/edit`, { form: { body: 'First draft, fixed', _csrf: await sessionToken(alice) } });
    expect(edited.status).toBe(303);
    expect((await new Visitor(base).request(`/articles/${articleId}`)).text).toContain('First draft, fixed');
    expect((await bob.request(`/comments/${id}/delete`, { form: { _csrf: token } })).status).toBe(403);
    expect((await alice.request(`/comments/${id}/delete`, { form: { _csrf: await sessionToken(alice) } })).status).toBe(303);
    const page = await new Visitor(base).request(`/articles/${articleId}`);
    expect(page.text).not.toContain('First draft, fixed');
  });

  it('counts one report per reader and lets moderators hide and restore', async () => {
    const id = idFrom((await post(alice, 'Buy cheap tolls here')).headers.get('location'));
    const bobToken = await sessionToken(bob);
    await bob.request(`/comments/${id}/report`, { form: { _csrf: bobToken } });
    await bob.request(`/comments/${id}/report`, { form: { _csrf: bobToken } });
    const [row] = await db.query<{ reported_count: number }>('SELECT reported_count FROM comments WHERE id = $1', [id]);
    expect(row!.reported_count).toBe(1);
    // Readers cannot hide.
    expect((await bob.request(`/comments/${id}/hide`, { form: { _csrf: bobToken } })).status).toBe(403);
    const queue = await mod.request('/moderation');
    expect(queue.text).toContain('Buy cheap tolls here');
    expect(queue.text).toContain('reported 1×');
    expect((await mod.request(`/comments/${id}/hide`, { form: { _csrf: await sessionToken(mod) } })).status).toBe(303);
    expect((await new Visitor(base).request(`/articles/${articleId}`)).text).not.toContain('Buy cheap tolls here');
    const modView = (await mod.request(`/articles/${articleId}`)).text;
    expect(modView).toContain('Buy cheap tolls here');
    expect(modView).toContain('<span class="badge">hidden</span>');
    expect((await bob.request('/moderation')).status).toBe(403);
    const restored = await mod.request(`/comments/${id}/restore`, { form: { _csrf: await sessionToken(mod) } });
    expect(restored.status).toBe(303);
    expect((await new Visitor(base).request(`/articles/${articleId}`)).text).toContain('Buy cheap tolls here');
  });

  it('offers the same through the JSON API, with the CSRF header for a browser session', async () => {
    const noToken = await alice.request('/api/v1/comments', { json: { articleId, body: 'via the API' } });
    expect(noToken.status).toBe(403);
    const token = await sessionToken(alice);
    const created = await alice.request('/api/v1/comments', { json: { articleId, body: 'via the _API_' }, headers: { 'x-csrf-token': token } });
    expect(created.status).toBe(201);
    const comment = JSON.parse(created.text).comment;
    expect(comment).toMatchObject({ author: 'alice', body: 'via the _API_', html: '<p>via the <em>API</em></p>\n', hidden: false });
    const anonymous = await new Visitor(base).request('/api/v1/comments', { json: { articleId, body: 'drive-by' } });
    expect(anonymous.status).toBe(401);
    const list = JSON.parse((await new Visitor(base).request(`/api/v1/articles/${articleId}/comments`, { headers: { accept: 'application/json' } })).text);
    expect(list.comments.some((c: { id: number }) => c.id === comment.id)).toBe(true);
    const hide = await alice.request(`/api/v1/comments/${comment.id}/hide`, { json: {}, headers: { 'x-csrf-token': token } });
    expect(hide.status).toBe(403);
    const missing = await alice.request('/api/v1/comments', { json: { storyId: 999999, body: 'on a story' }, headers: { 'x-csrf-token': token } });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error.message).toBe('story 999999 does not exist');
    const both = await alice.request('/api/v1/comments', { json: { articleId, storyId: 1, body: 'x' }, headers: { 'x-csrf-token': token } });
    expect(both.status).toBe(400);
  });

  it('threads comments on a story page too', async () => {
    const [story] = await db.query<{ id: number }>("INSERT INTO stories (headline, headline_article_id, article_count, source_count) VALUES ('Port tolls', $1, 1, 1) RETURNING id", [articleId]);
    await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [story!.id, articleId]).catch(() => undefined);
    const before = await new Visitor(base).request(`/stories/${story!.id}`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('No comments yet.');
    const token = await sessionToken(bob);
    const response = await bob.request('/comments', { form: { storyId: String(story!.id), body: 'The story so far', _csrf: token } });
    expect(response.headers.get('location')).toMatch(new RegExp(`^/stories/${story!.id}#comment-\\d+$`));
    const after = await new Visitor(base).request(`/stories/${story!.id}`);
    expect(after.text).toContain('The story so far');
    const list = JSON.parse((await new Visitor(base).request(`/api/v1/stories/${story!.id}/comments`, { headers: { accept: 'application/json' } })).text);
    expect(list.comments.map((c: { body: string }) => c.body)).toEqual(['The story so far']);
  });

  it('rate-limits posting', async () => {
    await awayFromWindowEdge(LIMITS.commentByUser.windowMs);
    const spammer = new Visitor(base);
    await spammer.login('spammer', PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(spammer, `message number ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
