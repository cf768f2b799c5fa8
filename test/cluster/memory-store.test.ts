// The story state in memory: what it forgets on an endless stream, and that a forgotten term
// weighs as a term never seen.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER, reachDays } from '../../src/cluster/config.ts';
import { MemoryStoryStore } from '../../src/cluster/memory-store.ts';
import { idf } from '../../src/text/tfidf.ts';

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * DAY);
// Past the reach of every look: the window or a return, then the quiet days before a settling look.
const beyond = reachDays(DEFAULT_CLUSTER) + DEFAULT_CLUSTER.story.settleQuietDays + 1;

async function stream(forget: boolean) {
  const store = new MemoryStoryStore(DEFAULT_CLUSTER, false, forget);
  await store.countTerms(['alpha', 'beta', 'n:delta']);
  await store.countTerms(['beta']);
  store.sweep(day(0));
  await store.countTerms(['gamma']);
  store.sweep(day(beyond - 1));
  const before = { alpha: store.stats.df('alpha'), terms: store.size().terms };
  await store.countTerms(['gamma']);
  store.sweep(day(beyond));
  return { store, before };
}

describe('MemoryStoryStore forgetting', () => {
  it('forgets a term counted once and not met within the reach of any look, and keeps the others', async () => {
    const { store, before } = await stream(true);
    // One sweep short of the reach, nothing has gone.
    expect(before).toEqual({ alpha: 1, terms: 4 });
    expect(store.stats.df('alpha')).toBe(0);
    expect(store.stats.df('n:delta')).toBe(0);
    expect(store.stats.df('beta')).toBe(2);
    expect(store.stats.df('gamma')).toBe(2);
    expect(store.size().terms).toBe(2);
    expect([...store.termStats().df]).toEqual([
      ['beta', 2],
      ['gamma', 2],
    ]);
    // The documents still count all of them.
    expect(store.stats.documents).toBe(4);
  });

  it('weighs a forgotten term as one never seen, and counts it from 1 when it comes back', async () => {
    const { store } = await stream(true);
    expect(idf(store.stats, 'alpha')).toBe(idf(store.stats, 'never-seen'));
    await store.countTerms(['alpha']);
    expect(store.stats.df('alpha')).toBe(1);
    expect(store.size().terms).toBe(3);
  });

  it('keeps a term counted once while a story saved since holds it', async () => {
    const store = new MemoryStoryStore(DEFAULT_CLUSTER, false, true);
    await store.countTerms(['alpha', 'beta']);
    store.sweep(day(0));
    await store.countTerms(['gamma']);
    const at = day(beyond - 1);
    const id = await store.create({ id: 2, title: 'A story', text: '', at });
    await store.save({ id, centroid: new Map([['alpha', 0.5]]), members: [], articleCount: 1, firstSeenAt: at, lastSeenAt: at });
    store.sweep(at);
    store.sweep(day(beyond));
    expect(store.stats.df('alpha')).toBe(1);
    expect(store.stats.df('beta')).toBe(0);
  });

  it('keeps every term without forgetting, as the store keeps term_stats', async () => {
    const { store } = await stream(false);
    expect(store.stats.df('alpha')).toBe(1);
    expect(store.stats.df('n:delta')).toBe(1);
    expect(store.size().terms).toBe(4);
    expect(store.termStats().df.get('beta')).toBe(2);
  });

  it('forgets nothing on a stream without a clock (undated)', async () => {
    const store = new MemoryStoryStore(DEFAULT_CLUSTER, false, true);
    await store.countTerms(['alpha']);
    store.sweep(null);
    expect(store.stats.df('alpha')).toBe(1);
  });
});
