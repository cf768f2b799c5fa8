// The online story clusterer held in memory: stream term statistics, an inverted index from a
// story's top terms to the story (the online window, and beyond it the settling look's return
// reach), and the stories themselves. The store's
// tables hold exactly this state for the pipeline; this copy serves benchmarks and tests, and
// states the candidate rules both follow: a new article is compared only with indexed stories.
import type { TermStats, TermVector } from '../text/tfidf.ts';
import { articleTerms, statTerms, weighTerms, DEFAULT_FEATURES, type ClusterArticle, type FeatureConfig } from './features.ts';
import { addToStory, decideStory, indexTerms, mergeStories, newStory, shouldMerge, storyUnit, withSighting, DEFAULT_STORY, type StoryConfig, type StoryState } from './stories.ts';
import { settleCutoff, settleInto, SettleQueue } from './settle.ts';

const DAY = 86_400_000;

export interface CandidateConfig {
  /** Article terms looked up in the index. */
  queryTerms: number;
  /** Terms a story is indexed under. */
  indexTerms: number;
  /** Candidate stories compared in full. */
  candidates: number;
  /**
   * A new article is compared with stories last seen at most this many days before it (a quiet
   * small story at its settling look, with those up to StoryConfig.returnDays before it).
   */
  windowDays: number;
}

export const DEFAULT_CANDIDATES: CandidateConfig = { queryTerms: 25, indexTerms: 30, candidates: 6, windowDays: 180 };

export interface ClusterConfig {
  features: FeatureConfig;
  story: StoryConfig;
  candidates: CandidateConfig;
}

export const DEFAULT_CLUSTER: ClusterConfig = { features: DEFAULT_FEATURES, story: DEFAULT_STORY, candidates: DEFAULT_CANDIDATES };

/** How far back any look reaches (days): a story last seen longer ago can never be chosen again. */
export const reachDays = (config: ClusterConfig): number => Math.max(config.candidates.windowDays, config.story.returnDays);

export interface Assignment {
  storyId: number;
  score: number;
  /** Stories merged into `storyId` by this article. */
  merged: number[];
  /**
   * Then, stories settled into others as [gone, kept], in order (this article's story may be
   * among the gone: follow them after `storyId`).
   */
  settled: [number, number][];
  vector: TermVector;
}

/** The article terms looked up in the story index: its heaviest (ties by term). */
export function queryOf(vector: TermVector, size: number): [string, number][] {
  return [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size);
}

/** Ranks indexed stories by summed term weight; the top `limit` (ties to the lower id). */
export function rankCandidates(scores: Map<number, number>, limit: number): number[] {
  return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([id]) => id);
}

/**
 * A settled story past the window, as memory keeps it until no look can reach it: its centroid
 * packed in two arrays (a Map of boxed weights per story is what a long reach would cost the
 * collector) and its times. Its members are not kept: they only ever name the story (the store
 * keeps them for its headline), and a settled story is never weighed by its members again.
 */
interface PackedStory {
  terms: string[];
  weights: Float64Array;
  articleCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
}

export class OnlineClusterer {
  readonly df = new Map<string, number>();
  documents = 0;
  /** Stories within the window (and unsettled ones past it). */
  readonly stories = new Map<number, StoryState>();
  /** Settled stories past the window that a settling look can still reach (a return). */
  private readonly packed = new Map<number, PackedStory>();
  /**
   * The story index in two tiers: stories seen within the window at the last sweep, and older
   * ones that only a settling look (a return) still reaches, so an article's lookup never walks
   * the older ones' postings.
   */
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly archive = new Map<string, Map<number, number>>();
  private readonly indexed = new Map<number, { terms: [string, number][]; archived: boolean }>();
  private interned = new Map<string, string>();
  private nextId = 1;
  private lastSweep = 0;
  /** Stories waiting for their settling look, by when they go quiet. */
  private readonly settleQueue = new SettleQueue();

  constructor(readonly config: ClusterConfig = DEFAULT_CLUSTER) {}

  get stats(): TermStats {
    return { documents: this.documents, df: (t) => this.df.get(t) ?? 0 };
  }

  /** Weighs an article against the stream so far (and counts it in the stream's statistics). */
  vectorFor(article: Pick<ClusterArticle, 'title' | 'text'>): TermVector {
    const terms = articleTerms(article, this.config.features);
    this.documents++;
    for (const t of statTerms(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    return this.intern(weighTerms(terms, this.stats, this.config.features));
  }

  /** One string per term for the whole stream: vectors kept in stories share their keys. */
  private intern(vector: TermVector): TermVector {
    const out: TermVector = new Map();
    for (const [t, w] of vector) {
      let key = this.interned.get(t);
      if (key === undefined) this.interned.set(t, (key = t));
      out.set(key, w);
    }
    return out;
  }

  /**
   * The indexed stories sharing the most weight with `vector` among those last seen at most
   * `days` before `at` (the store's rule: window first, then the best few).
   */
  candidatesFor(vector: TermVector, at: Date | null, days: number = this.config.candidates.windowDays): StoryState[] {
    const { queryTerms, candidates } = this.config.candidates;
    const query = queryOf(vector, queryTerms);
    const scores = new Map<number, number>();
    const horizon = at ? at.getTime() - days * DAY : null;
    const tiers = days > this.config.candidates.windowDays || horizon === null ? [this.postings, this.archive] : [this.postings];
    for (const tier of tiers) {
      for (const [term, weight] of query) {
        const posting = tier.get(term);
        if (!posting) continue;
        for (const [storyId, w] of posting) {
          if (horizon !== null) {
            const seen = this.lastSeen(storyId);
            if (seen && seen.getTime() < horizon) continue;
          }
          scores.set(storyId, (scores.get(storyId) ?? 0) + weight * w);
        }
      }
    }
    return rankCandidates(scores, candidates).map((id) => this.story(id)!);
  }

  /** Clusters one article (the stream must come in time order) with an already computed vector. */
  assignVector(articleId: number, vector: TermVector, at: Date | null): Assignment {
    const candidates = this.candidatesFor(vector, at);
    const decision = decideStory(vector, at, candidates, this.config.story);
    const member = { articleId, vector, publishedAt: at };
    let story: StoryState;
    const merged: number[] = [];
    if (decision.join === null) {
      story = newStory(this.nextId++, member, this.config.story);
    } else {
      story = addToStory(candidates.find((c) => c.id === decision.join)!, member, this.config.story);
      // Converging stories: the updated story against the other candidates, oldest first.
      for (const other of candidates.slice().sort((a, b) => a.id - b.id)) {
        if (other.id === story.id || this.lastSeen(other.id) === undefined) continue;
        if (shouldMerge(story, other, this.config.story) === null) continue;
        const [keep, gone] = other.id < story.id ? [other, story] : [story, other];
        story = mergeStories(keep, gone, this.config.story);
        this.remove(gone.id);
        merged.push(gone.id);
      }
    }
    this.put(story);
    this.sweep(at);
    // The stream's clock has moved on: stories quiet since then get their settling look.
    const settled = at ? this.settle(at) : [];
    return { storyId: story.id, score: decision.score, merged, settled, vector };
  }

  /**
   * Settles the stories quiet at `now` (src/cluster/settle.ts), by id; returns each merge as
   * [gone, kept]. Called after every dated article with its time, and by whoever holds the
   * clusterer with the wall clock (what the worker does between polls).
   */
  settle(now: Date): [number, number][] {
    const merges: [number, number][] = [];
    for (const id of this.settleQueue.due(settleCutoff(now, this.config.story), (x) => this.lastSeen(x))) {
      const small = this.story(id);
      if (!small || small.articleCount > this.config.story.settleSize) continue;
      const fold = settleInto(small, this.candidatesFor(storyUnit(small), small.lastSeenAt, this.config.story.returnDays), this.config.story);
      if (!fold) continue;
      this.remove(fold.gone);
      this.put(fold.story);
      merges.push([fold.gone, fold.keep]);
    }
    return merges;
  }

  assign(article: ClusterArticle): Assignment {
    const vector = this.vectorFor(article);
    return this.assignVector(article.id, vector, article.publishedAt);
  }

  /** Joins an article to a known story without scoring (a near-duplicate joins its original's). */
  attach(articleId: number, storyId: number, at: Date | null): void {
    const story = this.story(storyId);
    if (!story) return;
    const seen = withSighting(story, at);
    // Seen again, a packed story is back in the window.
    if (this.packed.has(storyId)) return this.put(seen);
    this.stories.set(storyId, seen);
    if (seen.lastSeenAt !== story.lastSeenAt) this.settleQueue.push(storyId, seen.lastSeenAt);
  }

  /** A story by id, a packed one unpacked (a new object each time). */
  story(id: number): StoryState | undefined {
    const live = this.stories.get(id);
    if (live) return live;
    const p = this.packed.get(id);
    if (!p) return undefined;
    const centroid: TermVector = new Map();
    for (let i = 0; i < p.terms.length; i++) centroid.set(p.terms[i]!, p.weights[i]!);
    return { id, centroid, members: [], articleCount: p.articleCount, firstSeenAt: p.firstSeenAt, lastSeenAt: p.lastSeenAt };
  }

  /** When a story, live or packed, was last seen (null: undated); undefined when it is gone. */
  private lastSeen(id: number): Date | null | undefined {
    return (this.stories.get(id) ?? this.packed.get(id))?.lastSeenAt;
  }

  private put(story: StoryState): void {
    this.removeFromIndex(story.id);
    this.packed.delete(story.id);
    this.stories.set(story.id, story);
    this.settleQueue.push(story.id, story.lastSeenAt);
    const terms = indexTerms(story, this.config.candidates.indexTerms);
    this.addToIndex(story.id, terms, false);
  }

  private addToIndex(id: number, terms: [string, number][], archived: boolean): void {
    const tier = archived ? this.archive : this.postings;
    this.indexed.set(id, { terms, archived });
    for (const [term, w] of terms) {
      let posting = tier.get(term);
      if (!posting) tier.set(term, (posting = new Map()));
      posting.set(id, w);
    }
  }

  private remove(id: number): void {
    this.removeFromIndex(id);
    this.stories.delete(id);
    this.packed.delete(id);
    this.settleQueue.forget(id);
  }

  private removeFromIndex(id: number): void {
    const entry = this.indexed.get(id);
    if (!entry) return;
    const tier = entry.archived ? this.archive : this.postings;
    for (const [term] of entry.terms) {
      const posting = tier.get(term);
      posting?.delete(id);
      if (posting && !posting.size) tier.delete(term);
    }
    this.indexed.delete(id);
  }

  /**
   * Stories no look can reach any more (out of the window and of a settling story's reach) leave
   * the index and memory: their membership is final. Those only a settling look still reaches
   * move to the archive tier of the index and, once settled, are packed.
   */
  private sweep(at: Date | null): void {
    if (!at || this.documents - this.lastSweep < 2000) return;
    this.lastSweep = this.documents;
    const { windowDays } = this.config.candidates;
    const gone = at.getTime() - (reachDays(this.config) + this.config.story.settleQuietDays) * DAY;
    const quiet = at.getTime() - windowDays * DAY;
    for (const [id, p] of this.packed) {
      if (p.lastSeenAt && p.lastSeenAt.getTime() < gone) this.remove(id);
    }
    for (const [id, story] of this.stories) {
      const seen = story.lastSeenAt?.getTime();
      if (seen === undefined) continue;
      if (seen < gone) this.remove(id);
      else if (seen < quiet) {
        if (!this.indexed.get(id)?.archived) {
          const terms = this.indexed.get(id)?.terms ?? [];
          this.removeFromIndex(id);
          this.addToIndex(id, terms, true);
        }
        if (this.settleQueue.isSettled(id)) {
          this.packed.set(id, {
            terms: [...story.centroid.keys()], weights: Float64Array.from(story.centroid.values()),
            articleCount: story.articleCount, firstSeenAt: story.firstSeenAt, lastSeenAt: story.lastSeenAt,
          });
          this.stories.delete(id);
        }
      }
    }
  }

  /** Live index size, for the scale benchmark. */
  indexSize(): { stories: number; packed: number; postings: number; archived: number; terms: number } {
    let postings = 0;
    for (const p of this.postings.values()) postings += p.size;
    let archived = 0;
    for (const p of this.archive.values()) archived += p.size;
    return { stories: this.stories.size, packed: this.packed.size, postings, archived, terms: this.df.size };
  }
}
