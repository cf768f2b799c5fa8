// One clock: a database set to a reference time (as the demo sets its own) is read by every
// process that opens it. `dateline serve`'s pages and a `dateline articles` run beside it count
// ages from the same `now`, not one from the demo time and the other from the wall clock.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/store/db.ts';
import { setReferenceNow } from '../../src/store/clock.ts';
import { generateCorpus } from '../pipeline/crash-corpus.ts';
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';
import { importPaths } from '../../src/cli/commands/import.ts';
import { readSeedCaptureTimes, seedsDir } from '../../src/cli/commands/serve.ts';

const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`[dateline tests] ${seedsDir} is missing: skipping the seeds' capture-time test`);

const repo = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, DATABASE_URL: '', DATELINE_NOW: '', DATELINE_LOG_LEVEL: 'error' };

describe('one clock for the reader and the CLI', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dateline-clock-'));
  const dataDir = join(work, 'data');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows the same ages on the home page and in `dateline articles`', async () => {
    const [page] = generateCorpus(1); // published 2025-07-20T06:00:00Z
    writeFileSync(join(work, page!.name), page!.html);
    // From a copy of the run's migrated template: creating the directory is not what this tests.
    copyMigratedTemplate(dataDir);
    const imported = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, 'import', join(work, page!.name)], { env, encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);
    const db = await openDb({ dataDir });
    await setReferenceNow(db, new Date('2025-07-23T07:00:00Z'));
    await db.close();

    const server = spawn(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          const url = /serving on (http:\/\/\S+)/.exec(out)?.[1];
          if (url) resolve(url);
        });
        server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const home = await (await fetch(origin + '/')).text();
      // The CLI reaches the served database through its socket, and reads the same clock.
      const cli = await new Promise<string>((resolve) => {
        const run = spawn(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, 'articles'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        run.stdout.on('data', (d) => (out += d));
        run.stderr.on('data', (d) => (out += d));
        run.on('exit', () => resolve(out));
      });
      expect(home).toContain('3 days ago');
      expect(cli).toContain('3 days ago');
      expect(cli).not.toMatch(/year ago|years ago/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });

  it.runIf(haveSeeds)("dates the seed pages from their capture time (2025), not their files' checkout time", async () => {
    const captured = readSeedCaptureTimes();
    const files = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
    expect(files.every((f) => captured.has(f))).toBe(true);
    const db = await openEmbeddedTestDb();
    try {
      // As the demo imports them: each page's relative ages count from its own capture time.
      const summary = await importPaths(db, [seedsDir], {
        asOf: null,
        maxPageBytes: 1 << 22,
        quiet: true,
        print: () => undefined,
        asOfFor: (file) => captured.get(basename(file)),
        now: new Date('2025-08-12T16:30:00Z'),
      });
      expect(summary.failed).toBe(0);
      const years = await db.query<{ year: number; basis: string }>("SELECT DISTINCT extract(year FROM published_at)::int AS year, time_basis AS basis FROM articles WHERE published_at IS NOT NULL AND time_basis = 'relative'");
      expect(years.length).toBeGreaterThan(0);
      expect(years.map((y) => y.year)).toEqual([2025]);
      // "17 hours ago" on a page captured 2025-07-11 01:00 UTC: the column of July 10 (test/fixtures/gold).
      const [column] = await db.query<{ published_at: Date }>("SELECT published_at FROM articles WHERE title LIKE '[Wang Son-taek]%' AND role = 'main'");
      expect(Math.abs(column!.published_at.getTime() - Date.parse('2025-07-10T08:00:00Z'))).toBeLessThanOrEqual(3_600_000);
    } finally {
      await db.close();
    }
  });
});
