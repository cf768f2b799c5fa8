// Search at scale on both engines, on a corpus small enough to check exactly: ranking over the
// newest window equals an exact ranking when the window holds every match (and is the exact
// ranking of the newest matches when it does not), the two scans return the same results, and
// counts beyond the facet window come back labelled as estimates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { searchArticles, searchFacets, type SearchTuning } from '../../src/store/search.ts';
import { parseSearch, type SearchParams } from '../../src/search/options.ts';
import { article } from './fixtures.ts';

const DAYS = 30;
const PER_DAY = 4;
const SOURCES = ['Harbour Times', 'Inland Courier', 'Valley Record'];

// Every article mentions "ferry"; "storm" in every other one, in the title of every sixth, so
// ranks differ; "ferry delays" as a phrase in every third body; "gale" in every fifth.
function corpus() {
  const out = [];
  for (let i = 0; i < DAYS * PER_DAY; i++) {
    const day = Math.floor(i / PER_DAY);
    const storm = i % 2 === 0;
    out.push(
      article({
        title: `${i % 6 === 0 ? 'Storm' : 'Council'} notice ${i}`,
        text: [
          'The ferry service posted its timetable.',
          storm ? 'A storm ' + 'storm '.repeat(i % 5) + 'warning was issued.' : 'The weather stayed calm.',
          i % 3 === 0 ? 'Passengers reported ferry delays at the pier.' : 'Delays were minor; the ferry left on time.',
          i % 5 === 0 ? 'A gale blew.' : '',
        ].join(' '),
        sourceName: SOURCES[i % SOURCES.length]!,
        publishedAt: new Date(Date.UTC(2025, 5, 1 + day, 6 + (i % PER_DAY) * 3)),
      }),
    );
  }
  return out;
}

for (const engine of await testEngines()) {
  describe(`search windows on the ${engine.name} engine`, () => {
    let db: Db;
    const search = (params: SearchParams, tuning: SearchTuning = {}) => searchArticles(db, parseSearch(params), tuning);

    beforeAll(async () => {
      db = await engine.open();
      for (const a of corpus()) await saveArticle(db, a, null);
      // The estimates read pg_stats; the embedded engine has no autovacuum to fill it.
      await db.exec('ANALYZE articles');
    });
    afterAll(async () => {
      await db?.close();
    });

    /** ts_rank_cd over every match, best first: what the bounded ranking must agree with. */
    async function exactRanking(q: string, newest: number | null = null) {
      const rows = await db.query<{ id: number }>(
        `WITH m AS (SELECT id, search_vector, published_at FROM articles
                     WHERE search_vector @@ websearch_to_tsquery('english', $1)
                     ORDER BY published_at DESC NULLS LAST, id DESC ${newest === null ? '' : `LIMIT ${newest}`})
         SELECT id FROM m ORDER BY ts_rank_cd(search_vector, websearch_to_tsquery('english', $1)) DESC, id DESC`,
        [q],
      );
      return rows.map((r) => Number(r.id));
    }

    it('ranks exactly when the window holds every match, and exactly within the newest matches when not', async () => {
      const all = await exactRanking('storm');
      expect(all.length).toBe((DAYS * PER_DAY) / 2);
      const ranked = await search({ q: 'storm', limit: 100 }, { rankWindow: 1000 });
      expect(ranked.hits.map((h) => h.id)).toEqual(all);
      // Title matches (weight A) come first.
      expect(ranked.hits[0]!.title).toMatch(/^Storm/);
      const windowed = await search({ q: 'storm', limit: 100 }, { rankWindow: 20 });
      expect(windowed.hits.map((h) => h.id)).toEqual(await exactRanking('storm', 20));
    });

    it('returns the same results whichever scan reads the matches', async () => {
      const queries: SearchParams[] = [
        { q: 'storm', limit: 15 },
        { q: '"ferry delays"', limit: 50 },
        { q: 'ferry -storm', sort: 'time', limit: 7 },
        { q: 'storm OR delays', source: 'Valley Record', limit: 30 },
        { q: 'ferry', from: '2025-06-10', to: '2025-06-12', sort: 'time', limit: 50 },
        { q: 'gale', source: 'Inland Courier,Harbour Times', from: '2025-06-05', sort: 'time', limit: 9 },
        { q: 'storm', source: 'No Such Source', limit: 5 },
        // A phrase is asked of the index as its words and tested on the vector: articles holding
        // both words apart ("Delays were minor; the ferry left") must not come back; under a NOT it stays a phrase.
        { q: '"ferry delays"', source: 'Harbour Times', limit: 40 },
        { q: 'storm -"ferry delays"', limit: 40 },
        { q: '"ferry delays" OR gale', from: '2025-06-08', sort: 'time', limit: 40 },
      ];
      for (const params of queries) {
        const [walk, index, auto, slice, days, months] = await Promise.all(
          (['walk', 'index', 'auto', 'slice', 'days', 'months'] as const).map((scan) =>
            // A slice of the last days holds too few matches: it is widened until it holds enough.
            search(params, { scan, rankWindow: 25, sliceFrom: new Date('2025-06-27T00:00:00Z') }),
          ),
        );
        const ids = (r: typeof walk) => r.hits.map((h) => [h.id, h.rank]);
        if (params.source !== 'No Such Source') expect(walk.hits.length, JSON.stringify(params)).toBeGreaterThan(0);
        expect(ids(index), JSON.stringify(params)).toEqual(ids(walk));
        expect(ids(auto), JSON.stringify(params)).toEqual(ids(walk));
        expect(ids(slice), JSON.stringify(params)).toEqual(ids(walk));
        expect(ids(days), JSON.stringify(params)).toEqual(ids(walk));
        expect(ids(months), JSON.stringify(params)).toEqual(ids(walk));
      }
      const sliced = await search({ q: 'storm', limit: 5 }, { scan: 'slice', rankWindow: 25, sliceFrom: new Date('2025-06-27T00:00:00Z') });
      expect(sliced.plan.runs).toBeGreaterThan(1);
      // And pages by cursor the same way under both.
      for (const scan of ['walk', 'index', 'slice', 'days', 'months'] as const) {
        const seen: number[] = [];
        let cursor: string | undefined;
        do {
          const page = await search({ q: '"ferry delays"', sort: 'time', limit: 7, cursor }, { scan, sliceFrom: new Date('2025-06-20T00:00:00Z') });
          seen.push(...page.hits.map((h) => h.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen.length).toBe((DAYS * PER_DAY) / 3);
        expect(new Set(seen).size).toBe(seen.length);
      }
    });

    it('finds undated articles last, and only without a date filter, whichever scan reads the matches', async () => {
      // Words no other test searches for: two dated articles (one in the future) and one undated.
      const extra = [
        article({ title: 'Lighthouse keeper retires', text: 'The lighthouse keeper handed over the lamp.', sourceName: 'Harbour Times', publishedAt: new Date('2025-06-15T10:00:00Z') }),
        article({ title: 'Lighthouse repairs', text: 'The lighthouse gets a new lamp next year.', sourceName: 'Valley Record', publishedAt: new Date('2031-01-02T10:00:00Z') }),
        article({ title: 'Undated lighthouse note', text: 'A note on the lighthouse, with no date.', sourceName: 'Harbour Times', publishedAt: null }),
      ];
      for (const a of extra) await saveArticle(db, a, null);
      for (const scan of ['walk', 'index', 'slice', 'days', 'months'] as const) {
        const all = await search({ q: 'lighthouse', sort: 'time' }, { scan, sliceFrom: new Date('2025-06-20T00:00:00Z') });
        expect(
          all.hits.map((h) => h.title),
          scan,
        ).toEqual(['Lighthouse repairs', 'Lighthouse keeper retires', 'Undated lighthouse note']);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await search({ q: 'lighthouse', sort: 'time', limit: 1, cursor }, { scan, sliceFrom: new Date('2025-06-20T00:00:00Z') });
          paged.push(...page.hits.map((h) => h.title));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(paged, scan).toEqual(all.hits.map((h) => h.title));
        const dated = await search({ q: 'lighthouse', sort: 'time', from: '2025-01-01' }, { scan, sliceFrom: new Date('2025-06-20T00:00:00Z') });
        expect(dated.hits.length, scan).toBe(2);
        const bySource = await search({ q: 'lighthouse', source: 'Harbour Times' }, { scan, sliceFrom: new Date('2025-06-20T00:00:00Z') });
        expect(bySource.hits.map((h) => h.title).sort(), scan).toEqual(['Lighthouse keeper retires', 'Undated lighthouse note']);
      }
    });

    it('counts exactly up to the facet window and labels the counts beyond it as estimates', async () => {
      const exact = await search({ q: 'ferry', facets: 'source,day' }, { facetWindow: 1000 });
      expect(exact).toMatchObject({ total: DAYS * PER_DAY, totalIsEstimate: false, totalIsLowerBound: false, estimatedFacets: [] });
      expect(exact.facets.source!.map((f) => f.count)).toEqual([40, 40, 40]);

      // 40 counted of 120, the newest ten days: the total is estimated from the dates they span.
      const windowed = await search({ q: 'ferry', facets: 'source,day' }, { facetWindow: 40 });
      expect(windowed.totalIsEstimate).toBe(true);
      expect(windowed.totalIsLowerBound).toBe(false);
      expect(windowed.estimatedFacets).toEqual(['source']);
      expect(windowed.total!).toBeGreaterThan(40);
      expect(Math.abs(windowed.total! - DAYS * PER_DAY)).toBeLessThan(DAYS * PER_DAY * 0.25);
      const sourceTotal = windowed.facets.source!.reduce((sum, f) => sum + f.count, 0);
      expect(Math.abs(sourceTotal - windowed.total!)).toBeLessThanOrEqual(SOURCES.length);
      // Day counts stay exact: only days the window holds whole are listed.
      const days = windowed.facets.day!;
      expect(days.length).toBeGreaterThan(0);
      expect(days.length).toBeLessThanOrEqual(10);
      for (const day of days) expect(day.count).toBe(PER_DAY);
      expect(days[0]!.key).toBe('2025-06-30');

      // A filter narrows both the counted and the estimated total.
      const filtered = await search({ q: 'ferry', facets: 'source', from: '2025-06-21' }, { facetWindow: 1000 });
      expect(filtered).toMatchObject({ total: 10 * PER_DAY, totalIsEstimate: false });
    });

    it('answers hits and facets in one statement the same as in two', async () => {
      for (const [params, tuning] of [
        [
          { q: 'storm', facets: 'source,day' },
          { facetWindow: 40, rankWindow: 25 },
        ],
        [
          { q: 'storm', facets: 'source,day' },
          { facetWindow: 20, rankWindow: 50 },
        ],
        [{ q: 'ferry', facets: 'source,day', sort: 'time', limit: 7 }, { facetWindow: 30 }],
        [{ q: 'gale', facets: 'day', from: '2025-06-10' }, {}],
      ] as [SearchParams, SearchTuning][]) {
        const together = await search(params, tuning);
        const { facets: _facets, ...plain } = params;
        const hitsAlone = await search(plain, tuning);
        expect(together.hits).toEqual(hitsAlone.hits);
        expect(together.nextCursor).toEqual(hitsAlone.nextCursor);
        const facetsAlone = await searchFacets(db, parseSearch(params), tuning);
        expect({ total: together.total, isEstimate: together.totalIsEstimate, isLowerBound: together.totalIsLowerBound, estimated: together.estimatedFacets, facets: together.facets }).toEqual({
          total: facetsAlone.total,
          isEstimate: facetsAlone.totalIsEstimate,
          isLowerBound: facetsAlone.totalIsLowerBound,
          estimated: facetsAlone.estimatedFacets,
          facets: facetsAlone.facets,
        });
        expect(together.total).toBeGreaterThan(0);
      }
    });

    it('chooses a scan from the statistics: newest-first for common words, the index for rare ones', async () => {
      // Too few articles for the statistics to list rare lexemes; common ones are listed.
      const common = await search({ q: 'ferry', sort: 'time', limit: 5 });
      expect(common.plan.textShare).toBeGreaterThan(0.9);
      expect(common.plan.scan).toBe('walk');
      // "gale" is in a fifth of the articles: too many to read the whole list for 2, too few to
      // walk: the index day by day (migration 021's keys), the newest day or two.
      const fifth = await search({ q: 'gale', sort: 'time', limit: 1 });
      expect(fifth.plan.scan).toBe('days');
      expect(fifth.hits.map((h) => h.id)).toEqual((await search({ q: 'gale', sort: 'time', limit: 1 }, { scan: 'index' })).hits.map((h) => h.id));
      const rare = await search({ q: '"notice 7"', sort: 'time', limit: 5 });
      expect(rare.plan.scan).toBe('index');
      expect(rare.hits.map((h) => h.title)).toEqual(['Council notice 7']);
      // Entity and story filters are not in the statistics: PostgreSQL chooses.
      const story = await search({ q: 'ferry', sort: 'time', limit: 5, story: '1' }).catch(() => null);
      if (story) expect(story.plan.scan).toBe('auto');
    });
  });
}
