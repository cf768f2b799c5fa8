// `dateline stories` and `dateline recluster` as a user runs them: a real process and a real
// embedded database, filled by importing the demo's port-strike pages (wire story and copies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyMigratedTemplate } from '../helpers/template.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['meridian--port-walkout.html', 'harbour--port-walkout--harbour.html', 'northgate--port-walkout--northgate.html', 'harbour--port-deal.html'].map((name) => join(repo, 'demo/pages', name));
const havePages = pages.every((p) => existsSync(p));
if (!havePages) console.warn('[dateline tests] demo/pages is incomplete: skipping the stories CLI test');

function dateline(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 200_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.skipIf(!havePages)('dateline stories and recluster (CLI)', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dateline-stories-cli-'));
  const dataDir = join(work, 'data');
  beforeAll(() => {
    // From a copy of the run's migrated template: creating and migrating the directory is not what
    // this file tests (the sigkill tests' clean imports start from an empty one), and costs seconds.
    copyMigratedTemplate(dataDir);
    const imported = dateline(['import', ...pages], dataDir);
    expect(imported.status, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('lists the stories and shows one with its copies', () => {
    const list = dateline(['stories', '--json'], dataDir);
    expect(list.status, list.stderr).toBe(0);
    const stories = JSON.parse(list.stdout) as { id: number; headline: string; articleCount: number; sourceCount: number }[];
    const strike = stories.find((s) => s.sourceCount >= 3);
    expect(strike).toBeDefined();
    const shown = dateline(['stories', '--id', String(strike!.id)], dataDir);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/copy of #\d+, similarity 0\.\d+/);
    expect(shown.stdout).toContain('Meridian Wire');
    // The header counts agree with the rows below it, in words a reader can read ("1 article", not "1 articles").
    const header = shown.stdout.split('\n')[1]!;
    const counts = /^(\d+) sources? · (\d+) articles?(?: and (\d+) cop(?:y|ies))? · /.exec(header);
    expect(counts, header).not.toBeNull();
    expect(header).not.toMatch(/\b1 (sources|articles|copies)\b/);
    const rows = shown.stdout.split('\n').filter((line) => /^\s+\d+ {2}/.test(line));
    expect(Number(counts![2]) + Number(counts![3] ?? 0)).toBe(rows.length);
  });

  it('rebuilds the same stories with recluster', () => {
    const before = JSON.parse(dateline(['stories', '--json'], dataDir).stdout) as { headline: string; articleCount: number; sourceCount: number }[];
    const run = dateline(['recluster'], dataDir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^reclustered 4 articles into \d+ stories \(2 near-duplicates\)/);
    const after = JSON.parse(dateline(['stories', '--json'], dataDir).stdout) as typeof before;
    const shape = (list: typeof before) => list.map((s) => `${s.headline}|${s.articleCount}|${s.sourceCount}`).sort();
    expect(shape(after)).toEqual(shape(before));
  });

  it('rejects bad arguments with one clear line', () => {
    const bad = dateline(['stories', '--limit', 'lots'], dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('dateline: --limit lots: expected a whole number from 1 to 500\n');
    const word = dateline(['stories', 'abc'], dataDir);
    expect(word.status).toBe(1);
    expect(word.stderr).toBe('dateline: story id "abc": expected a positive whole number\n');
    const missing = dateline(['stories', '--id', '99999'], dataDir);
    expect(missing.stderr).toBe('dateline: story 99999 does not exist\n');
  });
});
