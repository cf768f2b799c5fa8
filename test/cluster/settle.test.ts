// Settling: a small story that has gone quiet gets one second look and joins the story it
// belongs to; the online decision stays strict. The queue, the pure choice, and the clusterer.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER, OnlineClusterer } from '../../src/cluster/online.ts';
import { cohesion, settleCutoff, settleTarget, SettleQueue } from '../../src/cluster/settle.ts';
import { newStory, addToStory, DEFAULT_STORY, similarity, storyUnit, type StoryState } from '../../src/cluster/stories.ts';
import { followUp, unrelated, wire, wireCopy } from '../stories/fixtures.ts';

const day = (n: number) => new Date(Date.UTC(2025, 7, 1 + n, 9));
const story = (id: number, vector: Record<string, number>, at: Date, count = 1): StoryState => {
  let s = newStory(id, { articleId: id * 10, vector: new Map(Object.entries(vector)), publishedAt: at });
  for (let i = 1; i < count; i++) s = addToStory(s, { articleId: id * 10 + i, vector: new Map(Object.entries(vector)), publishedAt: at });
  return s;
};

// A report close to the harbour story, but not close enough for the strict online join.
const nearby = {
  title: 'Ardmore expects busier autumn at its container terminal',
  text: 'Ardmore harbour officials said on Wednesday that two container lines had asked about berths from September, when tolls rise at a neighbouring port. The council plans longer opening hours at the terminal gates.',
};

// The same event's second report, told again in other words.
const terminalAgain = {
  title: 'Container lines ask Ardmore harbour about autumn berths',
  text: 'Two container lines have asked Ardmore harbour about berths at its container terminal from September, harbour officials said on Wednesday, as tolls rise at a neighbouring port. The council plans longer opening hours at the terminal gates.',
};

describe('settling small stories', () => {
  it('queues stories by when they were last seen and hands each due one out once, by id', async () => {
    const queue = new SettleQueue();
    queue.push(7, day(2));
    queue.push(3, day(5));
    queue.push(5, day(1));
    queue.push(7, day(3));
    queue.push(9, null);
    expect(queue.due(day(0))).toEqual([9]);
    expect(queue.due(day(3))).toEqual([5, 7]);
    expect(queue.due(day(3))).toEqual([]);
    expect(queue.due(null)).toEqual([3]);
    expect(queue.size).toBe(0);
  });

  it('counts a story quiet once settleQuietDays have passed since it was last seen', async () => {
    expect(settleCutoff(day(10), DEFAULT_STORY).getTime()).toBe(day(10 - DEFAULT_STORY.settleQuietDays).getTime());
  });

  it('picks the best story scoring at least the threshold, never itself, and only for small stories', async () => {
    const small = story(5, { 'n:ardmore': 0.8, harbour: 0.6 }, day(2));
    const close = story(2, { 'n:ardmore': 0.6, toll: 0.8 }, day(1), 4);
    const closer = story(3, { 'n:ardmore': 0.8, harbour: 0.6 }, day(1), 4);
    const far = story(4, { orchestra: 1 }, day(1));
    expect(settleTarget(small, [small, far, close, closer], DEFAULT_STORY)?.into).toBe(3);
    expect(settleTarget(small, [small, far], DEFAULT_STORY)).toBeNull();
    const big = story(6, { 'n:ardmore': 0.8, harbour: 0.6 }, day(2), DEFAULT_STORY.settleSize + 1);
    expect(settleTarget(big, [closer], DEFAULT_STORY)).toBeNull();
  });

  it('lets a small story return to an older one only when it matches as closely as an online join asks', async () => {
    const small = story(5, { 'n:ardmore': 0.8, harbour: 0.6 }, day(2));
    const monthsAgo = new Date(Date.UTC(2024, 0, 1));
    // Sharing half the words: joined within days (0.35 before the gap of a day), another story months on.
    const kin = { 'n:ardmore': 0.6, harbour: 0.4, toll: 0.4 * Math.sqrt(3) };
    expect(settleTarget(small, [story(3, kin, day(1), 4)], DEFAULT_STORY)?.score).toBeCloseTo(0.35 * Math.exp(-1 / DEFAULT_STORY.settleDecayDays), 3);
    expect(settleTarget(small, [story(3, kin, monthsAgo, 4)], DEFAULT_STORY)).toBeNull();
    // The same words: a late report of that story, whatever the gap, at its undecayed score.
    const same = story(3, { 'n:ardmore': 0.8, harbour: 0.6 }, monthsAgo, 4);
    const back = settleTarget(small, [same], DEFAULT_STORY);
    expect(back?.into).toBe(3);
    expect(back!.score).toBeGreaterThanOrEqual(DEFAULT_STORY.returnThreshold);
    expect(back!.score).toBeCloseTo(settleTarget(small, [story(3, { 'n:ardmore': 0.8, harbour: 0.6 }, day(1), 4)], DEFAULT_STORY)!.score, 9);
  });

  it('counts every day between: of two stories a quiet report matches about equally, the nearer one takes it', async () => {
    const small = story(5, { 'n:ardmore': 0.8, harbour: 0.6 }, day(20));
    // Both share the town and the harbour; the older story a little more (0.36 against 0.32 before the gap).
    const older = story(2, { 'n:ardmore': 0.8, harbour: 0.6, toll: 1 }, day(2), 4);
    const newer = story(3, { 'n:ardmore': 0.8, harbour: 0.6, summit: 1.2 }, day(18), 4);
    const scoreOf = (a: StoryState, b: StoryState) => similarity(storyUnit(a), storyUnit(b), DEFAULT_STORY).score;
    const [olderScore, newerScore] = [older, newer].map((s) => settleTarget(small, [s], DEFAULT_STORY)?.score ?? 0);
    expect(olderScore).toBeCloseTo(scoreOf(small, older) * Math.exp(-18 / DEFAULT_STORY.settleDecayDays), 9);
    expect(newerScore).toBeCloseTo(scoreOf(small, newer) * Math.exp(-2 / DEFAULT_STORY.settleDecayDays), 9);
    expect(scoreOf(small, older)).toBeGreaterThan(scoreOf(small, newer));
    expect(settleTarget(small, [older, newer], DEFAULT_STORY)?.into).toBe(3);
    // Without the count (days free of charge up to the grace period, as online), the older one would take it.
    expect(settleTarget(small, [older, newer], { ...DEFAULT_STORY, settleDecayDays: Infinity })?.into).toBe(2);
  });

  it('asks more of a small story whose articles agree closely: it has formed, and stays apart from a mere neighbour', async () => {
    const words = { harbour: 0.6, toll: 0.8 };
    // A neighbour sharing a little of the words: cosine 0.28, a score of about 0.17.
    const neighbour = story(2, { toll: 0.35, orchestra: Math.sqrt(1 - 0.35 ** 2) }, day(1), 4);
    const lone = story(5, words, day(2));
    const formed = story(6, words, day(2), 3);
    expect(cohesion(lone, DEFAULT_STORY)).toBe(0);
    expect(cohesion(formed, DEFAULT_STORY)).toBeCloseTo(DEFAULT_STORY.wordsWeight, 6);
    const score = settleTarget(lone, [neighbour], DEFAULT_STORY)?.score ?? 0;
    expect(score).toBeGreaterThanOrEqual(DEFAULT_STORY.settleThreshold);
    expect(score).toBeLessThan(DEFAULT_STORY.settleCohesion * cohesion(formed, DEFAULT_STORY));
    // The lone report folds in; three reports that agree word for word do not.
    expect(settleTarget(lone, [neighbour], DEFAULT_STORY)?.into).toBe(2);
    expect(settleTarget(formed, [neighbour], DEFAULT_STORY)).toBeNull();
    // Closer, it takes them too.
    expect(settleTarget(formed, [story(3, words, day(1), 4)], DEFAULT_STORY)?.into).toBe(3);
  });

  it('lets a report that missed the strict join start its own story, then folds it in once quiet', async () => {
    const clusterer = new OnlineClusterer();
    // The harbour story is past settleSize: it has formed.
    const harbour = (await clusterer.assign({ id: 1, title: wire.title, text: wire.text, publishedAt: day(0) })).storyId;
    expect((await clusterer.assign({ id: 2, title: followUp.title, text: followUp.text, publishedAt: day(1) })).storyId).toBe(harbour);
    expect((await clusterer.assign({ id: 5, title: wireCopy.title, text: wireCopy.text, publishedAt: day(1) })).storyId).toBe(harbour);
    expect((await clusterer.assign({ id: 6, title: wire.title, text: wire.text, publishedAt: day(1) })).storyId).toBe(harbour);
    await clusterer.assign({ id: 3, title: unrelated.title, text: unrelated.text, publishedAt: day(1) });
    const report = await clusterer.assign({ id: 4, ...nearby, publishedAt: day(3) });
    expect(report.storyId).not.toBe(harbour);
    expect(report.score).toBeGreaterThanOrEqual(DEFAULT_STORY.settleThreshold);
    expect(report.score).toBeLessThan(DEFAULT_STORY.joinThreshold);
    // Not quiet yet: nothing moves (the quiet unrelated story finds nothing close).
    expect(await clusterer.settle(day(3 + DEFAULT_STORY.settleQuietDays - 1))).toEqual([]);
    // Quiet: it joins the harbour story (the older id survives); the unrelated one stays apart.
    expect(await clusterer.settle(day(3 + DEFAULT_STORY.settleQuietDays))).toEqual([[report.storyId, harbour]]);
    expect((await clusterer.story(harbour))?.articleCount).toBe(5);
    expect(clusterer.store.size().stories).toBe(2);
    // One look each: nothing is left to settle.
    expect(await clusterer.settle(day(30))).toEqual([]);
  });

  it('gives a lone report days to meet the next report of its own event before it is folded into a look-alike', async () => {
    const clusterer = new OnlineClusterer();
    const harbour = (await clusterer.assign({ id: 1, title: wire.title, text: wire.text, publishedAt: day(0) })).storyId;
    for (const [id, a] of [
      [2, followUp],
      [5, wireCopy],
      [6, wire],
    ] as const)
      await clusterer.assign({ id, title: a.title, text: a.text, publishedAt: day(1) });
    await clusterer.assign({ id: 3, title: unrelated.title, text: unrelated.text, publishedAt: day(1) });
    const first = await clusterer.assign({ id: 4, ...nearby, publishedAt: day(3) });
    expect(first.storyId).not.toBe(harbour);
    // Four days on the stream moves past the first report; then its event's second report comes.
    expect((await clusterer.assign({ id: 7, title: unrelated.title, text: unrelated.text, publishedAt: day(7) })).settled).toEqual([]);
    const second = await clusterer.assign({ id: 8, ...terminalAgain, publishedAt: day(7) });
    expect(second.storyId).toBe(first.storyId);
    // Two reports that agree closely have formed a story: no settling look folds it away.
    expect(await clusterer.settle(day(30))).toEqual([]);
    expect((await clusterer.story(harbour))?.articleCount).toBe(4);
    expect((await clusterer.story(first.storyId))?.articleCount).toBe(2);
  });

  it('folds a report that comes back months later into its old story once quiet, past the online window', async () => {
    const run = async (returnDays: number) => {
      const clusterer = new OnlineClusterer({ ...DEFAULT_CLUSTER, story: { ...DEFAULT_CLUSTER.story, returnDays } });
      // The harbour story is past settleSize: it has formed.
      const harbour = (await clusterer.assign({ id: 1, title: wire.title, text: wire.text, publishedAt: day(0) })).storyId;
      await clusterer.assign({ id: 2, title: followUp.title, text: followUp.text, publishedAt: day(1) });
      await clusterer.assign({ id: 3, title: wire.title, text: wire.text, publishedAt: day(1) });
      await clusterer.assign({ id: 4, title: followUp.title, text: followUp.text, publishedAt: day(2) });
      await clusterer.assign({ id: 5, title: unrelated.title, text: unrelated.text, publishedAt: day(2) });
      // A year on (outside the 180-day window), the wire report republished under a new date.
      const late = await clusterer.assign({ id: 6, title: wireCopy.title, text: wireCopy.text, publishedAt: day(365) });
      expect(late.storyId).not.toBe(harbour);
      return { clusterer, harbour, late, settled: await clusterer.settle(day(365 + DEFAULT_STORY.settleQuietDays)) };
    };
    // Quiet: it returns to the harbour story (the older id survives); the unrelated one stays apart.
    const { clusterer, harbour, late, settled } = await run(DEFAULT_CLUSTER.story.returnDays);
    expect(DEFAULT_CLUSTER.story.returnDays).toBeGreaterThanOrEqual(365);
    expect(settled).toEqual([[late.storyId, harbour]]);
    expect((await clusterer.story(harbour))?.articleCount).toBe(5);
    // Past the return reach, it stays a story of its own.
    expect((await run(180)).settled).toEqual([]);
  });

  it('reaches a story that memory has moved to the archive tier, and decides as it would without the tiers', async () => {
    // Enough filler between the harbour story and its late report for the clusterer's sweeps
    // (every 2,000 articles) to move the harbour story past the window into the archive tier.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qui', 'dor'];
    const word = () => Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]).join('');
    const filler = (i: number) => {
      const topic = Array.from({ length: 6 }, word);
      const text = Array.from({ length: 40 }, () => (random() < 0.5 ? topic[Math.floor(random() * 6)] : word())).join(' ') + '.';
      return { id: 100 + i, title: `${topic[0]} ${topic[1]} ${topic[2]}`, text, publishedAt: new Date(day(5).getTime() + i * 3_600_000 * 3) };
    };
    const run = async (sweeping: boolean) => {
      seed = 12345;
      const clusterer = new OnlineClusterer();
      if (!sweeping) clusterer.store.sweep = () => [];
      const harbour = (await clusterer.assign({ id: 1, title: wire.title, text: wire.text, publishedAt: day(0) })).storyId;
      await clusterer.assign({ id: 2, title: followUp.title, text: followUp.text, publishedAt: day(1) });
      await clusterer.assign({ id: 3, title: wire.title, text: wire.text, publishedAt: day(1) });
      await clusterer.assign({ id: 4, title: followUp.title, text: followUp.text, publishedAt: day(2) });
      const decisions: number[] = [];
      let packed = 0;
      for (let i = 0; i < 2400; i++) {
        decisions.push((await clusterer.assign(filler(i))).storyId);
        packed = Math.max(packed, clusterer.store.size().archived);
      }
      const late = await clusterer.assign({ id: 9, title: wireCopy.title, text: wireCopy.text, publishedAt: day(400) });
      return { harbour, late, packed, decisions, settled: await clusterer.settle(day(400 + DEFAULT_STORY.settleQuietDays)), count: (await clusterer.story(harbour))?.articleCount };
    };
    const packed = await run(true);
    expect(packed.packed).toBeGreaterThan(0);
    expect(packed.late.storyId).not.toBe(packed.harbour);
    expect(packed.settled).toContainEqual([packed.late.storyId, packed.harbour]);
    expect(packed.count).toBe(5);
    const unpacked = await run(false);
    expect(unpacked.packed).toBe(0);
    expect(unpacked.decisions).toEqual(packed.decisions);
    expect(unpacked.settled).toEqual(packed.settled);
  });

  it('settles as the stream clock moves on, and reports the merge with the article that moved it', async () => {
    const clusterer = new OnlineClusterer();
    await clusterer.assign({ id: 1, title: wire.title, text: wire.text, publishedAt: day(0) });
    const report = await clusterer.assign({ id: 2, ...nearby, publishedAt: day(1) });
    const later = await clusterer.assign({ id: 3, title: unrelated.title, text: unrelated.text, publishedAt: day(1 + DEFAULT_STORY.settleQuietDays) });
    expect(later.settled).toContainEqual([report.storyId, 1]);
  });
});

describe('an undated stream on the arrival clock', () => {
  const undated = (id: number, a: { title: string; text: string }) => ({ id, title: a.title, text: a.text, publishedAt: null });

  it('settles a quiet report once enough articles have arrived after it, not only at the end of the stream', async () => {
    // The report matches the harbour story just above the settling bar (0.151): the days it waits
    // would take it below, which is another case's (the count of days between), not this one's.
    const clusterer = new OnlineClusterer({ ...DEFAULT_CLUSTER, story: { ...DEFAULT_STORY, settleDecayDays: Infinity } });
    const harbour = (await clusterer.assign(undated(1, wire))).storyId;
    for (const [id, a] of [
      [2, followUp],
      [5, wireCopy],
      [6, wire],
    ] as const)
      expect((await clusterer.assign(undated(id, a))).storyId).toBe(harbour);
    const report = await clusterer.assign(undated(4, nearby));
    expect(report.storyId).not.toBe(harbour);
    const folds: [number, number][] = [];
    // Each undated article is a day on the stream's clock: quiet after settleQuietDays arrivals.
    for (let id = 10; id < 10 + DEFAULT_STORY.settleQuietDays + 1; id++) folds.push(...(await clusterer.assign(undated(id, unrelated))).settled);
    expect(folds).toContainEqual([report.storyId, harbour]);
    expect((await clusterer.story(harbour))?.articleCount).toBe(5);
  });

  it('lets no late report return across the arrival clock, where without the clock it joins at once', async () => {
    const run = async (arrivalMinutes: number) => {
      const clusterer = new OnlineClusterer({ ...DEFAULT_CLUSTER, story: { ...DEFAULT_CLUSTER.story, arrivalMinutes } });
      const harbour = (await clusterer.assign(undated(1, wire))).storyId;
      await clusterer.assign(undated(2, followUp));
      await clusterer.assign(undated(3, wireCopy));
      await clusterer.assign(undated(4, wire));
      for (let id = 10; id < 510; id++) await clusterer.assign(undated(id, unrelated));
      const late = await clusterer.assign(undated(600, wireCopy));
      const settled = await clusterer.settle(null);
      return { harbour, late: late.storyId, settled };
    };
    const clocked = await run(DEFAULT_STORY.arrivalMinutes);
    expect(clocked.late).not.toBe(clocked.harbour);
    expect(clocked.settled.some(([gone, kept]) => gone === clocked.late && kept === clocked.harbour)).toBe(false);
    const unclocked = await run(0);
    expect(unclocked.late).toBe(unclocked.harbour);
  });
});
