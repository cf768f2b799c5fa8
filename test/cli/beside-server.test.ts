// The CLI beside a running reader: while `dateline demo` serves its embedded database, other
// commands (real processes) create users, subscribe feeds, import pages, list stories and ask,
// through the socket the serving process shares; the server sees their writes at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articlePage, rssFeed } from '../feeds/fixture-feeds.ts';
import { SOCKET_NAME } from '../../src/store/local-socket.ts';
import { copyMigratedTemplate } from '../helpers/template.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, DATABASE_URL: '', DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1' };

/** Runs one command to its end without blocking this process (the feed server lives here). */
function dateline(dataDir: string, args: string[], input = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('dateline commands while `dateline demo` serves', { timeout: 400_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'dateline-beside-'));
  const dataDir = join(work, 'data');
  let demo: ChildProcess;
  let base = '';
  let feeds: Server;
  let feedUrl = '';

  beforeAll(async () => {
    copyMigratedTemplate(dataDir);
    feeds = createServer((request, response) => {
      const origin = `http://127.0.0.1:${(feeds.address() as { port: number }).port}`;
      if (request.url === '/feed.xml') {
        response.setHeader('content-type', 'application/rss+xml');
        response.end(rssFeed('Beside Gazette', [{ guid: 'b-1', title: 'Lock keepers vote on new rota', link: `${origin}/lock-keepers`, pubDate: 'Tue, 04 Mar 2025 08:00:00 GMT' }]));
      } else if (request.url === '/lock-keepers') {
        response.setHeader('content-type', 'text/html; charset=utf-8');
        response.end(articlePage('Lock keepers vote on new rota', 'the canal lock rota', 3));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((done) => feeds.listen(0, '127.0.0.1', done));
    feedUrl = `http://127.0.0.1:${(feeds.address() as { port: number }).port}/feed.xml`;

    demo = spawn(process.execPath, [join(repo, 'bin/dateline.js'), '--data', dataDir, 'demo', '--port', '0'], { env });
    let output = '';
    demo.stderr!.on('data', (chunk) => (output += chunk));
    base = await new Promise<string>((done, fail) => {
      demo.stdout!.on('data', (chunk) => {
        output += chunk;
        const url = /serving on (http:\S+)/.exec(output)?.[1];
        if (url) done(url);
      });
      demo.on('exit', (code) => fail(new Error(`demo exited (${code}) before serving:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      demo.kill('SIGTERM');
      await new Promise((done) => demo.once('exit', done));
    }
    await new Promise((done) => feeds?.close(done));
    rmSync(work, { recursive: true, force: true });
  });

  it('creates a user, subscribes a feed, imports a page, lists stories and answers a question', async () => {
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(true);

    const user = await dateline(dataDir, ['users', 'create', 'newbie'], 'a long enough passphrase\n');
    expect(user.stderr).toBe('');
    expect(user.stdout).toMatch(/^created reader newbie \(id \d+\)\n$/);

    const added = await dateline(dataDir, ['feeds', 'add', feedUrl]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/Subscribed to feed \d+: Beside Gazette/);

    const page = join(work, 'ferry.html');
    writeFileSync(page, articlePage('Night ferry timetable returns for summer', 'the night ferry timetable', 5));
    const imported = await dateline(dataDir, ['import', page]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/imported 1, already present 0, failed 0/);

    const stories = await dateline(dataDir, ['stories', '--min-sources', '3', '--limit', '5', '--json']);
    expect(stories.status, stories.stderr).toBe(0);
    const story = (JSON.parse(stories.stdout) as { id: number; headline: string }[])[0]!;
    const storyId = story.id;
    const byArgument = await dateline(dataDir, ['stories', String(storyId)]);
    const byFlag = await dateline(dataDir, ['stories', '--id', String(storyId)]);
    expect(byArgument.stderr).toBe('');
    expect(byArgument.stdout).toBe(byFlag.stdout);
    expect(byArgument.stdout).toMatch(/sources? · \d+ articles?(?: and \d+ cop(?:y|ies))? · /);

    const asked = await dateline(dataDir, ['ask', String(storyId), `What happened: ${story.headline}?`]);
    expect(asked.status, asked.stderr).toBe(0);
    expect(asked.stdout).toMatch(/\[1\] /);

    // The server sees what the commands wrote, without a restart.
    const listed = (await (await fetch(`${base}/api/v1/articles?limit=100`)).json()) as { articles: { title: string }[] };
    expect(listed.articles.map((a) => a.title)).toContain('Night ferry timetable returns for summer');
  });

  it('prints `fetch --once` results as plain lines, without the worker name', async () => {
    const fetched = await dateline(dataDir, ['fetch', '--once']);
    expect(fetched.status, fetched.stderr).toBe(0);
    expect(fetched.stdout).toMatch(/^polled \d+ feeds \(\d+ failed\): \d+ new articles, \d+ updated\n$/m);
    expect(fetched.stdout).not.toMatch(/^\S+:\d+:/m);
  });

  it('refuses a second server on the same directory, and the socket goes when the demo stops', async () => {
    const second = await dateline(dataDir, ['serve', '--port', '0']);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another dateline process already serves it/);
    demo.kill('SIGTERM');
    await new Promise((done) => demo.once('exit', done));
    expect(existsSync(join(dataDir, SOCKET_NAME))).toBe(false);
    const after = await dateline(dataDir, ['users', 'list']);
    expect(after.stdout).toMatch(/newbie\s+reader/);
  });
});
