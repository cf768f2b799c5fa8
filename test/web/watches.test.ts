// The watches page: a reader lists, renames and deletes their saved searches with plain forms;
// another reader's watch stays out of reach, and every form needs its CSRF token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { createReader, startWebWorld, type WebWorld } from './server-world.ts';
import { createWatch, listWatches } from '../../src/store/watches.ts';
import { Visitor } from './client.ts';

describe('the /watches page', () => {
  let world: WebWorld;
  let db: Db;
  let base: string;
  let reader: Visitor;
  let readerId: number;
  let othersWatch: number;
  const PASSWORD = 'a fine long password';

  beforeAll(async () => {
    world = await startWebWorld(async (store) => {
      readerId = await createReader(store, 'reader.one', PASSWORD);
      const other = await createReader(store, 'reader.two', PASSWORD);
      await createWatch(store, readerId, { name: 'Tariffs', query: 'tariff OR tariffs' });
      othersWatch = (await createWatch(store, other, { name: 'Secret', query: 'lighthouse' })).id;
    });
    ({ db, base } = world);
    reader = new Visitor(base);
    expect((await reader.login('reader.one', PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('sends a visitor who is not signed in to log in', async () => {
    const page = await new Visitor(base).request('/watches');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fwatches');
  });

  it("lists the reader's own watches with their search and feeds, and links them from the header", async () => {
    const page = await reader.request('/watches');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/search?q=tariff+OR+tariffs">Tariffs</a>');
    expect(page.text).toMatch(/href="\/feed\/watches\/[\w-]+\.atom"/);
    expect(page.text).not.toContain('Secret');
    expect(page.text).toContain('<a href="/watches">Watches</a>');
    expect(page.text).toContain('<a href="/entities">Entities</a>');
  });

  it('renames and deletes with the forms, and refuses a form without its token', async () => {
    const [watch] = await listWatches(db, readerId);
    const token = await reader.csrfFrom('/watches');
    expect((await reader.request(`/watches/${watch!.id}/rename`, { form: { name: 'Trade' } })).status).toBe(403);
    const renamed = await reader.request(`/watches/${watch!.id}/rename`, { form: { name: '  Trade  ', _csrf: token } });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/watches?done=renamed');
    const after = await reader.request('/watches?done=renamed');
    expect(after.text).toContain('Watch renamed.');
    expect(after.text).toContain('>Trade</a>');
    expect((await reader.request(`/watches/${watch!.id}/rename`, { form: { name: ' ', _csrf: token } })).status).toBe(400);
    expect((await reader.request(`/watches/${watch!.id}/delete`, { form: { _csrf: token } })).status).toBe(303);
    expect(await listWatches(db, readerId)).toEqual([]);
    expect((await reader.request('/watches')).text).toContain('No watches yet');
  });

  it("answers 404 for another reader's watch or an id that is not one, never 500", async () => {
    const token = await reader.csrfFrom('/logout'); // the session's token; this reader has no watch left to show a form
    for (const path of [`/watches/${othersWatch}/delete`, `/watches/${othersWatch}/rename`, '/watches/abc/delete', '/watches/99999999999999999999/delete']) {
      const response = await reader.request(path, { form: { name: 'Mine now', _csrf: token } });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await db.query<{ name: string }>('SELECT name FROM watches WHERE id = $1', [othersWatch]))[0]!.name).toBe('Secret');
  });
});
