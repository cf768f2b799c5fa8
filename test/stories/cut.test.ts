// Where the stream is cut does not change the stories: the same articles stored and drained in
// one go, or in pieces with a drain after each (a backlog import, a worker killed and started
// again), with the wall clock long after all of them, end in the same stories, settled alike;
// and `dateline recluster` gives them again. A lone report on the council's railings for a bridge
// comes a day before the bridge story itself (four reports): as a story of its own it only
// settles into the bridge story once the stream has moved past it (a report a week later), and
// it must not get its one settling look at a drain that cuts the stream before the bridge story
// exists (it would stay alone for good). On both engines. The texts are invented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { runPostIngestSteps } from '../../src/pipeline.ts';
import { rebuildStories } from '../../src/pipeline/stories.ts';
import { article } from './fixtures.ts';

const at = (iso: string) => new Date(iso);

const stream = [
  article({
    title: 'Orchard growers in Pellham expect late apple harvest',
    publishedAt: at('2025-02-20T09:00:00Z'),
    sourceName: 'Pellham Gazette',
    text: 'Apple growers around Pellham said on Thursday that a cold February would push the harvest back by two weeks. The growers association said prices at the town market were likely to rise, and pickers from abroad had been told to arrive later.',
  }),
  article({
    title: 'Tessaly library reopens after roof repairs',
    publishedAt: at('2025-02-22T09:00:00Z'),
    sourceName: 'Tessaly Courier',
    text: 'The public library in Tessaly reopened on Saturday after eight months of roof repairs. Librarian Maud Fairley said the children section had doubled in size and that opening hours would be extended on Thursdays.',
  }),
  article({
    title: 'Dunmore rowing club names new head coach',
    publishedAt: at('2025-02-25T09:00:00Z'),
    sourceName: 'Dunmore Echo',
    text: 'The Dunmore rowing club appointed former champion Rhys Alder as head coach on Tuesday. Alder said he wanted the club to enter the national eights for the first time in a decade and would hold trials in March.',
  }),
  // The lone report: close enough to the bridge story to settle into it, not to join it online.
  article({
    title: 'Council picks steel for new walkway railings',
    publishedAt: at('2025-03-03T09:00:00Z'),
    sourceName: 'Marrowby Mercury',
    text: 'Marrowby council voted on Monday to replace the painted railings along the Fenwick bridge walkway with steel ones next summer. Councillor Hector Vane said the contract would go to tender in May and cost about 300,000 pounds. Cyclists had asked for wider lanes, which the plan does not include.',
  }),
  article({
    title: 'Fenwick bridge in Marrowby shut after cable snaps',
    publishedAt: at('2025-03-04T08:00:00Z'),
    sourceName: 'Marrowby Mercury',
    text: 'The Fenwick bridge in Marrowby was closed to all traffic on Tuesday after a support cable snapped during the morning rush hour. Police turned back cars at both ends and nobody was hurt. Mayor Odile Crane said the bridge would stay shut until divers and engineers had checked every pier. Ferries added extra crossings for commuters stranded on the southern bank.',
  }),
  article({
    title: 'Marrowby commuters queue for ferries as Fenwick bridge stays closed',
    publishedAt: at('2025-03-04T11:00:00Z'),
    sourceName: 'County Herald',
    text: 'Hundreds of commuters queued for ferries in Marrowby on Tuesday after the Fenwick bridge was closed when a support cable snapped. Mayor Odile Crane said the closure could last weeks and promised extra ferry crossings. Police closed both ends of the bridge and divers began checking the piers.',
  }),
  article({
    title: 'Snapped cable closes Fenwick bridge; Crane promises more ferries',
    publishedAt: at('2025-03-04T15:00:00Z'),
    sourceName: 'Riverside Daily',
    text: 'A support cable on the Fenwick bridge snapped on Tuesday morning, and Marrowby police closed the bridge to traffic. Nobody was hurt. Mayor Odile Crane said engineers and divers would check every pier before it reopens, and the ferry company added crossings for stranded commuters.',
  }),
  article({
    title: 'Fenwick bridge closure: what Marrowby commuters need to know',
    publishedAt: at('2025-03-04T19:00:00Z'),
    sourceName: 'South Bank News',
    text: 'The Fenwick bridge will stay closed after a support cable snapped on Tuesday, Mayor Odile Crane said. Extra ferries run every twenty minutes from the southern bank. Divers and engineers are checking the piers, and police are turning back traffic at both ends of the bridge.',
  }),
  article({
    title: 'Lindqvist wins Harrowgate chess open on tiebreak',
    publishedAt: at('2025-03-04T20:00:00Z'),
    sourceName: 'Harrowgate Times',
    text: 'Sigrid Lindqvist won the Harrowgate chess open on Tuesday evening, beating three grandmasters on tiebreak after a final round draw against Pavel Orlov. The tournament drew a record two hundred players to the town hall.',
  }),
  // A week on: the stream has moved past the lone report.
  article({
    title: 'Tessaly opens winter market in the old corn exchange',
    publishedAt: at('2025-03-10T09:00:00Z'),
    sourceName: 'Tessaly Courier',
    text: 'Forty stallholders opened the winter market in the old corn exchange in Tessaly on Monday, selling cheese, honey and woollens. Organiser Bram Oakes said the market would run every weekend until Easter.',
  }),
];

// Long after every article: a drain that settled by it would settle everything it had.
const WALL_CLOCK = at('2026-01-01T00:00:00Z');

/** Stories as sets of titles, each with whether it had its settling look, in a stable order. */
async function stories(db: Db): Promise<string[]> {
  const rows = await db.query<{ titles: string; settled: boolean }>(
    `SELECT string_agg(a.title, ' + ' ORDER BY a.title) AS titles, s.settled
       FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id
      GROUP BY s.id, s.settled ORDER BY 1`,
  );
  return rows.map((r) => `${r.titles} (${r.settled ? 'settled' : 'waiting'})`);
}

/** Stores `stream` and drains after each piece (cut at these indexes) with the wall clock at WALL_CLOCK. */
async function ingest(db: Db, cuts: number[]): Promise<void> {
  const bounds = [0, ...cuts, stream.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const ids: number[] = [];
    for (const a of stream.slice(bounds[i], bounds[i + 1])) ids.push((await saveArticle(db, a, null)).id);
    const report = await runPostIngestSteps(db, ids, { now: WALL_CLOCK });
    expect(report.failures).toEqual([]);
  }
}

for (const engine of await testEngines()) {
  describe(`stories do not depend on where the stream was cut (${engine.name} engine)`, { timeout: 300_000 }, () => {
    let whole: Db;
    let pieces: Db;
    let singles: Db;
    beforeAll(async () => {
      [whole, pieces, singles] = [await engine.open(), await engine.open(), await engine.open()];
      await ingest(whole, []);
      // Cut after the lone report (before the bridge story), and before the report a week on.
      await ingest(pieces, [4, 9]);
      await ingest(singles, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
    afterAll(async () => {
      await Promise.all([whole?.close(), pieces?.close(), singles?.close()]);
    });

    it('in one go, in pieces and one article a drain: the same stories, settled alike', async () => {
      const expected = await stories(whole);
      expect(await stories(pieces)).toEqual(expected);
      expect(await stories(singles)).toEqual(expected);
    });

    it('settles the lone report into the bridge story once the stream has moved past it, and not what it has not', async () => {
      const got = await stories(whole);
      const bridge = got.find((s) => s.includes('Fenwick bridge in Marrowby shut'));
      expect(bridge).toContain('Council picks steel for new walkway railings');
      expect(bridge).toContain('(settled)');
      // The last report: the stream has not moved past it, whatever the wall clock says.
      expect(got.find((s) => s.includes('winter market'))).toMatch(/\(waiting\)$/);
    });

    it('recluster gives the same stories', async () => {
      await rebuildStories(whole, { dedup: true });
      expect(await stories(whole)).toEqual(await stories(pieces));
    });
  });
}
