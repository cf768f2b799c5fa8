// `dateline coverage`, `dateline webhooks` and `dateline email` as an operator runs them: real
// processes on a real embedded database directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { createUser } from '../../src/store/users.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { addStoryArticle, createStory } from '../../src/store/stories.ts';
import { article } from '../search/fixtures.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function dateline(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('coverage, webhooks and email on the command line', { timeout: 240_000 }, () => {
  let dir: string;
  let dataDir: string;
  let story: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-coverage-cli-'));
    dataDir = join(dir, 'data');
    copyMigratedTemplate(dataDir);
    const db = await openDb({ dataDir });
    await migrate(db);
    await createUser(db, { username: 'operator', password: 'correct horse battery' }, { N: 1024, r: 8, p: 1 });
    const a = await saveArticle(db, article({ title: 'Dockers strike shuts harbour', sourceName: 'Coastal Ledger' }), null);
    const b = await saveArticle(db, article({ title: 'Harbour strike: union blames bosses', sourceName: 'Capital Wire' }), null);
    story = await createStory(db, 'Dockers strike shuts harbour', a.id);
    await addStoryArticle(db, story, a.id, null);
    await addStoryArticle(db, story, b.id, null);
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("imports source metadata, reporting bad lines, and shows a story's coverage", () => {
    const csv = join(dir, 'sources.csv');
    writeFileSync(csv, 'source,lean,country\nCoastal Ledger,left,GB\nCapital Wire,left,US\nNowhere News,right,\n');
    const imported = dateline(['coverage', 'import', csv], dataDir);
    expect(imported.status).toBe(1);
    expect(imported.stdout).toContain('applied 2 rows, 1 not applied');
    expect(imported.stderr).toContain(`${csv}:4: Nowhere News: no such source`);
    const shown = dateline(['coverage', 'show', String(story)], dataDir);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('2 outlets; by lean: left 2, centre 0, right 0, no label 0');
    expect(shown.stdout).toContain('covered by one side only: left');
    expect(shown.stdout).toContain('only here: union, blames, bosses');
    expect(dateline(['coverage', 'show', 'abc'], dataDir).stderr).toContain('story: "abc" is not a story id');
  });

  it('lists webhooks, gives a newsletter address, and refuses digests without an SMTP server', () => {
    expect(dateline(['webhooks', 'list'], dataDir).stdout).toBe('no webhooks\n');
    const address = dateline(['email', 'address', '--user', 'operator'], dataDir, { DATELINE_EMAIL_DOMAIN: 'mail.example', DATELINE_SMTP_PORT: '2525' });
    expect(address.stdout).toMatch(/^n[0-9a-f]{18}@mail\.example\n$/);
    expect(dateline(['email', 'address', '--user', 'operator'], dataDir, { DATELINE_EMAIL_DOMAIN: 'mail.example', DATELINE_SMTP_PORT: '2525' }).stdout).toBe(address.stdout);
    const digests = dateline(['email', 'digests'], dataDir);
    expect(digests.status).toBe(1);
    expect(digests.stderr).toContain('DATELINE_SMTP_URL is not set');
  });
});
