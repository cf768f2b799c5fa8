// /account/apps: a reader makes an API token (shown once, then usable as Bearer and as a Google
// Reader password), revokes it, and sets a Fever password that the Fever API then accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReader, startWebWorld, type WebWorld } from './server-world.ts';
import { feverKey } from '../../src/store/api-tokens.ts';
import { Visitor } from './client.ts';

describe('the /account/apps page', () => {
  let world: WebWorld;
  let base: string;
  let reader: Visitor;
  const PASSWORD = 'a fine long password';

  beforeAll(async () => {
    world = await startWebWorld(async (db) => void (await createReader(db, 'reader.one', PASSWORD)));
    base = world.base;
    reader = new Visitor(base);
    expect((await reader.login('reader.one', PASSWORD)).status).toBe(303);
  });
  afterAll(() => world?.close());

  it('is linked from /account and sends visitors to log in', async () => {
    expect((await reader.request('/account')).text).toContain('<a href="/account/apps">Apps and API tokens</a>');
    const anonymous = await new Visitor(base).request('/account/apps');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Faccount%2Fapps');
  });

  it('makes a token shown once, which then works for the API and Google Reader login, and revokes it', async () => {
    const token = await reader.csrfFrom('/account/apps');
    expect((await reader.request('/account/tokens', { form: { name: 'Reeder' } })).status).toBe(403);
    const empty = await reader.request('/account/tokens', { form: { name: '  ', _csrf: token } });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Name: give 1 to 100 characters');
    const made = await reader.request('/account/tokens', { form: { name: 'Reeder', _csrf: token } });
    expect(made.status).toBe(201);
    const secret = /<code class="token">(dla_[\w-]+)<\/code>/.exec(made.text)?.[1];
    expect(secret).toBeDefined();
    expect(made.headers.get('cache-control')).toBe('no-store');
    const listed = await reader.request('/account/apps');
    expect(listed.text).toContain('<td>Reeder</td><td>API token</td>');
    expect(listed.text).not.toContain(secret!);

    const me = await fetch(`${base}/api/v1/watches`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    const login = await fetch(`${base}/accounts/ClientLogin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Email: 'reader.one', Passwd: secret! }).toString() });
    expect(login.status).toBe(200);

    const id = /action="\/account\/tokens\/(\d+)\/revoke"/.exec(listed.text)![1];
    const revoked = await reader.request(`/account/tokens/${id}/revoke`, { form: { _csrf: token } });
    expect(revoked.headers.get('location')).toBe('/account/apps?done=revoked');
    expect((await fetch(`${base}/api/v1/watches`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect((await reader.request(`/account/tokens/${id}/revoke`, { form: { _csrf: token } })).status).toBe(404);
    expect((await reader.request('/account/tokens/abc/revoke', { form: { _csrf: token } })).status).toBe(404);
  });

  it('sets the Fever password, which the Fever API then accepts', async () => {
    const token = await reader.csrfFrom('/account/apps');
    const short = await reader.request('/account/fever', { form: { password: 'short', _csrf: token } });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Fever password: 10 to 200 characters, got 5.');
    const fever = async () =>
      (await (
        await fetch(`${base}/fever/?api`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ api_key: feverKey('reader.one', 'my fever password') }).toString(),
        })
      ).json()) as { auth: number };
    expect((await fever()).auth).toBe(0);
    const set = await reader.request('/account/fever', { form: { password: 'my fever password', _csrf: token } });
    expect(set.headers.get('location')).toBe('/account/apps?done=fever');
    expect((await fever()).auth).toBe(1);
    expect((await reader.request('/account/apps?done=fever')).text).toContain('<td>Fever</td><td>Fever password</td>');
  });
});
