// The Fever API with requests shaped as Fever clients send them: POST form bodies carrying
// api_key = md5("username:password"), read arguments in the query string (?api&items&since_id=0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { setFeverPassword } from '../../src/store/api-tokens.ts';
import { compatWorld, type CompatWorld } from './setup.ts';

const FEVER_PASSWORD = 'fever-app-password';
const apiKey = createHash('md5').update(`alice:${FEVER_PASSWORD}`).digest('hex');

for (const engine of await testEngines()) {
  describe(`Fever API on the ${engine.name} engine`, () => {
    let db: Db;
    let world: CompatWorld;
    const fever = async (query: string, form: Record<string, string> = {}, key = apiKey) => {
      const response = await fetch(`${world.base}/fever/?api${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Reeder/5.0' },
        body: new URLSearchParams({ api_key: key, ...form }).toString(),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };

    beforeAll(async () => {
      db = await engine.open();
      world = await compatWorld(db);
      await setFeverPassword(db, { id: world.userId, username: 'alice' }, FEVER_PASSWORD);
    });
    afterAll(async () => {
      await world?.app.close();
      await db?.close();
    });

    it('authenticates with the md5 key and refuses any other', async () => {
      expect(await fever('')).toMatchObject({ api_version: 3, auth: 1 });
      expect(await fever('', {}, createHash('md5').update('alice:wrong').digest('hex'))).toEqual({ api_version: 3, auth: 0 });
      expect(await fever('', {}, "' OR 1=1 --")).toEqual({ api_version: 3, auth: 0 });
      const unauth = await fetch(`${world.base}/fever/?api&items`);
      expect(await unauth.json()).toEqual({ api_version: 3, auth: 0 });
    });

    it('lists groups, feeds and their relationships', async () => {
      const groups = await fever('&groups');
      expect(groups.groups.map((g: { title: string }) => g.title)).toEqual(['Money', 'News']);
      const news = groups.groups.find((g: { title: string }) => g.title === 'News');
      expect(groups.feeds_groups).toContainEqual({ group_id: news.id, feed_ids: String(world.feeds.world) });
      const feeds = await fever('&feeds');
      expect(feeds.feeds).toContainEqual(expect.objectContaining({ id: world.feeds.world, title: 'World desk', url: 'http://127.0.0.1:9/world.xml', site_url: 'http://127.0.0.1:9/', is_spark: 0 }));
      const favicons = await fever('&favicons');
      expect(favicons.favicons[0].data).toMatch(/^image\/gif;base64,/);
    });

    it('pages items with since_id, max_id and with_ids', async () => {
      const { harbour, ferry, rates } = world.articles;
      const first = await fever('&items&since_id=0');
      expect(first.items.map((i: { id: number }) => i.id)).toEqual([harbour, ferry, rates]);
      expect(first.total_items).toBe(3);
      expect(first.items[0]).toMatchObject({ feed_id: world.feeds.world, title: 'Harbour tolls rise', is_read: 0, is_saved: 0, url: 'http://127.0.0.1:9/a1', created_on_time: Date.parse('2025-08-01T10:00:00Z') / 1000 });
      expect(first.items[0].html).toContain('<p>');
      expect((await fever(`&items&since_id=${ferry}`)).items.map((i: { id: number }) => i.id)).toEqual([rates]);
      expect((await fever(`&items&max_id=${rates}`)).items.map((i: { id: number }) => i.id)).toEqual([ferry, harbour]);
      expect((await fever('&items&max_id=0')).items[0].id).toBe(rates);
      expect((await fever(`&items&with_ids=${rates},${harbour},junk`)).items.map((i: { id: number }) => i.id).sort()).toEqual([harbour, rates].sort());
    });

    it('marks items read, unread, saved and unsaved, and feeds and groups read', async () => {
      const { harbour, ferry, rates } = world.articles;
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe([harbour, ferry, rates].join(','));
      await fever('', { mark: 'item', as: 'read', id: String(harbour) });
      await fever('', { mark: 'item', as: 'saved', id: String(ferry) });
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe([ferry, rates].join(','));
      expect((await fever('&saved_item_ids')).saved_item_ids).toBe(String(ferry));
      const items = await fever(`&items&with_ids=${harbour},${ferry}`);
      expect(items.items.find((i: { id: number }) => i.id === harbour).is_read).toBe(1);
      expect(items.items.find((i: { id: number }) => i.id === ferry).is_saved).toBe(1);
      await fever('', { mark: 'item', as: 'unsaved', id: String(ferry) });
      await fever('', { mark: 'item', as: 'unread', id: String(harbour) });
      expect((await fever('&saved_item_ids')).saved_item_ids).toBe('');
      // Feed read before a time: the later item of the feed stays unread.
      await fever('', { mark: 'feed', as: 'read', id: String(world.feeds.world), before: String(Date.parse('2025-08-01T12:00:00Z') / 1000) });
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe([ferry, rates].join(','));
      const money = (await fever('&groups')).groups.find((g: { title: string }) => g.title === 'Money');
      await fever('', { mark: 'group', as: 'read', id: String(money.id), before: String(Date.parse('2025-08-05T00:00:00Z') / 1000) });
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe(String(ferry));
      await fever('', { mark: 'group', as: 'read', id: '0', before: String(Date.parse('2025-08-05T00:00:00Z') / 1000) });
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe('');
    });

    it('accepts multipart form posts, as some clients send', async () => {
      const form = new FormData();
      form.append('api_key', apiKey);
      const response = await fetch(`${world.base}/fever/?api&feeds`, { method: 'POST', body: form });
      const body = (await response.json()) as any;
      expect(body.auth).toBe(1);
      expect(body.feeds).toHaveLength(2);
    });
  });
}
