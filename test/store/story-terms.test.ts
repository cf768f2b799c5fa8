// The story index's writes (issue 21, migration 023): a story save's rewritten story_terms row
// enters two indexes (the primary key, now on (story_id, term), and the lookup's (term,
// last_seen_at)), not three, and the saves, deletes and lookup read and write as before. On both engines.
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

    const state = (id: number): StoryState => ({ id, centroid: new Map([['harbour', 1]]), members: [], articleCount: 0, firstSeenAt: null, lastSeenAt: null });
    const rows = async (storyId: number) =>
      (await db.query<{ term: string; weight: number; at: Date }>(`SELECT term, weight, last_seen_at AS at FROM story_terms WHERE story_id = $1 ORDER BY term`, [storyId])).map((r) => [
        r.term,
        Number(r.weight.toFixed(6)),
        new Date(r.at).toISOString(),
      ]);

    it('a save upserts its terms under the (story_id, term) key, deletes the gone, and the lookup reads them in its window', async () => {
      // Two stories with no articles yet: their index rows take the time the save is given.
      const ids = (await db.query<{ id: number }>(`INSERT INTO stories (headline) VALUES ('Harbour strike'), ('Port wages') RETURNING id`)).map((r) => Number(r.id));
      const [a, b] = ids as [number, number];
      const at = new Date('2026-11-02T10:00:00Z');
      await saveStoryWithIndex(
        db,
        state(a),
        null,
        [
          ['harbour', 0.61],
          ['strike', 0.43],
          ['dockers', 0.3],
        ],
        at,
      );
      await saveStoryWithIndex(
        db,
        state(b),
        null,
        [
          ['port', 0.7],
          ['dockers', 0.2],
        ],
        at,
      );
      // One weight changed, one term gone, one new; the other story's rows untouched.
      const later = new Date('2026-12-01T10:00:00Z');
      await saveStoryWithIndex(
        db,
        state(a),
        null,
        [
          ['harbour', 0.61],
          ['strike', 0.5],
          ['port', 0.2],
        ],
        later,
      );
      expect(await rows(a)).toEqual([
        ['harbour', 0.61, later.toISOString()],
        ['port', 0.2, later.toISOString()],
        ['strike', 0.5, later.toISOString()],
      ]);
      expect(await rows(b)).toEqual([
        ['dockers', 0.2, at.toISOString()],
        ['port', 0.7, at.toISOString()],
      ]);
      // Summed weights: b 0.7 + 0.2, a 0.2 (its dockers row deleted); past b's time, a alone.
      expect(
        await findCandidateStories(
          db,
          [
            ['port', 1],
            ['dockers', 1],
          ],
          new Date('2026-10-01T00:00:00Z'),
          5,
        ),
      ).toEqual([b, a]);
      expect(
        await findCandidateStories(
          db,
          [
            ['port', 1],
            ['dockers', 1],
          ],
          new Date('2026-11-15T00:00:00Z'),
          5,
        ),
      ).toEqual([a]);
      // A story deleted takes its index rows with it (the cascade reads them by the key's story_id).
      await db.query('DELETE FROM stories WHERE id = $1', [b]);
      expect(await rows(b)).toEqual([]);
    });

    it('indexes story_terms twice: by story (the primary key) and by term and time (the lookup)', async () => {
      const rows = await db.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'story_terms' ORDER BY indexname`);
      expect(rows.map((r) => r.name)).toEqual(['story_terms_pkey', 'story_terms_term_seen']);
      expect(rows[0]!.def).toMatch(/\(story_id, term\)/);
    });
  });
}
