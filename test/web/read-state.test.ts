// Read and unread in the web reader: a signed-in reader's home list marks what they have not
// opened; opening an article reads it; "mark all read" reads everything shown up to then, and an
// article stored afterwards stays unread. A visitor sees no markers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { createReader, startWebWorld, type WebWorld } from './server-world.ts';
import { saveArticle } from '../../src/store/articles.ts';
import type { ExtractedArticle } from '../../src/model/index.ts';
import { Visitor } from './client.ts';
import { extractedArticle } from '../helpers/article.ts';

const article = (title: string, day: number): ExtractedArticle => extractedArticle({ title, text: `${title}. A paragraph of text about it.`, sourceName: 'Coastal Ledger', publishedAt: new Date(Date.UTC(2026, 10, day, 9)) });

describe('read and unread markers and "mark all read"', () => {
  let world: WebWorld;
  let db: Db;
  let base: string;
  let reader: Visitor;
  const ids: number[] = [];
  const unreadTitles = (page: string) => [...page.matchAll(/<li class="unread">\s*<h3><a href="\/articles\/\d+"><span class="visually-hidden">Unread: <\/span>([^<]+)<\/a>/g)].map((m) => m[1]);

  beforeAll(async () => {
    world = await startWebWorld(async (store) => {
      for (const [title, day] of [
        ['Ferry fares frozen', 3],
        ['Council backs tram line', 4],
        ['Dredging starts at berth four', 5],
      ] as const) {
        ids.push((await saveArticle(store, article(title, day), null)).id);
      }
      await createReader(store, 'reader.one', 'a fine long password');
    });
    ({ db, base } = world);
    reader = new Visitor(base);
    expect((await reader.login('reader.one', 'a fine long password')).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('shows a visitor no markers and no "mark all read"', async () => {
    const home = await new Visitor(base).request('/');
    expect(home.text).not.toContain('class="unread"');
    expect(home.text).not.toContain('Mark all read');
  });

  it('marks unread articles, and reads the one the reader opens', async () => {
    const before = await reader.request('/');
    expect(unreadTitles(before.text).sort()).toEqual(['Council backs tram line', 'Dredging starts at berth four', 'Ferry fares frozen']);
    expect(before.text).toContain('3 unread here');
    expect((await reader.request(`/articles/${ids[1]}`)).status).toBe(200);
    const after = await reader.request('/');
    expect(unreadTitles(after.text).sort()).toEqual(['Dredging starts at berth four', 'Ferry fares frozen']);
    expect(after.text).toMatch(/<li class="read">\s*<h3><a href="\/articles\/\d+">Council backs tram line/);
  });

  it('marks all read up to what the page showed; a later article stays unread', async () => {
    const home = await reader.request('/');
    const token = /name="_csrf" value="([^"]+)"/.exec(home.text)![1]!;
    const upto = /name="upto" value="(\d+)"/.exec(home.text)![1]!;
    expect(Number(upto)).toBe(Math.max(...ids));
    await saveArticle(db, article('Lighthouse keeper retires', 6), null);
    expect((await reader.request('/read/all', { form: { upto, _csrf: token } })).status).toBe(303);
    expect(unreadTitles((await reader.request('/')).text)).toEqual(['Lighthouse keeper retires']);
    expect((await reader.request('/read/all', { form: { upto: 'yesterday', _csrf: token } })).status).toBe(400);
    expect((await reader.request('/read/all', { form: { upto } })).status).toBe(403);
  });
});
