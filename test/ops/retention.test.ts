import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { getArticle, saveArticle } from '../../src/store/articles.ts';
import { applyRetention } from '../../src/store/retention.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { extractedArticle } from '../helpers/article.ts';

const now = new Date('2025-09-01T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const article = (title: string, publishedAt: Date): ExtractedArticle => extractedArticle({ title, text: `${title}. Body.`, html: `<p>${title}</p>`, sourceName: 'Valley Ledger', publishedAt });

for (const engine of await testEngines()) {
  describe(`retention on the ${engine.name} engine`, () => {
    let db: Db;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      db = await engine.open();
      for (const [key, age] of [
        ['fresh', 2],
        ['old', 90],
        ['starred', 90],
        ['active', 90],
        ['commented', 90],
        ['ancient', 400],
      ] as const) {
        ids[key] = (await saveArticle(db, article(`Article ${key}`, daysAgo(age)), null)).id;
      }
      const [user] = await db.query<{ id: number }>(`INSERT INTO users (username, password_hash, role) VALUES ('keeper', 'x', 'reader') RETURNING id`);
      await db.query('INSERT INTO reader_states (user_id, article_id, starred_at) VALUES ($1, $2, $3)', [user!.id, ids.starred, now]);
      const [story] = await db.query<{ id: number }>(`INSERT INTO stories (headline, first_seen_at, last_seen_at) VALUES ('Live story', $1, $2) RETURNING id`, [daysAgo(90), daysAgo(1)]);
      await db.query('INSERT INTO story_articles (story_id, article_id) VALUES ($1, $2)', [story!.id, ids.active]);
      await db.query(`INSERT INTO comments (user_id, article_id, body) VALUES ($1, $2, 'keep this')`, [user!.id, ids.commented]);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('does nothing when turned off', async () => {
      expect(await applyRetention(db, { maxAgeDays: 0, mode: 'delete', activeStoryDays: 7 }, now)).toEqual({ archived: 0, deleted: 0 });
    });

    it('archives old articles, keeping their text, except starred and active-story ones', async () => {
      const result = await applyRetention(db, { maxAgeDays: 30, mode: 'archive', activeStoryDays: 7 }, now);
      expect(result).toEqual({ archived: 3, deleted: 0 });
      const old = await getArticle(db, ids.old!);
      expect(old?.html).toBeNull();
      expect(old?.text).toBe('Article old. Body.');
      for (const kept of ['fresh', 'starred', 'active']) expect((await getArticle(db, ids[kept]!))?.html).not.toBeNull();
      expect(await applyRetention(db, { maxAgeDays: 30, mode: 'archive', activeStoryDays: 7 }, now)).toEqual({ archived: 0, deleted: 0 });
    });

    it('deletes old articles except starred, active-story and commented ones', async () => {
      const result = await applyRetention(db, { maxAgeDays: 30, mode: 'delete', activeStoryDays: 7 }, now);
      expect(result.deleted).toBe(2);
      expect(await getArticle(db, ids.old!)).toBeNull();
      expect(await getArticle(db, ids.ancient!)).toBeNull();
      for (const kept of ['fresh', 'starred', 'active', 'commented']) expect(await getArticle(db, ids[kept]!), kept).not.toBeNull();
    });
  });
}
