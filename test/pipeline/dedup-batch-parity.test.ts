// The near-duplicate step decides a batch in memory from one read of its candidates; its links
// must be those of one article at a time, including the cases where an article of the batch
// reads what an earlier one of the same batch wrote: a copy of a copy, and an original that
// arrives after its copy was stored and takes the family over (its copies handed to it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { articlesForDedup } from '../../src/store/dedup.ts';
import { dedupArticle, dedupBatch } from '../../src/pipeline/dedup.ts';
import { extractedArticle } from '../helpers/article.ts';

// Invented wire texts: long enough to be judged, different enough not to match each other.
const WIRE =
  'The river authority said on Monday that the northern weir would close for repairs in spring, ' +
  'after inspectors found cracks in two of its gates. Barge operators asked for a detour through the old canal, ' +
  'which the authority said it would study. Repairs are expected to take eleven weeks and to cost about three million.';
const OTHER =
  'A small bakery in the market square won the regional bread prize for the second year running, ' +
  'beating forty entries with a rye loaf baked in a wood oven. The owner said the prize money would pay ' +
  'for a new apprentice and a second oven before the winter fair opens in the square.';

const THIRD =
  'Volunteers counted more than two hundred swifts nesting under the roof of the old grain store, ' +
  'twice the number of last summer. The count will help the council decide whether to delay the roof works ' +
  'until the birds leave in August, a choice that would push the reopening of the store back by a month.';

const at = (hour: number) => new Date(Date.UTC(2025, 4, 6, hour));
const article = (title: string, text: string, hour: number, source: string) => extractedArticle({ title, text, sourceName: source, publishedAt: at(hour), publishedText: at(hour).toISOString() });

/** Round one is stored and decided first; round two is one batch (or one article at a time). */
const roundOne = [article('Weir to close (copy)', `${WIRE} Reporting by the Valley Post.`, 10, 'Valley Post'), article('Bakery wins again', OTHER, 9, 'Town Crier')];
const roundTwo = [
  article('Northern weir closes for repairs', WIRE, 8, 'River Wire'), // older than the stored copy: takes the family over
  article('Weir repairs announced', `${WIRE} The authority will publish a timetable.`, 11, 'Hill Times'),
  article('Bakery prize', `${OTHER} Queues formed early.`, 12, 'Morning Sheet'),
  article('Weir closure, again', `${WIRE} Reporting by the Valley Post. More to follow.`, 13, 'Evening Star'),
  article('Swifts counted', THIRD, 14, 'Town Crier'), // a family new in this batch: its copy sees it only in memory
  article('Swift count doubles', `${THIRD} Photographs on page four.`, 15, 'Valley Post'),
];

for (const engine of await testEngines()) {
  describe(`near-duplicates in a batch, ${engine.name} engine`, { timeout: 120_000 }, () => {
    let batched: Db;
    let single: Db;
    beforeAll(async () => {
      batched = await engine.open();
      single = await engine.open();
    });
    afterAll(async () => {
      await batched?.close();
      await single?.close();
    });

    const links = (db: Db) => db.query<{ id: number; duplicate_of: number | null; duplicate_similarity: number | null }>('SELECT id, duplicate_of, duplicate_similarity FROM articles ORDER BY id');
    const buckets = (db: Db) => db.query('SELECT band_key::text, article_id, seen_at FROM dedup_buckets ORDER BY article_id, band_key');

    it('links copies as one article at a time does, hand-overs included', async () => {
      for (const round of [roundOne, roundTwo]) {
        const ids: Record<string, number[]> = { batched: [], single: [] };
        for (const a of round) {
          ids.batched!.push((await saveArticle(batched, a, null)).id);
          ids.single!.push((await saveArticle(single, a, null)).id);
        }
        await batched.transaction(async (tx) => dedupBatch(tx, await articlesForDedup(tx, ids.batched!)));
        for (const a of await articlesForDedup(single, ids.single!)) await single.transaction((tx) => dedupArticle(tx, a));
      }
      const [a, b] = [await links(batched), await links(single)];
      expect(a).toEqual(b);
      // What the case is for: the older original took over, and every copy points at it.
      const original = a.find((r) => r.id === 3)!;
      expect(original.duplicate_of).toBeNull();
      expect(a.filter((r) => r.duplicate_of === 3).map((r) => r.id)).toEqual([1, 4, 6]);
      expect(a.find((r) => r.id === 5)!.duplicate_of).toBe(2);
      expect(a.find((r) => r.id === 8)!.duplicate_of).toBe(7);
      expect(await buckets(batched)).toEqual(await buckets(single));
    });

    it('decides an article decided before again, with the same links', async () => {
      const again = async (db: Db, batch: boolean) => {
        const ids = (await links(db)).map((r) => r.id);
        if (batch) await db.transaction(async (tx) => dedupBatch(tx, await articlesForDedup(tx, ids)));
        else for (const a of await articlesForDedup(db, ids)) await db.transaction((tx) => dedupArticle(tx, a));
      };
      await again(batched, true);
      await again(single, false);
      expect(await links(batched)).toEqual(await links(single));
    });
  });
}
