import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { AccountError, checkPasswordHash, createUser, getUserById, getUserByName, hashPassword, setPassword, setUserRole, verifyPassword } from '../../src/store/users.ts';

// Cheaper than the default so the suite stays quick; one test below uses the default.
const FAST = { N: 2 ** 12, r: 8, p: 1 };

for (const engine of await testEngines()) {
  describe(`users on the ${engine.name} engine`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('creates a user and verifies the password, not another', async () => {
      const user = await createUser(db, { username: 'Ada.L', password: 'correct horse battery', role: 'reader' }, FAST);
      expect(user).toMatchObject({ username: 'Ada.L', role: 'reader' });
      expect(await verifyPassword(db, 'ada.l', 'correct horse battery', FAST)).toMatchObject({ id: user.id });
      expect(await verifyPassword(db, 'Ada.L', 'correct horse batterY', FAST)).toBeNull();
      expect(await verifyPassword(db, 'nobody', 'correct horse battery', FAST)).toBeNull();
      expect(await getUserById(db, user.id)).toMatchObject({ username: 'Ada.L' });
      const [stored] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(stored!.password_hash).toMatch(/^scrypt\$4096\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(stored!.password_hash).not.toContain('horse');
    });

    it('refuses a taken name whatever its case, bad names, short passwords and unknown roles', async () => {
      await createUser(db, { username: 'grace', password: 'a long enough pass' }, FAST);
      await expect(createUser(db, { username: 'GRACE', password: 'a long enough pass' }, FAST)).rejects.toThrow(/already taken/);
      await expect(createUser(db, { username: '<script>', password: 'a long enough pass' }, FAST)).rejects.toThrow(AccountError);
      await expect(createUser(db, { username: 'al', password: 'a long enough pass' }, FAST)).rejects.toThrow(/3 to 32/);
      await expect(createUser(db, { username: 'shorty', password: 'short' }, FAST)).rejects.toThrow(/at least 10 characters, got 5/);
      await expect(createUser(db, { username: 'king', password: 'a long enough pass', role: 'king' as never }, FAST)).rejects.toThrow(/role "king"/);
    });

    it('upgrades a weaker hash on login and changes roles and passwords', async () => {
      const weak = { N: 2 ** 10, r: 8, p: 1 };
      await createUser(db, { username: 'linus', password: 'penguins rule ok' }, weak);
      expect(await verifyPassword(db, 'linus', 'penguins rule ok', FAST)).not.toBeNull();
      const [row] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'linus'");
      expect(row!.password_hash.startsWith('scrypt$4096$')).toBe(true);
      expect((await setUserRole(db, 'LINUS', 'moderator')).role).toBe('moderator');
      await setPassword(db, 'linus', 'another long secret', FAST);
      expect(await verifyPassword(db, 'linus', 'penguins rule ok', FAST)).toBeNull();
      expect(await getUserByName(db, 'linus')).toMatchObject({ role: 'moderator' });
    });

    it('counts rate-limit hits per window in the database, and opens the next window', async () => {
      const { hit } = await import('../../src/server/rate-limit.ts');
      const limit = { what: 'tries', max: 2, windowMs: 60_000 };
      const t0 = new Date('2026-11-26T10:00:10Z');
      expect((await hit(db, 'test:key', limit, t0)).allowed).toBe(true);
      expect((await hit(db, 'test:key', limit, new Date(t0.getTime() + 1000))).allowed).toBe(true);
      const third = await hit(db, 'test:key', limit, new Date(t0.getTime() + 2000));
      expect(third).toMatchObject({ allowed: false, hits: 3, retryAfterSeconds: 48 });
      expect((await hit(db, 'test:other', limit, t0)).allowed).toBe(true);
      expect(await hit(db, 'test:key', limit, new Date('2026-11-26T10:01:00Z'))).toMatchObject({ allowed: true, hits: 1 });
    });

    it('hashes with the default memory-hard parameters', async () => {
      const hash = await hashPassword('pässwörd with accents');
      expect(hash.startsWith('scrypt$65536$8$1$')).toBe(true);
      // NFKC: the decomposed spelling is the same password.
      expect(await checkPasswordHash('pa\u0308sswo\u0308rd with accents', hash)).toBe(true);
      expect(await checkPasswordHash('passwords with accents', hash)).toBe(false);
    });
  });
}

describe('the account sweep', () => {
  it('deletes expired sessions and old rate-limit windows only', async () => {
    const { openEmbeddedTestDb } = await import('../helpers/db.ts');
    const { createSession, findSession } = await import('../../src/store/sessions.ts');
    const { sweepAccounts } = await import('../../src/server/routes/accounts.ts');
    const { hit, LIMITS } = await import('../../src/server/rate-limit.ts');
    const db = await openEmbeddedTestDb();
    try {
      const user = await createUser(db, { username: 'sweeper', password: 'a long enough pass' }, FAST);
      const now = new Date('2026-11-26T12:00:00Z');
      const old = await createSession(db, user, { now: new Date('2026-10-01T00:00:00Z'), lifetimeMs: 86_400_000 });
      const fresh = await createSession(db, user, { now, lifetimeMs: 86_400_000 });
      await hit(db, 'login:ip:192.0.2.1', LIMITS.loginByAddress, now);
      await db.query("INSERT INTO rate_limits (key, window_start, hits) VALUES ('login:ip:192.0.2.1', '2026-11-20T00:00:00Z', 3)");
      expect(await sweepAccounts(db, now)).toEqual({ sessions: 1, rateWindows: 1 });
      expect(await findSession(db, old.token, now, 86_400_000)).toBeNull();
      expect(await findSession(db, fresh.token, now, 86_400_000)).toMatchObject({ user: { username: 'sweeper' } });
    } finally {
      await db.close();
    }
  });
});
