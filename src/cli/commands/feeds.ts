// `dateline feeds add|list|remove|import|export` manages subscriptions; `dateline fetch [--once]`
// polls due feeds in this process; `dateline worker` runs the polling loop until stopped (any
// number of them may share one PostgreSQL server).
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CliError, settingsFrom, withStore } from '../runtime.ts';
import { addFeed, findFeedByUrl, getFeed, listFeeds, removeFeed, type FeedRecord } from '../../store/feeds.ts';
import type { readOpml } from '../../feeds/opml.ts';
import { clockOf } from '../../clock.ts';
import type { PollResult } from '../../feeds/poll.ts';
import type { Db } from '../../store/db.ts';
import { feedJson, feedStatus, formatSeconds } from '../../feeds/status.ts';

export function registerFeedCommands(program: Command): void {
  const feeds = program.command('feeds').description('subscribe to feeds and see their health');

  feeds
    .command('add')
    .description('subscribe to a feed, given the feed URL or a page that announces it')
    .argument('<url>', 'feed or page URL')
    .option('--category <path>', 'folder to file it under, e.g. News/World')
    .action(async (address: string, opts: { category?: string }, command: Command) => {
      const settings = settingsFrom(command);
      // What the commands run is imported when one runs (see ./index.ts).
      const [{ subscribe }, { fetcherFromSettings }] = await Promise.all([import('../../feeds/subscribe.ts'), import('../../worker.ts')]);
      const fetcher = fetcherFromSettings(settings);
      try {
        const sub = await withStore(settings, (db) => subscribe(db, fetcher, address, { category: opts.category ?? null, maxBytes: settings.maxPageBytes, now: settings.now ?? new Date() }));
        const via = sub.discoveredFrom ? ` (found on ${sub.discoveredFrom})` : '';
        process.stdout.write(`${sub.created ? 'Subscribed to' : 'Already subscribed to'} feed ${sub.feed.id}: ${sub.feed.title ?? sub.feed.url} <${sub.feed.url}>${via}; ${sub.entryCount} entries now\n`);
      } catch (error) {
        throw new CliError((error as Error).message);
      } finally {
        await fetcher.close();
      }
    });

  feeds
    .command('list')
    .description('list subscriptions: status, last error, next check')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const settings = settingsFrom(command);
      const list = await withStore(settings, (db) => listFeeds(db));
      if (opts.json) {
        process.stdout.write(JSON.stringify(list.map(feedJson), null, 2) + '\n');
        return;
      }
      if (!list.length) {
        process.stdout.write('no feeds; add one with `dateline feeds add <url>`\n');
        return;
      }
      for (const feed of list) {
        const status = feedStatus(feed);
        process.stdout.write(
          `${String(feed.id).padStart(4)}  ${status.padEnd(8)}  ${(feed.title ?? '(untitled)').slice(0, 40).padEnd(40)}  ${feed.url}\n` +
            `      next check ${feed.nextCheckAt.toISOString()}  every ${formatSeconds(feed.intervalSeconds)}  ${feed.entryCount} entries` +
            `${feed.category ? `  [${feed.category}]` : ''}\n` +
            (feed.lastError ? `      last error (${feed.consecutiveFailures} in a row): ${feed.lastError}\n` : ''),
        );
      }
    });

  feeds
    .command('remove')
    .description('unsubscribe (the articles it brought stay)')
    .argument('<feed>', 'feed id or URL')
    .action(async (which: string, _opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      await withStore(settings, async (db) => {
        const feed = await resolveFeed(db, which);
        await removeFeed(db, feed.id);
        process.stdout.write(`Removed feed ${feed.id}: ${feed.title ?? feed.url}\n`);
      });
    });

  feeds
    .command('import')
    .description('subscribe to every feed an OPML file lists (folders become categories)')
    .argument('<file>', 'OPML file')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const settings = settingsFrom(command);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(`${file}: cannot read it (${(error as Error).message})`);
      }
      const { readOpml } = await import('../../feeds/opml.ts');
      let opml: ReturnType<typeof readOpml>;
      try {
        opml = readOpml(text);
      } catch (error) {
        throw new CliError(`${file}: ${(error as Error).message}`);
      }
      const counts = await withStore(settings, async (db) => {
        let added = 0;
        let present = 0;
        for (const sub of opml.subscriptions) {
          const saved = await addFeed(db, { url: sub.url, title: sub.title, siteUrl: sub.siteUrl, category: sub.category, nextCheckAt: settings.now ?? new Date() });
          if (saved.created) added++;
          else present++;
        }
        return { added, present };
      });
      for (const problem of opml.problems) process.stderr.write(`${file}: ${problem}\n`);
      process.stdout.write(`${file}: ${counts.added} feeds added, ${counts.present} already subscribed, ${opml.problems.length} skipped\n`);
      // Good outlines are kept; the exit status still tells a script that some were not.
      if (opml.problems.length) throw new CliError(`${file}: ${opml.problems.length} outline(s) skipped (listed above)`);
    });

  feeds
    .command('export')
    .description('write the subscriptions as OPML (to stdout, or --output)')
    .option('--output <file>', 'write to this file')
    .action(async (opts: { output?: string }, command: Command) => {
      const settings = settingsFrom(command);
      const list = await withStore(settings, (db) => listFeeds(db));
      const { writeOpml } = await import('../../feeds/opml.ts');
      const opml = writeOpml(list.map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl, category: f.category })));
      if (opts.output) writeFileSync(opts.output, opml);
      else process.stdout.write(opml);
    });

  program
    .command('fetch')
    .description('poll the feeds that are due, in this process')
    .option('--once', 'poll what is due and exit (otherwise keep polling, like `worker`)')
    .option('--quiet', 'print only the summary')
    .action(async (opts: { once?: boolean; quiet?: boolean }, command: Command) => {
      await runFromCli(command, { once: opts.once === true, quiet: opts.quiet === true });
    });

  program
    .command('worker')
    .description('poll feeds until stopped (SIGINT/SIGTERM); run as many as you like against one PostgreSQL')
    .option('--quiet', 'print only the summary')
    .action(async (opts: { quiet?: boolean }, command: Command) => {
      await runFromCli(command, { once: false, quiet: opts.quiet === true });
    });
}

async function runFromCli(command: Command, opts: { once: boolean; quiet: boolean }): Promise<void> {
  const settings = settingsFrom(command);
  // `fetch --once` runs no periodic jobs: it skips loading them (mail, images, webhooks ...).
  const [{ runWorker }, { createLogger }, jobs] = await Promise.all([import('../../worker.ts'), import('../../log.ts'), opts.once ? null : import('../../shell/jobs.ts')]);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A long-running worker logs structured lines (JSON, or readable on a terminal) and runs the
  // periodic jobs; `fetch --once` prints one plain line per feed.
  const log = opts.once ? null : createLogger({ level: settings.logLevel, format: settings.logFormat });
  try {
    const summary = await withStore(settings, async (db) => {
      const now = clockOf(settings);
      const stopJobs = log && jobs ? jobs.startWorkerJobs({ db, settings, now }, log) : async () => undefined;
      try {
        return await runWorker({
          db,
          settings,
          once: opts.once,
          signal: controller.signal, // leases keep the wall clock (a fixed DATELINE_NOW would never let one run out)
          onPoll: (result) => {
            if (log) {
              const fields = { feedId: result.feedId, status: result.status, newArticles: result.newArticles, updatedArticles: result.updatedArticles, durationMs: result.durationMs };
              if (result.status === 'failed') log.warn({ ...fields, err: result.error }, 'feed poll failed');
              else if (!opts.quiet) log.info(fields, 'feed polled');
            } else if (!opts.quiet) {
              process.stdout.write(pollLine(result));
            }
          },
        });
      } finally {
        await stopJobs();
      }
    });
    // The worker's name (host:pid:tag) tells workers apart in a long run's log; one run needs none.
    const who = opts.once ? '' : `${summary.owner}: `;
    process.stdout.write(`${who}polled ${summary.polled} feeds (${summary.failed} failed): ${summary.newArticles} new articles, ${summary.updatedArticles} updated\n`);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function pollLine(result: PollResult): string {
  const head = `feed ${result.feedId} ${result.status}`;
  if (result.status === 'failed') return `${head}: ${result.error}\n`;
  const problems = result.problems.map((p) => `  problem: ${p}\n`).join('');
  return `${head}: ${result.newArticles} new, ${result.updatedArticles} updated  ${result.url}\n${problems}`;
}

async function resolveFeed(db: Db, which: string): Promise<FeedRecord> {
  const feed = /^\d+$/.test(which) ? await getFeed(db, Number(which)) : await findFeedByUrl(db, which);
  if (!feed) throw new CliError(`no feed ${JSON.stringify(which)} (give a feed id from \`dateline feeds list\` or its URL)`);
  return feed;
}
