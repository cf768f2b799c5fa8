// Several worker PROCESSES sharing one PostgreSQL server, as on several machines: two
// `dateline fetch --once` processes poll 200 feeds (every entry stored exactly once, no feed
// fetched twice in the period); then a `dateline worker` killed with SIGKILL mid-run while
// another runs: the survivor takes over the dead one's feeds when their leases run out, and
// nothing is lost or stored twice. Skipped with a message when the server is unreachable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isServerReachable, openServerTestDb } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { startFixtureServer, type FixtureServer } from '../feeds/fixture-server.ts';
import { articlePage, rssFeed, type FixtureEntry } from '../feeds/fixture-feeds.ts';

const reachable = await isServerReachable();
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startCli(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['bin/dateline.js', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

const paragraph = (feed: number, slot: string) =>
  Array.from(
    { length: 8 },
    (_, i) =>
      `<p>Feed ${feed} entry ${slot}, paragraph ${i}: the regional council met again on Thursday to discuss the budget for roads, schools and the new library, and agreed to publish the figures next month after a review by auditors.</p>`,
  ).join('');

// Entries are few per feed: every stored article also goes through the post-ingest steps
// (dedup, stories, enrichment), the bulk of the work on a two-core machine.
/** Feed `i`: one full-text entry of its own and one summary-only entry shared with other feeds. */
function feedEntries(server: FixtureServer, prefix: string, i: number, sharedGroups: number): FixtureEntry[] {
  return [
    { guid: `${prefix}${i}-a`, title: `${prefix} feed ${i} story A`, link: server.url(`/${prefix}/story/${i}/a`), content: paragraph(i, 'a'), pubDate: 'Tue, 04 Mar 2025 09:30:00 GMT' },
    { guid: `${prefix}-shared-${i % sharedGroups}`, title: `${prefix} shared story ${i % sharedGroups}`, link: server.url(`/${prefix}/shared/${i % sharedGroups}.html`), description: 'A story many feeds carry.' },
  ];
}

function serveFeeds(server: FixtureServer, prefix: string, count: number, sharedGroups: number, delayMs: number): void {
  for (let i = 0; i < count; i++) {
    server.route(`/${prefix}/${i}.rss`, { body: rssFeed(`${prefix} feed ${i}`, feedEntries(server, prefix, i, sharedGroups)), headers: { 'content-type': 'application/rss+xml' }, delayMs });
  }
  for (let g = 0; g < sharedGroups; g++) {
    server.route(`/${prefix}/shared/${g}.html`, { body: articlePage(`${prefix} shared story ${g}`, `shared story ${g}`, g), headers: { 'content-type': 'text/html' } });
  }
}

async function storedCounts(db: Db, prefix: string) {
  const [row] = await db.query<{ articles: number; distinct_titles: number; entries: number; linked: number; polled: number; failing: number }>(
    `SELECT (SELECT count(*)::int FROM articles WHERE title LIKE $1) AS articles,
            (SELECT count(DISTINCT title)::int FROM articles WHERE title LIKE $1) AS distinct_titles,
            (SELECT count(*)::int FROM feed_entries e JOIN feeds f ON f.id = e.feed_id WHERE f.url LIKE $2) AS entries,
            (SELECT count(*)::int FROM feed_entries e JOIN feeds f ON f.id = e.feed_id WHERE f.url LIKE $2 AND e.article_id IS NOT NULL) AS linked,
            (SELECT count(*)::int FROM feeds WHERE url LIKE $2 AND last_success_at IS NOT NULL AND next_check_at > now() + interval '4 minutes') AS polled,
            (SELECT count(*)::int FROM feeds WHERE url LIKE $2 AND consecutive_failures > 0) AS failing`,
    [`${prefix} %`, `%/${prefix}/%`],
  );
  return row!;
}

describe.skipIf(!reachable)('worker processes sharing one PostgreSQL server', () => {
  let db: Db & { databaseUrl: string };
  let server: FixtureServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openServerTestDb();
    server = await startFixtureServer();
    env = {
      DATABASE_URL: db.databaseUrl,
      DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1',
      DATELINE_WORKER_CONCURRENCY: '4',
      DATELINE_FETCH_PER_HOST: '8',
      // Short, so the survivor takes over soon after the kill; renewed every third of it while polling.
      // The kill test's alone: the first test gives its healthy workers a long one (see there).
      DATELINE_FEED_LEASE: '8',
    };
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  // Typically about 20 s; the limit allows for a machine shared with other heavy work.
  it('two processes poll 200 feeds: each feed fetched once, each entry stored exactly once', { timeout: 150_000 }, async () => {
    const feeds = 200;
    const shared = 10;
    serveFeeds(server, 'two', feeds, shared, 15);
    for (let i = 0; i < feeds; i++) await addFeed(db, { url: server.url(`/two/${i}.rss`) });

    // Healthy workers, so a long lease: with 8 s, a process stalled on a loaded machine (CI) lost leases it
    // still held and the other polled those feeds again (99 + 105 polled). Here each feed is fetched once.
    const healthy = { ...env, DATELINE_FEED_LEASE: '600' };
    const runs = [startCli(['fetch', '--once', '--quiet'], healthy), startCli(['fetch', '--once', '--quiet'], healthy)];
    const codes = await Promise.all(runs.map((r) => r.exit));
    const outputs = runs.map((r) => r.output());
    expect(codes, outputs.join('\n')).toEqual([0, 0]);

    const polledBy = outputs.map((out) => Number(/polled (\d+) feeds/.exec(out)?.[1] ?? NaN));
    console.info(`[workers] feeds polled per process: ${polledBy.join(' + ')}`);
    expect(polledBy[0]! + polledBy[1]!).toBe(feeds);
    for (let i = 0; i < feeds; i++) expect(server.hits(`/two/${i}.rss`), `feed ${i}`).toBe(1);

    const counts = await storedCounts(db, 'two');
    expect(counts.polled).toBe(feeds);
    expect(counts.failing).toBe(0);
    expect(counts.entries).toBe(feeds * 2);
    expect(counts.linked).toBe(feeds * 2);
    expect(counts.articles).toBe(feeds + shared);
    expect(counts.distinct_titles).toBe(counts.articles);
    // The shared entries of every feed point at the one article of their story.
    const sharedTargets = await db.query<{ guid: string; targets: number }>(`SELECT guid, count(DISTINCT article_id)::int AS targets FROM feed_entries WHERE guid LIKE 'two-shared-%' GROUP BY guid`);
    expect(sharedTargets).toHaveLength(shared);
    expect(sharedTargets.every((row) => row.targets === 1)).toBe(true);
  });

  it('a worker killed with SIGKILL mid-run: the other takes over its feeds, nothing lost or duplicated', { timeout: 150_000 }, async () => {
    const feeds = 60;
    const shared = 5;
    serveFeeds(server, 'kill', feeds, shared, 150);
    for (let i = 0; i < feeds; i++) await addFeed(db, { url: server.url(`/kill/${i}.rss`) });

    const victim = startCli(['worker', '--quiet'], env);
    // Let the victim get going before the survivor starts, so it surely holds feeds when killed.
    const started = Date.now();
    while ((await storedCounts(db, 'kill')).polled < 8) {
      if (Date.now() - started > 90_000) throw new Error(`the worker polled too little in 90 s:\n${victim.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const survivor = startCli(['fetch', '--once', '--quiet'], env);
    await new Promise((r) => setTimeout(r, 400));
    const held = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feeds WHERE url LIKE '%/kill/%' AND lease_until > now()`);
    victim.child.kill('SIGKILL');
    expect(await victim.exit).toBeNull();
    expect(held[0]!.n).toBeGreaterThan(0);

    const code = await survivor.exit;
    expect(code, survivor.output()).toBe(0);
    const counts = await storedCounts(db, 'kill');
    expect(counts.polled).toBe(feeds);
    expect(counts.failing).toBe(0);
    expect(counts.entries).toBe(feeds * 2);
    expect(counts.linked).toBe(feeds * 2);
    expect(counts.articles).toBe(feeds + shared);
    expect(counts.distinct_titles).toBe(counts.articles);
    // Only the feeds the dead worker held were fetched a second time.
    const twice = Array.from({ length: feeds }, (_, i) => server.hits(`/kill/${i}.rss`)).filter((n) => n === 2).length;
    const more = Array.from({ length: feeds }, (_, i) => server.hits(`/kill/${i}.rss`)).filter((n) => n > 2 || n < 1).length;
    console.info(`[workers] feeds fetched again after the kill: ${twice}`);
    expect(more).toBe(0);
    expect(twice).toBeLessThanOrEqual(4);
  });
});

if (!reachable) console.warn('[workers] skipped: the PostgreSQL server for tests is unreachable (set DATELINE_TEST_DATABASE_URL)');
