// What a story page is built from, on articles written for this test in the style of the seeds:
// figures about a named subject (resolved from "the rate", "its goods", "the levy" through the
// sentence and the one before), one row per subject and measure with a told change apart from a
// dispute; dates without a year placed nearest the article's own time; a timeline listing each
// sentence once, under one date; and quotes whose speaker is a named person or organisation or
// nobody.
import { describe, expect, it } from 'vitest';
import { enrichArticle } from '../../src/enrich/index.ts';
import { quotesBySpeaker, storyFigures, storyTimeline, type StoryArticleRef } from '../../src/enrich/story.ts';

const ARTICLES = [
  {
    articleId: 1,
    sourceName: 'Wire',
    title: 'US sets tariffs on Japan and South Korea',
    publishedAt: new Date('2025-07-07T15:00:00Z'),
    text:
      'WASHINGTON, July 7 (Wire) — The United States will impose tariffs of 25% on imports from Japan and South Korea starting Aug. 1, the White House said on Monday.\n\n' +
      'Brazil faces a 30% levy, according to the letters.\n\n"We have been patient," a statement said.',
  },
  {
    articleId: 2,
    sourceName: 'Herald',
    title: 'South Korea clinches deal',
    publishedAt: new Date('2025-07-31T02:00:00Z'),
    text:
      'SEOUL — South Korea agreed on Wednesday to a trade deal with the United States that caps tariffs on its goods at 15%.\n\n' +
      'Seoul committed to investing $310 billion in US projects. The deal lowers the threatened 25% levy to 15% from Aug. 1.\n\n' +
      'Since President Lee Jae-myung took office on June 4, officials have pressed for a deal.\n\n' +
      '"We did not get everything we wanted," Trade Minister Yoon Seo-jin said. "It is a fair deal," Officials said.',
  },
  {
    articleId: 3,
    sourceName: 'Gazette',
    title: 'Brazil rate disputed',
    publishedAt: new Date('2025-07-10T12:00:00Z'),
    text: 'Brazil will challenge the 35% tariff announced by Washington this week, officials in Brasília said.',
  },
];
const refs: StoryArticleRef[] = ARTICLES.map(({ text: _t, ...r }) => r);
const enriched = ARTICLES.map((a) => ({ a, e: enrichArticle(a) }));
const figures = enriched.flatMap(({ a, e }) => e.figures.map((f) => ({ ...f, articleId: a.articleId, subjects: f.subjectKeys.map((key) => ({ key, name: key })) })));

describe('figures with real subjects', () => {
  it('resolves "its goods" and "the levy" to the country the sentence or the one before names', () => {
    const korea = enriched[1]!.e.figures.filter((f) => f.unit === 'percent');
    expect(korea.map((f) => [f.text, f.subjectKey, f.measure, f.change])).toEqual([
      ['15%', 'place:KR', 'tariff', null],
      ['25%', 'place:KR', 'tariff', 'from'],
      ['15%', 'place:KR', 'tariff', 'to'],
    ]);
    const letters = enriched[0]!.e.figures.find((f) => f.text === '25%')!;
    expect(letters.subjectKeys).toEqual(['place:JP', 'place:KR']);
  });

  it('gives one row per subject and measure: a told change is no dispute, nor are values reported days apart', () => {
    const rows = storyFigures(refs, figures);
    const korea = rows.find((r) => r.subjectKey === 'place:KR' && r.measure === 'tariff')!;
    expect(korea.values.map((v) => [v.value, v.superseded, v.sources.map((s) => s.articleId)])).toEqual([
      [25, true, [1, 2]],
      [15, false, [2]],
    ]);
    expect(korea.changes.map((c) => [c.from, c.to])).toEqual([[25, 15]]);
    expect(korea.disagree).toBe(false);
    const brazil = rows.find((r) => r.subjectKey === 'place:BR' && r.measure === 'tariff')!;
    // 30% in the letters of 7 July, 35% announced by 10 July: the rate over time.
    expect(brazil.values.map((v) => v.value)).toEqual([30, 35]);
    expect([brazil.disagree, brazil.overTime]).toEqual([false, true]);
    expect(rows.filter((r) => r.subjectKey === 'place:KR' && r.measure === 'tariff')).toHaveLength(1);
    for (const r of rows) expect(r.subject.trim().length).toBeGreaterThan(0);
  });
});

describe('a range from one source is no dispute', () => {
  it('shows two values one sentence gives together without "sources differ"; two sources giving each one do differ', () => {
    const one = { articleId: 7, sourceName: 'Ledger', title: 'Carmakers rally', publishedAt: new Date('2025-07-23T09:00:00Z') };
    const other = { articleId: 8, sourceName: 'Post', title: 'Carmakers rally again', publishedAt: new Date('2025-07-23T11:00:00Z') };
    const range = enrichArticle({ ...one, text: 'Shares of Velmora Motors jumped between 6% and 11% in Osaka on Wednesday.' });
    const rows = storyFigures(
      [one],
      range.figures.map((f) => ({ ...f, articleId: 7, subjects: f.subjectKeys.map((key) => ({ key, name: key })) })),
    );
    const velmora = rows.find((r) => r.measure === 'shares')!;
    expect(velmora.values.map((v) => v.value)).toEqual([6, 11]);
    expect(velmora.disagree).toBe(false);
    const a = enrichArticle({ ...one, text: 'Shares of Velmora Motors jumped 6% in Osaka on Wednesday.' });
    const b = enrichArticle({ ...other, text: 'Shares of Velmora Motors jumped 11% in Osaka on Wednesday.' });
    const both = storyFigures(
      [one, other],
      [...a.figures.map((f) => ({ ...f, articleId: 7, subjects: f.subjectKeys.map((key) => ({ key, name: key })) })), ...b.figures.map((f) => ({ ...f, articleId: 8, subjects: f.subjectKeys.map((key) => ({ key, name: key })) }))],
    );
    expect(both.find((r) => r.measure === 'shares')!.disagree).toBe(true);
  });
});

describe('a row names what it is about', () => {
  it('gives a count the name its clause gives, and leaves out a row whose subject only repeats what is counted', () => {
    const ref = { articleId: 9, sourceName: 'Ledger', title: 'Letters go out', publishedAt: new Date('2025-07-07T09:00:00Z') };
    const e = enrichArticle({ ...ref, text: 'Notices went out to 12 harbours on Monday. Velmora Motors shipped 9,000 cars to Norway.' });
    const rows = storyFigures(
      [ref],
      e.figures.map((f) => ({ ...f, articleId: 9, subjects: f.subjectKeys.map((key) => ({ key, name: key })) })),
    );
    expect(rows.map((r) => r.subject)).not.toContain('harbours');
    // What is counted is then whose the clause says.
    expect(rows.map((r) => [r.subjectKey, r.unit])).toEqual([['organisation:velmoramotors', 'cars']]);
  });
});

describe("dates against the article's own time and a timeline without repeats", () => {
  it('puts a date without a year in the year nearest the publication time', () => {
    const june = enriched[1]!.e.events.find((e) => e.text === 'June 4')!;
    expect(june.date).toBe('2025-06-04');
    const late = enrichArticle({ title: 't', text: 'The talks began on Dec. 28 and ended on Jan. 3 with a statement.', publishedAt: new Date('2026-01-05T00:00:00Z') });
    expect(late.events.map((e) => e.date)).toEqual(['2025-12-28', '2026-01-03']);
  });

  it('lists each sentence once, under one date, with every article that reported it', () => {
    const events = enriched.flatMap(({ a, e }) => e.events.map((ev) => ({ ...ev, articleId: a.articleId })));
    const timeline = storyTimeline(refs, events);
    const sentences = timeline.flatMap((t) => [t.sentence, ...t.also.map((a) => a.sentence)]);
    expect(new Set(sentences).size).toBe(sentences.length);
    const dates = timeline.map((t) => `${t.date} ${t.precision}`);
    expect(new Set(dates).size).toBe(dates.length);
    const lead = timeline.filter((t) => t.sentence.startsWith('WASHINGTON, July 7'));
    expect(lead.map((t) => t.date)).toEqual(['2025-08-01']);
  });
});

describe('quotes with real speakers', () => {
  it('keeps a named person and drops words that name nobody', () => {
    const quotes = enriched.flatMap(({ a, e }) => e.quotes.map((q) => ({ ...q, articleId: a.articleId })));
    expect(quotes.find((q) => q.text.startsWith('We did not get'))?.speakerName).toBe('Yoon Seo-jin');
    for (const q of quotes.filter((x) => !x.speakerName)) expect(q.speaker).toBeNull();
    const groups = quotesBySpeaker(refs, quotes);
    expect(groups.map((g) => g.speaker)).toEqual(['Yoon Seo-jin', 'Unattributed']);
  });
});

const rowsOf = (articles: { articleId: number; title: string; text: string }[]) => {
  const refs = articles.map(({ text: _t, ...r }) => ({ ...r, sourceName: `Source ${r.articleId}`, publishedAt: new Date(`2025-07-2${r.articleId}T09:00:00Z`) }));
  const rows = articles.flatMap((a, i) => {
    const e = enrichArticle({ ...refs[i]!, text: a.text });
    const names = new Map(e.entities.map((x) => [x.key, x.name]));
    return e.figures.map((f) => ({ ...f, articleId: a.articleId, subjects: f.subjectKeys.map((key) => ({ key, name: names.get(key) ?? key })) }));
  });
  return storyFigures(refs, rows);
};

describe('one row per subject and measure', () => {
  it('keeps an amount given with its conversion in the same sentence as one value with an equivalent, not a second row', () => {
    const rows = rowsOf([
      { articleId: 1, title: 'Plant', text: 'Velmora Group said it would invest ¥240 billion ($1.6 billion) in a battery plant.' },
      { articleId: 2, title: 'Plant again', text: 'Under the plan, Velmora Group is investing ¥240 billion, or about $1.6 billion, in batteries.' },
    ]);
    const velmora = rows.filter((r) => r.subject === 'Velmora Group');
    expect(velmora.map((r) => [r.measure, r.unit])).toEqual([['investment', 'JPY']]);
    expect(velmora[0]!.values.map((v) => [v.value, v.equivalents, v.sources.map((s) => s.articleId)])).toEqual([[240e9, ['$1.6 billion'], [1, 2]]]);
    expect(rows.some((r) => r.unit === 'USD')).toBe(false);
  });

  it('does not take two amounts in different currencies that are not a conversion for one', () => {
    const rows = rowsOf([{ articleId: 1, title: 'Plants', text: 'Norway will invest ¥240 billion in Osaka and $300 million in a second plant.' }]);
    expect(rows.filter((r) => r.subject === 'Norway').map((r) => r.unit)).toEqual(['JPY', 'USD']);
  });

  it('merges a name given without its trailing number or article into the longer name the story gives', () => {
    const rows = rowsOf([
      { articleId: 1, title: 'Stocks up', text: 'The Kospi 200 closed up 2.1% on Monday after the talks.' },
      { articleId: 2, title: 'Stocks down', text: 'The warning knocked 0.8% off the Kospi on Tuesday.' },
    ]);
    const index = rows.filter((r) => /Kospi/.test(r.subject));
    expect(index.map((r) => [r.subject, r.measure, r.values.map((v) => v.value)])).toEqual([['Kospi 200', 'shares', [2.1, 0.8]]]);
  });

  it('does not merge a shorter name into a longer phrase that is not a fuller form of it', () => {
    const figure = (articleId: number, subject: string, value: number) => ({ articleId, subject, subjectKey: null, value, unit: 'percent', text: `${value}%`, context: `${subject} ${value}%`, measure: 'tariff' });
    const refs = [1, 2].map((articleId) => ({ articleId, sourceName: 'S', title: 't', publishedAt: new Date('2025-07-01T00:00:00Z') }));
    const rows = storyFigures(refs, [figure(1, 'Steel', 50), figure(2, 'Steel and aluminium', 50), figure(2, 'Steel for ships', 25)]);
    expect(rows.map((r) => r.subject).sort()).toEqual(['Steel', 'Steel and aluminium', 'Steel for ships']);
  });
});

describe('"it" resolved', () => {
  it('gives "it" the place or organisation its sentence or the one before opens with, and nothing when that is unclear', () => {
    const e = enrichArticle({
      title: 't',
      publishedAt: new Date('2025-07-31T00:00:00Z'),
      text:
        'Velmora Motors opened a second plant in Norway last spring. It forecast growth of 4% next year. ' +
        'Kestrel Bank said on Friday that it expects 3% more deposits. ' +
        'Analysts met with officials at the harbour authority. It grew 5% in March. ' +
        'Demand for rooftop panels climbed for two years; from 2022 to 2023, it surged by more than 23 percent.',
    });
    const about = Object.fromEntries(e.figures.map((f) => [f.text, [f.subjectKeys, f.subject]]));
    expect(about['4%']).toEqual([['organisation:velmoramotors'], null]);
    expect(about['3%']![0]).toEqual(['organisation:kestrelbank']);
    expect(about['5%']).toEqual([[], null]);
    expect(about['23 percent']).toEqual([[], null]);
    for (const f of e.figures) expect(f.subject ?? '').not.toMatch(/\bit\b/i);
  });
});

describe('a value with its conversion, and values over time', () => {
  const storm = [
    {
      articleId: 1,
      sourceName: 'Coast Ledger',
      title: 'Storm nears the coast',
      publishedAt: new Date('2025-08-04T09:00:00Z'),
      text: 'The storm reached Kelby Bay with winds of 70 mph (113 km/h) on Sunday. Crews set out 9 markers, measuring 4 to 11 meters (13 to 36 feet) tall. The Tarn River at Kelby stood at 3.1 metres on Monday.',
    },
    { articleId: 2, sourceName: 'Valley Post', title: 'River rises', publishedAt: new Date('2025-08-05T18:00:00Z'), text: 'The Tarn River at Kelby rose from 3.1 metres to 4.2 metres, or 13.8 feet, overnight.' },
    { articleId: 3, sourceName: 'Bay Times', title: 'River crests', publishedAt: new Date('2025-08-07T08:00:00Z'), text: 'The Tarn River at Kelby crested at 4.6 metres on Wednesday.' },
  ];
  const refs = storm.map(({ text: _t, ...r }) => r);
  const rows = storyFigures(
    refs,
    storm.flatMap((a) => {
      const e = enrichArticle(a);
      const names = new Map(e.entities.map((x) => [x.key, x.name]));
      return e.figures.map((f) => ({ ...f, articleId: a.articleId, subjects: f.subjectKeys.map((key) => ({ key, name: names.get(key) ?? key })) }));
    }),
  );

  it('shows a value followed by its conversion in brackets or after "or" once, with the conversion beside it', () => {
    const winds = rows.filter((r) => r.unit === 'mph' || r.unit === 'km/h');
    expect(winds.map((r) => [r.unit, r.values.map((v) => [v.value, v.equivalents])])).toEqual([['mph', [[70, ['113 km/h']]]]]);
    const markers = rows.filter((r) => r.unit === 'meters' || r.unit === 'feet');
    expect(markers.map((r) => [r.unit, r.values.map((v) => [v.value, v.equivalents])])).toEqual([
      [
        'meters',
        [
          [4, ['13 feet']],
          [11, ['36 feet']],
        ],
      ],
    ]);
    const river = rows.find((r) => r.unit === 'metres')!;
    expect(river.values.find((v) => v.value === 4.2)!.equivalents).toEqual(['13.8 feet']);
    expect(rows.some((r) => r.unit === 'feet' && r.values.some((v) => v.value === 13.8))).toBe(false);
  });

  it('shows a level told as a rise and reported on later days as a change over time, not sources that differ', () => {
    const river = rows.filter((r) => r.unit === 'metres' && /Tarn/.test(r.subject));
    expect(river).toHaveLength(1);
    expect(river[0]!.values.map((v) => [v.value, v.superseded])).toEqual([
      [3.1, true],
      [4.2, false],
      [4.6, false],
    ]);
    expect(river[0]!.changes.map((c) => [c.from, c.to])).toEqual([[3.1, 4.2]]);
    expect([river[0]!.disagree, river[0]!.overTime]).toEqual([false, true]);
  });
});
