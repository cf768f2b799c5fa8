// One limit on a question about a story, from one constant: the reader's ask box lets a reader
// type exactly what the API takes. Past it, the page, the API and `dateline ask` each refuse the
// question with a message naming it (the page used to cut it to 300 characters without a word).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import { extractedArticle } from '../helpers/article.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** A question of exactly `length` characters. */
const questionOf = (length: number) => `What did the council decide about the ferry fares${' and the harbour'.repeat(40)}`.slice(0, length - 1) + '?';

describe('the question limit', () => {
  let db: Db;
  let app: FastifyInstance;
  let storyId: number;
  let limit: number;
  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    const text = 'The council voted on Monday to freeze ferry fares until spring. Commuters welcomed the decision, the mayor said.';
    const article = await saveArticle(db, extractedArticle({ title: 'Council freezes ferry fares', text, publishedAt: new Date('2025-08-04T08:00:00Z') }), null);
    storyId = (
      await db.query<{ id: number }>(`INSERT INTO stories (headline, article_count, source_count, first_seen_at, last_seen_at) VALUES ('Council freezes ferry fares', 1, 1, $1, $1) RETURNING id`, [new Date('2025-08-04T08:00:00Z')])
    )[0]!.id;
    await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [storyId, article.id]);
    app = await buildServer(makeContext(db, loadSettings({})));
    // The limit as the reader meets it: the ask box on the story's page.
    const page = await app.inject({ method: 'GET', url: `/stories/${storyId}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    const box = /<input id="ask-q"[^>]*maxlength="(\d+)"/.exec(page.body);
    expect(box, 'the story page has an ask box with a maxlength').not.toBeNull();
    limit = Number(box![1]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('the API takes exactly what the box lets a reader type', async () => {
    const fits = await app.inject({ method: 'GET', url: `/api/v1/stories/${storyId}/ask?q=${encodeURIComponent(questionOf(limit))}` });
    expect(fits.statusCode, fits.body).toBe(200);
    const over = await app.inject({ method: 'GET', url: `/api/v1/stories/${storyId}/ask?q=${encodeURIComponent(questionOf(limit + 1))}` });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toMatch(/^parameter q: /);
  });

  it('the answer page answers a question that fits, and names one that does not', async () => {
    const fits = await app.inject({ method: 'GET', url: `/stories/${storyId}/ask?q=${encodeURIComponent(questionOf(limit))}`, headers: { accept: 'text/html' } });
    expect(fits.statusCode).toBe(200);
    expect(fits.body).toContain(questionOf(limit));
    const over = await app.inject({ method: 'GET', url: `/stories/${storyId}/ask?q=${encodeURIComponent(questionOf(limit + 1))}`, headers: { accept: 'text/html' } });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain(`question: at most ${limit} characters, got ${limit + 1}`);
  });

  it('`dateline ask` refuses a question over the limit, naming it', () => {
    const work = mkdtempSync(join(tmpdir(), 'dateline-ask-limit-'));
    try {
      const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', join(work, 'data'), 'ask', '1', questionOf(limit + 1)], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' },
        timeout: 60_000,
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: `dateline: question: at most ${limit} characters, got ${limit + 1}\n` });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
