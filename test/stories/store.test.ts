// Near-duplicates and stories through the store on both engines: the post-ingest steps link a
// wire copy to its original, group the follow-up with them, keep an unrelated article apart,
// and `rebuildStories` gives the same result again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { rebuildStories, runStoryStep } from '../../src/pipeline/stories.ts';
import { getStory, listStories, listStoryArticles, storyIdOfArticle } from '../../src/store/stories.ts';
import { getDuplicateInfo, listCopies } from '../../src/store/dedup.ts';
import { followUp, unrelated, wire, wireCopy } from './fixtures.ts';

for (const engine of await testEngines()) {
  describe(`stories and near-duplicates on the ${engine.name} engine`, () => {
    let db: Db;
    const ids: Record<string, number> = {};
    beforeAll(async () => {
      db = await engine.open();
      // The copy is stored first: its original arrives later and takes the family over.
      for (const [name, a] of Object.entries({ wireCopy, wire, followUp, unrelated })) ids[name] = (await saveArticle(db, a, null)).id;
      const all = Object.values(ids);
      await runDedupStep(db, all);
      await runStoryStep(db, all);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('links the republished wire copy to the original, with its similarity', async () => {
      const copy = await getDuplicateInfo(db, ids.wireCopy!);
      expect(copy?.duplicateOf).toBe(ids.wire);
      expect(copy?.similarity).toBeGreaterThan(0.7);
      expect((await getDuplicateInfo(db, ids.wire!))?.duplicateOf).toBeNull();
      expect((await getDuplicateInfo(db, ids.followUp!))?.duplicateOf).toBeNull();
      const family = await listCopies(db, ids.wireCopy!);
      expect(family.map((c) => [c.articleId, c.isOriginal])).toEqual([
        [ids.wire, true],
        [ids.wireCopy, false],
      ]);
    });

    it('groups the story across sources and counts the copy once', async () => {
      const storyId = await storyIdOfArticle(db, ids.wire!);
      expect(storyId).not.toBeNull();
      expect(await storyIdOfArticle(db, ids.wireCopy!)).toBe(storyId);
      expect(await storyIdOfArticle(db, ids.followUp!)).toBe(storyId);
      expect(await storyIdOfArticle(db, ids.unrelated!)).not.toBe(storyId);
      const story = (await getStory(db, storyId!))!;
      expect(story.articleCount).toBe(2);
      expect(story.sourceCount).toBe(3);
      expect(story.firstSeenAt?.toISOString()).toBe('2025-08-01T08:00:00.000Z');
      expect(story.lastSeenAt?.toISOString()).toBe('2025-08-02T09:00:00.000Z');
      expect([wire.title, followUp.title]).toContain(story.headline);
      const articles = await listStoryArticles(db, storyId!);
      expect(articles.map((a) => a.id)).toEqual([ids.wire, ids.wireCopy, ids.followUp]);
    });

    it('lists stories latest first with keyset pagination', async () => {
      const first = await listStories(db, { limit: 1 });
      expect(first).toHaveLength(1);
      const rest = await listStories(db, { limit: 10, before: { lastSeenAt: first[0]!.lastSeenAt, id: first[0]!.id } });
      expect(rest.map((s) => s.id)).not.toContain(first[0]!.id);
      expect(first.length + rest.length).toBe(2);
    });

    it('rebuilds the same stories from the articles', async () => {
      const before = await listStories(db, { limit: 10 });
      const result = await rebuildStories(db, { dedup: true });
      expect(result).toMatchObject({ articles: 4, stories: 2, duplicates: 1 });
      const after = await listStories(db, { limit: 10 });
      expect(after.map((s) => [s.headline, s.articleCount, s.sourceCount])).toEqual(before.map((s) => [s.headline, s.articleCount, s.sourceCount]));
      expect((await getDuplicateInfo(db, ids.wireCopy!))?.duplicateOf).toBe(ids.wire);
    });
  });
}
