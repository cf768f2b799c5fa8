// The story index's writes (issue 21, migration 023): a story save rewrites only the story_terms
// rows whose weight or last_seen_at changed, and a rewritten row enters two indexes (the primary
// key on (story_id, term) and the lookup's (term, last_seen_at)), not three. On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import type { StoryState } from '../../src/cluster/stories.ts';
import { findCandidateStories, saveStoryWithIndex } from '../../src/store/stories.ts';

for (const engine of await testEngines()) {
  describe(`story index writes, ${engine.name} engine`, { timeout: 60_000 }, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    /** Each term's row version (its ctid and xmin): a rewrite gives a new one. */
    const versions = async (storyId: number) => new Map((await db.query<{ term: string; v: string }>(`SELECT term, ctid::text || '/' || xmin::text AS v FROM story_terms WHERE story_id = $1`, [storyId])).map((r) => [r.term, r.v]));

    const state = (id: number): StoryState => ({ id, centroid: new Map([['harbour', 1]]), members: [], articleCount: 0, firstSeenAt: null, lastSeenAt: null });

    it('leaves alone the rows a save would write unchanged, rewrites the changed, deletes the gone', async () => {
      // A story with no articles yet: its index rows take the time the save is given.
      const [{ id }] = (await db.query<{ id: number }>(`INSERT INTO stories (headline) VALUES ('Harbour strike') RETURNING id`)) as [{ id: number }];
      const at = new Date('2026-11-02T10:00:00Z');
      const terms: [string, number][] = [
        ['harbour', 0.61],
        ['strike', 0.43],
        ['dockers', 0.3],
        ['wages', 0.1234567],
      ];
      await saveStoryWithIndex(db, state(id), null, terms, at);
      const first = await versions(id);
      expect([...first.keys()].sort()).toEqual(['dockers', 'harbour', 'strike', 'wages']);

      // The same terms, weights and time: no row rewritten (weights compared as stored, real).
      await saveStoryWithIndex(
        db,
        state(id),
        null,
        terms.map(([t, w]): [string, number] => [t, t === 'wages' ? w + 1e-12 : w]),
        at,
      );
      expect(await versions(id)).toEqual(first);

      // One weight changed, one term gone, one new: only those rows change.
      const next: [string, number][] = [
        ['harbour', 0.61],
        ['strike', 0.5],
        ['dockers', 0.3],
        ['port', 0.2],
      ];
      await saveStoryWithIndex(db, state(id), null, next, at);
      const second = await versions(id);
      expect([...second.keys()].sort()).toEqual(['dockers', 'harbour', 'port', 'strike']);
      expect(second.get('harbour')).toBe(first.get('harbour'));
      expect(second.get('dockers')).toBe(first.get('dockers'));
      expect(second.get('strike')).not.toBe(first.get('strike'));
      const [strike] = await db.query<{ weight: number }>(`SELECT weight FROM story_terms WHERE story_id = $1 AND term = 'strike'`, [id]);
      expect(strike!.weight).toBeCloseTo(0.5, 6);

      // A later time rewrites every row, and the lookup's window sees it.
      const later = new Date('2026-12-01T10:00:00Z');
      await saveStoryWithIndex(db, state(id), null, next, later);
      const third = await versions(id);
      for (const [term, v] of third) expect(v).not.toBe(second.get(term));
      expect(await findCandidateStories(db, [['dockers', 1]], new Date('2026-11-15T00:00:00Z'), 5)).toEqual([id]);
      expect(await findCandidateStories(db, [['dockers', 1]], new Date('2026-12-02T00:00:00Z'), 5)).toEqual([]);
    });

    it('indexes story_terms twice: by story (the primary key) and by term and time (the lookup)', async () => {
      const rows = await db.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'story_terms' ORDER BY indexname`);
      expect(rows.map((r) => r.name)).toEqual(['story_terms_pkey', 'story_terms_term_seen']);
      expect(rows[0]!.def).toMatch(/\(story_id, term\)/);
    });
  });
}
