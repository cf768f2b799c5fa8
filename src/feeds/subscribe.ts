// Subscribing by address: the address may be the feed itself or a page that announces its
// feeds (<link rel="alternate">); either way the feed is fetched and parsed once before it is
// stored, so a typo or a dead site is refused at once with the reason, not discovered later.
import type { Queryable } from '../store/db.ts';
import type { Fetcher, FetchResult } from '../fetch/client.ts';
import { addFeed, type FeedRecord } from '../store/feeds.ts';
import { decodePage } from '../extract/decode.ts';
import { discoverFeeds, looksLikeHtmlPage } from './discover.ts';
import { parseFeedText } from './parse.ts';
import type { ParsedFeed } from './types.ts';

export class SubscribeError extends Error {}

export interface Subscription {
  feed: FeedRecord;
  created: boolean;
  /** The page the feed was discovered on, when the address given was a page. */
  discoveredFrom: string | null;
  entryCount: number;
}

export async function subscribe(db: Queryable, fetcher: Fetcher, address: string, options: { category?: string | null; maxBytes?: number; now?: Date } = {}): Promise<Subscription> {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new SubscribeError(`${JSON.stringify(address)} is not a URL (expected http:// or https://…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SubscribeError(`${address}: only http and https feeds are supported`);
  const first = await readDocument(fetcher, url.toString(), options.maxBytes);
  if (first.feed) return store(db, first.url, first.feed, null, options.category ?? null, null, options.now);
  const candidates = discoverFeeds(first.text, first.url);
  if (!candidates.length) throw new SubscribeError(`${address}: an HTML page that announces no feed (no <link rel="alternate"> of a feed type)`);
  const reasons: string[] = [];
  for (const candidate of candidates) {
    try {
      const found = await readDocument(fetcher, candidate.url, options.maxBytes);
      if (found.feed) return store(db, found.url, found.feed, first.url, options.category ?? null, candidate.title, options.now);
      reasons.push(`${candidate.url}: not a feed`);
    } catch (error) {
      reasons.push((error as Error).message);
    }
  }
  throw new SubscribeError(`${address}: the page announces ${candidates.length} feed(s), none readable: ${reasons.join('; ')}`);
}

async function readDocument(fetcher: Fetcher, url: string, maxBytes?: number): Promise<{ url: string; text: string; feed: ParsedFeed | null }> {
  let response: FetchResult;
  try {
    response = await fetcher.fetch(url, { maxBytes, accept: 'application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.8, */*;q=0.5' });
  } catch (error) {
    throw new SubscribeError((error as Error).message);
  }
  let text: string;
  try {
    text = decodePage(response.bytes, response.contentType ?? undefined, { maxBytes: Math.max(1, response.bytes.byteLength) }).text;
  } catch (error) {
    throw new SubscribeError(`${response.url}: ${(error as Error).message}`);
  }
  if (looksLikeHtmlPage(text, response.contentType)) return { url: response.url, text, feed: null };
  try {
    return { url: response.url, text, feed: parseFeedText(text, response.url) };
  } catch (error) {
    throw new SubscribeError(`${response.url}: ${(error as Error).message}`);
  }
}

// The first poll is due at once by the caller's clock (the one the worker and the pages count from).
async function store(db: Queryable, url: string, feed: ParsedFeed, page: string | null, category: string | null, title: string | null, now?: Date): Promise<Subscription> {
  const saved = await addFeed(db, { url, title: feed.title ?? title, siteUrl: feed.siteUrl ?? page, category, nextCheckAt: now });
  return { feed: saved.feed, created: saved.created, discoveredFrom: page, entryCount: feed.entries.length };
}
