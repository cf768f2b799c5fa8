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
// Where an undated stream's clock starts.
const UNDATED_EPOCH = Date.UTC(2000, 0, 1);

export class OnlineClusterer {
  readonly store: MemoryStoryStore;
  private sinceSweep = 0;
  /** The stream's clock: the latest time seen, or stamped on an undated article. */
  private clock: number | null = null;
  /** Whether the latest article was stamped on the arrival clock. */
  private stamped = false;

  /** The configuration for undated articles stamped on the arrival clock: no returns. */
  private readonly undated: ClusterConfig;

  constructor(readonly config: ClusterConfig = DEFAULT_CLUSTER) {
    // Forgets what no look can reach (a stream of years stays bounded); `dateline recluster` keeps all.
    this.store = new MemoryStoryStore(config, false, true);
    this.undated = { ...config, story: { ...config.story, returnThreshold: Infinity } };
  }

  /** Clusters one article (the stream must come in time order), then settles at its time. */
  async assign(article: ClusterArticle & { duplicateOf?: number | null; duplicateSimilarity?: number | null }): Promise<Assignment> {
    const at = this.stamp(article.publishedAt);
    const config = article.publishedAt || !at ? this.config : this.undated;
    const outcome = await clusterArticle(this.store, { ...article, at }, config);
    if (at && ++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      this.store.sweep(at);
    }
    this.stamped = config === this.undated;
    return { ...outcome, settled: at ? await settleQuiet(this.store, at, config) : [] };
  }

  /**
   * An article's time on the stream's clock: its own when dated; an undated one arrives
   * StoryConfig.arrivalMinutes after the article before it (0: it stays undated).
   */
  private stamp(publishedAt: Date | null): Date | null {
    if (publishedAt) {
      this.clock = Math.max(this.clock ?? -Infinity, publishedAt.getTime());
      return publishedAt;
    }
    const minutes = this.config.story.arrivalMinutes;
    if (!minutes) return null;
    this.clock = (this.clock ?? UNDATED_EPOCH) + minutes * 60_000;
    return new Date(this.clock);
  }

  /** Settles the stories quiet at `now` (null: all of them); each fold as [gone, kept]. */
  settle(now: Date | null): Promise<[number, number][]> {
    return settleQuiet(this.store, now, this.stamped ? this.undated : this.config);
  }

  story(id: number): Promise<StoryState | null> {
    return this.store.load(id);
  }
}
