// `dateline search` names bad input as the reader typed it: the query, or the --option, not the
// API's field names ("q: no word to search for" told a CLI user about a parameter they never saw).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function search(args: string[]) {
  const work = mkdtempSync(join(tmpdir(), 'dateline-search-errors-'));
  try {
    const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), '--data', join(work, 'data'), 'search', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 });
    return { status: run.status, stderr: run.stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('dateline search: bad input', { timeout: 120_000 }, () => {
  it('a query with no word is named as the query', () => {
    expect(search(['('])).toEqual({ status: 1, stderr: 'dateline: query "(": no word to search for\n' });
  });

  it('a bad option is named as the option', () => {
    expect(search(['tariff', '--sort', 'x']).stderr).toBe('dateline: --sort: expected relevance or time, got "x"\n');
    expect(search(['tariff', '--limit', '0']).stderr).toBe('dateline: --limit: expected a whole number from 1 to 100, got "0"\n');
  });
});
