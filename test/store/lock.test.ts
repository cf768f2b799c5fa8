import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir, openDb } from '../../src/store/db.ts';

describe('one process owns an embedded data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a directory another running process holds, naming it', async () => {
    writeFileSync(join(dir, 'dateline.pid'), String(process.ppid));
    await expect(openDb({ dataDir: dir })).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a process that has gone, and releases it on close', async () => {
    writeFileSync(join(dir, 'dateline.pid'), '2147483646');
    const db = await openDb({ dataDir: dir });
    expect((await db.query<{ one: number }>('SELECT 1 AS one'))[0]!.one).toBe(1);
    await db.close();
    expect(existsSync(join(dir, 'dateline.pid'))).toBe(false);
    lockDataDir(dir)();
  });
});
