// An entity's timeline holds each dated sentence once, wherever it is read: the store's entity
// detail, so the page, the API (/api/v1/entities/:id) and `dateline entities --id` alike. A
// sentence naming three dates ("on Tuesday … by Wednesday … the July 9 deadline") was listed
// under each of them, and a wire copy's identical sentence once more; the page hid the repeats
// but the API and the CLI's --json still served them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import { extractedArticle } from '../helpers/article.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { getEntityDetail } from '../../src/store/enrich.ts';
import { buildServer } from '../../src/server/app.ts';
import { makeContext } from '../../src/server/context.ts';
import { loadSettings } from '../../src/config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

const OTHER = 'On Monday Ana Ruiz landed in Lisbon.';
const THREE_DATES = 'Press secretary Ana Ruiz confirmed on Tuesday that letters went out, with offers due by Wednesday as the July 9 deadline approached.';
const LATER = 'Ana Ruiz will report back in September.';

/** One article holding `sentences`; Ana Ruiz mentioned in each, and each date in them stored as an event. */
async function storeArticle(db: Db, entityId: number, sourceName: string, publishedAt: string, sentences: { text: string; dates: [string, string][] }[]): Promise<void> {
  const text = sentences.map((s) => s.text).join(' ');
  const article = await saveArticle(db, extractedArticle({ title: `Ruiz, ${sourceName}`, text, sourceName, publishedAt: new Date(publishedAt) }), null);
  for (const sentence of sentences) {
    const start = text.indexOf(sentence.text);
    const name = start + sentence.text.indexOf('Ana Ruiz');
    await db.query('INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text) VALUES ($1, $2, $3, $4, $5)', [entityId, article.id, name, name + 8, 'Ana Ruiz']);
    for (const [date, words] of sentence.dates) {
      await db.query(
        `INSERT INTO events (article_id, event_date, precision, text, sentence, start_offset, sentence_start, sentence_end)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [article.id, date, date.endsWith('-01') && words === 'September' ? 'month' : 'day', words, sentence.text, start + sentence.text.indexOf(words), start, start + sentence.text.length],
      );
    }
  }
}

const expected = ['2025-06-02 On Monday An', '2025-06-03 Press secret', '2025-09-01 Ana Ruiz wil'];
const shown = (timeline: { date: string; sentence: string }[]) => timeline.map((t) => `${t.date} ${t.sentence.slice(0, 12)}`);

for (const engine of await testEngines()) {
  describe(`entity timeline: one entry per dated sentence (${engine.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let entityId: number;
    beforeAll(async () => {
      db = await engine.open();
      entityId = (await db.query<{ id: number }>(`INSERT INTO entities (kind, key, name, aliases, mention_count, article_count) VALUES ('person', 'person:anaruiz', 'Ana Ruiz', '{Ana Ruiz}', 5, 2) RETURNING id`))[0]!.id;
      await storeArticle(db, entityId, 'Herald', '2025-06-03T12:00:00Z', [
        { text: OTHER, dates: [['2025-06-02', 'On Monday']] },
        {
          text: THREE_DATES,
          dates: [
            ['2025-06-03', 'on Tuesday'],
            ['2025-06-04', 'Wednesday'],
            ['2025-07-09', 'July 9'],
          ],
        },
      ]);
      // A wire copy: the same sentence, word for word, in another outlet.
      await storeArticle(db, entityId, 'Wire', '2025-06-03T13:00:00Z', [
        {
          text: THREE_DATES,
          dates: [
            ['2025-06-03', 'on Tuesday'],
            ['2025-06-04', 'Wednesday'],
            ['2025-07-09', 'July 9'],
          ],
        },
        { text: LATER, dates: [['2025-09-01', 'September']] },
      ]);
      app = await buildServer(makeContext(db, loadSettings({})));
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('the store gives each sentence once, at its earliest date, in date order', async () => {
      const detail = await getEntityDetail(db, entityId);
      expect(shown(detail.timeline)).toEqual(expected);
      const three = detail.timeline[1]!;
      expect([three.text, three.sourceName]).toEqual(['on Tuesday', 'Herald']);
      expect(detail.timeline[2]!.precision).toBe('month');
    });

    it('the API serves the same timeline', async () => {
      const response = await app.inject({ method: 'GET', url: `/api/v1/entities/${entityId}` });
      expect(response.statusCode).toBe(200);
      expect(shown(response.json().timeline)).toEqual(expected);
    });

    it('the entity page lists the sentence once', async () => {
      const response = await app.inject({ method: 'GET', url: `/entities/${entityId}` });
      expect(response.statusCode).toBe(200);
      expect(response.body.split('Press secretary Ana Ruiz').length - 1).toBe(1);
      expect(response.body.split('<li><time').length - 1).toBe(3);
    });

    if (engine.name === 'server') {
      it('`dateline entities --id --json` prints the same timeline', () => {
        const databaseUrl = (db as Db & { databaseUrl: string }).databaseUrl;
        const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), 'entities', '--id', String(entityId), '--json'], {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: databaseUrl, DATELINE_LOG_LEVEL: 'error' },
          timeout: 60_000,
        });
        expect(run.status, run.stderr).toBe(0);
        expect(shown(JSON.parse(run.stdout).timeline)).toEqual(expected);
      });
    }
  });
}
