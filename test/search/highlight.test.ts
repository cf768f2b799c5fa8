// Snippets are built in Node (src/search/highlight.ts): the stemmer must give the lexemes
// PostgreSQL's english_stem gives, and the words marked must be the ones ts_headline marks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { stemEnglish } from '../../src/search/stem.ts';
import { highlightAll, lexemeOf, snippet } from '../../src/search/highlight.ts';
import { benchArticle, PEOPLE, PHRASES } from '../../bench/search/corpus.ts';

// Inflections that exercise each step of the algorithm (our own list).
const WORDS = `caresses ponies ties cries gaps gas this kiwis sky skies dying lying news agreed feed
  plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing
  filing happy sky by say generous generously communism arsenal consignment generate universal
  relational conditional rational valenci hesitanci digitizer conformabli radicalli differentli
  vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness
  callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
  electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible
  irritant replacement adjustment dependent adoption homologou communism activate angulariti
  homologous effective bowdlerize probate rate cease controll roll innings outing canning herring
  proceed exceeded succeeding running's studies studied tariffs strikes striking negotiations
  negotiated workers harbour reported officials announced elections economically`
  .split(/\s+/)
  .filter(Boolean);

/** Words of the shared benchmark's entity corpora, when they are there (test data, read in place). */
function sharedWords(): string[] {
  const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'bench', 'entities');
  if (!existsSync(dir)) {
    console.warn(`[highlight test] ${dir} is absent: the stemmer is compared on the built-in word list only`);
    return [];
  }
  const out = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.conll'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const word = line.split(/\s/)[0]!.toLowerCase();
      if (/^\p{L}+$/u.test(word)) out.add(word);
    }
  }
  return [...out];
}

const marked = (html: string) => [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);

for (const engine of await testEngines()) {
  describe(`Node highlighting against PostgreSQL on the ${engine.name} engine`, () => {
    let db: Db;
    let keepShortDoubles = false;
    beforeAll(async () => {
      db = await engine.open();
      keepShortDoubles = (await db.query<{ k: boolean }>(`SELECT ts_lexize('english_stem', 'added') = ARRAY['add'] AS k`))[0]!.k;
    });
    afterAll(async () => {
      await db?.close();
    });

    it('stems every word as english_stem does', async () => {
      const words = [...new Set([...WORDS, ...sharedWords()])];
      const rows = await db.query<{ w: string; l: string[] | null }>(`SELECT w, ts_lexize('english_stem', w) AS l FROM unnest($1::text[]) w`, [words]);
      const differ = rows.filter((r) => r.l?.length && r.l[0] !== stemEnglish(r.w, keepShortDoubles)).map((r) => `${r.w}: ${r.l![0]} / ${stemEnglish(r.w, keepShortDoubles)}`);
      expect(differ).toEqual([]);
      expect(rows.filter((r) => r.l?.length).length).toBeGreaterThan(WORDS.length / 2);
    });

    it('marks the words ts_headline marks', async () => {
      const queries = ['tariffs', 'strikes workers', 'officials said', `"${PHRASES[0]}"`, `"${PEOPLE[0]}"`, 'elections 2024', 'running reports', 'added ebb', 'die lie', 'ties', 'e-mail'];
      const texts = [
        ...Array.from({ length: 40 }, (_, i) => benchArticle(i * 7)).flatMap((a) => [a.title, a.text.slice(0, 1500)]),
        'Kim Myung-soo met workers in 2024; the workers’ strike (striking, struck) ended. Officials’ reports: running, runs, ran. Costs added up as the tide ebbed. Dying, lying, tying: a die, a lie, a tie.',
      ];
      for (const q of queries) {
        const set = new Set((await db.query<{ l: string }>(`SELECT lexeme AS l FROM unnest(to_tsvector('english', $1))`, [q.replace(/"/g, '')])).map((r) => r.l));
        const lexemes = { set, keepShortDoubles };
        const theirs = await db.query<{ h: string }>(
          `SELECT ts_headline('english', t, websearch_to_tsquery('english', $1), 'HighlightAll=true, StartSel=<mark>, StopSel=</mark>') AS h FROM unnest($2::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i`,
          [q, texts],
        );
        texts.forEach((text, i) => {
          expect(marked(highlightAll(text, lexemes)), `${q} in ${text.slice(0, 60)}`).toEqual(marked(theirs[i]!.h));
        });
      }
    });
  });
}

describe('snippets', () => {
  const lexemes = { set: new Set(['strike', 'port']), keepShortDoubles: false };
  const filler = (n: number, word = 'council') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

  it('starts a few words before the first match and adds a second fragment at a later match', () => {
    const text = `${filler(50)} The port workers voted. ${filler(60, 'vote')} A strike began & ended.`;
    const html = snippet(text, lexemes);
    const [first, second] = html.split(' … ');
    expect(first).toMatch(/^council46 council47 council48 council49 The <mark>port<\/mark> workers voted\./);
    expect(first!.split(' ').length).toBe(35);
    expect(second).toMatch(/^vote5\d .* A <mark>strike<\/mark> began &amp; ended\.$/);
  });

  it('shows the first words when nothing matches, and escapes the text', () => {
    expect(snippet('<b>Calm</b>\n\nseas today.', lexemes)).toBe('&lt;b&gt;Calm&lt;/b&gt; seas today.');
    expect(snippet(filler(80), lexemes).split(' ').length).toBe(35);
  });

  it('keeps numbers as written and leaves CJK runs to the store', () => {
    expect(lexemeOf('2024')).toBe('2024');
    expect(lexemeOf('Strikes')).toBe('strike');
    expect([lexemeOf('added'), lexemeOf('added', true), lexemeOf('inned', true)]).toEqual(['ad', 'add', 'in']);
    expect(highlightAll('关税 strike 2024', { set: new Set(['strike', '2024', '关税']), keepShortDoubles: false })).toBe('关税 <mark>strike</mark> <mark>2024</mark>');
  });
});
