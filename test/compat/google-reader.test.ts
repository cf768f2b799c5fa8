// The Google Reader API with requests shaped as its clients send them: ClientLogin as a form
// post, then `Authorization: GoogleLogin auth=…` on every call, output=json, form posts for
// edits carrying T, item ids in the long (tag:google.com,2005:reader/item/<hex>) and short forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { createApiToken } from '../../src/store/api-tokens.ts';
import { createUser } from '../../src/store/users.ts';
import { compatWorld, PASSWORD, type CompatWorld } from './setup.ts';
import { longItemId, parseItemId } from '../../src/server/compat/google-reader.ts';

const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const READING_LIST = 'user/-/state/com.google/reading-list';

for (const engine of await testEngines()) {
  describe(`Google Reader API on the ${engine.name} engine`, () => {
    let db: Db;
    let world: CompatWorld;
    let auth: string;
    const headers = () => ({ authorization: `GoogleLogin auth=${auth}`, 'user-agent': 'NetNewsWire (RSS Reader; https://netnewswire.com/)' });
    const get = async (path: string) => {
      const response = await fetch(`${world.base}/reader/api/0/${path}`, { headers: headers() });
      return { status: response.status, text: await response.text() };
    };
    const getJson = async (path: string) => {
      const { status, text } = await get(path);
      expect({ path, status }).toEqual({ path, status: 200 });
      return JSON.parse(text);
    };
    const post = async (path: string, form: [string, string][]) => {
      const response = await fetch(`${world.base}/reader/api/0/${path}`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([...form, ['T', auth]]).toString(),
      });
      return { status: response.status, text: await response.text() };
    };
    const login = async (email: string, password: string, output?: string) =>
      fetch(`${world.base}/accounts/ClientLogin${output ? `?output=${output}` : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Email: email, Passwd: password }).toString(),
      });

    beforeAll(async () => {
      db = await engine.open();
      world = await compatWorld(db);
    });
    afterAll(async () => {
      await world?.app.close();
      await db?.close();
    });

    it('logs in with ClientLogin and refuses bad credentials', async () => {
      const bad = await login('alice', 'not the password');
      expect(bad.status).toBe(401);
      expect(await bad.text()).toContain('BadAuthentication');
      const response = await login('alice', PASSWORD);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/^SID=\S+\nLSID=\S+\nAuth=\S+\n$/);
      auth = /Auth=(\S+)/.exec(text)![1]!;
      // A personal API token works as the password too, and output=json answers in JSON.
      const { token } = await createApiToken(db, world.userId, { name: 'for apps' });
      const json = (await (await login('alice', token, 'json')).json()) as { Auth: string };
      expect(json.Auth).toMatch(/^dlg_/);
      const unauthorized = await fetch(`${world.base}/reader/api/0/user-info?output=json`, { headers: { authorization: 'GoogleLogin auth=nope' } });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('x-reader-google-bad-token')).toBe('true');
      expect((await fetch(`${world.base}/reader/api/0/subscription/list?output=json`)).status).toBe(401);
    });

    it('gives the token, the user and the subscriptions with their folders', async () => {
      expect((await get('token')).text).toBe(auth);
      expect(await getJson('user-info?output=json')).toMatchObject({ userId: String(world.userId), userName: 'alice' });
      const { subscriptions } = await getJson('subscription/list?output=json');
      expect(subscriptions).toContainEqual({
        id: `feed/${world.feeds.world}`,
        title: 'World desk',
        categories: [{ id: 'user/-/label/News', label: 'News' }],
        url: 'http://127.0.0.1:9/world.xml',
        htmlUrl: 'http://127.0.0.1:9/',
        iconUrl: '',
      });
      const { tags } = await getJson('tag/list?output=json');
      expect(tags).toEqual([{ id: STARRED }, { id: 'user/-/label/Money', label: 'Money', type: 'folder' }, { id: 'user/-/label/News', label: 'News', type: 'folder' }]);
      const counts = await getJson('unread-count?output=json');
      expect(counts.max).toBe(3);
      expect(counts.unreadcounts).toContainEqual(expect.objectContaining({ id: `feed/${world.feeds.world}`, count: 2 }));
      expect(counts.unreadcounts).toContainEqual(expect.objectContaining({ id: 'user/-/label/News', count: 2 }));
      expect(counts.unreadcounts).toContainEqual(expect.objectContaining({ id: READING_LIST, count: 3 }));
    });

    it('lists item ids by stream with exclusions, order, time bounds and continuation', async () => {
      const { harbour, ferry, rates } = world.articles;
      const ids = async (query: string) => (await getJson(`stream/items/ids?output=json&${query}`)) as { itemRefs: { id: string }[]; continuation?: string };
      const page1 = await ids(`s=${READING_LIST}&xt=${READ}&n=2`);
      expect(page1.itemRefs.map((r) => Number(r.id))).toEqual([rates, ferry]);
      const page2 = await ids(`s=${READING_LIST}&xt=${READ}&n=2&c=${page1.continuation}`);
      expect(page2.itemRefs.map((r) => Number(r.id))).toEqual([harbour]);
      expect(page2.continuation).toBeUndefined();
      expect((await ids(`s=feed/${world.feeds.business}`)).itemRefs.map((r) => Number(r.id))).toEqual([rates]);
      expect((await ids(`s=user/-/label/News&r=o`)).itemRefs.map((r) => Number(r.id))).toEqual([harbour, ferry]);
      expect((await ids(`s=${READING_LIST}&ot=${Date.parse('2025-08-02T00:00:00Z') / 1000}&nt=${Date.parse('2025-08-03T00:00:00Z') / 1000}`)).itemRefs.map((r) => Number(r.id))).toEqual([ferry]);
    });

    it('returns item contents for long and short ids, form-posted', async () => {
      const { harbour, rates } = world.articles;
      const response = await fetch(`${world.base}/reader/api/0/stream/items/contents?output=json`, {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['i', longItemId(harbour)],
          ['i', String(rates)],
          ['T', auth],
        ]).toString(),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      const byId = new Map(body.items.map((item: any) => [parseItemId(item.id), item]));
      expect(byId.get(harbour)).toMatchObject({
        id: `tag:google.com,2005:reader/item/${harbour.toString(16).padStart(16, '0')}`,
        title: 'Harbour tolls rise',
        published: Date.parse('2025-08-01T10:00:00Z') / 1000,
        canonical: [{ href: 'http://127.0.0.1:9/a1' }],
        origin: { streamId: `feed/${world.feeds.world}`, title: 'World desk', htmlUrl: 'http://127.0.0.1:9/' },
      });
      expect((byId.get(harbour) as any).summary.content).toContain('Harbour tolls rise');
      expect((byId.get(harbour) as any).categories).toContain('user/-/label/News');
    });

    it('serves stream contents as FreshRSS-mode clients ask (plain slashes, xt, continuation)', async () => {
      const { harbour, ferry, rates } = world.articles;
      type Page = { id: string; items: { id: string; title: string; categories: string[] }[]; continuation?: string };
      const page1 = (await getJson(`stream/contents/${READING_LIST}?output=json&n=2&xt=${READ}`)) as Page;
      expect(page1.id).toBe(READING_LIST);
      expect(page1.items.map((i) => parseItemId(i.id))).toEqual([rates, ferry]);
      expect(page1.continuation).toBe('2');
      const page2 = (await getJson(`stream/contents/${READING_LIST}?output=json&n=2&xt=${READ}&c=${page1.continuation}`)) as Page;
      expect(page2.items.map((i) => parseItemId(i.id))).toEqual([harbour]);
      expect(page2.continuation).toBeUndefined();
      const folder = (await getJson(`stream/contents/user/-/label/News?output=json&r=o`)) as Page;
      expect(folder.items.map((i) => i.title)).toEqual(['Harbour tolls rise', 'Ferry strike ends']);
      expect(folder.items[0]!.categories).toContain('user/-/label/News');
      // With no stream in the path: the reading list.
      expect(((await getJson('stream/contents?output=json&n=1')) as Page).items.map((i) => parseItemId(i.id))).toEqual([rates]);
    });

    it('serves stream contents as Reeder-style clients ask (escaped stream ids, it=starred)', async () => {
      const { ferry, rates } = world.articles;
      type Page = { items: { id: string }[] };
      const feed = (await getJson(`stream/contents/${encodeURIComponent(`feed/${world.feeds.business}`)}?output=json&n=50`)) as Page;
      expect(feed.items.map((i) => parseItemId(i.id))).toEqual([rates]);
      await post('edit-tag', [
        ['i', longItemId(ferry)],
        ['a', STARRED],
      ]);
      const starred = (await getJson(`stream/contents/${encodeURIComponent(READING_LIST)}?output=json&it=${encodeURIComponent(STARRED)}`)) as Page;
      expect(starred.items.map((i) => parseItemId(i.id))).toEqual([ferry]);
      const starredStream = (await getJson(`stream/contents/${encodeURIComponent(STARRED)}?output=json`)) as Page;
      expect(starredStream.items.map((i) => parseItemId(i.id))).toEqual([ferry]);
      await post('edit-tag', [
        ['i', longItemId(ferry)],
        ['r', STARRED],
      ]);
      for (const bad of ['stream/contents/user%2F-%2Fstate%2Fnonsense?output=json', 'stream/contents/feed%ZZ?output=json', `stream/contents/${READING_LIST}?n=0`]) {
        expect((await get(bad)).status).toBe(400);
      }
    });

    it('serves a stream as Atom at /reader/atom/<stream> with state categories and a continuation', async () => {
      const { harbour, ferry } = world.articles;
      const response = await fetch(`${world.base}/reader/atom/${encodeURIComponent(`feed/${world.feeds.world}`)}?n=1`, { headers: headers() });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const xml = await response.text();
      expect(xml).toContain('<title>World desk</title>');
      expect(xml).toContain(`<id gr:original-id="http://127.0.0.1:9/a2">${longItemId(ferry)}</id>`);
      expect(xml).toContain('label="fresh"');
      expect(xml).toContain('<gr:continuation>1</gr:continuation>');
      const rest = await (await fetch(`${world.base}/reader/atom/feed/${world.feeds.world}?n=5&c=1`, { headers: headers() })).text();
      expect(rest).toContain(longItemId(harbour));
      expect(rest).not.toContain('gr:continuation');
      expect((await fetch(`${world.base}/reader/atom/${encodeURIComponent(`feed/${world.feeds.world}`)}`)).status).toBe(401);
      expect((await fetch(`${world.base}/reader/atom/nonsense`, { headers: headers() })).status).toBe(400);
    });

    it('tags items read and starred and untags them', async () => {
      const { harbour, ferry } = world.articles;
      expect(
        await post('edit-tag', [
          ['i', longItemId(harbour)],
          ['i', String(ferry)],
          ['a', READ],
        ]),
      ).toEqual({ status: 200, text: 'OK' });
      expect(
        await post('edit-tag', [
          ['i', String(ferry)],
          ['a', `user/${world.userId}/state/com.google/starred`],
        ]),
      ).toEqual({ status: 200, text: 'OK' });
      const starred = await getJson(`stream/items/ids?output=json&s=${STARRED}`);
      expect(starred.itemRefs.map((r: { id: string }) => Number(r.id))).toEqual([ferry]);
      expect((await getJson('unread-count?output=json')).max).toBe(1);
      await post('edit-tag', [
        ['i', String(ferry)],
        ['r', READ],
        ['r', STARRED],
      ]);
      expect((await getJson(`stream/items/ids?output=json&s=${STARRED}`)).itemRefs).toEqual([]);
      expect((await getJson('unread-count?output=json')).max).toBe(2);
    });

    it('marks a stream read up to a time', async () => {
      const ts = String(Date.parse('2025-08-02T12:00:00Z') * 1000);
      expect(
        await post('mark-all-as-read', [
          ['s', 'user/-/label/News'],
          ['ts', ts],
        ]),
      ).toEqual({ status: 200, text: 'OK' });
      expect((await getJson('unread-count?output=json')).max).toBe(1);
      await post('mark-all-as-read', [['s', READING_LIST]]);
      expect((await getJson('unread-count?output=json')).max).toBe(0);
    });

    it('edits, adds and removes subscriptions', async () => {
      expect(
        await post('subscription/edit', [
          ['ac', 'edit'],
          ['s', `feed/${world.feeds.business}`],
          ['t', 'Markets'],
          ['a', 'user/-/label/Economy'],
        ]),
      ).toEqual({ status: 200, text: 'OK' });
      let subs = (await getJson('subscription/list?output=json')).subscriptions;
      expect(subs.find((s: { id: string }) => s.id === `feed/${world.feeds.business}`)).toMatchObject({ title: 'Markets', categories: [{ label: 'Economy' }] });
      expect(
        (
          await post('subscription/edit', [
            ['ac', 'subscribe'],
            ['s', 'feed/http://127.0.0.1:9/new.xml'],
            ['a', 'user/-/label/News'],
          ])
        ).status,
      ).toBe(200);
      subs = (await getJson('subscription/list?output=json')).subscriptions;
      const added = subs.find((s: { url: string }) => s.url === 'http://127.0.0.1:9/new.xml');
      expect(added.categories).toEqual([{ id: 'user/-/label/News', label: 'News' }]);
      expect(
        (
          await post('subscription/edit', [
            ['ac', 'unsubscribe'],
            ['s', added.id],
          ])
        ).status,
      ).toBe(200);
      expect((await getJson('subscription/list?output=json')).subscriptions).toHaveLength(2);
    });

    it("lets a reader edit their own subscriptions without touching anyone else's", async () => {
      await createUser(db, { username: 'bob', password: PASSWORD, role: 'reader' }, { N: 1024, r: 8, p: 1 });
      const bobAuth = /Auth=(\S+)/.exec(await (await login('bob', PASSWORD)).text())![1]!;
      const asBob = async (path: string, form?: [string, string][]) => {
        const response = await fetch(`${world.base}/reader/api/0/${path}`, {
          method: form ? 'POST' : 'GET',
          headers: { authorization: `GoogleLogin auth=${bobAuth}`, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          body: form ? new URLSearchParams([...form, ['T', bobAuth]]).toString() : undefined,
        });
        return { status: response.status, text: await response.text() };
      };
      const bobSubs = async () => JSON.parse((await asBob('subscription/list?output=json')).text).subscriptions as { id: string; title: string; url: string; categories: { label: string }[] }[];
      expect((await bobSubs()).map((s) => s.id).sort()).toEqual([`feed/${world.feeds.business}`, `feed/${world.feeds.world}`].sort());

      expect(
        await asBob('subscription/edit', [
          ['ac', 'unsubscribe'],
          ['s', `feed/${world.feeds.world}`],
        ]),
      ).toEqual({ status: 200, text: 'OK' });
      expect((await bobSubs()).map((s) => s.id)).toEqual([`feed/${world.feeds.business}`]);
      expect(JSON.parse((await asBob('unread-count?output=json')).text).max).toBe(1);
      expect(JSON.parse((await asBob(`stream/items/ids?output=json&s=${READING_LIST}`)).text).itemRefs.map((r: { id: string }) => Number(r.id))).toEqual([world.articles.rates]);

      expect(
        (
          await asBob('subscription/edit', [
            ['ac', 'edit'],
            ['s', `feed/${world.feeds.business}`],
            ['t', 'Bob money'],
            ['a', 'user/-/label/Mine'],
          ])
        ).status,
      ).toBe(200);
      expect((await bobSubs())[0]).toMatchObject({ title: 'Bob money', categories: [{ label: 'Mine' }] });
      expect(JSON.parse((await asBob('tag/list?output=json')).text).tags).toContainEqual({ id: 'user/-/label/Mine', label: 'Mine', type: 'folder' });
      expect(
        (
          await asBob('subscription/edit', [
            ['ac', 'edit'],
            ['s', `feed/${world.feeds.business}`],
            ['r', 'user/-/label/Mine'],
          ])
        ).status,
      ).toBe(200);
      expect((await bobSubs())[0]!.categories).toEqual([]);

      expect(
        (
          await asBob('subscription/edit', [
            ['ac', 'subscribe'],
            ['s', 'feed/http://127.0.0.1:9/bob.xml'],
            ['t', 'Bob feed'],
          ])
        ).status,
      ).toBe(200);
      expect((await bobSubs()).map((s) => s.url)).toContain('http://127.0.0.1:9/bob.xml');
      // Everyone else sees the server's subscriptions as they were: not bob's names, not bob's feed.
      const adminSubs = (await getJson('subscription/list?output=json')).subscriptions as { id: string; title: string; url: string }[];
      expect(adminSubs.map((s) => s.url)).not.toContain('http://127.0.0.1:9/bob.xml');
      expect(adminSubs.map((s) => s.id)).toContain(`feed/${world.feeds.world}`);
      expect(adminSubs.map((s) => s.title)).not.toContain('Bob money');
      // A reader cannot edit a feed they do not follow.
      expect(
        (
          await asBob('subscription/edit', [
            ['ac', 'edit'],
            ['s', `feed/${world.feeds.world}`],
            ['t', 'x'],
          ])
        ).status,
      ).toBe(404);
      expect(
        (
          await asBob('subscription/edit', [
            ['ac', 'rename'],
            ['s', `feed/${world.feeds.world}`],
          ])
        ).status,
      ).toBe(400);
    });

    it('answers bad input with a 400 naming the parameter, never a 500', async () => {
      const cases: [string, RegExp][] = [
        ['stream/items/ids?output=json', /^s: /],
        ['stream/items/ids?output=json&s=user/-/state/com.google/nonsense', /^s: unknown stream/],
        [`stream/items/ids?output=json&s=${READING_LIST}&n=99999999`, /^n: /],
        [`stream/items/ids?output=json&s=${READING_LIST}&c=abc`, /^c: /],
        [`stream/items/ids?output=json&s=${READING_LIST}&ot=yesterday`, /^ot: /],
        [`stream/items/ids?output=json&s=${encodeURIComponent("feed/1' OR '1'='1")}`, /^s: unknown stream/],
        ['stream/items/contents?output=json', /^i: /],
        ['stream/items/contents?output=json&i=tag:google.com,2005:reader/item/zz', /^i: /],
      ];
      for (const [path, message] of cases) {
        const { status, text } = await get(path);
        expect({ path, status }).toEqual({ path, status: 400 });
        expect(text).toMatch(message);
      }
      expect(
        (
          await post('edit-tag', [
            ['i', '1; DROP TABLE articles'],
            ['a', READ],
          ])
        ).status,
      ).toBe(400);
      expect((await post('mark-all-as-read', [['s', 'user/-/state/com.google/starred']])).status).toBe(400);
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
      expect(count[0]!.n).toBe(3);
    });
  });
}
