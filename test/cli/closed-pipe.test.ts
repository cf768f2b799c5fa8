// A reader who pipes a listing into `head` closes the pipe before the command has written
// everything: the command must stop quietly (no "Unhandled 'error' event" stack trace of a
// write EPIPE) and not report a failure.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function runWithClosedStdout(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repo, 'bin/dateline.js'), ...args], { env: { ...process.env, DATABASE_URL: '' } });
    // Nobody reads: every write the command makes meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stderr }));
    child.stdin.end();
  });
}

describe('dateline output into a closed pipe', { timeout: 60_000 }, () => {
  it('`dateline config | head -0` ends quietly with status 0', async () => {
    const { status, stderr } = await runWithClosedStdout(['config']);
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(status).toBe(0);
  });

  it('`dateline --help | head -0` ends quietly with status 0', async () => {
    const { status, stderr } = await runWithClosedStdout(['--help']);
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(status).toBe(0);
  });
});
