// The `dateline import` command end to end, as a user runs it: a real process, a real
// embedded database directory, the seed pages plus a batch of broken files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyMigratedTemplate } from '../helpers/template.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const seedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const charsets = join(repo, 'test/fixtures/charsets');
const haveSeeds = existsSync(seedsDir);
if (!haveSeeds) console.warn(`[dateline tests] ${seedsDir} is missing: skipping the seed-import CLI tests`);

function dateline(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 200_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('dateline import (CLI)', { timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
  const dataDir = join(work, 'data');
  const inbox = join(work, 'inbox');

  beforeAll(() => {
    // The database directory starts as a copy of the run's migrated template: creating and migrating
    // one costs a process ~9 s of CPU here, and what a first run does to an empty directory is the
    // sigkill tests' clean import (test/pipeline/sigkill-suite.ts, which asserts its whole state).
    copyMigratedTemplate(dataDir);
    rmSync(inbox, { recursive: true, force: true });
    spawnSync('mkdir', ['-p', inbox]);
    writeFileSync(join(inbox, 'empty.txt'), '');
    writeFileSync(join(inbox, 'noise.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(inbox, 'huge.html'), Buffer.alloc(11 * 1024 * 1024, 'a'));
    for (const file of readdirSync(charsets).filter((f) => /\.(html|txt)$/.test(f) && f !== 'empty.txt')) {
      copyFileSync(join(charsets, file), join(inbox, file));
    }
    writeFileSync(
      join(inbox, 'truncated.html'),
      '<!doctype html><html><head><title>Ferry fares to rise | Tidewater Post</title><meta property="og:site_name" content="Tidewater Post"></head><body><article><h1>Ferry fares to rise</h1>' +
        '<p>The island ferry company will raise fares by 8 percent from September, its board said on Tuesday, citing fuel costs and a new crew agreement.</p>'.repeat(3) +
        '<p>Commuters said the rise would hurt families who cross',
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.runIf(haveSeeds)('imports the five seeds, then adds nothing on a second run', () => {
    const first = dateline(['import', seedsDir, '--as-of', '2025-08-12T12:00:00Z'], dataDir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^imported 5, already present 0, failed 0/);
    const again = dateline(['import', join(seedsDir, '*.txt')], dataDir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^imported 0, already present 5, failed 0 \(0 articles/);
    const listed = JSON.parse(dateline(['articles', '--json', '--limit', '500'], dataDir).stdout) as { title: string; source: string }[];
    expect(listed.length).toBe(20);
    expect(new Set(listed.map((a) => a.title)).size).toBe(20);
    expect(listed.find((a) => a.title.startsWith('[Wang Son-taek]'))?.source).toBe('Korea Herald');
    const shown = dateline(['show', '1'], dataDir);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('South Korea and the United States are racing');
  });

  it('reports each bad file on one line, imports the good ones, and exits non-zero', () => {
    const run = dateline(['import', inbox], dataDir);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    const lineFor = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(lineFor('empty.txt')).toMatch(/empty/i);
    expect(lineFor('noise.bin')).toMatch(/binary/i);
    expect(lineFor('huge.html')).toMatch(/11 MB, over the 10 MB limit/);
    expect(lineFor('truncated.html')).toMatch(/warning: .*truncat/i);
    expect(lines.at(-1)).toMatch(/^dateline: 3 of \d+ inputs failed$/);
    const summary = run.stdout.match(/^imported (\d+), already present (\d+), failed (\d+)(?:, (\d+) pages? whose articles were already stored from other pages)? \(/);
    expect(Number(summary?.[3])).toBe(3);
    // Each of the three charset fixture pairs (declared / undeclared) holds one article: the
    // second page adds none (its article was already stored from the first).
    const total = readdirSync(inbox).length;
    const [imported, present, repeats] = [summary?.[1], summary?.[2], summary?.[4] ?? '0'].map(Number) as [number, number, number];
    expect(imported + present + repeats).toBe(total - 3);
    expect(imported).toBeGreaterThanOrEqual(4);
    expect(present + repeats).toBeGreaterThanOrEqual(3);
    const titles = (JSON.parse(dateline(['articles', '--json', '--limit', '500'], dataDir).stdout) as { title: string }[]).map((a) => a.title);
    expect(titles.some((t) => t.startsWith('Ferry fares to rise'))).toBe(true);
  });

  it('gives one clear line for usage errors', () => {
    const missing = dateline(['show', '999999'], dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('dateline: article 999999 does not exist');
    const badTime = dateline(['import', inbox, '--as-of', 'soonish'], dataDir);
    expect(badTime.status).toBe(1);
    expect(badTime.stderr).toContain('--as-of "soonish": expected an ISO 8601 date');
    const badPort = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), 'config'], {
      encoding: 'utf8',
      env: { ...process.env, DATELINE_PORT: 'eighty' },
    });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr.trim()).toBe('dateline: setting DATELINE_PORT="eighty": expected a whole number from 0 to 65535');
  });
});
