// Issue 23 on both engines: one login limit shared by the login form, ClientLogin, Fever keys,
// Google Reader tokens and Bearer tokens (per address and per account); a password change or a
// disabled account ends every session and revokes every token and the Fever key; subscriptions
// only for signed-in users, feed secrets masked for everyone but admins; /metrics kept local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listeningServer } from '../helpers/server.ts';
import { createUser, setDisabled, setPassword } from '../../src/store/users.ts';
import { createApiToken, feverKey, setFeverPassword } from '../../src/store/api-tokens.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { LIMITS } from '../../src/server/rate-limit.ts';
import { awayFromWindowEdge } from '../helpers/rate-window.ts';
import { Visitor } from '../web/client.ts';

const FAST = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'the reader password';
const FEVER = 'the fever password';

for (const engine of await testEngines()) {
  describe(`credentials and limits (${engine.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let base: string;

    beforeAll(async () => {
      db = await engine.open();
      await addFeed(db, { url: 'http://feeduser:s3cret@127.0.0.1:9/private.xml?token=abc123&page=2', title: 'Private desk', siteUrl: 'http://127.0.0.1:9/?key=zzz' });
      ({ app, base } = await listeningServer(db, { DATELINE_METRICS_TOKEN: 'a-metrics-token-long-enough' }));
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });
    // Every test starts with fresh counters (they are all sent from 127.0.0.1), clear of a window's end.
    beforeEach(async () => {
      await awayFromWindowEdge(LIMITS.loginByAddress.windowMs);
      await db.query('DELETE FROM rate_limits');
    }, 60_000);

    let serial = 0;
    const newReader = async (role: 'reader' | 'admin' = 'reader') => {
      const username = `user${++serial}`;
      const user = await createUser(db, { username, password: PASSWORD, role }, FAST);
      return { ...user, username };
    };
    const formLogin = async (username: string, password: string) => {
      const visitor = new Visitor(base);
      const response = await visitor.request('/login', { form: { username, password, _csrf: await visitor.csrfFrom('/login') } });
      return { status: response.status, visitor };
    };
    const clientLogin = async (email: string, password: string) => {
      const response = await fetch(`${base}/accounts/ClientLogin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Email: email, Passwd: password }).toString(),
      });
      const text = await response.text();
      return { status: response.status, token: /Auth=(\S+)/.exec(text)?.[1] ?? null };
    };
    const fever = async (key: string) => {
      const response = await fetch(`${base}/fever/?api`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `api_key=${key}` });
      const text = await response.text();
      return { status: response.status, auth: response.status === 200 ? (JSON.parse(text) as { auth: number }).auth : null };
    };
    const bearer = async (token: string) => (await fetch(`${base}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } })).status;
    const greader = async (token: string) => (await fetch(`${base}/reader/api/0/user-info`, { headers: { authorization: `GoogleLogin auth=${token}` } })).status;

    it('stops wrong Fever keys from one address, and then the right key too', async () => {
      const user = await newReader();
      await setFeverPassword(db, user, FEVER);
      const right = feverKey(user.username, FEVER);
      expect((await fever(right)).auth).toBe(1);
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.loginByAddress.max + 5; i++) statuses.push((await fever(feverKey(user.username, `guess ${i}`))).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.loginByAddress.max);
      expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
      expect((await fever(right)).status).toBe(429);
    });

    it('stops ClientLogin after as many wrong passwords for one account as the form allows', async () => {
      const user = await newReader();
      const statuses: number[] = [];
      for (let i = 0; i < LIMITS.loginByNameAndAddress.max + 2; i++) statuses.push((await clientLogin(user.username, `wrong ${i}`)).status);
      expect(statuses.slice(0, LIMITS.loginByNameAndAddress.max).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(-2)).toEqual([429, 429]);
      expect((await clientLogin(user.username, PASSWORD)).status).toBe(429);
    });

    it('counts the form and ClientLogin against one limit per account', async () => {
      const user = await newReader();
      const half = LIMITS.loginByNameAndAddress.max / 2;
      for (let i = 0; i < half; i++) expect((await formLogin(user.username, `wrong ${i}`)).status).toBe(401);
      for (let i = 0; i < half; i++) expect((await clientLogin(user.username, `wrong ${i}`)).status).toBe(401);
      expect((await formLogin(user.username, PASSWORD)).status).toBe(429);
      expect((await clientLogin(user.username, PASSWORD)).status).toBe(429);
    });

    it('counts wrong Bearer and Google Reader tokens against the address, and then refuses the login form too', async () => {
      const user = await newReader();
      const { token } = await createApiToken(db, user.id, { name: 'mine' });
      expect(await bearer(token)).toBe(200);
      for (let i = 0; i < LIMITS.loginByAddress.max / 2; i++) expect(await bearer(`dla_wrong${i}`)).toBe(401);
      for (let i = 0; i < LIMITS.loginByAddress.max / 2; i++) expect(await greader(`dlg_wrong${i}`)).toBe(401);
      expect(await bearer(token)).toBe(429);
      expect((await formLogin(user.username, PASSWORD)).status).toBe(429);
    });

    it('never limits logins that succeed', async () => {
      const user = await newReader();
      const { token } = await createApiToken(db, user.id, { name: 'mine' });
      // The form and ClientLogin share guardedLogin: past the per-account limit, half by each.
      for (let i = 0; i < LIMITS.loginByNameAndAddress.max / 2 + 1; i++) {
        expect((await formLogin(user.username, PASSWORD)).status).toBe(303);
        expect((await clientLogin(user.username, PASSWORD)).status).toBe(200);
      }
      for (let i = 0; i < LIMITS.loginByAddress.max + 3; i++) expect(await bearer(token)).toBe(200);
    }, 60_000);

    for (const [change, act] of [
      ['a password change', (username: string) => setPassword(db, username, 'a brand new password', FAST)],
      ['disabling the account', (username: string) => setDisabled(db, username, true)],
    ] as const) {
      it(`ends sessions and revokes API, reader-app and Fever credentials on ${change}`, async () => {
        const user = await newReader();
        const { visitor } = await formLogin(user.username, PASSWORD);
        const session = async () => JSON.parse((await visitor.request('/api/v1/session', { headers: { accept: 'application/json' } })).text).user;
        const { token } = await createApiToken(db, user.id, { name: 'script' });
        const reader = (await clientLogin(user.username, PASSWORD)).token!;
        await setFeverPassword(db, user, FEVER);
        const key = feverKey(user.username, FEVER);
        expect(await session()).toMatchObject({ username: user.username });
        expect(await bearer(token)).toBe(200);
        expect(await greader(reader)).toBe(200);
        expect((await fever(key)).auth).toBe(1);

        await act(user.username);

        expect(await session()).toBeNull();
        expect(await bearer(token)).toBe(401);
        expect(await greader(reader)).toBe(401);
        expect((await fever(key)).auth).toBe(0);
        if (change === 'disabling the account') {
          // Enabling it again brings none of them back.
          await setDisabled(db, user.username, false);
          expect(await bearer(token)).toBe(401);
          expect(await greader(reader)).toBe(401);
          expect((await fever(key)).auth).toBe(0);
          expect((await formLogin(user.username, PASSWORD)).status).toBe(303);
        } else {
          expect((await formLogin(user.username, 'a brand new password')).status).toBe(303);
        }
      });
    }

    it('shows subscriptions only to signed-in users, with feed secrets for admins alone', async () => {
      for (const path of ['/api/v1/feeds', '/api/v1/feeds/export.opml', '/feed/subscriptions.opml']) {
        expect((await fetch(base + path)).status, path).toBe(401);
      }
      expect((await fetch(base + '/feeds', { redirect: 'manual' })).status).toBe(303);
      const reader = await newReader();
      const admin = await newReader('admin');
      const readerToken = (await createApiToken(db, reader.id)).token;
      const adminToken = (await createApiToken(db, admin.id)).token;
      const get = async (path: string, token: string) => (await fetch(base + path, { headers: { authorization: `Bearer ${token}` } })).text();
      for (const path of ['/api/v1/feeds', '/api/v1/feeds/export.opml', '/feed/subscriptions.opml']) {
        const masked = await get(path, readerToken);
        expect(masked, path).toContain('Private desk');
        expect(masked, path).not.toMatch(/s3cret|abc123|zzz|feeduser/);
        expect(masked, path).toMatch(/\*\*\*@127\.0\.0\.1:9\/private\.xml\?token=\*\*\*&(amp;)?page=2/);
        expect(await get(path, adminToken), path).toContain('s3cret');
      }
      const page = await (await formLogin(reader.username, PASSWORD)).visitor.request('/feeds');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Private desk');
      expect(page.text).not.toMatch(/s3cret|abc123/);
      // The reader apps' subscription lists too.
      const readerApp = (await clientLogin(reader.username, PASSWORD)).token!;
      const list = await (await fetch(`${base}/reader/api/0/subscription/list?output=json`, { headers: { authorization: `GoogleLogin auth=${readerApp}` } })).text();
      expect(list).toContain('Private desk');
      expect(list).not.toMatch(/s3cret|abc123/);
    });

    it('answers /metrics on loopback or with the metrics token only', async () => {
      expect((await fetch(base + '/metrics')).status).toBe(200);
      // Came through a proxy nobody said to trust: not local.
      expect((await fetch(base + '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
      expect((await fetch(base + '/metrics', { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer a-metrics-token-long-enough' } })).status).toBe(200);
      expect((await fetch(base + '/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(403);
    });
  });
}
