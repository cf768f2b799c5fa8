// The eleven causes of 500 issue 23 found, and the malformed ids that once named real records,
// each sent on purpose: every one is a 4xx naming what was wrong, and good input still works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser } from '../../src/store/users.ts';
import { createApiToken, feverKey, setFeverPassword } from '../../src/store/api-tokens.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { article } from '../search/fixtures.ts';
import { Visitor } from '../web/client.ts';
import { safeNext } from '../../src/server/routes/accounts.ts';

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const engine of await testEngines()) {
  describe(`bad input is a 4xx naming the input (${engine.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;
    let auth: Record<string, string>;
    let first: number;

    beforeAll(async () => {
      db = await engine.open();
      const admin = await createUser(db, { username: 'admin.bad', password: 'an admin password', role: 'admin' }, { N: 1024, r: 8, p: 1 });
      auth = { authorization: `Bearer ${(await createApiToken(db, admin.id, { name: 't' })).token}` };
      for (let i = 0; i < 20; i++) {
        const saved = await saveArticle(db, article({ title: `Item ${i}`, text: `Item ${i} text.`, publishedAt: new Date(Date.UTC(2025, 7, 1, i)), url: `http://127.0.0.1:9/${i}` }), null);
        first ??= saved.id;
      }
      ({ app, base } = await listeningServer(db));
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(base + path, { redirect: 'manual', ...init, headers: { accept: 'application/json', ...auth, ...(init.headers as Record<string, string>) } });
      const text = await response.text();
      return { status: response.status, text, location: response.headers.get('location') };
    };

    it.each([
      ['/api/v1/articles/99999999999999999999', /id/],
      ['/api/v1/feeds/9223372036854775808', /id/],
      ['/api/v1/articles/0x10', /id.*"0x10"/],
      ['/api/v1/articles/1e2', /id.*"1e2"/],
      ['/api/v1/articles/%201', /id.*" 1"/],
      [`/api/v1/articles?cursor=${cursor({ id: 1.5, at: null })}`, /cursor/],
      [`/api/v1/articles?cursor=${cursor({ id: 3, at: '10000-01-01T00:00:00Z' })}`, /cursor/],
      [`/api/v1/stories?cursor=${cursor({ id: 3, at: '+275760-01-01T00:00:00Z' })}`, /cursor/],
      [`/api/v1/search?q=item&sort=time&cursor=${cursor({ s: 't', t: '+275760-09-13T00:00:00Z', i: 1 })}`, /cursor/],
      ['/api/v1/articles?source=%00', /NUL/],
      ['/api/v1/search?q=%00', /NUL/],
      ['/api/v1/entities?offset=1e999', /offset/],
      ['/api/v1/entities?limit=Infinity', /limit/],
      ['/api/v1/articles?limit=1e2', /limit/],
      ['/api/v1/articles?since=10000-01-01', /since/],
      ['/api/v1/articles?since=%2B275760-09-13T00:00:00Z', /since/],
      ['/api/v1/search?q=a&q=b', /q.*more than once/],
      ['/api/v1/articles?limit=1&limit=2', /limit.*more than once/],
    ])('GET %s → 400', async (path, message) => {
      const response = await call(path);
      expect(response.status, response.text).toBe(400);
      expect(JSON.parse(response.text).error.message).toMatch(message);
    });

    it('reads ids written in digits, and never reads another spelling as a record', async () => {
      expect((await call(`/api/v1/articles/${first}`)).status).toBe(200);
      for (const spelling of [`0x${first.toString(16)}`, `${first}.0`, `+${first}`, `%20${first}`, `${first}%20`, `0${first}`.replace(/^0(?=[1-9])/, '0e0')]) {
        expect((await call(`/api/v1/articles/${spelling}`)).status, spelling).toBe(400);
      }
      // A malformed id in a delete touches nothing.
      expect((await call(`/api/v1/tokens/0x1`, { method: 'DELETE' })).status).toBe(400);
      expect((await call('/api/v1/tokens')).text).toContain('"name":"t"');
    });

    it('answers 400 to a JSON type the schema does not allow (POST /api/v1/feeds {"url":123})', async () => {
      const response = await call('/api/v1/feeds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 123 }) });
      expect(response.status, response.text).toBe(400);
      expect(response.text).toMatch(/url/);
    });

    it('sets the same Fever password twice', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await call('/api/v1/fever-password', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'the same fever password' }) });
        expect(response.status, response.text).toBe(204);
      }
    });

    it('exports OPML with no subscriptions', async () => {
      for (const path of ['/api/v1/feeds/export.opml', '/feed/subscriptions.opml']) {
        const response = await call(path);
        expect(response.status, path).toBe(200);
        expect(response.text).toContain('<opml');
      }
    });

    it('refuses counts and times the reader apps send that no database could hold', async () => {
      const login = await fetch(`${base}/accounts/ClientLogin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Email=admin.bad&Passwd=an%20admin%20password' });
      const token = /Auth=(\S+)/.exec(await login.text())![1]!;
      const reader = { authorization: `GoogleLogin auth=${token}` };
      const stream = '/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list';
      for (const query of ['&c=1e20', '&c=0x10', '&n=1e2', '&ot=999999999999', '&nt=999999999999']) {
        const response = await fetch(base + stream + query, { headers: reader });
        expect(response.status, query).toBe(400);
      }
      const mark = await fetch(`${base}/reader/api/0/mark-all-as-read`, {
        method: 'POST',
        headers: { ...reader, 'content-type': 'application/x-www-form-urlencoded' },
        body: 's=user/-/state/com.google/reading-list&ts=9999999999999999999',
      });
      expect(mark.status).toBe(400);
      await setFeverPassword(db, { id: 1, username: 'admin.bad' }, 'a fever password');
      const fever = await fetch(`${base}/fever/?api&mark=group&as=read&id=0&before=999999999999999`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `api_key=${feverKey('admin.bad', 'a fever password')}`,
      });
      expect(fever.status).toBe(400);
      expect(await fever.text()).toMatch(/before/);
    });

    it('has no icon named after an object property', async () => {
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect((await call(`/icons/${name}`)).status, name).toBe(404);
    });

    it('logs in with a control character in next and goes home instead', async () => {
      await createUser(db, { username: 'next.user', password: 'a long reader password' }, { N: 1024, r: 8, p: 1 });
      for (const next of ['/\n/evil.example', '/\t/evil.example', '/\\evil.example', '/ok\r\nSet-Cookie: a=b']) {
        const visitor = new Visitor(base);
        const response = await visitor.request('/login', { form: { username: 'next.user', password: 'a long reader password', next, _csrf: await visitor.csrfFrom('/login') } });
        expect(response.status, JSON.stringify(next)).toBe(303);
        expect(response.headers.get('location')).toBe('/');
      }
    });
  });
}

describe('where a login may send the reader next', () => {
  it.each([
    ['/articles/3', '/articles/3'],
    ['/search?q=a%20b', '/search?q=a%20b'],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['/\t/evil.example', null],
    ['/\n/evil.example', null],
    ['/ok\r\nSet-Cookie: a=b', null],
    ['/a\u0000b', null],
    ['/a\u007fb', null],
    ['/path\\with\\backslashes', null],
    ['https://evil.example/', null],
    ['evil.example', null],
    ['/login', null],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
