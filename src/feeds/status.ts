// How a subscription is doing, in the words the CLI, the API and the reader's feeds page share.
import type { FeedRecord } from '../store/feeds.ts';

export type FeedStatus = 'paused' | 'flagged' | 'failing' | 'new' | 'ok';

export function feedStatus(feed: FeedRecord): FeedStatus {
  if (feed.paused) return 'paused';
  if (feed.flaggedAt) return 'flagged';
  if (feed.consecutiveFailures > 0) return 'failing';
  if (!feed.lastCheckedAt) return 'new';
  return 'ok';
}

export function feedJson(feed: FeedRecord) {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    siteUrl: feed.siteUrl,
    category: feed.category,
    status: feedStatus(feed),
    nextCheckAt: feed.nextCheckAt.toISOString(),
    intervalSeconds: feed.intervalSeconds,
    lastCheckedAt: feed.lastCheckedAt?.toISOString() ?? null,
    lastSuccessAt: feed.lastSuccessAt?.toISOString() ?? null,
    lastChangedAt: feed.lastChangedAt?.toISOString() ?? null,
    lastStatus: feed.lastStatus,
    consecutiveFailures: feed.consecutiveFailures,
    lastError: feed.lastError,
    flaggedAt: feed.flaggedAt?.toISOString() ?? null,
    entryCount: feed.entryCount,
  };
}

export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 360) / 10} h`;
}
