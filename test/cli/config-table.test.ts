// `dateline config` prints its settings as a table: the values and the descriptions each start
// in one column (the descriptions used to follow each value at its own width, ragged), and a
// value too long for its column (a server URL) puts its description on the next line, in that column.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function config(env: Record<string, string>): string[] {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), 'config'], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', DATELINE_CONFIG: '', ...env }, timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trimEnd().split('\n');
}

const columnOf = (line: string, at: RegExp) => line.search(at);

describe('dateline config', { timeout: 120_000 }, () => {
  it('prints names, values and descriptions in aligned columns', () => {
    const lines = config({ DATELINE_PORT: '18080', DATELINE_MAIL_FROM: 'Desk <desk@news.example>' });
    expect(lines.length).toBeGreaterThan(20);
    // Each description's '#' in one column, each value in one column.
    expect(new Set(lines.map((line) => columnOf(line, / {2}# /))).size).toBe(1);
    expect(new Set(lines.map((line) => columnOf(line, /(?<=^\S+ +)\S/))).size).toBe(1);
    expect(lines.find((line) => line.startsWith('DATELINE_PORT '))).toMatch(/^DATELINE_PORT +18080 +# port the server listens on$/);
    expect(lines.find((line) => line.startsWith('DATELINE_MAIL_FROM '))).toMatch(/^DATELINE_MAIL_FROM +Desk <desk@news\.example> +# /);
  });

  it('a long value keeps its line and its description goes under the others', () => {
    const url = 'postgres://reader:secret@database.internal.example.org:5432/dateline_production';
    const lines = config({ DATABASE_URL: url });
    const at = lines.findIndex((line) => line.startsWith('DATABASE_URL '));
    expect(lines[at]).toBe(`DATABASE_URL${' '.repeat(lines[at]!.indexOf('postgres') - 12)}postgres://reader:***@database.internal.example.org:5432/dateline_production`);
    expect(lines[at + 1]).toMatch(/^ +# PostgreSQL server URL/);
    const hashes = lines.filter((line) => line.includes('# ')).map((line) => columnOf(line, / {2}# /));
    expect(new Set(hashes).size).toBe(1);
  });
});
