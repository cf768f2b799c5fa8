// `dateline search`, `dateline watches` and `dateline tokens` as a user runs them: real
// processes on a real embedded database directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { migrate } from '../../src/store/migrate.ts';
import { createUser } from '../../src/store/users.ts';
import { openDb } from '../../src/store/db.ts';
import { userForToken } from '../../src/store/api-tokens.ts';
import { seedCorpus } from './fixtures.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function dateline(args: string[], dataDir: string, input?: string) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
    input,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('search, watches and tokens on the command line', { timeout: 240_000 }, () => {
  let dataDir: string;

  beforeAll(async () => {
    // A directory of our own: the commands open it themselves, one process at a time.
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-search-cli-'));
    copyMigratedTemplate(dataDir);
    const db = await openDb({ dataDir });
    await migrate(db);
    await seedCorpus(db);
    await createUser(db, { username: 'reader1', password: 'correct horse battery' }, { N: 1024, r: 8, p: 1 });
    await db.close();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('searches with filters, facets and JSON output, and explains bad queries', () => {
    // `--` ends the options, so that -strike is an excluded word and not a flag.
    const text = dateline(['search', '--facets', '--', 'tariffs', '-strike'], dataDir);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Seoul weighs response to new steel ‹tariffs›');
    expect(text.stdout).not.toContain('Port strike');
    expect(text.stdout).toMatch(/by source: .*Capital Wire \(1\)/);
    const json = JSON.parse(dateline(['search', '关税', '--json'], dataDir).stdout);
    expect(json.hits.map((h: { title: string }) => h.title)).toEqual(['韩国对美国钢铁关税作出回应']);
    const bad = dateline(['search', '"open'], dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('query "\\"open": unclosed quote');
    expect(dateline(['search', 'tariffs', '--limit', '1000'], dataDir).stderr).toContain('limit: expected a whole number from 1 to 100');
  });

  it('keeps watches and issues tokens and the Fever key', async () => {
    const added = dateline(['watches', 'add', '--user', 'reader1', '--name', 'Korea', 'tariff', 'AND', 'Korea'], dataDir);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/watch \d+ saved; feeds: \/feed\/watches\/[\w-]+\.atom/);
    const id = /watch (\d+)/.exec(added.stdout)![1]!;
    expect(dateline(['watches', 'list', '--user', 'reader1'], dataDir).stdout).toContain('Korea  [tariff AND Korea]');
    expect(dateline(['watches', 'show', id, '--user', 'reader1'], dataDir).stdout).toContain('sign trade deal');
    expect(dateline(['watches', 'add', '--user', 'nobody', 'x'], dataDir).stderr).toContain('no user named "nobody"');
    const token = dateline(['tokens', 'create', 'reader1', '--name', 'laptop'], dataDir).stdout.trim();
    expect(token).toMatch(/^dla_/);
    expect(dateline(['tokens', 'fever', 'reader1'], dataDir, 'fever-password\n').status).toBe(0);
    expect(dateline(['tokens', 'list', 'reader1'], dataDir).stdout).toMatch(/api\s+laptop[\s\S]*fever/);
    const db = await openDb({ dataDir });
    try {
      expect((await userForToken(db, token, ['api']))?.username).toBe('reader1');
      const key = createHash('md5').update('reader1:fever-password').digest('hex');
      expect((await userForToken(db, key, ['fever']))?.username).toBe('reader1');
    } finally {
      await db.close();
    }
    expect(dateline(['watches', 'remove', id, '--user', 'reader1'], dataDir).stdout).toContain(`watch ${id} removed`);
  });
});
