// Every source with its site on /sources: the recorded domain, else the host its articles'
// canonical URLs name most often; none for a source known only from page dumps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArticle } from '../../src/store/articles.ts';
import { ensureSource } from '../../src/store/sources.ts';
import { article } from '../search/fixtures.ts';
import { startWebWorld, type WebWorld } from './server-world.ts';

describe('source sites', () => {
  let world: WebWorld;
  let tidewater = 0;
  beforeAll(async () => {
    world = await startWebWorld(async (db) => {
      const page = (title: string, sourceName: string, canonicalUrl: string | null) => saveArticle(db, article({ title, text: `${title}. More text.`, sourceName, canonicalUrl }), null);
      await page('Ferry fares frozen', 'Tidewater Post', 'https://www.tidewaterpost.example/ferry');
      await page('Harbour dredging', 'Tidewater Post', 'https://tidewaterpost.example/dredging');
      await page('Syndicated copy', 'Tidewater Post', 'https://wire.example/copy');
      await page('From a dump', 'Dump Only Gazette', null);
      await ensureSource(db, 'Feed Courier', 'feedcourier.example');
      await page('Via a feed', 'Feed Courier', 'https://mirror.example/x');
      tidewater = (await db.query<{ id: number }>("SELECT id FROM sources WHERE name = 'Tidewater Post'"))[0]!.id;
    });
  });
  afterAll(() => world?.close());

  it('shows the recorded domain, else the most common canonical host, else nothing', async () => {
    const page = await (await fetch(`${world.base}/sources`)).text();
    const site = (name: string) => new RegExp(`>${name}</a></td><td>([^<]*)</td>`).exec(page)?.[1];
    expect(site('Tidewater Post')).toBe('tidewaterpost.example');
    expect(site('Feed Courier')).toBe('feedcourier.example');
    expect(site('Dump Only Gazette')).toBe('');
    const one = await (await fetch(`${world.base}/sources/${tidewater}`)).text();
    expect(one).toContain('>tidewaterpost.example</a>');
  });
});
