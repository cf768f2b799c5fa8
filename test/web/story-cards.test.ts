// Story cards on /stories and the home page: headline, a short summary from the story's first
// original article, the outlets covering it (most articles first), counts and time; home puts
// top stories and the latest articles side by side on a wide screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { startWebWorld, type WebWorld } from './server-world.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { runStoryStep } from '../../src/pipeline/stories.ts';
import { DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { storyCardFacts } from '../../src/store/story-cards.ts';
import { followUp, unrelated, wire, wireCopy } from '../stories/fixtures.ts';

describe('story cards', () => {
  let world: WebWorld;
  let db: Db;
  let base: string;
  const ids: number[] = [];

  beforeAll(async () => {
    world = await startWebWorld(
      async (store) => {
        for (const a of [wire, wireCopy, followUp, unrelated]) ids.push((await saveArticle(store, a, null)).id);
        await runDedupStep(store, ids);
        await runStoryStep(store, ids, DEFAULT_CLUSTER, new Date('2025-08-04T12:00:00Z'));
      },
      { DATELINE_NOW: '2025-08-04T12:00:00Z' },
    );
    ({ db, base } = world);
  });
  afterAll(() => world?.close());

  it("gathers each story's outlets and a summary from its headline article (else its first original)", async () => {
    const stories = await db.query<{ id: number; source_count: number }>('SELECT id, source_count FROM stories ORDER BY id');
    const facts = await storyCardFacts(
      db,
      stories.map((s) => s.id),
    );
    for (const story of stories) {
      const card = facts.get(story.id)!;
      expect(card.outlets.length).toBe(story.source_count);
      expect(new Set(card.outlets).size).toBe(card.outlets.length);
      expect(card.summary).toBeTruthy();
      expect(card.summary!.length).toBeLessThanOrEqual(281);
    }
    const harbour = stories.find((s) => facts.get(s.id)!.outlets.includes(wire.sourceName!))!;
    // The article whose title the story took as its headline (the story engine decides which).
    const [lead] = await db.query<{ excerpt: string | null; text: string }>(
      `SELECT a.excerpt, a.text FROM stories st JOIN story_articles sa ON sa.story_id = st.id JOIN articles a ON a.id = sa.article_id
        WHERE st.id = $1 AND a.title = st.headline AND a.duplicate_of IS NULL ORDER BY a.published_at, a.id LIMIT 1`,
      [harbour.id],
    );
    expect(lead).toBeDefined();
    expect(facts.get(harbour.id)!.summary!.slice(0, 30)).toBe((lead!.excerpt || lead!.text).replace(/\s+/g, ' ').trim().slice(0, 30));
    expect(await storyCardFacts(db, [])).toEqual(new Map());
  });

  it('renders cards on /stories and the home page, in two columns there', async () => {
    const list = await (await fetch(`${base}/stories`)).text();
    expect(list).toContain('<li class="story-card">');
    expect(list).toMatch(/<p class="outlets"><span class="visually-hidden">Covered by <\/span>[^<]*·/);
    expect(list).toMatch(/<p class="summary">[^<]{20,}/);
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain('<div class="home-columns">');
    expect(home.indexOf('id="top-stories-heading"')).toBeLessThan(home.indexOf('id="latest-heading"'));
    expect(home).toContain('<li class="story-card">');
  });

  it('shows coverage by outlet as bars on the story page, the most prolific outlet at full length', async () => {
    const [story] = await db.query<{ id: number }>('SELECT story_id AS id FROM story_articles GROUP BY story_id ORDER BY count(*) DESC, story_id LIMIT 1');
    const page = await (await fetch(`${base}/stories/${story!.id}`)).text();
    expect(page).toContain('<h2 id="coverage-chart-heading">Coverage by outlet</h2>');
    const bars = [...page.matchAll(/<span class="outlet">([^<]+)<\/span> <span class="bar" style="width: (\d+)%"/g)];
    expect(bars.length).toBeGreaterThan(1);
    expect(Number(bars[0]![2])).toBe(100);
    expect(new Set(bars.map((b) => b[1])).size).toBe(bars.length);
  });
});
