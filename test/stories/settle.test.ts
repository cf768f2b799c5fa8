// Settling through the store, on both engines: the story step leaves a nearby report in a story
// of its own (the strict join), and the settling look folds it into the harbour story once it
// has gone quiet by the wall clock given; each story gets one look. A report that comes back a
// year later returns to its old story, out of the online window but within the return reach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, type EngineCase } from '../helpers/db.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { rebuildStories, runStoryStep, settleStories } from '../../src/pipeline/stories.ts';
import { DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { storyIdOfArticle } from '../../src/store/stories.ts';
import { article, followUp, unrelated, wire, wireCopy } from './fixtures.ts';

const nearby = article({
  title: 'Ardmore expects busier autumn at its container terminal',
  text: 'Ardmore harbour officials said on Wednesday that two container lines had asked about berths from September, when tolls rise at a neighbouring port. The council plans longer opening hours at the terminal gates.',
  sourceName: 'Ardmore Herald',
  publishedAt: new Date('2025-08-02T09:00:00Z'),
});

/**
 * A store on `engine` holding `articles`, through the dedup and story steps with the wall clock at
 * `now`; `ids` by name once set up. Closed after the suite.
 */
function storyWorld(engine: EngineCase, articles: Record<string, ExtractedArticle>, now: Date): { db: () => Db; ids: Record<string, number> } {
  let db: Db;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    db = await engine.open();
    for (const [name, a] of Object.entries(articles)) ids[name] = (await saveArticle(db, a, null)).id;
    await runDedupStep(db, Object.values(ids));
    await runStoryStep(db, Object.values(ids), DEFAULT_CLUSTER, now);
  });
  afterAll(async () => {
    await db?.close();
  });
  return { db: () => db, ids };
}

for (const engine of await testEngines()) {
  describe(`settling stories on the ${engine.name} engine`, () => {
    // The wall clock of this world: the day after the last article, nothing is quiet yet.
    const world = storyWorld(engine, { wire, followUp, unrelated, nearby }, new Date('2025-08-03T09:00:00Z'));
    const { ids } = world;

    it('folds the quiet report into its story, once', async () => {
      const db = world.db();
      const harbour = await storyIdOfArticle(db, ids.wire!);
      expect(await storyIdOfArticle(db, ids.nearby!)).not.toBe(harbour);
      const folded = await db.transaction((tx) => settleStories(tx, new Date('2025-08-09T00:00:00Z')));
      expect(folded).toBe(1);
      expect(await storyIdOfArticle(db, ids.nearby!)).toBe(harbour);
      expect(await storyIdOfArticle(db, ids.unrelated!)).not.toBe(harbour);
      const [row] = await db.query<{ article_count: number; settled: boolean }>('SELECT article_count, settled FROM stories WHERE id = $1', [harbour]);
      expect(row).toMatchObject({ article_count: 3, settled: true });
      const waiting = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stories WHERE NOT settled');
      expect(waiting[0]!.n).toBe(0);
      expect(await db.transaction((tx) => settleStories(tx, new Date('2025-09-01T00:00:00Z')))).toBe(0);
    });
  });
}

// The wire report republished a year on by another outlet, under a new date.
const yearOn = article({ ...wireCopy, sourceName: 'Harbour Digest', publishedAt: new Date('2026-08-03T09:00:00Z') });

for (const engine of await testEngines()) {
  describe(`a late report returning to its story on the ${engine.name} engine`, () => {
    const world = storyWorld(engine, { wire, followUp, unrelated, yearOn }, new Date('2026-08-04T09:00:00Z'));
    const { ids } = world;

    it('returns to the old story (the old one, still small, takes it at its own settling look)', async () => {
      const db = world.db();
      const harbour = await storyIdOfArticle(db, ids.wire!);
      expect(await storyIdOfArticle(db, ids.followUp!)).toBe(harbour);
      // No copy link a year on: the story step alone brought it back.
      const [row] = await db.query<{ duplicate_of: number | null }>('SELECT duplicate_of FROM articles WHERE id = $1', [ids.yearOn]);
      expect(row!.duplicate_of).toBeNull();
      expect(await storyIdOfArticle(db, ids.yearOn!)).toBe(harbour);
      expect(await storyIdOfArticle(db, ids.unrelated!)).not.toBe(harbour);
      const [story] = await db.query<{ article_count: number; last_seen_at: Date }>('SELECT article_count, last_seen_at FROM stories WHERE id = $1', [harbour]);
      expect(story!.article_count).toBe(3);
      expect(new Date(story!.last_seen_at).toISOString()).toBe('2026-08-03T09:00:00.000Z');
    });

    it('gives the same in a rebuild, and keeps it apart when the return reach is shorter than the gap', async () => {
      const db = world.db();
      await rebuildStories(db, { dedup: false });
      expect(await storyIdOfArticle(db, ids.yearOn!)).toBe(await storyIdOfArticle(db, ids.wire!));
      const strict = { ...DEFAULT_CLUSTER, story: { ...DEFAULT_CLUSTER.story, returnDays: 180 } };
      await rebuildStories(db, { dedup: false }, strict);
      expect(await storyIdOfArticle(db, ids.yearOn!)).not.toBe(await storyIdOfArticle(db, ids.wire!));
    });
  });
}
