// Text primitives on hand-made strings: tokens, names, sentences, shingles, MinHash, TF-IDF.
import { describe, expect, it } from 'vitest';
import { contentTerms, nameTerms, rootOf, stem, terms, words } from '../../src/text/tokenise.ts';
import { lead, sentences, splitSentences } from '../../src/text/sentences.ts';
import { FUNCTION_WORDS, STOPWORDS } from '../../src/text/stopwords.ts';
import { shingleSet } from '../../src/text/shingles.ts';
import { bandKeys, estimateJaccard, minhashSignature, signatureFromBytes, signatureToBytes } from '../../src/text/minhash.ts';
import { dot, idf, normalise, topTerms } from '../../src/text/tfidf.ts';
import { channelCosines } from '../../src/cluster/features.ts';

describe('tokens', () => {
  it('lower-cases, drops punctuation and possessives, keeps digits', () => {
    expect(words('The Port’s tolls — up 18% (again)!')).toEqual(['the', 'port', 'tolls', 'up', '18', 'again']);
  });
  it('never glues an opening quote to the word before it, and keeps a spaced clitic on its word', () => {
    // The content hash's normalisation drops the space before an apostrophe: words must not.
    expect(words("word 'quoted")).toEqual(['word', 'quoted']);
    expect(words('The minister called it ‘a betrayal’ and left')).toEqual(['the', 'minister', 'called', 'it', 'a', 'betrayal', 'and', 'left']);
    expect(contentTerms("Musk unveils 'Roadster' for Mars")).toEqual(['musk', 'unveil', 'roadster', 'mar']);
    // Tokenised text (ECB+) sets clitics off by a space: they stay on their word, as when written together.
    expect(words("Lohan 's lawyer says they 're done")).toEqual(words("Lohan's lawyer says they're done"));
  });
  it('stems plurals lightly', () => {
    expect(['tariffs', 'talks', 'policies', 'news', 'bus', 'analysis', '2025s'].map(stem)).toEqual(['tariff', 'talk', 'policy', 'new', 'bus', 'analysis', '2025s']);
  });
  it('keeps content words only', () => {
    expect(contentTerms('The minister said that the talks would resume on Monday')).toEqual(['minister', 'talk', 'resume']);
  });
  it('folds accents only when asked (matching what a reader types; stored fingerprints keep them)', () => {
    expect(words('Zürich’s café')).toEqual(['zürich', 'café']);
    expect(words('Zürich’s café', { foldAccents: true })).toEqual(['zurich', 'cafe']);
  });
  it('roots words deeper than the plural stem, for matching questions and summaries', () => {
    expect(['agreement', 'agree', 'negotiating', 'negotiated', 'negotiation', 'tariffs'].map(rootOf)).toEqual(['agre', 'agre', 'negotiat', 'negotiat', 'negotiat', 'tariff']);
    expect(terms('What did the Minister say about the négotiations in Zürich?')).toEqual(['minister', 'negotiat', 'zurich']);
  });
  it('has one stopword vocabulary: the function words the enrichment drops are all topic stopwords too', () => {
    for (const word of FUNCTION_WORDS) expect(STOPWORDS.has(word), word).toBe(true);
    expect(FUNCTION_WORDS.has('monday')).toBe(false);
    expect(STOPWORDS.has('monday')).toBe(true);
  });
  it('finds name-like runs but not sentence-initial common words', () => {
    const names = nameTerms('After the vote, Lindsay Lohan checked into the Betty Ford Center. The judge agreed.');
    expect(names).toEqual(expect.arrayContaining(['lindsay_lohan', 'betty_ford_center', 'lohan', 'ford']));
    expect(names).not.toContain('after');
    expect(names).not.toContain('the');
  });
});

describe('sentences', () => {
  it('splits on sentence ends but not on titles and initials', () => {
    expect(sentences('Mr. Smith met Dr. Jones in the U.S. capital. They talked. "Fine," he said.')).toEqual(['Mr. Smith met Dr. Jones in the U.S. capital.', 'They talked.', '"Fine," he said.']);
  });
  it('keeps military titles, month abbreviations and times of day inside their sentence, with offsets', () => {
    const text = 'Adm. Kim met Gen. Ashby on Aug. 1 at 9 a.m. Monday. They agreed.';
    expect(sentences(text)).toEqual(['Adm. Kim met Gen. Ashby on Aug. 1 at 9 a.m. Monday.', 'They agreed.']);
    const [, second] = splitSentences(text);
    expect(text.slice(second!.start, second!.end)).toBe('They agreed.');
  });
  it('takes a lead of about the asked length', () => {
    expect(lead('One two three. Four five six. Seven eight nine.', 5)).toBe('One two three. Four five six.');
  });
});

describe('shingles and MinHash', () => {
  const text = 'the port authority voted on tuesday to raise harbour tolls by eighteen percent from september';
  it('shingles ignore case, spacing and line breaks', () => {
    expect([...shingleSet(text)].sort()).toEqual([...shingleSet(text.toUpperCase().replace(/ /g, '\n  '))].sort());
    expect(shingleSet('too short')).toHaveLength(1);
    expect(shingleSet('')).toHaveLength(0);
  });
  it('shingles words as stored fingerprints were made: the content hash form, an opening quote glued on', () => {
    // Fingerprints are stored and never remade: their words must not change with `words`.
    const quoted = "the minister said 'no deal' and the port authority voted on tuesday";
    expect([...shingleSet(quoted)].sort()).toEqual([...shingleSet('the minister saidno deal and the port authority voted on tuesday')].sort());
  });
  it('estimates Jaccard similarity', () => {
    const a = shingleSet(text + ' and shippers objected to the increase at once');
    const b = shingleSet(text + ' while the ministry said nothing about the plan');
    const exact = (() => {
      const sa = new Set(a);
      const inter = [...b].filter((x) => sa.has(x)).length;
      return inter / (a.length + b.length - inter);
    })();
    const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b));
    expect(Math.abs(estimate - exact)).toBeLessThan(0.15);
    expect(estimateJaccard(minhashSignature(a), minhashSignature(a))).toBe(1);
  });
  it('gives identical texts identical band keys, and different texts different ones', () => {
    const a = bandKeys(minhashSignature(shingleSet(text)));
    expect(a).toEqual(bandKeys(minhashSignature(shingleSet(text))));
    expect(a.every((k) => Number.isSafeInteger(k) && k >= 0)).toBe(true);
    const other = bandKeys(minhashSignature(shingleSet('a completely different sentence about an orchestra and its new conductor')));
    expect(other.filter((k, i) => k === a[i])).toHaveLength(0);
  });
  it('round-trips signatures through bytes', () => {
    const sig = minhashSignature(shingleSet(text));
    expect([...signatureFromBytes(signatureToBytes(sig))]).toEqual([...sig]);
  });
});

describe('TF-IDF vectors', () => {
  it('weighs rare terms higher and computes cosine on unit vectors', () => {
    const stats = { documents: 100, df: (t: string) => (t === 'common' ? 90 : 1) };
    expect(idf(stats, 'rare')).toBeGreaterThan(idf(stats, 'common'));
    const a = normalise(
      new Map([
        ['x', 3],
        ['y', 4],
      ]),
    );
    expect(dot(a, a)).toBeCloseTo(1);
    expect(dot(a, normalise(new Map([['z', 1]])))).toBe(0);
    const split = channelCosines(
      new Map([
        ['n:kim', 0.5],
        ['talk', 0.5],
      ]),
      new Map([
        ['n:kim', 1],
        ['talk', 1],
      ]),
    );
    expect(split).toEqual({ names: 0.5, words: 0.5, headline: 0, headlineTerms: 0 });
    expect([
      ...topTerms(
        new Map([
          ['a', 1],
          ['b', 3],
          ['c', 2],
        ]),
        2,
      ).keys(),
    ]).toEqual(['b', 'c']);
  });
});
