// The worker loop: claims due feeds from the store, polls each (fetch → parse → extract →
// store), and sleeps until the next one is due. Any number of workers, in any number of
// processes on any number of machines, can run against one PostgreSQL: claims are leases taken
// under FOR UPDATE SKIP LOCKED, so no feed is polled by two workers at once, and the feeds of a
// worker that dies go back to the pool when its leases run out.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from './store/db.ts';
import type { Settings } from './config.ts';
import { createFetcher, type Fetcher } from './fetch/client.ts';
import { claimDueFeeds, countDueFeeds, nextDueAt } from './store/feeds.ts';
import { pollFeed, type PollResult } from './feeds/poll.ts';
import { feedFetches } from './metrics.ts';

// How each poll outcome is counted in dateline_feed_fetches_total.
const FETCH_RESULT: Record<PollResult['status'], string> = {
  changed: 'fetched',
  unchanged: 'fetched',
  'not-modified': 'not_modified',
  failed: 'failed',
};
import { createDrainer } from './pipeline/drainer.ts';
import { feedEntryIngest } from './pipeline.ts';

export interface WorkerOptions {
  db: Db;
  settings: Settings;
  /**
   * Poll what was due when the run began (waiting for feeds other workers hold, taking them
   * over if those die), then return. Feeds that fall due during the run wait for the next one.
   */
  once?: boolean;
  signal?: AbortSignal;
  /** Called after each poll (for progress output and logs). */
  onPoll?: (result: PollResult) => void;
  /** Longest sleep between looks for due feeds, in ms (default 30 s). */
  idleMs?: number;
  /** A fetcher to share (otherwise one is made from the settings and closed at the end). */
  fetcher?: Fetcher;
  now?: () => Date;
}

export interface WorkerSummary {
  owner: string;
  polled: number;
  failed: number;
  newArticles: number;
  updatedArticles: number;
}

export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function fetcherFromSettings(settings: Settings): Fetcher {
  return createFetcher({
    allowPrivateAddresses: settings.allowPrivateAddresses,
    timeoutMs: settings.fetchTimeout * 1000,
    headersTimeoutMs: Math.min(15_000, settings.fetchTimeout * 1000),
    bodyTimeoutMs: Math.min(15_000, settings.fetchTimeout * 1000),
    maxBytes: settings.maxPageBytes,
    perHost: settings.fetchPerHost,
  });
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { db, settings } = options;
  const owner = workerName();
  const now = options.now ?? (() => new Date());
  const fetcher = options.fetcher ?? fetcherFromSettings(settings);
  const summary: WorkerSummary = { owner, polled: 0, failed: 0, newArticles: 0, updatedArticles: 0 };
  const drainer = createDrainer(db, now);
  const ctx = {
    db,
    fetcher,
    owner,
    now,
    ingest: feedEntryIngest(db, { maxPageBytes: settings.maxPageBytes, now, drain: () => drainer.request() }),
    leaseSeconds: settings.feedLeaseSeconds,
    maxPageBytes: settings.maxPageBytes,
    bounds: { minSeconds: settings.feedMinInterval, maxSeconds: settings.feedMaxInterval, flagAfter: settings.feedFlagAfter },
  };
  const dueBy = options.once ? now() : undefined;
  // The embedded engine never checkpoints by itself: flush its log every few thousand articles.
  let sinceCheckpoint = 0;
  const inFlight = new Set<Promise<void>>();
  const capacity = settings.workerConcurrency;
  const stopped = () => options.signal?.aborted === true;
  try {
    // Work a process killed earlier left owed is finished before anything new is polled.
    await drainer.request();
    while (!stopped()) {
      const free = capacity - inFlight.size;
      const claimed = free > 0 ? await claimDueFeeds(db, { owner, now: now(), dueBy, limit: free, leaseSeconds: settings.feedLeaseSeconds }) : [];
      for (const feed of claimed) {
        const started = Date.now();
        const task = pollFeed(ctx, feed)
          .then((result) => {
            feedFetches.inc({ result: FETCH_RESULT[result.status] });
            result.durationMs ??= Date.now() - started;
            summary.polled++;
            if (result.status === 'failed') summary.failed++;
            summary.newArticles += result.newArticles;
            summary.updatedArticles += result.updatedArticles;
            sinceCheckpoint += result.newArticles + result.updatedArticles;
            options.onPoll?.(result);
          })
          .catch((error) => {
            // pollFeed records its own failures; reaching here means the store itself failed.
            summary.polled++;
            summary.failed++;
            feedFetches.inc({ result: 'failed' });
            options.onPoll?.({
              feedId: feed.id,
              url: feed.url,
              status: 'failed',
              newArticles: 0,
              updatedArticles: 0,
              problems: [],
              error: `could not record the poll: ${(error as Error).message}`,
            });
          })
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      if (sinceCheckpoint >= 2000) {
        sinceCheckpoint = 0;
        await db.checkpoint();
      }
      if (claimed.length > 0 && inFlight.size < capacity) continue;
      if (inFlight.size > 0) {
        // Full, or nothing more to claim right now: wait for a poll to finish, then look again.
        await Promise.race(inFlight);
        continue;
      }
      if (options.once) {
        const { due } = await countDueFeeds(db, now(), dueBy);
        if (due === 0) break;
        // Due feeds are held by other workers: wait, and take them over if those workers die.
        await sleep(Math.min(1000, (settings.feedLeaseSeconds * 1000) / 4), options.signal);
        continue;
      }
      const next = await nextDueAt(db);
      const wait = next ? Math.max(200, next.getTime() - now().getTime()) : (options.idleMs ?? 30_000);
      await sleep(Math.min(wait, options.idleMs ?? 30_000), options.signal);
    }
    await Promise.all(inFlight);
    await drainer.idle();
    if (sinceCheckpoint > 0) await db.checkpoint();
  } finally {
    if (!options.fetcher) await fetcher.close();
  }
  return summary;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
