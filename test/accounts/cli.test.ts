import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/store/db.ts';
import { verifyPassword } from '../../src/store/users.ts';
import { createApiToken, userForToken } from '../../src/store/api-tokens.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';

// The real command, as an operator runs it: a child process reading the password from stdin.
function dateline(dataDir: string, args: string[], input = '') {
  const result = spawnSync(process.execPath, ['bin/dateline.js', '--data', dataDir, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dateline users', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    copyMigratedTemplate(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Each run is a fresh node process opening PGlite: slow on a busy machine, hence the timeout.
  it('creates the first admin with the password from stdin, and refuses bad input with one line', { timeout: 300_000 }, async () => {
    const created = dateline(dataDir, ['users', 'create', '--admin', 'chief'], 'an admin passphrase\n');
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^created admin chief \(id \d+\)\n$/);
    const again = dateline(dataDir, ['users', 'create', 'Chief'], 'another passphrase\n');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('dateline: username "Chief" is already taken\n');
    const short = dateline(dataDir, ['users', 'create', 'newbie'], 'short\n');
    expect(short.stderr).toBe('dateline: password: at least 10 characters, got 5\n');
    const both = dateline(dataDir, ['users', 'create', '--admin', '--moderator', 'x1x'], 'whatever password\n');
    expect(both.stderr).toContain('--admin and --moderator: choose one');
    const role = dateline(dataDir, ['users', 'role', 'chief', 'emperor']);
    expect(role.stderr).toContain('role "emperor": expected one of reader, moderator, admin');
    const list = dateline(dataDir, ['users', 'list']);
    expect(list.stdout).toMatch(/chief\s+admin\s+last login never/);
    const db = await openDb({ dataDir });
    try {
      expect(await verifyPassword(db, 'chief', 'an admin passphrase')).toMatchObject({ role: 'admin' });
    } finally {
      await db.close();
    }
  });

  it('disables an account (sessions ended, tokens revoked) and enables it again', { timeout: 300_000 }, async () => {
    expect(dateline(dataDir, ['users', 'create', 'leaver'], 'a leaving passphrase\n').status).toBe(0);
    let db = await openDb({ dataDir });
    let token: string;
    try {
      const user = (await verifyPassword(db, 'leaver', 'a leaving passphrase'))!;
      token = (await createApiToken(db, user.id, { name: 'script' })).token;
    } finally {
      await db.close();
    }
    const disabled = dateline(dataDir, ['users', 'disable', 'leaver']);
    expect(disabled.stderr).toBe('');
    expect(disabled.stdout).toBe('leaver is disabled (0 session(s) ended, 1 token(s) revoked)\n');
    expect(dateline(dataDir, ['users', 'enable', 'leaver']).stdout).toBe('leaver is enabled\n');
    expect(dateline(dataDir, ['users', 'disable', 'nobody']).stderr).toBe('dateline: no user named "nobody"\n');
    db = await openDb({ dataDir });
    try {
      // Enabled again: the password works, the old token stays revoked.
      expect(await verifyPassword(db, 'leaver', 'a leaving passphrase')).not.toBeNull();
      expect(await userForToken(db, token, ['api'])).toBeNull();
    } finally {
      await db.close();
    }
  });
});
