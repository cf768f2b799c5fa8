// The story engine run over memory, one article at a time, as a stream: what benchmarks and
// tests feed. It is the engine (src/cluster/engine.ts) over MemoryStoryStore, with the stream's
// own clock settling what has gone quiet after each dated article, and a sweep now and then of
// what no look can reach any more.
import { clusterArticle, settleQuiet, type StoryOutcome } from './engine.ts';
import { MemoryStoryStore } from './memory-store.ts';
import { DEFAULT_CLUSTER, type ClusterConfig } from './config.ts';
import type { ClusterArticle } from './features.ts';
import type { StoryState } from './stories.ts';

export * from './config.ts';

export interface Assignment extends StoryOutcome {
  /**
   * Then, stories settled into others as [gone, kept], in order (this article's story may be
   * among the gone: follow them after `storyId`).
   */
  settled: [number, number][];
}

// Articles between two sweeps of what no look can reach any more.
const SWEEP_EVERY = 2000;

export class OnlineClusterer {
  readonly store: MemoryStoryStore;
  private sinceSweep = 0;

  constructor(readonly config: ClusterConfig = DEFAULT_CLUSTER) {
    this.store = new MemoryStoryStore(config);
  }

  /** Clusters one article (the stream must come in time order), then settles at its time. */
  async assign(article: ClusterArticle & { duplicateOf?: number | null; duplicateSimilarity?: number | null }): Promise<Assignment> {
    const at = article.publishedAt;
    const outcome = await clusterArticle(this.store, { ...article, at }, this.config);
    if (at && ++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      this.store.sweep(at);
    }
    return { ...outcome, settled: at ? await settleQuiet(this.store, at, this.config) : [] };
  }

  /** Settles the stories quiet at `now` (null: all of them); each fold as [gone, kept]. */
  settle(now: Date | null): Promise<[number, number][]> {
    return settleQuiet(this.store, now, this.config);
  }

  story(id: number): Promise<StoryState | null> {
    return this.store.load(id);
  }
}
