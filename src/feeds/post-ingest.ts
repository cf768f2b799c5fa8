// The post-ingest steps (dedup, stories, enrichment) for articles feeds brought in, batched
// across feeds: a worker polling many feeds at once would otherwise run every step once per feed,
// concurrently, paying each step's fixed cost (loading neighbours, centroids, models) per feed
// and making the steps contend with each other. One batch runs at a time, in arrival order.
import type { Db } from '../store/db.ts';
import { runPostIngestSteps } from '../pipeline.ts';

export interface PostIngestBatcher {
  /** Queues ids; resolves once they have been through the steps (so a poll ends after its articles are done). */
  add(articleIds: number[]): Promise<void>;
  /** Waits until everything queued has run. */
  drain(): Promise<void>;
}

export function createPostIngestBatcher(db: Db, options: { maxBatch?: number; onError?: (error: Error) => void } = {}): PostIngestBatcher {
  const maxBatch = options.maxBatch ?? 200;
  let queue: { ids: number[]; done: () => void; failed: (error: Error) => void }[] = [];
  let running: Promise<void> | null = null;

  const runLoop = async () => {
    while (queue.length) {
      // Take whole requests until the batch is full, so every caller is answered by one run.
      const batch: typeof queue = [];
      let size = 0;
      while (queue.length && (size === 0 || size + queue[0]!.ids.length <= maxBatch)) {
        const next = queue.shift()!;
        batch.push(next);
        size += next.ids.length;
      }
      const ids = [...new Set(batch.flatMap((b) => b.ids))];
      try {
        await runPostIngestSteps(db, ids);
        for (const b of batch) b.done();
      } catch (error) {
        options.onError?.(error as Error);
        for (const b of batch) b.failed(error as Error);
      }
    }
    running = null;
  };

  return {
    add(articleIds) {
      if (!articleIds.length) return Promise.resolve();
      const settled = new Promise<void>((done, failed) => queue.push({ ids: articleIds, done, failed }));
      running ??= runLoop();
      return settled;
    },
    async drain() {
      while (running) await running;
    },
  };
}
