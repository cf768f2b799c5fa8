// `dateline` runs the CLI compiled to plain JavaScript (bin/compiled-cli.js). It must never run stale
// code: a copy of the sources is edited and the next starts (several at once) run the edit; modules
// that find files beside their source (migrations) still find them from the compiled tree; and
// DATELINE_RUN_SOURCE=1 runs the sources through tsx. The copy lives in a temporary directory with
// the project's node_modules linked in, so the repository's own sources are never touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listMigrations } from '../../src/store/migrate.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(repo, 'node_modules', '.cache', 'dateline-cli');

let copy: string;

/** The compiled trees built from the copy (their modules name its source files). */
const treesOfCopy = () =>
  existsSync(cacheDir)
    ? readdirSync(cacheDir).filter(
        (name) => existsSync(join(cacheDir, name, 'src/cli/main.js')) && existsSync(join(cacheDir, name, 'tree.json')) && JSON.parse(readFileSync(join(cacheDir, name, 'tree.json'), 'utf8')).root === join(copy, '/'),
      )
    : [];

function start(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(copy, 'bin/dateline.js'), ...args], { env: { ...process.env, DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('the compiled dateline CLI', { timeout: 120_000 }, () => {
  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'dateline-compiled-cli-'));
    for (const part of ['bin', 'src', 'package.json', 'tsconfig.json']) cpSync(join(repo, part), join(copy, part), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'));
  });
  afterAll(() => {
    for (const name of treesOfCopy()) rmSync(join(cacheDir, name), { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  it('runs an edit of the sources at the next start, in every process that starts at once', async () => {
    const before = await start(['--help']);
    expect(before.stderr).toBe('');
    expect(before.status).toBe(0);
    expect(before.stdout).toContain('Dateline: a self-hosted news intelligence platform');
    expect(treesOfCopy()).toHaveLength(1);

    const main = join(copy, 'src/cli/main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace('Dateline: a self-hosted news intelligence platform', 'Dateline: the edited copy'));
    const after = await Promise.all([start(['--help']), start(['--help']), start(['--help'])]);
    for (const run of after) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Dateline: the edited copy');
    }
    // One more tree (the edited sources), and no half-built one left by the three racing to build it.
    const trees = treesOfCopy();
    expect(trees).toHaveLength(2);
    expect(readdirSync(cacheDir).filter((name) => name.includes('.building-'))).toEqual([]);
  });

  it('finds the files beside a module from its compiled form (import.meta.url names the source)', async () => {
    await start(['--help']);
    const [tree] = treesOfCopy().filter((name) => readFileSync(join(cacheDir, name, 'src/cli/main.js'), 'utf8').includes('the edited copy'));
    const compiled = pathToFileURL(join(cacheDir, tree!, 'src/store/migrate.js')).href;
    const probe = `const m = await import(${JSON.stringify(compiled)}); process.stdout.write(JSON.stringify(m.listMigrations().map((x) => x.name)));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(listMigrations().map((m) => m.name));
    expect(readFileSync(fileURLToPath(compiled), 'utf8')).toContain(JSON.stringify(pathToFileURL(join(copy, 'src/store/migrate.ts')).href));
  });

  it('runs the sources through tsx when DATELINE_RUN_SOURCE=1', async () => {
    const run = await start(['config', '--json'], { DATELINE_RUN_SOURCE: '1' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('DATELINE_PORT');
  });
});
