// The hand annotations of real news for the entity tagger (src/enrich/tagger/annotations.ts, format in
// src/enrich/tagger/annotations/README.md): names marked by the README's rules on a tiny source written
// to a temporary directory, the errors that name file, article and string, and - where ../shared is
// present - every committed annotation file: it parses, every name occurs, and its ids and splits are
// exactly what scripts/pick-ner-articles.ts picks. Those checks skip, with a message, without ../shared.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { haveData } from '../../bench/cluster/data.ts';
import { pickNerArticles } from '../../scripts/pick-ner-articles.ts';
import { ANNOTATION_SOURCES, ANNOTATIONS_DIR, isTrainedPick, loadNewsAnnotations, markNames, NEWS_TEXT_DIR, newsTextPresent, parseAnnotations, iobSentences } from '../../src/enrich/tagger/annotations.ts';
import { tagSpans } from '../../src/enrich/tagger/conll.ts';
import { MODEL_FILE, serialiseModel, useEntityModelFile } from '../../src/enrich/tagger/model.ts';
import { TAGS } from '../../src/enrich/tagger/perceptron.ts';
import { findEntities } from '../../src/enrich/entities.ts';
import { trainingDocs } from '../../src/enrich/tagger/train.ts';

const dir = mkdtempSync(join(tmpdir(), 'n17a-annotations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  { id: 'a1', cluster: 'e1', date: null, source: null, url: null, title: "Trump's envoy in New York", text: 'The New York Times said Trump met May in New York. May was cold. U . S . officials and Apple agreed.' },
  { id: 'a2', cluster: 'e2', date: null, source: null, url: null, title: null, text: 'Washington said the Washington-based group met in Washington .' },
];
writeFileSync(join(dir, 'tiny.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const annotation = {
  source: 'tiny',
  articles: [
    {
      id: 'a1',
      split: 'train',
      names: [
        ['Trump', 'PER'],
        ['New York', 'LOC'],
        ['New York Times', 'ORG'],
        ['May', 'PER'],
        ['U . S .', 'LOC'],
        ['Apple', 'ORG'],
      ],
      except: [['May', 2, null]],
    },
    { id: 'a2', split: 'dev', names: [['Washington', 'LOC']], except: [['Washington', 1, 'ORG']] },
  ],
};
writeFileSync(join(dir, 'tiny.json'), JSON.stringify(annotation));

const load = () => loadNewsAnnotations({ annotationsDir: `${dir}/`, textDir: `${dir}/`, sources: ['tiny'] });
const named = (doc: { text: string; spans: { start: number; end: number; type: string }[] }) => doc.spans.map((s) => `${doc.text.slice(s.start, s.end)}/${s.type}`);

describe('news annotations: marking names', () => {
  it('marks every whole-word occurrence, the longer name winning, the title first, `except` by occurrence', () => {
    const [a1, a2] = load();
    expect(a1!.text.startsWith("Trump's envoy in New York\n\nThe New York Times")).toBe(true);
    // "New York Times" over "New York"; the second "May" (of three, counting the title's none) is the month.
    expect(named(a1!)).toEqual(['Trump/PER', 'New York/LOC', 'New York Times/ORG', 'Trump/PER', 'May/PER', 'New York/LOC', 'U . S ./LOC', 'Apple/ORG']);
    expect(a1).toMatchObject({ corpus: 'news-ner', part: 'tiny', split: 'train', id: 'a1' });
    // "Washington-based" is a whole-word occurrence (a hyphen is no letter) that the tokeniser keeps as one token.
    expect(named(a2!)).toEqual(['Washington/ORG', 'Washington/LOC', 'Washington/LOC']);
    expect(a2!.split).toBe('dev');
  });

  it("tags the tagger's own tokens: a possessive stays outside, a name inside a token or across a sentence break is not scored", () => {
    const [a1, a2] = load();
    const title = a1!.sentences[0]!;
    expect(title.tokens.slice(0, 3)).toEqual(['Trump', "'s", 'envoy']);
    expect(title.tags.slice(0, 3)).toEqual(['B-PER', 'O', 'O']);
    const tagged = a1!.sentences.flatMap((s) =>
      tagSpans(s.tags)
        .filter((sp) => s.known.slice(sp.start, sp.end).every(Boolean))
        .map((sp) => `${s.tokens.slice(sp.start, sp.end).join(' ')}/${sp.type}`),
    );
    expect(tagged).toContain('New York Times/ORG');
    expect(tagged.filter((t) => t === 'May/PER')).toHaveLength(1);
    // The sentence splitter cuts "U . S ." after "U .": the name is left unknown, not taught as O.
    const us = a1!.text.indexOf('U . S .');
    expect(a1!.unscored).toContainEqual([us, us + 'U . S .'.length]);
    const usTokens = a1!.sentences.flatMap((s) => s.tokens.map((t, i) => ({ t, tag: s.tags[i], known: s.known[i] }))).filter((x) => x.t === 'U' || x.t === 'S');
    expect(usTokens.every((x) => !x.known)).toBe(true);
    const based = a2!.sentences.flatMap((s) => s.tokens.map((t, i) => ({ t, tag: s.tags[i], known: s.known[i] }))).find((x) => x.t === 'Washington-based');
    expect(based).toEqual({ t: 'Washington-based', tag: 'O', known: false });
    expect(a2!.sentences[0]!.tags[0]).toBe('B-ORG');
  });

  it('is case-sensitive and whole-word: "Apple" is not in "apple" nor "Applebee", "US" not in "USA"', () => {
    const text = 'Applebee sold an apple; USA and US agreed with Apple.';
    const spans = markNames(
      text,
      {
        names: [
          ['Apple', 'ORG'],
          ['US', 'LOC'],
        ],
      },
      'x',
    );
    expect(spans.map((s) => s.start)).toEqual([text.indexOf('US '), text.indexOf('Apple.')]);
  });

  it('trains with the news documents at their corpus weight (and a part weight over it)', () => {
    const docs = load();
    expect(trainingDocs(docs, { 'news-ner': 2 }).map((d) => d.weight)).toEqual([2]);
    expect(trainingDocs(docs, { 'news-ner': 2, 'news-ner/tiny': 0 })).toEqual([]);
    expect(trainingDocs(docs, {})).toEqual([]);
  });
});

describe('news annotations: errors name the file, the article and the string', () => {
  const parse = (articles: unknown[]) => () => parseAnnotations(JSON.stringify({ source: 'tiny', articles }), 'tiny.json', new Map(rows.map((r) => [r.id, r])));
  it('a listed string that does not occur (or only inside a word or in another case)', () => {
    expect(parse([{ id: 'a1', split: 'train', names: [['Trumps', 'PER']] }])).toThrow(/tiny\.json: article "a1": "Trumps" does not occur/);
    expect(parse([{ id: 'a1', split: 'train', names: [['new york', 'LOC']] }])).toThrow(/article "a1": "new york" does not occur/);
  });
  it('an except past the last occurrence', () => {
    expect(parse([{ id: 'a1', split: 'train', names: [], except: [['May', 3, null]] }])).toThrow(/tiny\.json: article "a1": except "May" 3: the string occurs 2 times/);
  });
  it('an unknown type, in names and in except', () => {
    expect(parse([{ id: 'a1', split: 'train', names: [['Trump', 'PERSON']] }])).toThrow(/article "a1": "Trump" has an unknown type "PERSON"/);
    expect(parse([{ id: 'a1', split: 'train', names: [], except: [['May', 1, 'MISC']] }])).toThrow(/article "a1": except "May" 1 has an unknown type "MISC"/);
  });
  it('an id not in the source file, a bad split, an id twice', () => {
    expect(parse([{ id: 'zz9', split: 'train', names: [] }])).toThrow(/tiny\.json: article "zz9": no article with this id in the tiny source file/);
    expect(parse([{ id: 'a1', split: 'holdout', names: [] }])).toThrow(/article "a1": split "holdout"/);
    expect(
      parse([
        { id: 'a2', split: 'dev', names: [] },
        { id: 'a2', split: 'dev', names: [] },
      ]),
    ).toThrow(/article "a2": listed twice/);
  });
  it('without the source text, nothing is loaded', () => {
    expect(loadNewsAnnotations({ annotationsDir: `${dir}/`, textDir: `${dir}/missing/`, sources: ['tiny'] })).toEqual([]);
  });
});

const shared = newsTextPresent() && haveData();
if (!shared) console.warn(`[dateline tests] skipping the committed news annotations: ${NEWS_TEXT_DIR} not found`);

describe.skipIf(!shared)('the committed news annotations (real news from ../shared)', () => {
  for (const source of ANNOTATION_SOURCES) {
    it(`${source}.json: every picked article, in pick order, with its split; every name occurs`, () => {
      const file = `${ANNOTATIONS_DIR}${source}.json`;
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const docs = loadNewsAnnotations({ sources: [source] });
      const picked = pickNerArticles(source);
      // Every picked article, in pick order (while the annotators worked, a prefix was allowed).
      expect(docs.map((d) => [d.id, d.split])).toEqual(picked.map((p) => [p.id, p.split]));
      for (const d of docs) expect(d.sentences.length).toBeGreaterThan(0);
    });
  }
});

describe('the picks the shipped model is trained on (TRAINED_PICKS)', () => {
  it("are ecbplus's first 108 and every pick of the other sources", () => {
    expect(isTrainedPick({ part: 'ecbplus', index: 107 })).toBe(true);
    expect(isTrainedPick({ part: 'ecbplus', index: 108 })).toBe(false);
    expect(isTrainedPick({ part: 'article-extraction', index: 120 })).toBe(true);
    expect(isTrainedPick({ part: 'allsides-leads', index: 299 })).toBe(true);
  });
});

describe('iobSentences', () => {
  it('keeps names that end a token run exactly, and tags nothing else', () => {
    const text = 'Kim Jong Un met Moon in Seoul.';
    const { sentences, unscored } = iobSentences(
      text,
      markNames(
        text,
        {
          names: [
            ['Kim Jong Un', 'PER'],
            ['Moon', 'PER'],
            ['Seoul', 'LOC'],
          ],
        },
        'x',
      ),
    );
    expect(sentences[0]!.tags).toEqual(['B-PER', 'I-PER', 'I-PER', 'O', 'B-PER', 'O', 'B-LOC', 'O']);
    expect(unscored).toEqual([]);
  });
});

describe('a place the model left inside an organisation name (stage rule gazetteer-org-around)', () => {
  it('reads "Reykjavik Energy" as the company when the model tags nothing there, as when it tags the place', () => {
    // A model that knows nothing: every name left to the stage's lists and rules.
    const empty = join(dir, 'empty-model.json.gz');
    writeFileSync(empty, serialiseModel(new Map(), 0.05, { about: 'test: no weights' }));
    useEntityModelFile(empty);
    try {
      const found = findEntities('Reykjavik Energy said on Friday it expects 12% more orders next year. Officials in Reykjavik agreed.');
      expect(found.filter((e) => e.kind === 'organisation').map((e) => e.name)).toEqual(['Reykjavik Energy']);
      expect(found.filter((e) => e.kind === 'place').map((e) => e.mentions.length)).toEqual([1]);
    } finally {
      useEntityModelFile(MODEL_FILE);
    }
  });
});

describe('stage rules for names a retrained model reads otherwise', () => {
  // A model that knows a few words only: the rules around it decide the rest.
  const withModel = (words: Record<string, (typeof TAGS)[number]>, run: () => void) => {
    const weights = new Map(Object.entries(words).map(([w, tag]) => [`w=${w}`, Float32Array.from(TAGS, (t) => (t === tag ? 10 : 0))]));
    const file = join(dir, 'few-words-model.json.gz');
    writeFileSync(file, serialiseModel(weights, 0.05, { about: 'test: a few words' }));
    useEntityModelFile(file);
    try {
      run();
    } finally {
      useEntityModelFile(MODEL_FILE);
    }
  };
  it('reads the name before "’s CEO" as a company (company-possessive)', () => {
    withModel({ brightline: 'B-PER' }, () => {
      const found = findEntities('“Phone makers are testing designs on children,” said Brightline’s CEO, Oren Talbot.');
      expect(found.find((e) => e.name === 'Brightline')?.kind).toBe('organisation');
    });
  });
  it('reads a town and a plural noun the model calls a person as an organisation (town-plural-org)', () => {
    withModel({ marlow: 'B-PER', robotics: 'I-PER' }, () => {
      const found = findEntities('Marlow Robotics on Monday showed a warehouse arm.');
      expect(found.find((e) => e.name === 'Marlow Robotics')?.kind).toBe('organisation');
    });
  });
  it('runs a span "X Air Force" on over "Base" into the airfield (airport-place)', () => {
    withModel({ vandenberg: 'B-ORG', air: 'I-ORG', force: 'I-ORG' }, () => {
      const found = findEntities('Crews will land the stage at Vandenberg Air Force Base, California, the company said.');
      expect(found.find((e) => e.name.startsWith('Vandenberg'))).toMatchObject({ kind: 'place', name: 'Vandenberg Air Force Base' });
    });
  });
});
