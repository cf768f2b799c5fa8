// The enrichment step reads the people a batch's names may mean once, then keeps them current
// from what each save hands back; the names it then calls known must be those the store's own
// query (knownPeopleAmong) gives after every save, as when each article read them afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { knownPeopleAmong, knownPeopleIn, peopleAnsweringTo, saveArticleEnrichment, type PersonState } from '../../src/store/enrich.ts';
import { candidateNames, enrichArticle, ENRICHMENT_VERSION } from '../../src/enrich/index.ts';
import { extractedArticle } from '../helpers/article.ts';

// Invented articles: the first names two people in full, the second names one of them again and
// a third person, the third mentions none of them (so one person's article count falls back).
const texts = [
  'Harbour master Ilse Varga said on Monday that the quay would reopen in May. Councillor Tomas Brandt disagreed, saying repairs were late. Varga said the divers had finished.',
  'Tomas Brandt, the councillor, asked for a vote on the quay. Mayor Odile Fenwick said the vote would be held in June. Brandt welcomed the date.',
  'The boats returned to the quay on Friday and the fish market opened early for the first time in a year.',
];

for (const engine of await testEngines()) {
  describe(`known people kept in memory through a batch, ${engine.name} engine`, { timeout: 120_000 }, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('gives after every save the names the store query gives', async () => {
      const names = [...new Set(texts.flatMap((t) => candidateNames(t)))];
      const ids: number[] = [];
      for (const [i, text] of texts.entries()) ids.push((await saveArticle(db, extractedArticle({ title: `Quay report ${i}`, text }), null)).id);
      await db.transaction(async (tx) => {
        const people = new Map<number, PersonState>((await peopleAnsweringTo(tx, names)).map((p) => [p.id, p]));
        expect(knownPeopleIn(people.values(), names)).toEqual(await knownPeopleAmong(tx, names));
        const seen: Set<string>[] = [];
        // Each article saved, then saved again with the last one's text (its people leave it).
        for (const [i, id] of [...ids, ids[0]!].entries()) {
          const text = i < ids.length ? texts[i]! : texts[2]!;
          const enrichment = enrichArticle({ title: 'Quay report', text, publishedAt: new Date('2025-05-06T10:00:00Z') }, { knownPeople: knownPeopleIn(people.values(), candidateNames(text)) });
          for (const p of await saveArticleEnrichment(tx, id, enrichment, ENRICHMENT_VERSION)) people.set(p.id, p);
          const fromStore = await knownPeopleAmong(tx, names);
          expect(knownPeopleIn(people.values(), names), `after save ${i}`).toEqual(fromStore);
          seen.push(fromStore);
        }
        // The case is not empty: people became known, more did, and one stopped being known.
        const states = seen.map((s) => [...s].sort().join(' '));
        expect(states[0]).not.toBe('');
        expect(seen[1]!.size).toBeGreaterThan(seen[0]!.size);
        expect(seen[3]!.size).toBeLessThan(seen[2]!.size);
      });
    });
  });
}
