// A site title through the store on both engines: two unrelated pages of one outlet, each titled
// only with the outlet's name and a section, are two stories in the story step and in the rebuild
// (the step reads the outlet's name and the address beside the title).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { rebuildStories, runStoryStep } from '../../src/pipeline/stories.ts';
import { storyIdOfArticle } from '../../src/store/stories.ts';
import { article } from './fixtures.ts';

const quake = article({
  title: 'World news - RT International',
  text: 'A magnitude 5.6 earthquake struck the island of Qeshm in the Gulf on Sunday, injuring five people and damaging homes in three villages, state media said. Rescue teams were sent from Bandar Abbas.',
  sourceName: 'RT International',
  url: 'https://www.rt.com/news/1-qeshm-quake/',
  publishedAt: new Date('2025-08-01T08:00:00Z'),
});
const football = article({
  title: 'World news - RT International',
  text: 'Zenit Saint Petersburg signed the Brazilian midfielder Claudinho for a club record fee on Monday, the club announced, after weeks of talks with Red Bull Bragantino over the transfer.',
  sourceName: 'RT International',
  url: 'https://www.rt.com/sport/2-zenit-transfer/',
  publishedAt: new Date('2025-08-01T10:00:00Z'),
});

for (const engine of await testEngines()) {
  describe(`site titles in the story step on the ${engine.name} engine`, () => {
    let db: Db;
    const ids: number[] = [];
    beforeAll(async () => {
      db = await engine.open();
      for (const a of [quake, football]) ids.push((await saveArticle(db, a, null)).id);
      await runStoryStep(db, ids);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('keeps two unrelated pages apart though both carry the same site title', async () => {
      expect(await storyIdOfArticle(db, ids[0]!)).not.toBe(await storyIdOfArticle(db, ids[1]!));
    });

    it('and so does the rebuild', async () => {
      await rebuildStories(db, { dedup: false });
      expect(await storyIdOfArticle(db, ids[0]!)).not.toBe(await storyIdOfArticle(db, ids[1]!));
    });
  });
}
