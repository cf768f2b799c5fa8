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

const repo = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, DATABASE_URL: '', DATELINE_NOW: '', DATELINE_LOG_LEVEL: 'error' };

describe('one clock for the reader and the CLI', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dateline-clock-'));
  const dataDir = join(work, 'data');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('shows the same ages on the home page and in `dateline articles`', async () => {
    const [page] = generateCorpus(1); // published 2025-07-20T06:00:00Z
    writeFileSync(join(work, page!.name), page!.html);
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
});
