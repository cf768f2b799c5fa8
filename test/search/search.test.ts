// Full-text search on both engines: words, phrases, exclusion, OR, CJK bigrams, filters,
// facets, sorting and keyset pages, through the real store and the real index (migration 006).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { searchArticles } from '../../src/store/search.ts';
import { parseSearch, SearchInputError, type SearchParams } from '../../src/search/options.ts';
import { runLexemes, splitCjk } from '../../src/search/cjk.ts';
import { seedCorpus } from './fixtures.ts';

for (const engine of await testEngines()) {
  describe(`search on the ${engine.name} engine`, () => {
    let db: Db;
    let ids: Map<string, number>;
    const search = async (params: SearchParams) => searchArticles(db, parseSearch(params));
    const titles = async (params: SearchParams) => (await search(params)).hits.map((h) => h.title);

    beforeAll(async () => {
      db = await engine.open();
      ids = await seedCorpus(db);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('finds words with English stemming, title matches first', async () => {
      const found = await titles({ q: 'tariff' });
      expect(found).toContain('Seoul weighs response to new steel tariffs');
      expect(found).toContain('Port strike enters third week');
      expect(found[0]).toBe('Seoul weighs response to new steel tariffs');
      expect(found).not.toContain('Central bank holds rates');
    });

    it('matches a quoted phrase only where the words are adjacent', async () => {
      expect(await titles({ q: '"steel imports"' })).toEqual(expect.arrayContaining(['Seoul weighs response to new steel tariffs', 'Japan and Korea sign trade deal']));
      expect(await titles({ q: '"imports steel"' })).toEqual([]);
    });

    it('excludes with a minus sign and with NOT, and ORs alternatives', async () => {
      expect(await titles({ q: 'tariffs -steel' })).toEqual(['Port strike enters third week']);
      expect(await titles({ q: 'tariffs AND NOT steel' })).toEqual(['Port strike enters third week']);
      const either = await titles({ q: 'strike OR bank' });
      expect(either.sort()).toEqual(['Central bank holds rates', 'Port strike enters third week']);
      expect((await titles({ q: 'tariff AND Korea' })).sort()).toEqual(['Japan and Korea sign trade deal', 'Seoul weighs response to new steel tariffs'].sort());
    });

    it('highlights matched words in escaped snippets and titles', async () => {
      const { hits } = await search({ q: 'picket' });
      expect(hits).toHaveLength(1);
      expect(hits[0]!.snippetHtml).toContain('<mark>picket</mark>');
      const title = (await search({ q: 'strike' })).hits[0]!;
      expect(title.titleHtml).toBe('Port <mark>strike</mark> enters third week');
    });

    it('finds Chinese, Japanese and Korean words inside unsegmented text', async () => {
      expect(await titles({ q: '关税' })).toEqual(['韩国对美国钢铁关税作出回应']);
      expect(await titles({ q: '钢铁进口' })).toEqual(['韩国对美国钢铁关税作出回应']);
      expect(await titles({ q: '关进' })).toEqual([]); // two characters that never stand side by side
      expect(await titles({ q: '関税' })).toEqual(['日本と韓国が貿易協定に署名']);
      expect(await titles({ q: '철강' })).toEqual(['한국 정부, 철강 관세에 대응 검토']);
      expect(await titles({ q: '관세 -수입' })).toEqual([]);
      // A single character is a prefix of the bigrams, so it is found too.
      expect(await titles({ q: '鋼' })).toEqual(['日本と韓国が貿易協定に署名']);
      const hit = (await search({ q: '出口商' })).hits[0]!;
      expect(hit.snippetHtml).toContain('<mark>出口商</mark>');
    });

    it('indexes the same bigrams in SQL as the query side builds in TypeScript', async () => {
      const text = '한국의 관세 tariffs 韩国关税 ｶﾀｶﾅ 日本の関税 x';
      const rows = await db.query<{ lexemes: string[] }>('SELECT tsvector_to_array(dateline_cjk_bigrams($1)) AS lexemes', [text]);
      const expected = new Set(
        splitCjk(text)
          .filter((s) => s.cjk)
          .flatMap((s) => runLexemes(s.text)),
      );
      expect(new Set(rows[0]!.lexemes)).toEqual(expected);
    });

    it('filters by source, date range and language', async () => {
      expect(await titles({ q: 'tariffs OR rate', source: 'capital wire' })).toEqual(expect.arrayContaining(['Seoul weighs response to new steel tariffs', 'Central bank holds rates']));
      expect((await titles({ q: 'tariffs OR rate', source: 'capital wire' })).length).toBe(2);
      expect(await titles({ q: 'tariffs', from: '2025-08-02', to: '2025-08-02' })).toEqual(['Port strike enters third week']);
      expect(await titles({ q: 'tarifs', language: 'fr' })).toEqual(['Les tarifs douaniers inquiètent les exportateurs']);
    });

    it('counts matches by source and by day', async () => {
      const result = await search({ q: 'tariffs OR 关税 OR 관세', facets: 'source,day' });
      expect(result.total).toBe(5);
      const bySource = Object.fromEntries(result.facets.source!.map((f) => [f.label, f.count]));
      expect(bySource).toMatchObject({ 'Capital Wire': 1, 'Coastal Ledger': 1, 'Meridian Post': 1, 'Xinhua Digest': 1, 'Seoul Daily': 1 });
      expect(result.facets.day!.map((f) => [f.key, f.count])).toEqual([
        ['2025-08-03', 1],
        ['2025-08-02', 1],
        ['2025-08-01', 3],
      ]);
    });

    it('sorts by time and pages with cursors without repeating or skipping', async () => {
      const all = await titles({ q: 'tariffs OR rate OR strike', sort: 'time', limit: 10 });
      expect(all[0]).toBe('Central bank holds rates');
      for (const sort of ['time', 'relevance']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await search({ q: 'tariffs OR rate OR strike', sort, limit: 1, cursor });
          seen.push(...page.hits.map((h) => h.title));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen.sort()).toEqual([...all].sort());
      }
    });

    it('treats SQL in every parameter as text', async () => {
      const evil = "x'); DROP TABLE articles; --";
      await expect(search({ q: evil })).rejects.toThrow(/q: a closing parenthesis/);
      await expect(search({ q: "x' OR '1'='1" })).resolves.toMatchObject({ hits: [] });
      await expect(search({ q: 'tariffs; DELETE FROM articles' })).resolves.toMatchObject({ hits: [] });
      await expect(search({ q: 'tariffs', language: evil })).rejects.toThrow(/language: expected a language code/);
      // An entity name is looked up as a value (no such entity: nothing matches).
      await expect(search({ q: 'tariffs', entity: evil })).resolves.toMatchObject({ hits: [] });
      await expect(search({ q: 'tariffs', source: evil })).resolves.toMatchObject({ hits: [] });
      await expect(search({ q: `"${evil}" OR tariffs`, facets: 'source' })).resolves.toBeTruthy();
      await expect(search({ q: "'\\' | !! :* <-> &" })).rejects.toThrow(SearchInputError);
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
      expect(count[0]!.n).toBe(ids.size);
    });

    it('leaves out copies the dedup step linked to an original, unless asked', async () => {
      const port = ids.get('Port strike enters third week')!;
      const seoul = ids.get('Seoul weighs response to new steel tariffs')!;
      await db.query('UPDATE articles SET duplicate_of = $1 WHERE id = $2', [seoul, port]);
      try {
        expect(await titles({ q: 'tariffs -korea' })).toEqual([]);
        expect(await titles({ q: 'tariffs -korea', duplicates: 'true' })).toEqual(['Port strike enters third week']);
        await expect(search({ q: 'tariffs', duplicates: 'maybe' })).rejects.toThrow(/duplicates: expected true or false/);
      } finally {
        await db.query('UPDATE articles SET duplicate_of = NULL WHERE id = $1', [port]);
      }
    });

    it('applies a story filter: a story that does not exist matches nothing', async () => {
      await expect(search({ q: 'tariffs', story: '999999' })).resolves.toMatchObject({ hits: [] });
    });
  });
}
