// The split look (src/cluster/split.ts): the cut, its limits, the two sides as stories, and the
// operation on both backings: the same stream through the store's story step (the database) and
// through `dateline recluster` (memory) ends in the same two stories. A configuration that joins
// everything and cuts any story of six makes the two invented events below share a story first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { averageLinkCut, sideStory, splitCut, type SplitMember } from '../../src/cluster/split.ts';
import { DEFAULT_STORY, type StoryConfig } from '../../src/cluster/stories.ts';
import { DEFAULT_CLUSTER, type ClusterConfig } from '../../src/cluster/config.ts';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { markDuplicates } from '../../src/store/dedup.ts';
import { rebuildStories, runStoryStep } from '../../src/pipeline/stories.ts';
import { article } from '../stories/fixtures.ts';

const day = (n: number) => new Date(Date.UTC(2025, 2, 1 + n, 9));
const on: StoryConfig = { ...DEFAULT_STORY, splitLink: 0.3, splitSide: 3, splitShare: 0.25 };

/** A member whose vector holds these words (weight 1) and these names. */
const member = (articleId: number, words: string[], names: string[] = [], copyOf: number | null = null): SplitMember => ({
  articleId,
  vector: new Map([...words.map((w) => [w, 1] as [string, number]), ...names.map((n) => [`n:${n}`, 1] as [string, number])]),
  publishedAt: day(articleId),
  copyOf,
});

const ferry = (id: number) => member(id, ['ferry', 'strike', 'crew', 'harbour', 'wages', `f${id}`], ['marrowby', 'ferrylink', 'odile crane']);
const fire = (id: number) => member(id, ['library', 'fire', 'roof', 'books', 'firefighters', `l${id}`], ['marrowby', 'maud fairley', 'tessaly']);

describe('the split look', () => {
  it('cuts a story into the two groups that agree within and not across, the lowest id staying', () => {
    const members = [ferry(1), fire(2), ferry(3), fire(4), ferry(5), fire(6)];
    const cut = averageLinkCut(members, on)!;
    expect(cut.a).toEqual([1, 3, 5]);
    expect(cut.b).toEqual([2, 4, 6]);
    expect(cut.link).toBeLessThan(0.3);
    const split = splitCut(members, on)!;
    expect(split.stay.map((m) => m.articleId)).toEqual([1, 3, 5]);
    expect(split.move.map((m) => m.articleId)).toEqual([2, 4, 6]);
  });

  it('does not cut when the look is off, the sides link too closely, or a side is too small', () => {
    const members = [ferry(1), fire(2), ferry(3), fire(4), ferry(5), fire(6)];
    expect(splitCut(members, { ...on, splitLink: 0 })).toBeNull();
    expect(splitCut(members, { ...on, splitLink: 0.01 })).toBeNull();
    expect(splitCut(members, { ...on, splitSide: 4 })).toBeNull();
    // Five reports of one event and one stray: a side of one is no second event.
    const stray = [ferry(1), ferry(2), ferry(3), ferry(4), ferry(5), fire(6)];
    expect(averageLinkCut(stray, on)!.b).toEqual([6]);
    expect(splitCut(stray, on)).toBeNull();
    // Ten and three: three is below a quarter of thirteen.
    const uneven = [...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(ferry), fire(11), fire(12), fire(13)];
    expect(splitCut(uneven, on)).toBeNull();
    expect(splitCut(uneven, { ...on, splitShare: 0.2 })!.move.map((m) => m.articleId)).toEqual([11, 12, 13]);
  });

  it('with splitConfirm, cuts only when the story at the look before (its lowest ids) cut the same way', () => {
    const confirm = { ...on, splitConfirm: 1 };
    // Eight: at six (ids 1-6) it was three and three, the same sides.
    const two = [ferry(1), fire(2), ferry(3), fire(4), ferry(5), fire(6), ferry(7), fire(8)];
    expect(splitCut(two, confirm)!.move.map((m) => m.articleId)).toEqual([2, 4, 6, 8]);
    // Eight whose first six were one event: nothing to confirm.
    const late = [ferry(1), ferry(2), ferry(3), ferry(4), ferry(5), fire(6), fire(7), fire(8)];
    expect(splitCut(late, on)!.move.map((m) => m.articleId)).toEqual([6, 7, 8]);
    expect(splitCut(late, confirm)).toBeNull();
    // Six: no look before it.
    expect(splitCut(two.slice(0, 6), confirm)).toBeNull();
  });

  it('moves a copy with its original, and builds each side from its members', () => {
    const copy = { ...member(7, []), vector: new Map(), publishedAt: day(20), copyOf: 4 };
    const split = splitCut([ferry(1), fire(2), ferry(3), fire(4), ferry(5), fire(6), copy], on)!;
    expect(split.move.map((m) => m.articleId)).toEqual([2, 4, 6, 7]);
    const side = sideStory(9, split.move, on);
    expect(side).toMatchObject({ id: 9, articleCount: 3, firstSeenAt: day(2), lastSeenAt: day(20) });
    expect(side.centroid.get('fire')).toBe(3);
    expect(side.centroid.get('n:marrowby')).toBe(3);
    expect(side.centroid.has('ferry')).toBe(false);
    expect(side.members.map((m) => m.articleId)).toEqual([2, 4, 6]);
  });
});

// Two events in one town, three reports each, told in different words: a ferry strike and a library fire.
const stream = [
  ['Marrowby ferry crews walk out over wages', 'Ferry crews in Marrowby walked out on Monday in a dispute over wages, and the harbour fell silent. Ferrylink said no crossings would run until talks resume.'],
  ['Fire guts Marrowby library roof', 'Fire tore through the roof of the Marrowby library on Monday night. Firefighters saved most of the books, librarian Maud Fairley said, but the reading room is lost.'],
  ['Marrowby ferry strike strands commuters', 'Commuters queued at the Marrowby harbour as the ferry strike entered its second day. Crews say Ferrylink wages have not risen in four years.'],
  ['Library fire: Marrowby counts the cost', 'Maud Fairley said the Marrowby library fire destroyed rare books in the reading room. Firefighters worked until dawn to put out the roof.'],
  ['Ferrylink and crews meet as Marrowby strike goes on', 'Ferrylink managers met striking ferry crews at the Marrowby harbour on Wednesday. The wages dispute has halted every crossing this week.'],
  // A copy of the second fire report (marked so below), before the story reaches six.
  ['Marrowby library fire: the cost (republished)', 'Maud Fairley said the Marrowby library fire destroyed rare books in the reading room. Firefighters worked until dawn to put out the roof.'],
  ['Marrowby library to reopen in temporary rooms after fire', 'The Marrowby library will reopen in temporary rooms next month after the fire that destroyed its roof, Maud Fairley said. Donated books are arriving daily.'],
] as const;

// Everything joins (and nothing merges or settles), and a story of six is cut when its sides link below 0.3.
const config: ClusterConfig = {
  ...DEFAULT_CLUSTER,
  story: { ...DEFAULT_CLUSTER.story, joinThreshold: 0, mergeThreshold: 2, settleSize: 0, splitLink: 0.3, splitSide: 3, splitShare: 0.25 },
};

/** Stories as sets of titles with their settled flag and article count, in a stable order. */
async function stories(db: Db): Promise<string[]> {
  const rows = await db.query<{ titles: string; settled: boolean; article_count: number }>(
    `SELECT string_agg(a.title, ' + ' ORDER BY a.title) AS titles, s.settled, s.article_count
       FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id
      GROUP BY s.id ORDER BY 1`,
  );
  return rows.map((r) => `${r.titles} (${r.article_count}, ${r.settled ? 'settled' : 'waiting'})`);
}

for (const engine of await testEngines()) {
  describe(`a split on both backings (${engine.name} engine)`, { timeout: 120_000 }, () => {
    let db: Db;
    let stepped: string[];
    beforeAll(async () => {
      db = await engine.open();
      const ids: number[] = [];
      for (const [i, [title, text]] of stream.entries()) ids.push((await saveArticle(db, article({ title, text, publishedAt: day(i) }), null)).id);
      await markDuplicates(db, [{ articleId: ids[5]!, duplicateOf: ids[3]!, similarity: 0.95 }]);
      await runStoryStep(db, ids, config);
      stepped = await stories(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('the story step cuts the joined story into its two events', () => {
      expect(stepped).toHaveLength(2);
      expect(stepped.find((s) => s.includes('ferry crews walk out'))).toMatch(/strands commuters.*Ferrylink and crews|Ferrylink and crews.*strands commuters/);
      // The copy went with its original.
      expect(stepped.find((s) => s.includes('Fire guts'))).toMatch(/\(republished\).*temporary rooms/);
      for (const s of stepped) expect(s).toMatch(/\(3, /);
      // The side that moved has had its look; the one that stayed has not.
      expect(stepped.filter((s) => s.endsWith('settled)'))).toHaveLength(1);
    });

    it('recluster (memory) gives the same stories, and the same index', async () => {
      const terms = async () =>
        db.query<{ story: string; terms: string }>(`SELECT s.headline AS story, string_agg(t.term, ' ' ORDER BY t.term) AS terms FROM story_terms t JOIN stories s ON s.id = t.story_id GROUP BY s.headline ORDER BY 1`);
      const before = await terms();
      await rebuildStories(db, { dedup: false }, config);
      expect(await stories(db)).toEqual(stepped);
      expect(await terms()).toEqual(before);
    });
  });
}
