// One poll of one claimed feed, start to finish: conditional fetch, parse, fetch each new or
// changed entry's page when the feed gives only a summary, hand entry and page to the one ingest
// (src/pipeline.ts: extract, merge, store, owe the steps), have the owed steps done, and write the
// outcome and the next check time.
// Every entry is matched by the feed's guid, then by page address, then by content hash, so a
// poll repeated (by this worker or, after a crash, by another) stores nothing twice.
import type { Db } from '../store/db.ts';
import type { Fetcher, FetchResult } from '../fetch/client.ts';
import { FetchError } from '../fetch/client.ts';
import { decodePage } from '../extract/decode.ts';
import { entriesPassingFeedRules } from '../rules/ingest.ts';
import { ensureSource } from '../store/sources.ts';
import { recordPoll, renewLease, setFeedSource, type FeedRecord } from '../store/feeds.ts';
import { articleFromEntry, needsPage } from './entry-article.ts';
import { FeedParseError, parseFeedText } from './parse.ts';
import { backoffAfterFailure, intervalAfterSuccess, isFlagged, type ScheduleBounds } from './schedule.ts';
import type { EntryIngest, FeedEntry, FeedEntryInput, FeedEntryResult, ParsedFeed } from './types.ts';

export interface PollContext {
  db: Db;
  fetcher: Fetcher;
  /** The lease holder's name (see claimDueFeeds). */
  owner: string;
  bounds: ScheduleBounds;
  leaseSeconds: number;
  maxPageBytes: number;
  now: () => Date;
  /** Entries of one feed processed at once (page fetches dominate). */
  entryConcurrency?: number;
  /** The one ingest (src/pipeline.ts), given by the shell: entries go in, owed steps get done. */
  ingest: EntryIngest;
}

export interface PollResult {
  feedId: number;
  url: string;
  status: 'changed' | 'unchanged' | 'not-modified' | 'failed';
  newArticles: number;
  updatedArticles: number;
  /** Entries' problems and the feed's own, one line each. */
  problems: string[];
  error: string | null;
  /** How long the poll took, fetch to store. */
  durationMs?: number;
}

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

class LeaseLostError extends Error {}

export async function pollFeed(ctx: PollContext, feed: FeedRecord): Promise<PollResult> {
  const heartbeat = startHeartbeat(ctx, feed.id);
  try {
    return await pollClaimedFeed(ctx, feed, heartbeat);
  } finally {
    heartbeat.stop();
  }
}

/**
 * Keeps renewing the lease on a feed while this process polls it (a third of the lease at a
 * time), however long its pages, extraction or post-ingest steps take; a process that dies
 * stops renewing, and the feed goes back to the pool when the lease runs out.
 */
function startHeartbeat(ctx: PollContext, feedId: number): { lost: boolean; stop: () => void } {
  const state = { lost: false, stop: () => clearInterval(timer) };
  const timer = setInterval(
    () => {
      renewLease(ctx.db, feedId, ctx.owner, after(ctx.now(), ctx.leaseSeconds))
        .then((held) => {
          if (!held) state.lost = true;
        })
        .catch(() => undefined); // a failed renewal is retried on the next beat
    },
    Math.max(200, (ctx.leaseSeconds * 1000) / 3),
  );
  timer.unref();
  return state;
}

async function pollClaimedFeed(ctx: PollContext, feed: FeedRecord, heartbeat: { lost: boolean }): Promise<PollResult> {
  const startedAt = ctx.now();
  const result: PollResult = { feedId: feed.id, url: feed.url, status: 'unchanged', newArticles: 0, updatedArticles: 0, problems: [], error: null };
  let parsed: ParsedFeed;
  let response: FetchResult;
  try {
    response = await ctx.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified, accept: FEED_ACCEPT, maxBytes: ctx.maxPageBytes });
    if (response.notModified) {
      result.status = 'not-modified';
      const interval = intervalAfterSuccess(feed.intervalSeconds, { changed: false, entryDates: [], ttlSeconds: null }, ctx.bounds);
      await recordPoll(ctx.db, feed.id, ctx.owner, {
        checkedAt: startedAt,
        nextCheckAt: after(startedAt, interval),
        intervalSeconds: interval,
        status: 304,
        success: { etag: response.etag, lastModified: response.lastModified, title: null, siteUrl: null, changed: false, movedTo: null },
      });
      return result;
    }
    parsed = parseFeedBytes(response.bytes, response.contentType, response.url);
  } catch (error) {
    return fail(ctx, feed, result, startedAt, error);
  }
  result.problems.push(...parsed.problems);

  try {
    // Issue 22 (rules): the feed's admin block/keep rules drop entries before anything is stored.
    parsed = { ...parsed, entries: await entriesPassingFeedRules(ctx.db, feed.id, parsed.entries) };
    let sourceId = feed.sourceId;
    const sourceName = parsed.title ?? feed.title;
    if (!sourceId && sourceName) {
      sourceId = await ensureSource(ctx.db, sourceName, hostOf(parsed.siteUrl ?? feed.url));
      await setFeedSource(ctx.db, feed.id, sourceId);
    }
    const changedIds: number[] = [];
    const checkLease = async () => {
      if (heartbeat.lost) throw new LeaseLostError(`lost the lease on feed ${feed.id} (another worker took it over)`);
    };
    // Pages are fetched several at a time, but entries are stored in the feed's order: the order
    // articles are stored in is the order the story engine meets them, so a worker killed and run
    // again (or two runs of one feed) stores and decides as one uninterrupted run does.
    const order = inTurn(parsed.entries.length);
    await forEachLimited(
      parsed.entries.map((entry, index) => ({ entry, index })),
      ctx.entryConcurrency ?? 4,
      async ({ entry, index }) => {
        let outcome: EntryOutcome;
        try {
          await checkLease();
          outcome = await storeEntryWithRetry(ctx, feed, entry, { sourceId, sourceName, turn: () => order.wait(index) });
        } catch (error) {
          if (error instanceof LeaseLostError) throw error;
          // One bad entry never costs the others; it is not recorded, so the next poll tries again.
          result.problems.push(`${entry.url ?? entry.guid}: ${(error as Error).message}; not stored`);
          return;
        } finally {
          order.done(index);
        }
        if (outcome.problem) result.problems.push(`${entry.url ?? entry.guid}: ${outcome.problem}`);
        if (outcome.status === 'inserted') result.newArticles++;
        if (outcome.status === 'updated') result.updatedArticles++;
        if ((outcome.status === 'inserted' || outcome.status === 'updated') && outcome.articleId) changedIds.push(outcome.articleId);
      },
    );
    if (changedIds.length) {
      try {
        await ctx.ingest.finish([...new Set(changedIds)]);
      } catch (error) {
        // The articles are stored; a later stage's failure is reported, not charged to the feed.
        result.problems.push(`post-ingest steps failed for ${changedIds.length} article(s): ${(error as Error).message}`);
      }
    }
    const changed = result.newArticles + result.updatedArticles > 0;
    result.status = changed ? 'changed' : 'unchanged';
    const interval = intervalAfterSuccess(feed.intervalSeconds, { changed, entryDates: parsed.entries.map((e) => e.publishedAt).filter((d): d is Date => d !== null), ttlSeconds: parsed.ttlSeconds }, ctx.bounds);
    await recordPoll(ctx.db, feed.id, ctx.owner, {
      checkedAt: startedAt,
      nextCheckAt: after(startedAt, interval),
      intervalSeconds: interval,
      status: response.status,
      success: {
        etag: response.etag,
        lastModified: response.lastModified,
        title: parsed.title,
        siteUrl: parsed.siteUrl,
        changed,
        movedTo: response.movedPermanently && response.url !== feed.url ? response.url : null,
      },
    });
    return result;
  } catch (error) {
    if (error instanceof LeaseLostError) return { ...result, status: 'failed', error: error.message };
    return fail(ctx, feed, result, startedAt, error);
  }
}

/** Decodes and parses a fetched feed document; a FeedParseError names what was wrong. */
export function parseFeedBytes(bytes: Uint8Array, contentType: string | null, url: string): ParsedFeed {
  let text: string;
  try {
    text = decodePage(bytes, contentType ?? undefined, { maxBytes: Math.max(bytes.byteLength, 1) }).text;
  } catch (error) {
    throw new FeedParseError(`cannot read the document as text: ${(error as Error).message}`);
  }
  return parseFeedText(text, url);
}

async function fail(ctx: PollContext, feed: FeedRecord, result: PollResult, startedAt: Date, error: unknown): Promise<PollResult> {
  const failures = feed.consecutiveFailures + 1;
  const message = describe(error, feed.url);
  const retryAfter = error instanceof FetchError ? error.retryAfterSeconds : null;
  const delay = backoffAfterFailure(failures, retryAfter, ctx.bounds);
  await recordPoll(ctx.db, feed.id, ctx.owner, {
    checkedAt: startedAt,
    nextCheckAt: after(startedAt, delay),
    intervalSeconds: feed.intervalSeconds,
    status: error instanceof FetchError ? error.status : null,
    error: { message, flag: isFlagged(failures, ctx.bounds) },
  });
  return { ...result, status: 'failed', error: message };
}

function describe(error: unknown, url: string): string {
  if (error instanceof FetchError) return error.message;
  if (error instanceof FeedParseError) return `${url}: ${error.message}`;
  return `${url}: ${(error as Error).message ?? String(error)}`;
}

type EntryOutcome = FeedEntryResult;

interface FeedIdentity {
  sourceId: number | null;
  sourceName: string | null;
  /** Resolves when every earlier entry of the feed is stored (or given up): this entry's turn to store. */
  turn?: () => Promise<void>;
}

/** Turns in a fixed order for work that finishes out of order: `wait(i)` resolves once `done(j)` ran for every j < i. */
export function inTurn(count: number): { wait(index: number): Promise<void>; done(index: number): void } {
  const finished = Array.from({ length: count }, () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  return {
    wait: (index) => (index === 0 ? Promise.resolve() : finished[index - 1]!.promise),
    // Entry i's turn waits for i-1's, and i-1's for i-2's: done(i) resolves only after done(i-1) did.
    done: (index) => {
      const previous = index === 0 ? Promise.resolve() : finished[index - 1]!.promise;
      void previous.then(() => finished[index]!.resolve());
    },
  };
}

// Two workers storing the same article from two feeds at once: the loser of the race hits a
// unique key; trying again finds the winner's row.
async function storeEntryWithRetry(ctx: PollContext, feed: FeedRecord, entry: FeedEntry, identity: FeedIdentity): Promise<EntryOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeEntry(ctx, feed, entry, identity);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505' || attempt >= 3) throw error;
    }
  }
}

/** Fetches what the entry needs (its page, when the feed gives only a summary) and hands it to the one ingest. */
async function storeEntry(ctx: PollContext, feed: FeedRecord, entry: FeedEntry, identity: FeedIdentity): Promise<EntryOutcome> {
  const plan = await ctx.ingest.plan(feed.id, entry);
  if (plan.status !== 'ingest') return plan;
  let page: FeedEntryInput['page'] = null;
  let pageProblem: string | null = null;
  if (needsPage(entry, articleFromEntry(entry, identity.sourceName))) {
    try {
      const response = await ctx.fetcher.fetch(entry.url!, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', maxBytes: ctx.maxPageBytes });
      page = { bytes: response.bytes, url: response.url, contentType: response.contentType ?? null };
    } catch (error) {
      pageProblem = error instanceof FetchError ? error.message : `page ${entry.url}: ${(error as Error).message}`;
    }
  }
  await identity.turn?.();
  return ctx.ingest.store({ feedId: feed.id, entry, sourceName: identity.sourceName, previousArticleId: plan.previousArticleId, page, pageProblem }, ctx.now());
}

function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

const after = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/** Runs `work` over `items`, at most `limit` at once; the first error stops new work and is thrown. */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== null) throw failure;
}
