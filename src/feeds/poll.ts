// One poll of one claimed feed, start to finish: conditional fetch, parse, turn each new or
// changed entry into an article (fetching and extracting the entry's page when the feed gives
// only a summary), run the post-ingest steps, and write the outcome and the next check time.
// Every entry is matched by the feed's guid, then by page address, then by content hash, so a
// poll repeated (by this worker or, after a crash, by another) stores nothing twice.
import { parseHTML } from 'linkedom';
import type { Db } from '../store/db.ts';
import type { ExtractedArticle } from '../model/index.ts';
import type { Fetcher } from '../fetch/client.ts';
import { FetchError } from '../fetch/client.ts';
import { decodePage } from '../extract/decode.ts';
import { extractPage } from '../extract/page.ts';
import { blockParagraphs } from '../extract/html-text.ts';
import { sanitizeArticleHtml } from '../extract/sanitize.ts';
import { drainOwedSteps, postIngestSteps } from '../pipeline.ts';
import { oweSteps } from '../store/progress.ts';
import { saveArticle, savePage } from '../store/articles.ts';
import { ensureSource } from '../store/sources.ts';
import {
  fillArticleFromFeed, findArticleByUrl, findEntry, recordPoll, renewLease, saveEntry, setFeedSource, updateArticleText,
  type FeedRecord,
} from '../store/feeds.ts';
import { sha256 } from '../text/hash.ts';
import { FeedParseError, parseFeedText } from './parse.ts';
import { backoffAfterFailure, intervalAfterSuccess, isFlagged, type ScheduleBounds } from './schedule.ts';
import type { FeedEntry, ParsedFeed } from './types.ts';

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
  /**
   * Where the ids of new and changed articles go for the post-ingest steps (dedup, stories,
   * enrichment). The worker batches them across feeds; without it they run at the end of the poll.
   */
  postIngest?: (articleIds: number[]) => Promise<void>;
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
// An entry whose body has fewer words than this is a summary: its page is fetched for the article.
const FULL_TEXT_WORDS = 150;

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
  const timer = setInterval(() => {
    renewLease(ctx.db, feedId, ctx.owner, after(ctx.now(), ctx.leaseSeconds))
      .then((held) => {
        if (!held) state.lost = true;
      })
      .catch(() => undefined); // a failed renewal is retried on the next beat
  }, Math.max(200, (ctx.leaseSeconds * 1000) / 3));
  timer.unref();
  return state;
}

async function pollClaimedFeed(ctx: PollContext, feed: FeedRecord, heartbeat: { lost: boolean }): Promise<PollResult> {
  const startedAt = ctx.now();
  const result: PollResult = { feedId: feed.id, url: feed.url, status: 'unchanged', newArticles: 0, updatedArticles: 0, problems: [], error: null };
  let parsed: ParsedFeed;
  let response;
  try {
    response = await ctx.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified, accept: FEED_ACCEPT, maxBytes: ctx.maxPageBytes });
    if (response.notModified) {
      result.status = 'not-modified';
      const interval = intervalAfterSuccess(feed.intervalSeconds, { changed: false, entryDates: [], ttlSeconds: null }, ctx.bounds);
      await recordPoll(ctx.db, feed.id, ctx.owner, {
        checkedAt: startedAt, nextCheckAt: after(startedAt, interval), intervalSeconds: interval, status: 304,
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
    await forEachLimited(parsed.entries, ctx.entryConcurrency ?? 4, async (entry) => {
      await checkLease();
      let outcome: EntryOutcome;
      try {
        outcome = await storeEntryWithRetry(ctx, feed, entry, { sourceId, sourceName });
      } catch (error) {
        if (error instanceof LeaseLostError) throw error;
        // One bad entry never costs the others; it is not recorded, so the next poll tries again.
        result.problems.push(`${entry.url ?? entry.guid}: ${(error as Error).message}; not stored`);
        return;
      }
      if (outcome.problem) result.problems.push(`${entry.url ?? entry.guid}: ${outcome.problem}`);
      if (outcome.status === 'inserted') result.newArticles++;
      if (outcome.status === 'updated') result.updatedArticles++;
      if ((outcome.status === 'inserted' || outcome.status === 'updated') && outcome.articleId) changedIds.push(outcome.articleId);
    });
    if (changedIds.length) {
      try {
        await (ctx.postIngest ?? (async () => void (await drainOwedSteps(ctx.db, { now: ctx.now() }))))([...new Set(changedIds)]);
      } catch (error) {
        // The articles are stored; a later stage's failure is reported, not charged to the feed.
        result.problems.push(`post-ingest steps failed for ${changedIds.length} article(s): ${(error as Error).message}`);
      }
    }
    const changed = result.newArticles + result.updatedArticles > 0;
    result.status = changed ? 'changed' : 'unchanged';
    const interval = intervalAfterSuccess(
      feed.intervalSeconds,
      { changed, entryDates: parsed.entries.map((e) => e.publishedAt).filter((d): d is Date => d !== null), ttlSeconds: parsed.ttlSeconds },
      ctx.bounds,
    );
    await recordPoll(ctx.db, feed.id, ctx.owner, {
      checkedAt: startedAt, nextCheckAt: after(startedAt, interval), intervalSeconds: interval, status: response.status,
      success: {
        etag: response.etag, lastModified: response.lastModified, title: parsed.title, siteUrl: parsed.siteUrl, changed,
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
    checkedAt: startedAt, nextCheckAt: after(startedAt, delay), intervalSeconds: feed.intervalSeconds,
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

interface EntryOutcome {
  status: 'inserted' | 'updated' | 'present' | 'unchanged' | 'linked';
  articleId: number | null;
  problem: string | null;
}

interface FeedIdentity {
  sourceId: number | null;
  sourceName: string | null;
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

async function storeEntry(ctx: PollContext, feed: FeedRecord, entry: FeedEntry, identity: FeedIdentity): Promise<EntryOutcome> {
  const entryHash = sha256(JSON.stringify([entry.title, entry.url, entry.summaryHtml, entry.contentHtml, entry.updatedAt?.toISOString() ?? null]));
  const existing = await findEntry(ctx.db, feed.id, entry.guid);
  // Unchanged and complete: nothing to do. An entry whose page failed last time is tried again.
  if (existing && existing.entryHash === entryHash && existing.articleId !== null && existing.problem === null) {
    return { status: 'unchanged', articleId: existing.articleId, problem: null };
  }
  const record = {
    feedId: feed.id, guid: entry.guid, url: entry.url, title: entry.title, entryHash, publishedAt: entry.publishedAt,
    authors: entry.authors, categories: entry.categories, enclosures: entry.enclosures,
  };
  // Another feed (or an import) already brought this page: point at its article, fetch nothing.
  if (!existing && entry.url) {
    const known = await findArticleByUrl(ctx.db, entry.url);
    if (known !== null) {
      await saveEntry(ctx.db, { ...record, articleId: known, problem: null });
      return { status: 'linked', articleId: known, problem: null };
    }
  }

  const built = await buildArticle(ctx, entry, identity.sourceName);
  return ctx.db.transaction(async (tx) => {
    let pageId: number | null = null;
    if (built.page) pageId = (await savePage(tx, built.page)).id;
    let saved: { id: number; status: EntryOutcome['status'] };
    if (existing?.articleId) {
      const updated = await updateArticleText(tx, existing.articleId, built.article, pageId);
      saved = { id: updated.id, status: updated.status };
    } else {
      saved = await saveArticle(tx, built.article, pageId);
    }
    await fillArticleFromFeed(tx, saved.id, {
      publishedAt: entry.publishedAt, publishedText: entry.publishedText, byline: entry.authors.join(', ') || null,
      sourceId: identity.sourceId, url: entry.url,
    });
    await saveEntry(tx, { ...record, articleId: saved.id, problem: built.problem });
    if (saved.status === 'inserted' || saved.status === 'updated') await oweSteps(tx, [saved.id], postIngestSteps.map((s) => s.name));
    return { status: saved.status, articleId: saved.id, problem: built.problem };
  });
}

interface BuiltArticle {
  article: ExtractedArticle;
  page: { location: string; kind: 'dump' | 'html'; contentHash: string; byteSize: number; charset: string | null } | null;
  /** Why the page could not be used and the feed's summary was stored instead. */
  problem: string | null;
}

async function buildArticle(ctx: PollContext, entry: FeedEntry, sourceName: string | null): Promise<BuiltArticle> {
  const body = entry.contentHtml ?? entry.summaryHtml ?? '';
  const fromFeed = articleFromFeedHtml(entry, body, sourceName);
  if (wordCount(fromFeed.text) >= FULL_TEXT_WORDS || !entry.url) return { article: fromFeed, page: null, problem: null };
  try {
    const response = await ctx.fetcher.fetch(entry.url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', maxBytes: ctx.maxPageBytes });
    const extracted = extractPage({
      bytes: response.bytes, location: response.url, modifiedAt: ctx.now(), asOf: null, url: response.url,
      contentType: response.contentType ?? undefined, maxBytes: ctx.maxPageBytes,
    });
    const main = extracted.main;
    // The page's text is the article; what the feed states about it fills the gaps.
    const article: ExtractedArticle = {
      ...main,
      title: entry.title ?? main.title,
      sourceName: main.sourceName ?? sourceName,
      byline: main.byline ?? (entry.authors.join(', ') || null),
      publishedAt: main.publishedAt ?? entry.publishedAt,
      timeBasis: main.publishedAt ? main.timeBasis : entry.publishedAt ? 'feed' : main.timeBasis,
      publishedText: main.publishedAt ? main.publishedText : entry.publishedText,
      url: entry.url,
      canonicalUrl: main.canonicalUrl ?? entry.url,
      excerpt: main.excerpt ?? (fromFeed.text.slice(0, 500) || null),
      imageUrl: main.imageUrl ?? entry.imageUrl,
      role: 'main',
    };
    return {
      article,
      page: { location: response.url, kind: extracted.kind, contentHash: sha256(response.bytes), byteSize: response.bytes.byteLength, charset: null },
      problem: null,
    };
  } catch (error) {
    // The entry is not lost when its page cannot be read: its summary is stored, with the reason.
    const reason = error instanceof FetchError ? error.message : `page ${entry.url}: ${(error as Error).message}`;
    if (!fromFeed.text) throw new Error(`no text in the feed and ${reason}`);
    return { article: fromFeed, page: null, problem: `stored the feed's summary: ${reason}` };
  }
}

function articleFromFeedHtml(entry: FeedEntry, body: string, sourceName: string | null): ExtractedArticle {
  const html = body ? sanitizeArticleHtml(body, entry.url) : '';
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const text = blockParagraphs(document.body as unknown as Node).join('\n\n');
  const summaryText = entry.summaryHtml && entry.contentHtml ? plainText(entry.summaryHtml) : null;
  return {
    title: entry.title ?? firstWords(text),
    text,
    html: html || null,
    sourceName,
    byline: entry.authors.join(', ') || null,
    publishedAt: entry.publishedAt,
    timeBasis: entry.publishedAt ? 'feed' : 'unknown',
    publishedText: entry.publishedText,
    language: null,
    url: entry.url,
    canonicalUrl: entry.url,
    excerpt: summaryText,
    imageUrl: entry.imageUrl,
    role: 'main',
  };
}

function plainText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return blockParagraphs(document.body as unknown as Node).join('\n\n');
}

const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

function firstWords(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, 12).join(' ') + (words.length > 12 ? '…' : '') || 'Untitled entry';
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

