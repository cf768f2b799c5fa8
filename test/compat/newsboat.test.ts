// Debian's newsboat against the Google Reader API, in its Google-Reader-style mode
// (urls-source "feedhq") with a throwaway config: `-x reload print-unread` reads the items, and a
// session on a pseudo-terminal (util-linux `script`) opens an article and marks a feed read, which
// newsboat sends back as edit-tag and mark-all-as-read. CI installs newsboat (.ci/run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { compatWorld, PASSWORD, type CompatWorld } from './setup.ts';

const NEWSBOAT = '/usr/bin/newsboat';
const haveNewsboat = existsSync(NEWSBOAT) && existsSync('/usr/bin/script');
if (!haveNewsboat) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${NEWSBOAT} (or util-linux script) is missing: apt-get install -y newsboat`);
  console.warn(`[dateline tests] ${NEWSBOAT} is missing: skipping the newsboat tests (apt-get install -y newsboat)`);
}

describe.skipIf(!haveNewsboat)('newsboat reads and marks items through the Google Reader API', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-newsboat-'));
  const config = join(dir, 'config');
  const urls = join(dir, 'urls');
  let db: Db;
  let world: CompatWorld;

  beforeAll(async () => {
    db = await openEmbeddedTestDb();
    world = await compatWorld(db, 'reader');
    writeFileSync(urls, '');
    writeFileSync(
      config,
      [
        'urls-source "feedhq"',
        `feedhq-url "${world.base}"`,
        'feedhq-login "alice"',
        `feedhq-password "${PASSWORD}"`,
        'feedhq-min-items 100',
        'feedhq-show-special-feeds no',
        'bind-key j down', // not bound in Debian's 2.21
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await world?.app.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const unreadOnServer = async () =>
    (
      await db.query<{ title: string }>(
        `SELECT a.title FROM feed_entries fe JOIN articles a ON a.id = fe.article_id
        LEFT JOIN reader_states rs ON rs.article_id = a.id AND rs.user_id = $1
       WHERE rs.read_at IS NULL ORDER BY a.title`,
        [world.userId],
      )
    ).map((r) => r.title);

  /** newsboat's non-interactive run, on a fresh cache (what it prints is what the server said). */
  const printUnread = (cache: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      // Not spawnSync: the server answering newsboat runs in this process.
      const run = spawn(NEWSBOAT, ['-C', config, '-u', urls, '-c', join(dir, cache), '-x', 'reload', 'print-unread'], { env: { ...process.env, TERM: 'xterm' } });
      let stdout = '';
      let stderr = '';
      run.stdout.on('data', (chunk) => (stdout += chunk));
      run.stderr.on('data', (chunk) => (stderr += chunk));
      run.on('close', (status) => done({ status, stdout, stderr }));
    });

  /** Polls the server's state until `check` holds (newsboat sends its marks in the background). */
  const eventually = async (check: (unread: string[]) => boolean) => {
    let unread: string[] = [];
    for (let waited = 0; waited < 30_000; waited += 200) {
      unread = await unreadOnServer();
      if (check(unread)) return unread;
      await new Promise((r) => setTimeout(r, 200));
    }
    return unread;
  };

  it('reads every item with -x reload print-unread', async () => {
    const run = await printUnread('first.db');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('3 unread articles');
  });

  it('marks an opened article read and a whole feed read, as a person at the keyboard would', async () => {
    // The cache is filled first (-x reload), so the session starts with every view drawn whole.
    // The feed list shows Business desk (1 item) then World desk (2 items).
    expect((await printUnread('session.db')).stdout.trim()).toBe('3 unread articles');
    const session = spawn('/usr/bin/script', ['-qfec', `stty rows 40 cols 120; ${NEWSBOAT} -C ${config} -u ${urls} -c ${join(dir, 'session.db')}`, '/dev/null'], {
      env: { ...process.env, TERM: 'xterm' },
    });
    let screen = '';
    session.stdout.on('data', (chunk) => (screen += chunk));
    const exited = new Promise<void>((done) => session.on('exit', () => done()));
    // Waits for text to appear on the screen after `from`, so each key lands in the view it is meant for.
    const waitFor = async (text: string, from: number) => {
      for (let waited = 0; !screen.slice(from).includes(text); waited += 100) {
        if (waited > 60_000) throw new Error(`newsboat never showed ${JSON.stringify(text)}; screen so far:\n${JSON.stringify(screen.slice(-3000))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const press = async (keys: string, shows: string) => {
      const from = screen.length;
      session.stdin.write(keys);
      await waitFor(shows, from);
    };
    try {
      await waitFor('Your feeds (2 unread, 2 total)', 0); // feeds with unread items
      await press('\r', "Articles in feed 'Business desk'");
      await press('\r', 'Title: Bank holds rates');
      // Leaving the article sends its read mark to the server (edit-tag).
      session.stdin.write('q');
      expect(await eventually((unread) => !unread.includes('Bank holds rates'))).toEqual(['Ferry strike ends', 'Harbour tolls rise']);
      // Back to the feed list, down to World desk, mark-feed-read (mark-all-as-read on the server).
      // The screen is only partly redrawn from here, so the server's state says when each key landed.
      for (const key of ['q', 'j', 'A']) {
        session.stdin.write(key);
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(await eventually((unread) => unread.length === 0)).toEqual([]);
      session.stdin.write('q');
      await exited;
    } finally {
      session.kill();
    }
    expect((await printUnread('after.db')).stdout.trim()).toBe('0 unread articles');
  });
});
