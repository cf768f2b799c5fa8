// Snippets are cut from a passage around the first query word (src/search/snippet.ts), and from
// the whole text when the word's root is not found as written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { searchArticles } from '../../src/store/search.ts';
import { parseSearch } from '../../src/search/options.ts';
import { passageOf, SNIPPET_BEFORE, SNIPPET_PASSAGE, snippetNeedles } from '../../src/search/snippet.ts';
import { article } from './fixtures.ts';

describe('snippet needles', () => {
  it('are the roots of the positive terms’ words, without CJK runs', () => {
    expect(snippetNeedles(['Strikes', 'port workers', '关税'])).toEqual(['worker', 'strik', 'port']);
    expect(snippetNeedles(['a'])).toEqual([]);
  });
});

describe('the passage a snippet is cut from', () => {
  const filler = 'Quiet harbour weather again today. '.repeat(20);
  it('starts a word before the first needle, SNIPPET_BEFORE characters ahead, for SNIPPET_PASSAGE characters', () => {
    const text = `${filler}The Lighthouse keeper retired. ${filler}`;
    const passage = passageOf(text, ['lighthous']);
    const at = text.indexOf('Lighthouse');
    // PostgreSQL's substr(text, at - 200, 800) with a 1-based at, the partial first word dropped.
    const raw = text.slice(at - SNIPPET_BEFORE, at - SNIPPET_BEFORE + SNIPPET_PASSAGE);
    expect(passage).toBe(raw.replace(/^\S*\s+/, ''));
    expect(passage).toContain('The Lighthouse keeper');
    expect(passageOf(text, ['keeper', 'lighthous'])).toBe(passage);
  });
  it('keeps the start when the needle is near it, and the whole text when no needle appears', () => {
    const text = `Lighthouse news. ${filler}${filler}`;
    expect(passageOf(text, ['lighthous'])).toBe(text.slice(0, SNIPPET_PASSAGE));
    expect(passageOf(text, ['tides'])).toBe(text);
    expect(passageOf(text, [])).toBe(text);
  });
  it('counts characters, not UTF-16 units, and keeps positions when lower case is longer', () => {
    // Each emoji is one character (two UTF-16 units); "İ" lower-cases to two characters in JavaScript.
    const before = '🌊 İ '.repeat(100);
    const text = `${before}the lighthouse keeper ${filler}`;
    const chars = Array.from(text);
    const at = Array.from(before).length + 4;
    const raw = chars.slice(at - SNIPPET_BEFORE, at - SNIPPET_BEFORE + SNIPPET_PASSAGE).join('');
    expect(passageOf(text, ['lighthous'])).toBe(raw.replace(/^\S*\s+/, ''));
  });
});

// Thirty sentences of filler (about 2,000 characters) before the words searched for.
const filler = Array.from({ length: 30 }, (_, i) => `The council met again on day ${i} and adjourned without a vote.`).join(' ');

for (const engine of (await testEngines()).filter((e) => e.name === 'embedded')) {
  describe(`snippet passages on the ${engine.name} engine`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
      await saveArticle(db, article({ title: 'Harbour news', text: `${filler} The lighthouse keeper retired after forty years. ${filler}`, sourceName: 'Harbour Times' }), null);
      await saveArticle(db, article({ title: 'Campus news', text: `${filler} Researchers studied the tides for a decade. ${filler}`, sourceName: 'Harbour Times' }), null);
    });
    afterAll(async () => {
      await db?.close();
    });
    const snippet = async (q: string) => (await searchArticles(db, parseSearch({ q }))).hits[0]!.snippetHtml;

    it('shows the passage around a word far into the text', async () => {
      const html = await snippet('lighthouse');
      expect(html).toContain('<mark>lighthouse</mark> keeper retired');
      expect(html).not.toMatch(/^The council met again on day 0 /);
    });

    it('reads the whole text when the word is there only in another form', async () => {
      // "studies" has the root "study"; the text says "studied", which the index stems alike.
      expect(await snippet('studies')).toContain('<mark>studied</mark> the tides');
    });
  });
}
