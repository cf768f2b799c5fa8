// Story clustering stages on hand-made articles: joining, starting, time decay, merging,
// determinism, and the related-articles ranking.
import { describe, expect, it } from 'vitest';
import { OnlineClusterer } from '../../src/cluster/online.ts';
import { addToStory, decideStory, mergeStories, newStory, shouldMerge, similarity, timeFactor, DEFAULT_STORY } from '../../src/cluster/stories.ts';
import { articleTerms, channelOf, dateTerms, statTerms, weighTerms } from '../../src/cluster/features.ts';
import { rankRelated } from '../../src/cluster/related.ts';
import { followUp, unrelated, wire, wireCopy } from '../stories/fixtures.ts';

const day = (n: number) => new Date(Date.UTC(2025, 7, 1 + n, 9));

const stream = [
  { id: 1, title: wire.title, text: wire.text, publishedAt: day(0) },
  { id: 2, title: unrelated.title, text: unrelated.text, publishedAt: day(0) },
  { id: 3, title: followUp.title, text: followUp.text, publishedAt: day(1) },
  {
    id: 4,
    title: 'Valdora Symphony Orchestra confirms Aino Lehtinen as principal conductor',
    text: 'Aino Lehtinen will lead the Valdora Symphony Orchestra from next season, the orchestra confirmed, after a search that lasted two years. The Finnish conductor has signed a five-year contract and plans more contemporary music.',
    publishedAt: day(1),
  },
  { id: 5, title: wireCopy.title, text: wireCopy.text, publishedAt: day(2) },
];

describe('online story clustering', () => {
  it('groups articles on one story across outlets and keeps other stories apart', async () => {
    const clusterer = new OnlineClusterer();
    const stories: number[] = [];
    for (const a of stream) stories.push((await clusterer.assign(a)).storyId);
    expect(stories[0]).toBe(stories[2]);
    expect(stories[0]).toBe(stories[4]);
    expect(stories[1]).toBe(stories[3]);
    expect(stories[0]).not.toBe(stories[1]);
  });

  it('is deterministic for the same input order', async () => {
    const run = async () => {
      const clusterer = new OnlineClusterer();
      const out = [];
      for (const a of stream) out.push(await clusterer.assign(a));
      return out;
    };
    const [a, b] = [await run(), await run()];
    expect(a.map((x) => [x.storyId, x.score])).toEqual(b.map((x) => [x.storyId, x.score]));
  });

  it('lets a story fade: the same words months later start a new story', async () => {
    const clusterer = new OnlineClusterer();
    const first = (await clusterer.assign(stream[0]!)).storyId;
    const later = (await clusterer.assign({ ...stream[2]!, id: 9, publishedAt: new Date(Date.UTC(2026, 3, 1)) })).storyId;
    expect(later).not.toBe(first);
  });

  it('starts a story when no candidate is close enough, joins the best one otherwise', async () => {
    const v = (text: string) => weighTerms(articleTerms({ title: '', text }), { documents: 10, df: () => 1 });
    const harbour = newStory(1, { articleId: 1, vector: v(wire.text), publishedAt: day(0) });
    const music = newStory(2, { articleId: 2, vector: v(unrelated.text), publishedAt: day(0) });
    expect(decideStory(v(followUp.text), day(1), [music, harbour]).join).toBe(1);
    expect(decideStory(v('Rainfall records broken across the northern valleys as storms continue.'), day(1), [music, harbour]).join).toBeNull();
  });

  it('decays scores with the gap between an article and a story', async () => {
    const story = { firstSeenAt: day(0), lastSeenAt: day(2) };
    expect(timeFactor(day(3), story, DEFAULT_STORY)).toBe(1);
    expect(timeFactor(day(200), story, DEFAULT_STORY)).toBeLessThan(0.5);
    expect(timeFactor(null, story, DEFAULT_STORY)).toBe(1);
  });

  it('merges converging stories into the older one', async () => {
    const v = (text: string) => weighTerms(articleTerms({ title: '', text }), { documents: 10, df: () => 1 });
    const a = addToStory(newStory(1, { articleId: 1, vector: v(wire.text), publishedAt: day(0) }), { articleId: 3, vector: v(followUp.text), publishedAt: day(1) });
    const b = newStory(2, { articleId: 5, vector: v(wireCopy.text), publishedAt: day(2) });
    expect(shouldMerge(a, b)).not.toBeNull();
    const merged = mergeStories(a, b);
    expect(merged).toMatchObject({ id: 1, articleCount: 3, firstSeenAt: day(0), lastSeenAt: day(2) });
    expect(shouldMerge(a, newStory(3, { articleId: 2, vector: v(unrelated.text), publishedAt: day(0) }))).toBeNull();
  });

  it('weighs words, names and the headline as channels of unit length; the headline counts as its words in the statistics', async () => {
    const terms = articleTerms({ title: wire.title, text: wire.text });
    expect(statTerms(terms).some((t) => t.startsWith('t:'))).toBe(false);
    expect([...terms.keys()]).toContain('t:dredging');
    const vector = weighTerms(terms, { documents: 10, df: (t) => (t === 'kelvingrove' ? 9 : 1) });
    const sums = { words: 0, names: 0, headline: 0 };
    for (const [t, w] of vector) sums[channelOf(t)] += w * w;
    for (const sum of Object.values(sums)) expect(sum).toBeCloseTo(1, 6);
    // A headline word takes its word's IDF: the common "kelvingrove" weighs less than "dredging".
    expect(vector.get('t:kelvingrove')!).toBeLessThan(vector.get('t:dredging')!);
  });

  it('adds a headline bonus only from a real agreement, and leans on names only when an article has several', async () => {
    const unit = (entries: [string, number][]) => new Map(entries);
    const story = unit([
      ['port', 1],
      ['n:kelvingrove', 1],
      ['t:harbour', 0.6],
      ['t:tolls', 0.8],
    ]);
    const chance = similarity(
      unit([
        ['race', 1],
        ['n:kelvingrove', 1],
        ['t:harbour', 0.2],
        ['t:marathon', Math.sqrt(0.96)],
      ]),
      story,
    );
    expect(chance.headline).toBeCloseTo(0.12, 6);
    // One shared name out of one named thing: an eighth of the names weight; no headline bonus.
    expect(chance.score).toBeCloseTo((DEFAULT_STORY.namesWeight / DEFAULT_STORY.fullNames) * 1, 6);
    const agreeing = similarity(
      unit([
        ['port', 1],
        ['t:harbour', 0.6],
        ['t:tolls', 0.8],
      ]),
      story,
    );
    expect(agreeing.score).toBeCloseTo(DEFAULT_STORY.wordsWeight + DEFAULT_STORY.headlineWeight, 6);
    // Two headlines sharing one rare surname, however heavy, do not agree: two people, two stories.
    const surname = unit([
      ['n:maurkice', 1],
      ['t:maurkice', 0.9],
      ['t:bid', Math.sqrt(0.19)],
    ]);
    const namesake = similarity(
      unit([
        ['n:maurkice', 1],
        ['t:maurkice', 0.9],
        ['t:flood', Math.sqrt(0.19)],
      ]),
      surname,
    );
    expect(namesake.headline).toBeCloseTo(0.81, 6);
    expect(namesake.score).toBeCloseTo((DEFAULT_STORY.namesWeight / DEFAULT_STORY.fullNames) * 1, 6);
  });

  it('reads dates the text mentions as time anchors', async () => {
    expect(dateTerms('On May 3, 2013 the court ruled; in Sept. 2012 it had not.')).toEqual(['n:y2013', 'n:y2012', 'n:dmay3']);
  });
});

describe('related articles ranking', () => {
  it('puts the story first, then similar ones by score and recency, then listed ones, each article once; too old drops out', async () => {
    const v = (text: string) => weighTerms(articleTerms({ title: '', text }), { documents: 10, df: () => 1 });
    const ranked = rankRelated({
      articleId: 1,
      vector: v(wire.text),
      publishedAt: day(0),
      storyId: 10,
      storyMembers: [1, 3, 5],
      candidates: [
        { articleId: 20, vector: v(followUp.text), publishedAt: day(10), storyId: 11 },
        { articleId: 23, vector: v(followUp.text), publishedAt: day(120), storyId: 14 },
        { articleId: 21, vector: v(followUp.text), publishedAt: day(1), storyId: 12 },
        { articleId: 22, vector: v(unrelated.text), publishedAt: day(0), storyId: 13 },
      ],
      listed: [22, 30],
      originalOf: (id) => (id === 5 ? 1 : id),
    });
    expect(ranked.map((r) => [r.articleId, r.reason])).toEqual([
      [3, 'story'],
      [21, 'similar'],
      [20, 'similar'],
      [22, 'listed'],
      [30, 'listed'],
    ]);
  });
});
