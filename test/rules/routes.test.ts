// Mute and keep rules end to end on both engines, over a real HTTP server: bad input answered
// with a 400 naming the field; a rule hiding articles from the article list, search, the Fever
// and Google Reader APIs (items, unread ids, unread counts) of its reader only; keep winning over
// mute; source and entity rules; removing a rule; the /rules page and the "mute this source"
// button; per-feed rules for admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken, setFeverPassword } from '../../src/store/api-tokens.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { compatWorld, PASSWORD, type CompatWorld } from '../compat/setup.ts';
import { article } from '../search/fixtures.ts';
import { Visitor } from '../web/client.ts';

const FEVER_PASSWORD = 'fever-app-password';

for (const engine of await testEngines()) {
  describe(`mute and keep rules on the ${engine.name} engine`, () => {
    let db: Db;
    let world: CompatWorld;
    let token: string;
    let otherToken: string;
    let readerToken: string;
    let tideId: number;
    let entityId: number;

    const call = async (method: string, path: string, body?: unknown, bearer: string | null = token) => {
      const response = await fetch(world.base + path, {
        method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
    };
    const listed = async (bearer: string | null = token) => ((await call('GET', '/api/v1/articles?limit=100', undefined, bearer)).body.articles as { title: string }[]).map((a) => a.title).sort();
    const searched = async (q: string, bearer: string | null = token) => ((await call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, undefined, bearer)).body.results as { title: string }[]).map((a) => a.title).sort();
    const fever = async (query: string) => {
      const response = await fetch(`${world.base}/fever/?api${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: createHash('md5').update(`alice:${FEVER_PASSWORD}`).digest('hex') }).toString(),
      });
      return (await response.json()) as any;
    };
    let readerAuth = '';
    const unreadCount = async () => {
      if (!readerAuth) {
        const login = await fetch(`${world.base}/accounts/ClientLogin?output=json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ Email: 'alice', Passwd: PASSWORD }).toString(),
        });
        readerAuth = ((await login.json()) as { Auth: string }).Auth;
      }
      const response = await fetch(`${world.base}/reader/api/0/unread-count?output=json`, { headers: { authorization: `GoogleLogin auth=${readerAuth}` } });
      const body = (await response.json()) as { unreadcounts: { id: string; count: number }[] };
      return body.unreadcounts.find((c) => c.id === 'user/-/state/com.google/reading-list')?.count;
    };
    const addRule = async (rule: Record<string, unknown>, bearer = token) => {
      const { status, body } = await call('POST', '/api/v1/rules', rule, bearer);
      expect(status, JSON.stringify(body)).toBe(201);
      return body.rule.id as number;
    };
    const removeRule = async (id: number) => expect((await call('DELETE', `/api/v1/rules/${id}`)).status).toBe(204);

    beforeAll(async () => {
      db = await engine.open();
      world = await compatWorld(db);
      await setFeverPassword(db, { id: world.userId, username: 'alice' }, FEVER_PASSWORD);
      token = (await createApiToken(db, world.userId)).token;
      const other = await createUser(db, { username: 'bob', password: PASSWORD }, { N: 1024, r: 8, p: 1 });
      otherToken = (await createApiToken(db, other.id)).token;
      const reader = await createUser(db, { username: 'carol', password: PASSWORD, role: 'reader' }, { N: 1024, r: 8, p: 1 });
      readerToken = (await createApiToken(db, reader.id)).token;
      // One article of another publisher, mentioning a person.
      tideId = (await saveArticle(db, article({ title: 'Tide tables printed', text: 'Mira Holt printed the tide tables for the harbour.', sourceName: 'Tide Weekly' }), null)).id;
      entityId = (await db.query<{ id: number }>("INSERT INTO entities (kind, key, name) VALUES ('person', 'person:miraholt', 'Mira Holt') RETURNING id"))[0]!.id;
      await db.query("INSERT INTO mentions (entity_id, article_id, start_offset, end_offset, text) VALUES ($1, $2, 0, 9, 'Mira Holt')", [entityId, tideId]);
    });
    afterAll(async () => {
      await world?.app.close();
      await db?.close();
    });

    it('answers bad rules with a 400 naming the field, and needs a user', async () => {
      const cases: [unknown, RegExp][] = [
        [{ action: 'mute', kind: 'regex', pattern: '(a)\\1' }, /pattern: \\1 is not allowed/],
        [{ action: 'mute', kind: 'regex', pattern: 'a(?=b)' }, /pattern: only \(\?:…\) groups/],
        [{ action: 'mute', kind: 'regex', pattern: 'a{1,999}' }, /pattern: a repeat count is at most 100/],
        [{ action: 'mute', kind: 'word', pattern: 'the' }, /pattern: "the" has only words too common/],
        [{ action: 'mute', kind: 'word', pattern: 'two words' }, /pattern: a word rule is one word/],
        [{ action: 'mute', kind: 'source', pattern: 'No Such Paper' }, /pattern: no source is named "No Such Paper"/],
        [{ action: 'mute', kind: 'entity', pattern: 'Nobody At All' }, /pattern: no entity is named/],
        [{ action: 'hide', kind: 'word', pattern: 'x' }, /action/],
        [{ action: 'mute', kind: 'word', pattern: 'x'.repeat(201) }, /pattern/],
        [{ action: 'mute', kind: 'word' }, /pattern/],
      ];
      for (const [body, message] of cases) {
        const { status, body: answer } = await call('POST', '/api/v1/rules', body);
        expect(status, JSON.stringify(body)).toBe(400);
        expect(answer.error.message).toMatch(message);
      }
      expect((await call('GET', '/api/v1/rules', undefined, null)).status).toBe(401);
      expect((await call('GET', '/api/v1/rules')).body).toEqual({ rules: [] });
    });

    it('hides what a mute rule matches from lists, search and the reader apps of its reader only; keep wins', async () => {
      const all = ['Bank holds rates', 'Ferry strike ends', 'Harbour tolls rise', 'Tide tables printed'];
      expect(await listed()).toEqual(all);
      expect(await unreadCount()).toBe(3);
      const mute = await addRule({ action: 'mute', kind: 'word', pattern: 'Strikes' }); // stemmed like search: strikes ~ strike
      expect(await listed()).toEqual(['Bank holds rates', 'Harbour tolls rise', 'Tide tables printed']);
      expect(await searched('ferry')).toEqual([]);
      expect(await searched('ferry', otherToken)).toEqual(['Ferry strike ends']);
      expect(await searched('ferry', null)).toEqual(['Ferry strike ends']);
      expect(await listed(otherToken)).toEqual(all);
      const items = (await fever('&items&since_id=0')).items.map((i: { title: string }) => i.title);
      expect(items).toEqual(['Harbour tolls rise', 'Bank holds rates']);
      expect((await fever('&unread_item_ids')).unread_item_ids).toBe([world.articles.harbour, world.articles.rates].join(','));
      expect(await unreadCount()).toBe(2);

      const keep = await addRule({ action: 'keep', kind: 'phrase', field: 'title', pattern: 'strike ends' });
      expect(await listed()).toEqual(all);
      expect(await unreadCount()).toBe(3);
      await removeRule(keep);
      await removeRule(mute);
      expect(await listed()).toEqual(all);
    });

    it('reads the field a rule names, and matches regular expressions without case', async () => {
      // "harbour" is in one title (and that article's text) and in the tide article's text only.
      const onTitle = await addRule({ action: 'mute', kind: 'word', field: 'title', pattern: 'harbour' });
      expect(await listed()).toEqual(['Bank holds rates', 'Ferry strike ends', 'Tide tables printed']);
      await removeRule(onTitle);
      const onBody = await addRule({ action: 'mute', kind: 'word', field: 'body', pattern: 'harbour' });
      expect(await listed()).toEqual(['Bank holds rates', 'Ferry strike ends']);
      await removeRule(onBody);
      const regex = await addRule({ action: 'mute', kind: 'regex', field: 'title', pattern: '^(?:bank|ferry) ' });
      expect(await listed()).toEqual(['Harbour tolls rise', 'Tide tables printed']);
      await removeRule(regex);
    });

    it('mutes a source by name and an entity by id', async () => {
      const source = await addRule({ action: 'mute', kind: 'source', pattern: 'coastal ledger' });
      expect(await listed()).toEqual(['Tide tables printed']);
      expect(await unreadCount()).toBe(0);
      await removeRule(source);
      const person = await addRule({ action: 'mute', kind: 'entity', pattern: String(entityId) });
      const rules = (await call('GET', '/api/v1/rules')).body.rules;
      expect(rules).toMatchObject([{ id: person, action: 'mute', kind: 'entity', pattern: 'Mira Holt', entityId }]);
      expect(await listed()).toEqual(['Bank holds rates', 'Ferry strike ends', 'Harbour tolls rise']);
      await removeRule(person);
      expect((await call('DELETE', `/api/v1/rules/${person}`)).status).toBe(404);
    });

    it("manages rules on the /rules page, and mutes an article's source with one button", async () => {
      const visitor = new Visitor(world.base);
      expect((await visitor.request('/rules')).status).toBe(303);
      await visitor.login('alice', PASSWORD);
      const csrf = await visitor.csrfFrom('/rules');
      const bad = await visitor.request('/rules', { form: { _csrf: csrf, action: 'mute', kind: 'regex', pattern: '(x)\\1', field: 'both' } });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('\\1 is not allowed');
      const added = await visitor.request('/rules', { form: { _csrf: csrf, action: 'mute', kind: 'phrase', pattern: 'tolls rise', field: 'title' } });
      expect(added.status).toBe(303);
      expect((await visitor.request('/rules')).text).toContain('tolls rise');
      expect((await visitor.request('/')).text).not.toContain('Harbour tolls rise');

      const page = await visitor.request(`/articles/${tideId}`);
      expect(page.text).toContain('Mute Tide Weekly');
      const muted = await visitor.request('/rules', { form: { _csrf: csrf, action: 'mute', kind: 'source', pattern: String((await db.query<{ id: number }>("SELECT id FROM sources WHERE name = 'Tide Weekly'"))[0]!.id), next: '/' } });
      expect(muted.status).toBe(303);
      expect(muted.headers.get('location')).toBe('/');
      expect((await visitor.request('/')).text).not.toContain('Tide tables printed');
      for (const rule of (await call('GET', '/api/v1/rules')).body.rules) await removeRule(rule.id);
    });

    it("lets only admins set a feed's block and keep rules", async () => {
      const path = `/api/v1/feeds/${world.feeds.world}/rules`;
      expect((await call('POST', path, { action: 'block', kind: 'word', pattern: 'strike' }, readerToken)).status).toBe(403);
      expect((await call('POST', path, { action: 'mute', kind: 'word', pattern: 'strike' })).status).toBe(400);
      expect((await call('POST', path, { action: 'block', kind: 'source', pattern: 'x' })).status).toBe(400);
      expect((await call('POST', '/api/v1/feeds/999999/rules', { action: 'block', kind: 'word', pattern: 'strike' })).status).toBe(404);
      const { status, body } = await call('POST', path, { action: 'block', kind: 'regex', field: 'title', pattern: 'strike' });
      expect(status).toBe(201);
      expect(body.rule).toMatchObject({ feedId: world.feeds.world, action: 'block', kind: 'regex', field: 'title', pattern: 'strike' });
      expect((await call('GET', path)).body.rules).toHaveLength(1);
      expect((await call('DELETE', `${path}/${body.rule.id}`)).status).toBe(204);
      expect((await call('GET', path)).body.rules).toEqual([]);
    });
  });
}
