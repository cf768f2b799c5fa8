// A bad value given as a command-line option is named as the option the reader typed
// (`--port abc`), not as the environment variable it stands in for (DATELINE_PORT).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function dateline(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(repo, 'bin/dateline.js'), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 60_000 });
  return { status: run.status, stderr: run.stderr };
}

describe('option errors name the option', { timeout: 120_000 }, () => {
  it('serve --port abc', () => {
    const run = dateline(['serve', '--port', 'abc']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('dateline: --port "abc": expected a whole number from 0 to 65535\n');
  });

  it('demo --port 99999', () => {
    const run = dateline(['demo', '--port', '99999']);
    expect(run.stderr).toBe('dateline: --port "99999": expected a whole number from 0 to 65535\n');
  });

  it('a bad environment variable is still named as the variable', () => {
    const run = dateline(['serve'], { DATELINE_PORT: 'abc' });
    expect(run.stderr).toBe('dateline: setting DATELINE_PORT="abc": expected a whole number from 0 to 65535\n');
  });
});
