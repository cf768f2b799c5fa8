// Highlights and notes over a real HTTP server on both engines: adding (bad input a 400 naming the
// field), listing per article and per reader, notes sanitised like comments, a highlight found
// again after the article's text changed, the Markdown export, readers kept apart, and the
// article page's panel and no-JavaScript form and the /highlights page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { article } from '../search/fixtures.ts';
import { Visitor } from '../web/client.ts';

const PASSWORD = 'correct horse battery';
const TEXT = 'The harbour board met on Monday.\n\nThe board approved the sea wall plan after a long debate.\n\nThe board will meet again in May.';

for (const engine of await testEngines()) {
  describe(`highlights on the ${engine.name} engine`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let token: string;
    let otherToken: string;
    let articleId: number;
    const call = async (method: string, path: string, body?: unknown, bearer: string | null = token) => {
      const response = await fetch(base + path, {
        method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Markdown
      }
      return { status: response.status, body: parsed, type: response.headers.get('content-type') };
    };

    beforeAll(async () => {
      db = await engine.open();
      const user = await createUser(db, { username: 'marker', password: PASSWORD }, { N: 1024, r: 8, p: 1 });
      const other = await createUser(db, { username: 'other', password: PASSWORD }, { N: 1024, r: 8, p: 1 });
      token = (await createApiToken(db, user.id)).token;
      otherToken = (await createApiToken(db, other.id)).token;
      articleId = (await saveArticle(db, article({ title: 'Sea wall approved', text: TEXT, url: 'https://ledger.example/sea-wall' }), null)).id;
      ({ app, base } = await listeningServer(db));
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('answers bad highlights with a 400 naming the field, and unknown articles with a 404', async () => {
      const path = `/api/v1/articles/${articleId}/highlights`;
      const cases: [unknown, RegExp][] = [
        [{ quote: 'the harbour tunnel' }, /quote: is not in this article's text/],
        [{ quote: '   ' }, /quote: is empty/],
        [{ quote: 'sea wall', note: 'x'.repeat(30_000) }, /note: .*limit is 10,000/],
        [{ quote: 'sea wall', colour: 'yellow' }, /colour|additional/],
        [{}, /quote/],
      ];
      for (const [body, message] of cases) {
        const { status, body: answer } = await call('POST', path, body);
        expect(status, JSON.stringify(body)).toBe(400);
        expect(answer.error.message).toMatch(message);
      }
      expect((await call('POST', '/api/v1/articles/999999/highlights', { quote: 'x' })).status).toBe(404);
      expect((await call('GET', '/api/v1/articles/999999/highlights')).status).toBe(404);
      expect((await call('POST', path, { quote: 'sea wall' }, null)).status).toBe(401);
    });

    it('stores, lists, annotates, re-anchors, exports and removes highlights of one reader', async () => {
      const path = `/api/v1/articles/${articleId}/highlights`;
      // "The board" occurs three times: the context picks the second.
      const first = await call('POST', path, { quote: 'The board', prefix: 'on Monday.', suffix: ' approved', note: 'who sits on it?' });
      expect(first.status).toBe(201);
      expect(first.body.highlight).toMatchObject({ articleId, articleTitle: 'Sea wall approved', quote: 'The board', start: TEXT.replace(/\s+/g, ' ').indexOf('The board approved'), note: 'who sits on it?' });
      const second = await call('POST', path, { quote: 'sea wall\n plan', note: '<script>alert(1)</script> [see](javascript:alert(1)) **key**' });
      expect(second.status).toBe(201);
      const note = second.body.highlight.noteHtml as string;
      expect(note).not.toContain('<script');
      expect(note).not.toContain('href="javascript');
      expect(note).toContain('<strong>key</strong>');
      expect(second.body.highlight.quote).toBe('sea wall plan');

      const listed = await call('GET', path);
      expect(listed.body.highlights.map((h: { quote: string }) => h.quote)).toEqual(['The board', 'sea wall plan']);
      expect((await call('GET', path, undefined, otherToken)).body.highlights).toEqual([]);
      expect((await call('PATCH', `/api/v1/highlights/${first.body.highlight.id}`, { note: 'answered' }, otherToken)).status).toBe(404);
      const patched = await call('PATCH', `/api/v1/highlights/${first.body.highlight.id}`, { note: 'answered' });
      expect(patched.body.highlight.note).toBe('answered');

      // The publisher adds a paragraph at the top: the highlights are found again further on.
      await db.query('UPDATE articles SET text = $2 WHERE id = $1', [articleId, 'Correction appended.\n\n' + TEXT]);
      const moved = (await call('GET', path)).body.highlights;
      expect(moved[0].start).toBe(('Correction appended. ' + TEXT.replace(/\s+/g, ' ')).indexOf('The board approved'));
      await db.query('UPDATE articles SET text = $2 WHERE id = $1', [articleId, TEXT.replace('sea wall', 'flood barrier')]);
      expect((await call('GET', path)).body.highlights[1]).toMatchObject({ quote: 'sea wall plan', start: null, end: null });
      await db.query('UPDATE articles SET text = $2 WHERE id = $1', [articleId, TEXT]);

      const all = await call('GET', '/api/v1/highlights?limit=1');
      expect(all.body.highlights.map((h: { quote: string }) => h.quote)).toEqual(['sea wall plan']);
      expect(all.body.nextBefore).toBe(second.body.highlight.id);
      expect((await call('GET', `/api/v1/highlights?limit=1&before=${all.body.nextBefore}`)).body.highlights[0].quote).toBe('The board');

      const md = await call('GET', '/api/v1/highlights/export.md');
      expect(md.status).toBe(200);
      expect(md.type).toContain('text/markdown');
      expect(md.body).toContain(`## [Sea wall approved](${base}/articles/${articleId})`);
      expect(md.body).toContain('> sea wall plan');
      expect(md.body).toContain('answered');

      expect((await call('DELETE', `/api/v1/highlights/${second.body.highlight.id}`)).status).toBe(204);
      expect((await call('DELETE', `/api/v1/highlights/${second.body.highlight.id}`)).status).toBe(404);
      expect((await call('GET', path)).body.highlights).toHaveLength(1);
    });

    it('shows the panel and its form on the article page, and the /highlights page', async () => {
      const visitor = new Visitor(base);
      expect((await visitor.request('/highlights')).status).toBe(303);
      await visitor.login('marker', PASSWORD);
      const page = await visitor.request(`/articles/${articleId}`);
      expect(page.text).toContain(`data-highlights-article="${articleId}"`);
      expect(page.text).toContain('/assets/highlights.js');
      const csrf = await visitor.csrfFrom('/highlights');
      const added = await visitor.request(`/articles/${articleId}/highlights`, { form: { _csrf: csrf, quote: 'meet again in May', note: 'diary' } });
      expect(added.status).toBe(303);
      const bad = await visitor.request(`/articles/${articleId}/highlights`, { form: { _csrf: csrf, quote: 'not there at all' } });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('is not in this article');
      const list = await visitor.request('/highlights');
      expect(list.text).toContain('meet again in May');
      expect(list.text).toContain('diary');
      const script = await fetch(`${base}/assets/highlights.js`);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect(await script.text()).toContain('selectionchange');
    });
  });
}
