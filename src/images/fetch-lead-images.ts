// The lead-image job, the I/O shell: claims owed images from the store, picks each article's
// lead image (lead-image.ts), fetches it through the shared client (address guard on every hop,
// a size limit, a timeout), checks it is an image, keeps a thumbnail (thumbnail.ts) and records
// the outcome. It runs beside ingest, never inside it: an unreachable or hostile image costs only
// that image. Any number of processes may run it at once (claims are exclusive).
import type { Queryable } from '../store/db.ts';
import { createFetcher, FetchError, type Fetcher } from '../fetch/client.ts';
import { AddressRefusedError } from '../fetch/guard.ts';
import { claimOwedImages, recordImageFailure, recordNoImage, recordThumbnail, type OwedImage } from '../store/article-images.ts';
import { leadImageUrl } from './lead-image.ts';
import { ImageRejected, makeThumbnail } from './thumbnail.ts';

/** Largest image body fetched. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.5';
// Retries of a transient failure (network, timeout, 5xx, 429): after 10 min, 1 h, then given up.
const RETRY_MINUTES = [10, 60];

export type ImageOutcome = 'stored' | 'none' | 'retry' | 'failed';

export interface LeadImageJob {
  /** Works through what is due at `now`, one claimed batch; returns counts by outcome. */
  runOnce(db: Queryable, now: Date): Promise<Record<ImageOutcome, number>>;
  close(): Promise<void>;
}

export interface LeadImageJobOptions {
  allowPrivateAddresses: string[];
  timeoutMs?: number;
  batchSize?: number;
  /** A client to use instead of making one (closed by its owner). */
  fetcher?: Fetcher;
}

export function createLeadImageJob(options: LeadImageJobOptions): LeadImageJob {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetcher =
    options.fetcher ??
    createFetcher({
      allowPrivateAddresses: options.allowPrivateAddresses,
      timeoutMs,
      headersTimeoutMs: timeoutMs,
      bodyTimeoutMs: timeoutMs,
      maxBytes: IMAGE_MAX_BYTES,
      maxRedirects: 3,
      perHost: 2,
    });
  const leaseSeconds = Math.ceil(timeoutMs / 1000) * 4;
  return {
    async runOnce(db, now) {
      const counts: Record<ImageOutcome, number> = { stored: 0, none: 0, retry: 0, failed: 0 };
      const claimed = await claimOwedImages(db, now, options.batchSize ?? 8, leaseSeconds);
      await Promise.all(
        claimed.map(async (owed) => {
          counts[await fetchOne(db, fetcher, owed, now)]++;
        }),
      );
      return counts;
    },
    close: async () => {
      if (!options.fetcher) await fetcher.close();
    },
  };
}

async function fetchOne(db: Queryable, fetcher: Fetcher, owed: OwedImage, now: Date): Promise<ImageOutcome> {
  const url = leadImageUrl(owed);
  if (!url) {
    await recordNoImage(db, owed.articleId, 'the page names no image', null, now);
    return 'none';
  }
  try {
    const response = await fetcher.fetch(url, { accept: ACCEPT, maxBytes: IMAGE_MAX_BYTES });
    const type = (response.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!type.startsWith('image/') || type === 'image/svg+xml') {
      return fail(db, owed, url, `${response.url}: answered ${type || 'no content type'}, not a raster image`, false, now);
    }
    const thumbnail = await makeThumbnail(response.bytes);
    await recordThumbnail(db, owed.articleId, { sourceUrl: response.url, ...thumbnail }, now);
    return 'stored';
  } catch (error) {
    if (error instanceof ImageRejected && error.reason === 'too-small') {
      await recordNoImage(db, owed.articleId, error.message, url, now);
      return 'none';
    }
    if (error instanceof ImageRejected) return fail(db, owed, url, `${url}: ${error.message}`, false, now);
    if (error instanceof AddressRefusedError) return fail(db, owed, url, `${url}: ${error.message}`, false, now);
    if (error instanceof FetchError) {
      const transient = error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'status' && (error.status === null || error.status >= 500 || error.status === 429));
      return fail(db, owed, url, error.message, transient, now);
    }
    throw error;
  }
}

async function fail(db: Queryable, owed: OwedImage, url: string, message: string, transient: boolean, now: Date): Promise<ImageOutcome> {
  const wait = transient ? RETRY_MINUTES[owed.attempts] : undefined;
  const retryAt = wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
  await recordImageFailure(db, owed.articleId, url, message, retryAt, now);
  return retryAt ? 'retry' : 'failed';
}
