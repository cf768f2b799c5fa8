// Where a stream is cut must not change a decision. One stream of pages (in time order) is stored
// and its near-duplicate and story steps are drained in pieces cut at random points: a drain after
// every few pages (cuts inside a story's arrivals), batches of random sizes (1 included) within a
// drain, and now and then a VACUUM ANALYZE of the step tables between drains (new statistics, rows
// moved: the planner may read them in another order). Every run must end with exactly the copies,
// stories, members, index and term statistics of the same stream stored whole and drained one
// article per transaction. Two streams: the crash corpus (twelve stories, some sharing their topic's
// words, copies among them) and a crowded one (test/pipeline/crowded-stream.ts: look-alike events
// over one small vocabulary, merging by site, and twins that weigh alike). On both engines.
import { describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import { openForBlock } from '../helpers/open-for-block.ts';
import type { Db } from '../../src/store/db.ts';
import { drainOwedSteps, ingestPages, postIngestSteps, type PageInput, type PostIngestStep } from '../../src/pipeline.ts';
import { seededRandom } from '../../src/text/random.ts';
import { STEP_TABLES } from '../../src/store/step-tables.ts';
import { findCandidateStories } from '../../src/store/stories.ts';
import { generateCorpus, pageInputs } from './crash-corpus.ts';
import { decisionRows } from './decision-rows.ts';
import { crowdedStream, type StreamPage } from './crowded-stream.ts';

type Page = StreamPage;

const streams: { name: string; pages: Page[] }[] = [
  { name: 'crash corpus', pages: generateCorpus(12).map((p) => ({ url: p.url, title: p.title, publishedAt: p.publishedAt, html: p.html })) },
  { name: 'crowded stream', pages: crowdedStream(12, 2101) },
];

const inputs = (pages: Page[]): PageInput[] => pageInputs(pages);

/** The steps that decide copies and stories (enrichment and webhooks stay owed: they decide neither). */
const deciding = postIngestSteps.filter((s) => s.name === 'near-duplicates' || s.name === 'stories');
const withBatch = (batch: (step: PostIngestStep) => number): PostIngestStep[] => deciding.map((s) => ({ ...s, batch: batch(s) }));

const ingest = (db: Db, pages: Page[]) => ingestPages(db, inputs(pages), { asOf: null, maxPageBytes: 1 << 22, drain: false });

/** Stored whole, then drained one article per transaction. */
async function oneAtATime(db: Db, pages: Page[]) {
  await ingest(db, pages);
  const report = await drainOwedSteps(db, { now: pages.at(-1)!.publishedAt }, { steps: withBatch(() => 1) });
  expect(report.failures).toEqual([]);
}

/** Stored and drained in pieces cut at random points, batches of random sizes, the step tables vacuumed and analysed now and then. */
async function inPieces(db: Db, pages: Page[], seed: number) {
  const rng = seededRandom(seed);
  const sizes = [1, 1, 2, 3, 5, 8, 13, 50, 100];
  let vacuums = 0;
  for (let at = 0; at < pages.length; ) {
    const piece = pages.slice(at, at + 1 + Math.floor(rng() * 9));
    at += piece.length;
    await ingest(db, piece);
    const report = await drainOwedSteps(db, { now: piece.at(-1)!.publishedAt }, { steps: withBatch(() => sizes[Math.floor(rng() * sizes.length)]!) });
    expect(report.failures).toEqual([]);
    if (rng() < 0.3) {
      await db.exec(`VACUUM ANALYZE ${STEP_TABLES.join(', ')}`);
      vacuums++;
    }
  }
  return vacuums;
}

for (const engine of await testEngines()) {
  describe(`decisions wherever the stream is cut, ${engine.name} engine`, { timeout: 300_000 }, () => {
    const open = openForBlock(engine);

    it('ranks candidate stories by score then id whatever plan sums the scores', async () => {
      // 300 stories indexed alike: every one scores 1 + 1e-16 + 1e-16 against the query, which is 1
      // added in the query's order and 1.0000000000000002 added the other way round. Summed as
      // the plan met the rows (a sort by story leaves each story's rows in any order), some
      // stories outranked the lower ids they tie with; summed in the query's order, none does.
      const db = await open();
      await db.query(`INSERT INTO stories (id, headline) SELECT g, 'alike' FROM generate_series(1, 300) g`);
      await db.query(
        `INSERT INTO story_terms (term, story_id, weight, last_seen_at)
         SELECT t.term, g, t.weight, '2025-03-01T00:00:00Z' FROM generate_series(1, 300) g, (VALUES ('x', 1::real), ('y', 1e-16::real), ('z', 1e-16::real)) t(term, weight)`,
      );
      const query: [string, number][] = [
        ['x', 1],
        ['y', 1],
        ['z', 1],
      ];
      for (const hash of ['on', 'off']) {
        const ids = await db.transaction(async (tx) => {
          await tx.exec(`SET LOCAL enable_hashagg = ${hash}`);
          return findCandidateStories(tx, query, null, 6);
        });
        expect(ids, `enable_hashagg = ${hash}`).toEqual([1, 2, 3, 4, 5, 6]);
      }
    });

    for (const { name, pages } of streams) {
      it(`${name}: pieces, batches and vacuums end as one article at a time`, async () => {
        const reference = await open();
        await oneAtATime(reference, pages);
        const expected = await decisionRows(reference);
        // Something to compare: copies (crash corpus), stories of several articles, stories that merged or settled.
        expect(expected.stories!.length).toBeGreaterThan(1);
        expect(expected.stories!.length).toBeLessThan(expected.members!.length);
        for (const seed of [1, 2]) {
          const db = await open();
          await inPieces(db, pages, seed * 7919 + pages.length);
          const got = await decisionRows(db);
          for (const table of Object.keys(expected)) expect(got[table], `${name}, seed ${seed}: ${table}`).toEqual(expected[table]);
        }
        // All of it in one batch per step, after the statistics of an empty store were taken.
        const whole = await open();
        await whole.exec(`VACUUM ANALYZE ${STEP_TABLES.join(', ')}`);
        await ingest(whole, pages);
        expect((await drainOwedSteps(whole, { now: pages.at(-1)!.publishedAt }, { steps: withBatch(() => 1000) })).failures).toEqual([]);
        const got = await decisionRows(whole);
        for (const table of Object.keys(expected)) expect(got[table], `${name}, whole: ${table}`).toEqual(expected[table]);
      });
    }
  });
}
