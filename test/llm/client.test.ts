// The contract with an OpenAI-compatible model, against a fake one served on 127.0.0.1: what we
// send, a good reply becoming a written text with citations, and every failure (timeout, error
// status, broken JSON, wrong shape, invented citations) falling back to the extractive result.
// Then the same through the server's summary and ask endpoints.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { chatComplete, completionsUrl, LlmError, type LlmConfig } from '../../src/llm/client.ts';
import { storyAnswer, storySummary } from '../../src/llm/story.ts';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { enrichPending } from '../../src/pipeline/enrich.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';
import { extractedArticle } from '../helpers/article.ts';

type Behaviour = 'good' | 'slow' | 'status500' | 'notJson' | 'noChoices' | 'noCitations' | 'badCitation' | 'dontKnow';

interface Received {
  path: string;
  body: { model: string; messages: { role: string; content: string }[] };
  authorization: string | undefined;
}

/** A stand-in for an OpenAI-compatible server; its behaviour is chosen by the model name. */
function fakeModelServer(received: Received[]): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      received.push({ path: request.url ?? '', body, authorization: request.headers.authorization });
      const behaviour = body.model as Behaviour;
      const reply = (content: unknown, status = 200) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(typeof content === 'string' ? content : JSON.stringify(content));
      };
      const message = (content: string) => ({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content } }] });
      switch (behaviour) {
        case 'good': {
          // Cite what was given: [1] always, [2] when the prompt numbered a second sentence.
          const prompt = body.messages.map((m) => m.content).join('\n');
          return reply(message(/\[2\] /.test(prompt) ? 'Japan settled on a 15% tariff [2], down from the 25% first threatened [1].' : 'Japan settled on a 15% tariff [1].'));
        }
        case 'slow':
          return void setTimeout(() => reply(message('too late [1]')), 1500);
        case 'status500':
          return reply({ error: { message: 'model crashed' } }, 500);
        case 'notJson':
          return reply('<html>gateway error</html>');
        case 'noChoices':
          return reply({ choices: [] });
        case 'noCitations':
          return reply(message('Japan got a good deal.'));
        case 'badCitation':
          return reply(message('Japan got a deal [7].'));
        case 'dontKnow':
          return reply(message("I don't know."));
      }
    });
  });
}

const ARTICLES = [
  {
    articleId: 1,
    sourceName: 'Meridian Wire',
    title: 'US sets 25% tariffs on Japan',
    publishedAt: new Date('2025-07-07T19:00:00Z'),
    text: 'The United States will impose tariffs of 25% on imports from Japan starting Aug. 1, the White House said on Monday.\n\nCarmakers led the declines in Tokyo trading on Tuesday morning.',
  },
  {
    articleId: 2,
    sourceName: 'Capital Observer',
    title: 'Japan secures 15% tariff deal',
    publishedAt: new Date('2025-07-23T10:00:00Z'),
    text: 'Japan and the United States reached a trade agreement on Tuesday that sets a 15% tariff on most Japanese goods.\n\nThe deal was welcomed by carmakers in Nagoya and by investors in Tokyo.',
  },
];

describe('the model client and its fallbacks', () => {
  const received: Received[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = fakeModelServer(received);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const config = (model: Behaviour, timeoutMs = 3000): LlmConfig => ({ url, model, timeoutMs, apiKey: 'secret-token' });

  it('builds the completions URL from a base, a /v1 base or the full path', () => {
    expect(completionsUrl('http://h:1')).toBe('http://h:1/v1/chat/completions');
    expect(completionsUrl('http://h:1/v1/')).toBe('http://h:1/v1/chat/completions');
    expect(completionsUrl('http://h:1/v1/chat/completions')).toBe('http://h:1/v1/chat/completions');
  });

  it('sends the model, the messages and the bearer token to /v1/chat/completions', async () => {
    received.length = 0;
    expect(await chatComplete(config('good'), [{ role: 'user', content: 'hello' }])).toMatch(/^Japan settled/);
    expect(received[0]).toMatchObject({ path: '/v1/chat/completions', authorization: 'Bearer secret-token' });
    expect(received[0]!.body.model).toBe('good');
    expect(received[0]!.body.messages).toEqual([{ role: 'user', content: 'hello' }]);
  });

  it('turns each kind of failure into an LlmError', async () => {
    await expect(chatComplete(config('slow', 300), [])).rejects.toThrow(/no reply within 300 ms/);
    await expect(chatComplete(config('status500'), [])).rejects.toThrow(/HTTP 500/);
    await expect(chatComplete(config('notJson'), [])).rejects.toThrow(/not JSON/);
    await expect(chatComplete(config('noChoices'), [])).rejects.toThrow(LlmError);
    await expect(chatComplete({ ...config('good'), url: 'http://127.0.0.1:1' }, [])).rejects.toThrow(/request failed/);
  });

  it('writes a cited summary over the extractive sentences when the model answers well', async () => {
    received.length = 0;
    const summary = await storySummary(ARTICLES, 'Japan tariffs', config('good'));
    expect(summary.written).toEqual({ text: expect.stringContaining('[2]'), cited: [0, 1], model: 'good' });
    expect(summary.fallback).toBeNull();
    // The prompt carries the numbered sentences with their sources.
    expect(received[0]!.body.messages[1]!.content).toMatch(/\[1\] \(Meridian Wire\)/);
  });

  it('keeps the extractive result when the model times out, fails or cites nothing real', async () => {
    for (const [model, reason] of [
      ['slow', /no reply within/],
      ['status500', /HTTP 500/],
      ['notJson', /not JSON/],
      ['noCitations', /cites no sentence/],
      ['badCitation', /cites \[7\]/],
    ] as const) {
      const summary = await storySummary(ARTICLES, 'Japan tariffs', config(model, 500));
      expect(summary.written).toBeNull();
      expect(summary.fallback).toMatch(reason);
      expect(summary.sentences.length).toBeGreaterThan(0);
      const answer = await storyAnswer(ARTICLES, 'What tariff did Japan agree to?', config(model, 500));
      expect(answer).toMatchObject({ found: true, written: null });
      expect(answer.sentences[0]!.articleId).toBe(2);
    }
  });

  it('does not ask the model when no sentence is relevant, and accepts its "I don\'t know"', async () => {
    received.length = 0;
    const none = await storyAnswer(ARTICLES, 'Which penguins nest in Antarctica?', config('good'));
    expect(none).toMatchObject({ found: false, written: null, fallback: null });
    expect(received).toHaveLength(0);
    const dontKnow = await storyAnswer(ARTICLES, 'What tariff did Japan agree to?', config('dontKnow'));
    expect(dontKnow.written).toEqual({ text: "I don't know.", cited: [], model: 'dontKnow' });
  });
});

describe('the server with a model configured', () => {
  const received: Received[] = [];
  let model: Server;
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let storyId: number;
  beforeAll(async () => {
    model = fakeModelServer(received);
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
    db = await openEmbeddedTestDb();
    const ids: number[] = [];
    for (const a of ARTICLES) {
      const saved = await saveArticle(db, extractedArticle({ title: a.title, text: a.text, sourceName: a.sourceName, publishedAt: a.publishedAt }), null);
      ids.push(saved.id);
    }
    storyId = (await db.query<{ id: number }>(`INSERT INTO stories (headline) VALUES ('Japan tariffs') RETURNING id`))[0]!.id;
    for (const id of ids) await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [storyId, id]);
    await enrichPending(db);
    app = await buildServer(makeContext(db, loadSettings({ DATELINE_LLM_URL: modelUrl, DATELINE_LLM_MODEL: 'good', DATELINE_LLM_TIMEOUT_MS: '2000' })));
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await new Promise((resolve) => model.close(resolve));
  });

  it('adds the written summary and answer, citing the same articles', async () => {
    const summary = await (await fetch(`${base}/api/v1/stories/${storyId}/summary`)).json();
    expect(summary.written.model).toBe('good');
    expect(summary.written.cited.every((i: number) => i < summary.sentences.length)).toBe(true);
    const answer = await (await fetch(`${base}/api/v1/stories/${storyId}/ask?q=${encodeURIComponent('What tariff did Japan agree to?')}`)).json();
    expect(answer.written.text).toContain('[1]');
    const page = await (await fetch(`${base}/stories/${storyId}/ask?q=${encodeURIComponent('What tariff did Japan agree to?')}`)).text();
    expect(page).toContain('Written by good');
    expect(page).toMatch(/<a class="cite" href="\/articles\/\d+"/);
  });

  it('rejects a setting that is not a URL', () => {
    expect(() => loadSettings({ DATELINE_LLM_URL: 'ftp://x' })).toThrow(/DATELINE_LLM_URL/);
  });
});
