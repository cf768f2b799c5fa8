// Translation through an OpenAI-compatible model, against a fake one on 127.0.0.1, on both
// engines: an article and a story summary translated once and then served from the database
// with the original beside them, made again when the original changes, long texts sent in
// paragraph chunks, bad languages a 400, a failing model a 502 with nothing cached, and the
// control and the API absent without a model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { startFakeModelServer, type FakeModelServer } from '../helpers/fake-llm.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { chunkParagraphs, targetLanguage, TranslateInputError } from '../../src/translate/translate.ts';
import { article } from '../search/fixtures.ts';

const TEXT = 'The harbour board approved the sea wall plan on Monday.\n\nWork starts in May and ends in 2027, the board said.';

describe('translation inputs', () => {
  it('checks the target language and names the parameter', () => {
    expect(targetLanguage('fr')).toEqual({ code: 'fr', name: 'French' });
    expect(targetLanguage('pt-br')).toEqual({ code: 'pt-BR', name: 'Brazilian Portuguese' });
    for (const bad of ['', 'french', 'qq', 'fr;DROP', 'x'.repeat(50)]) expect(() => targetLanguage(bad), bad).toThrowError(TranslateInputError);
    expect(() => targetLanguage('klingon')).toThrowError(/lang: expected a language code/);
  });
  it('cuts long texts at paragraph breaks', () => {
    const paragraph = 'word '.repeat(300).trim();
    const chunks = chunkParagraphs(Array.from({ length: 5 }, () => paragraph).join('\n\n'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('\n\n')).toBe(Array.from({ length: 5 }, () => paragraph).join('\n\n'));
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(3_000);
  });
});

for (const engine of await testEngines()) {
  describe(`translation on the ${engine.name} engine`, () => {
    let db: Db;
    let model: FakeModelServer;
    let app: FastifyInstance;
    let base: string;
    let failing: { app: FastifyInstance; base: string };
    let plain: { app: FastifyInstance; base: string };
    let articleId: number;
    let longId: number;
    let storyId: number;
    const get = async (root: string, path: string) => {
      const response = await fetch(root + path);
      return { status: response.status, body: (await response.json()) as any };
    };

    beforeAll(async () => {
      db = await engine.open();
      model = await startFakeModelServer();
      articleId = (await saveArticle(db, article({ title: 'Sea wall approved', text: TEXT }), null)).id;
      longId = (await saveArticle(db, article({ title: 'A long report', text: Array.from({ length: 8 }, (_, i) => `Paragraph ${i}: ` + 'the board met again. '.repeat(40)).join('\n\n') }), null)).id;
      storyId = (await db.query<{ id: number }>("INSERT INTO stories (headline, article_count, source_count) VALUES ('Sea wall approved', 1, 1) RETURNING id"))[0]!.id;
      await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [storyId, articleId]);
      ({ app, base } = await listeningServer(db, { DATELINE_LLM_URL: model.url, DATELINE_LLM_MODEL: 'echo' }));
      failing = await listeningServer(db, { DATELINE_LLM_URL: model.url, DATELINE_LLM_MODEL: 'fails' });
      plain = await listeningServer(db);
    });
    afterAll(async () => {
      await app?.close();
      await failing?.app.close();
      await plain?.app.close();
      await model?.close();
      await db?.close();
    });

    it('translates an article once, keeps it with the original beside it, and redoes it when the original changes', async () => {
      const first = await get(base, `/api/v1/articles/${articleId}/translation?lang=fr`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        subject: 'article',
        id: articleId,
        language: 'fr',
        cached: false,
        model: 'echo',
        original: { title: 'Sea wall approved', text: TEXT, language: 'en' },
        translation: {
          title: '[French] Sea wall approved',
          text: TEXT.split('\n\n')
            .map((p) => `[French] ${p}`)
            .join('\n\n'),
        },
      });
      const calls = model.requests.length;
      const again = await get(base, `/api/v1/articles/${articleId}/translation?lang=fr`);
      expect(again.body).toMatchObject({ cached: true, translation: first.body.translation });
      expect(model.requests.length).toBe(calls);
      // Another language is another translation; the model was asked in its system message.
      expect((await get(base, `/api/v1/articles/${articleId}/translation?lang=de`)).body.translation.title).toBe('[German] Sea wall approved');
      expect(model.requests.at(-1)!.body.messages[0]!.content).toContain('into German');

      await db.query('UPDATE articles SET title = $2 WHERE id = $1', [articleId, 'Sea wall plan approved']);
      const redone = await get(base, `/api/v1/articles/${articleId}/translation?lang=fr`);
      expect(redone.body).toMatchObject({ cached: false, translation: { title: '[French] Sea wall plan approved' } });
      await db.query('UPDATE articles SET title = $2 WHERE id = $1', [articleId, 'Sea wall approved']);
    });

    it('sends a long article in paragraph chunks and joins the replies in order', async () => {
      const before = model.requests.length;
      const { body } = await get(base, `/api/v1/articles/${longId}/translation?lang=es`);
      const sent = model.requests.slice(before);
      expect(sent.length).toBeGreaterThan(2); // the title, then more than one chunk of text
      expect((body.translation.text as string).split('\n\n')).toHaveLength(8);
      expect(body.translation.text).toMatch(/^\[Spanish\] Paragraph 0: /);
    });

    it("translates a story's summary", async () => {
      const { status, body } = await get(base, `/api/v1/stories/${storyId}/summary/translation?lang=fr`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ subject: 'story', id: storyId, original: { title: 'Sea wall approved' }, translation: { title: '[French] Sea wall approved' } });
      expect(body.original.text.length).toBeGreaterThan(0);
      expect(body.translation.text).toContain('[French] ');
    });

    it('answers bad input, unknown subjects, a failing model and a missing model clearly', async () => {
      const bad = await get(base, `/api/v1/articles/${articleId}/translation?lang=klingon`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^lang: /);
      expect((await get(base, `/api/v1/articles/${articleId}/translation`)).status).toBe(400);
      expect((await get(base, '/api/v1/articles/999999/translation?lang=fr')).status).toBe(404);
      expect((await get(base, '/api/v1/stories/999999/summary/translation?lang=fr')).status).toBe(404);
      const failed = await get(failing.base, `/api/v1/articles/${articleId}/translation?lang=it`);
      expect(failed.status).toBe(502);
      expect(failed.body.error.message).toContain('HTTP 500');
      expect((await db.query("SELECT 1 FROM translations WHERE language = 'it'")).length).toBe(0);
      const none = await get(plain.base, `/api/v1/articles/${articleId}/translation?lang=fr`);
      expect(none.status).toBe(404);
      expect(none.body.error.message).toContain('no model');
    });

    it('shows the control only with a model, and the translation beside the original', async () => {
      const withModel = await (await fetch(`${base}/articles/${articleId}`)).text();
      expect(withModel).toContain(`action="/articles/${articleId}/translation"`);
      const without = await (await fetch(`${plain.base}/articles/${articleId}`)).text();
      expect(without).not.toContain('/translation');
      expect(await (await fetch(`${base}/stories/${storyId}`)).text()).toContain(`action="/stories/${storyId}/translation"`);
      const page = await fetch(`${base}/articles/${articleId}/translation?lang=fr`);
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('[French] Sea wall approved');
      expect(text).toContain('Original');
      expect(text).toContain('The harbour board approved the sea wall plan');
      const failedPage = await fetch(`${failing.base}/articles/${articleId}/translation?lang=it`);
      expect(failedPage.status).toBe(502);
      expect(await failedPage.text()).toContain('The harbour board approved');
    });
  });
}
