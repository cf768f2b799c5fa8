// The story step's cache (src/store/story-cache.ts) must not change a decision. The same stream is
// stored in two databases and drained in the same pieces; one database's story step keeps
// centroids and members' vectors between its transactions (as the pipeline runs it), the other
// reads every candidate whole (the step without a cache). Half way through, both databases have
// their stories' centroids and articles' vectors rewritten behind the step's back (as another
// process or a recluster would): the cached step must see the new rows, not what it holds. Every
// table the story step writes must end equal, ids included. And a vector the step writes is held
// as it reads back: the same terms, weights and order (sums over a vector follow its order).
import { describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import { openForBlock } from '../helpers/open-for-block.ts';
import type { Db } from '../../src/store/db.ts';
import { drainOwedSteps, ingestPages, postIngestSteps, type PostIngestStep } from '../../src/pipeline.ts';
import { clusterOwed, storyCache } from '../../src/pipeline/stories.ts';
import { seededRandom } from '../../src/text/random.ts';
import { StoryCache, asStored } from '../../src/store/story-cache.ts';
import { heldMemberVector } from '../../src/cluster/stories.ts';
import { DEFAULT_CLUSTER } from '../../src/cluster/config.ts';
import { getArticleVector, saveArticleVector } from '../../src/store/stories.ts';
import { vectorToJson, type TermVector } from '../../src/text/tfidf.ts';
import { generateCorpus, pageInputs } from './crash-corpus.ts';
import { crowdedStream } from './crowded-stream.ts';
import { decisionRows } from './decision-rows.ts';

// Eight stories and eight events (they were twelve each, the same as cut-parity.test.ts's): each page is
// stored and drained in three databases per engine. Still more stories than the tiny cache holds, and
// a rewrite half way through with stories met before it still met after it.
const streams = [
  { name: 'crash corpus', pages: generateCorpus(8).map((p) => ({ url: p.url, publishedAt: p.publishedAt, html: p.html })) },
  { name: 'crowded stream', pages: crowdedStream(8, 2101) },
];

const dedup = postIngestSteps.find((s) => s.name === 'near-duplicates')!;
const stories = postIngestSteps.find((s) => s.name === 'stories')!;
/** The story step without a cache: every candidate read whole. */
const uncached: PostIngestStep = { ...stories, run: (tx, ids) => clusterOwed(tx, ids) };
/** The story step as the pipeline runs it (asserted below: it keeps a cache for its database). */
const cached: PostIngestStep = stories;

/** The step with a cache too small for the stream: entries dropped, lookups partly held and partly read. */
const tiny = new WeakMap<Db, StoryCache>();
const tinyCached: PostIngestStep = {
  ...stories,
  run: (tx, ids, _clock, db) => {
    if (!tiny.has(db)) tiny.set(db, new StoryCache((read) => heldMemberVector(read, DEFAULT_CLUSTER.story), { stories: 3, vectors: 5 }));
    return clusterOwed(tx, ids, DEFAULT_CLUSTER, tiny.get(db)!);
  },
};

/** Rewrites stories' centroids and articles' vectors (every other one) as another writer would. */
async function rewriteBehind(db: Db): Promise<void> {
  await db.exec(`UPDATE stories SET centroid = '{}'::jsonb WHERE id % 2 = 1;
    UPDATE article_vectors SET vector = (SELECT COALESCE(jsonb_object_agg(key, value::text::float8 / 2), '{}') FROM jsonb_each(vector)) WHERE article_id % 2 = 0`);
}

for (const engine of await testEngines()) {
  describe(`the story step's cache, ${engine.name} engine`, { timeout: 300_000 }, () => {
    const open = openForBlock(engine);

    it('holds a written vector as it reads back: terms, weights and their order', async () => {
      const db = await open();
      await db.query(`INSERT INTO articles (title, text, content_hash) VALUES ('t', 'x', 'h1')`);
      const [{ id }] = await db.query<{ id: number }>('SELECT id FROM articles');
      const vector: TermVector = new Map([
        ['zebra', 0.123456789],
        ['10', 0.2],
        ['b', 1 / 3],
        ['n:été', 0.05],
        ['2', 1e-7],
        ['n:ete', 0.05],
        ['ab', 0.3],
        ['t:zz', 2e-6],
        ['ä', 0.4],
        ['a', 0.5],
      ]);
      await saveArticleVector(db, id!, vector);
      const read = await getArticleVector(db, id!);
      expect([...asStored(vectorToJson(vector))]).toEqual([...read!]);
      // The order is what jsonb gives, not the order written (else the check above would prove little).
      expect([...read!.keys()]).not.toEqual([...vector.keys()]);
    });

    for (const { name, pages } of streams) {
      it(`${name}: decisions with the cache are those without, rows rewritten behind it included`, async () => {
        const withCache = await open();
        const small = await open();
        const without = await open();
        const rng = seededRandom(pages.length * 31 + 7);
        const sizes = [1, 2, 3, 5, 8, 50];
        let rewritten = false;
        for (let at = 0; at < pages.length; ) {
          const piece = pages.slice(at, at + 1 + Math.floor(rng() * 6));
          at += piece.length;
          const batch = sizes[Math.floor(rng() * sizes.length)]!;
          for (const [db, step] of [
            [withCache, cached],
            [small, tinyCached],
            [without, uncached],
          ] as const) {
            await ingestPages(db, pageInputs(piece), { asOf: null, maxPageBytes: 1 << 22, drain: false });
            const report = await drainOwedSteps(db, { now: piece.at(-1)!.publishedAt }, { steps: [dedup, { ...step, batch }] });
            expect(report.failures).toEqual([]);
          }
          if (!rewritten && at >= pages.length / 2) {
            for (const db of [withCache, small, without]) await rewriteBehind(db);
            rewritten = true;
          }
        }
        const expected = await decisionRows(without);
        expect(expected.stories!.length).toBeGreaterThan(1);
        expect(expected.stories!.length).toBeLessThan(expected.members!.length);
        // The pipeline's step did hold what it met (else this compared the uncached step with itself).
        expect(storyCache(withCache).centroids.size).toBeGreaterThan(0);
        expect(storyCache(without).centroids.size).toBe(0);
        const got = await decisionRows(withCache);
        for (const table of Object.keys(expected)) expect(got[table], `${name}: ${table}`).toEqual(expected[table]);
        expect(tiny.get(small)!.centroids.size).toBe(3);
        const gotSmall = await decisionRows(small);
        for (const table of Object.keys(expected)) expect(gotSmall[table], `${name}, small cache: ${table}`).toEqual(expected[table]);
      });
    }
  });
}
