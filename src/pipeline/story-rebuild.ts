// `dateline recluster` without a round trip per decision: the same decisions as the story step
// (src/pipeline/stories.ts, clusterArticle), in the same order, with the state the store would
// hold kept in memory as the store holds it, and written in bulk. What the store rounds
// (vectors and centroids to 1e-5 in JSON, index weights to float4) is rounded here too, and the
// candidate rule is the store's (window first, then the best few), so that a rebuild gives the
// stories that ingesting the same articles one at a time gives. A story out of every look's
// reach (the candidate window, and a settling story's return reach) can never be chosen again
// (articles come in time order): it is written and forgotten.
// (Near-duplicates go through the in-memory LSH index the dedup step's tables mirror,
// src/dedup/memory-index.ts: in time order no copy is older than its original.) The writes are
// the store's bulk functions; this module holds no SQL.
import { articleTerms, statTerms, weighTerms } from '../cluster/features.ts';
import { addToStory, centralMember, decideStory, indexTerms, mergeStories, newStory, shouldMerge, storyUnit, withSighting, type StoryMember, type StoryState } from '../cluster/stories.ts';
import { settleCutoff, settleInto, SettleQueue } from '../cluster/settle.ts';
import { DEFAULT_CLUSTER, queryOf, rankCandidates, reachDays, type ClusterConfig } from '../cluster/online.ts';
import { storedWeight, type TermStats, type TermVector } from '../text/tfidf.ts';
import type { StoryRecord } from '../store/stories.ts';

const DAY = 86_400_000;

/** An article as the story step reads it: `at` is its publication (else storage) time. */
export interface ArticleForStory {
  id: number;
  title: string;
  text: string;
  at: Date;
  duplicate_of: number | null;
  duplicate_similarity: number | null;
}

/** A vector as it comes back from the store (weights rounded to 1e-5 in JSON). */
function stored(vector: TermVector): TermVector {
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, storedWeight(w));
  return out;
}

interface Member extends StoryMember {
  title: string;
}

interface LiveStory {
  /** As the store would load it: rounded centroid, latest members' full (rounded) vectors. */
  state: StoryState;
  members: Member[];
  headline: { articleId: number; title: string };
  /** Index terms (float4 weights) and the story time they were written with. */
  index: [string, number][];
  indexedAt: Date | null;
  articles: { id: number; similarity: number | null }[];
}

export class StoryRebuild {
  private readonly df = new Map<string, number>();
  private documents = 0;
  private readonly live = new Map<number, LiveStory>();
  private readonly postings = new Map<string, Map<number, number>>();
  /** Article -> story, for near-duplicates joining their original's story. */
  private readonly storyOf = new Map<number, number>();
  /** Stories written already that a late copy joined: (story, article, similarity). */
  private lateCopies: [number, number, number | null][] = [];
  private vectors: [number, TermVector][] = [];
  /** Story ids reserved in the store, in order. */
  private ids: number[] = [];
  /** Live stories waiting for their settling look, by when they go quiet. */
  private readonly settleQueue = new SettleQueue();

  constructor(private readonly config: ClusterConfig = DEFAULT_CLUSTER) {}

  get stats(): TermStats {
    return { documents: this.documents, df: (t) => this.df.get(t) ?? 0 };
  }

  /** Ids from the store's sequence for the stories the next articles start. */
  provideIds(ids: number[]): void {
    this.ids.push(...ids);
  }

  get spareIds(): number {
    return this.ids.length;
  }

  /** One article, in time order: the decision clusterArticle makes. */
  add(article: ArticleForStory): number {
    if (article.duplicate_of !== null) {
      const storyId = this.storyOf.get(article.duplicate_of);
      if (storyId !== undefined) {
        this.storyOf.set(article.id, storyId);
        const story = this.live.get(storyId);
        if (!story) {
          this.lateCopies.push([storyId, article.id, article.duplicate_similarity]);
          return storyId;
        }
        story.articles.push({ id: article.id, similarity: article.duplicate_similarity });
        story.state = withSighting(story.state, article.at);
        this.settleQueue.push(storyId, story.state.lastSeenAt);
        return storyId;
      }
    }
    const { features, story: storyConfig, candidates: candidateConfig } = this.config;
    const terms = articleTerms(article, features);
    this.documents++;
    for (const t of statTerms(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const vector = weighTerms(terms, this.stats, features);
    const kept = stored(vector);
    this.vectors.push([article.id, kept]);
    const since = article.at.getTime() - candidateConfig.windowDays * DAY;
    const candidates = this.candidates(vector, since).map((id) => this.live.get(id)!);
    const decision = decideStory(vector, article.at, candidates.map((c) => c.state), storyConfig);
    const member: StoryMember = { articleId: article.id, vector, publishedAt: article.at };
    const full: Member = { articleId: article.id, vector: kept, publishedAt: article.at, title: article.title };

    if (decision.join === null) {
      const id = this.ids.shift();
      if (id === undefined) throw new Error('story rebuild: no story ids reserved');
      const live: LiveStory = {
        state: newStory(id, member, storyConfig), members: [], headline: { articleId: article.id, title: article.title },
        index: [], indexedAt: null, articles: [{ id: article.id, similarity: null }],
      };
      this.live.set(id, live);
      this.storyOf.set(article.id, id);
      this.write(live, live.state, [full]);
      return id;
    }

    const chosen = candidates.find((c) => c.state.id === decision.join)!;
    chosen.articles.push({ id: article.id, similarity: Math.round(decision.score * 1000) / 1000 });
    this.storyOf.set(article.id, chosen.state.id);
    // As the story step does it: the updated story against the other candidates, oldest first.
    let story = addToStory(chosen.state, member, storyConfig);
    let current = chosen;
    let pool = [...chosen.members, full];
    for (const other of candidates.slice().sort((a, b) => a.state.id - b.state.id)) {
      if (other.state.id === story.id || !this.live.has(other.state.id) || shouldMerge(story, other.state, storyConfig) === null) continue;
      const [keep, gone] = other.state.id < story.id ? [other.state, story] : [story, other.state];
      const [keepLive, goneLive] = keep === other.state ? [other, current] : [current, other];
      story = mergeStories(keep, gone, storyConfig);
      for (const a of goneLive.articles) {
        keepLive.articles.push(a);
        this.storyOf.set(a.id, keepLive.state.id);
      }
      pool = [...pool, ...other.members];
      this.unindex(goneLive.state.id);
      this.live.delete(goneLive.state.id);
      current = keepLive;
    }
    this.write(current, story, pool);
    return current.state.id;
  }

  /** What settleStories does at `now`: each quiet story, by id, gets its settling look. */
  settle(now: Date): void {
    const { story: storyConfig, candidates: candidateConfig } = this.config;
    for (const id of this.settleQueue.due(settleCutoff(now, storyConfig), (x) => this.live.get(x)?.state.lastSeenAt)) {
      const small = this.live.get(id);
      const at = small?.state.lastSeenAt;
      if (!small || !at || small.state.articleCount > storyConfig.settleSize) continue;
      const candidates = this.candidates(storyUnit(small.state), at.getTime() - storyConfig.returnDays * DAY).map((c) => this.live.get(c)!.state);
      const fold = settleInto(small.state, candidates, storyConfig);
      if (!fold) continue;
      const [keepLive, goneLive] = [this.live.get(fold.keep)!, this.live.get(fold.gone)!];
      for (const a of goneLive.articles) {
        keepLive.articles.push(a);
        this.storyOf.set(a.id, keepLive.state.id);
      }
      const pool = [...keepLive.members, ...goneLive.members];
      this.unindex(fold.gone);
      this.live.delete(fold.gone);
      this.settleQueue.forget(fold.gone);
      this.write(keepLive, fold.story, pool);
    }
  }

  /** The store's candidate query: stories indexed under the query terms within the window, best first. */
  private candidates(vector: TermVector, since: number): number[] {
    const { queryTerms, candidates } = this.config.candidates;
    const query = queryOf(vector, queryTerms);
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      for (const [storyId, w] of posting) {
        const at = this.live.get(storyId)!.indexedAt;
        if (at && at.getTime() < since) continue;
        scores.set(storyId, (scores.get(storyId) ?? 0) + weight * w);
      }
    }
    return rankCandidates(scores, candidates);
  }

  /**
   * What writeStory does: the headline from the members as the story step holds them (the new
   * member's vector cut to the kept terms), the index from the unrounded centroid; then the state
   * as the store gives it back.
   */
  private write(live: LiveStory, story: StoryState, members: Member[]): void {
    const { story: storyConfig, candidates: candidateConfig } = this.config;
    const central = centralMember(story, storyConfig);
    const title = central && members.find((m) => m.articleId === central.articleId)?.title;
    if (central && title) live.headline = { articleId: central.articleId, title };
    const index = indexTerms(story, candidateConfig.indexTerms).map(([t, w]) => [t, Math.fround(w)] as [string, number]);
    const latest = members
      .sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime() || a.articleId - b.articleId)
      .slice(-storyConfig.membersKept);
    live.state = {
      ...story,
      id: live.state.id,
      centroid: stored(story.centroid),
      unit: undefined,
      members: latest,
    };
    live.members = latest;
    this.unindex(live.state.id);
    live.index = index;
    live.indexedAt = live.state.lastSeenAt;
    this.settleQueue.push(live.state.id, live.state.lastSeenAt);
    for (const [term, w] of index) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(live.state.id, w);
    }
  }

  private unindex(id: number): void {
    for (const [term] of this.live.get(id)?.index ?? []) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting && !posting.size) this.postings.delete(term);
    }
  }

  /**
   * Stories no later article or settling look can reach (out of the window at `at`, and out of
   * it for a story settling then), taken out of memory.
   */
  takeFinished(at: Date | null): StoryRecord[] {
    const out: StoryRecord[] = [];
    const { candidates: candidateConfig, story: storyConfig } = this.config;
    const horizon = at ? at.getTime() - (reachDays(this.config) + storyConfig.settleQuietDays) * DAY : null;
    for (const [id, live] of this.live) {
      if (horizon !== null && !(live.indexedAt && live.indexedAt.getTime() < horizon)) continue;
      out.push({
        id, centroid: live.state.centroid, headline: live.headline, index: live.index, indexedAt: live.indexedAt, articles: live.articles,
        settled: this.settleQueue.isSettled(id),
      });
      this.unindex(id);
      this.live.delete(id);
      this.settleQueue.forget(id);
    }
    return out;
  }

  takeVectors(): [number, TermVector][] {
    const out = this.vectors;
    this.vectors = [];
    return out;
  }

  takeLateCopies(): [number, number, number | null][] {
    const out = this.lateCopies;
    this.lateCopies = [];
    return out;
  }

  termStats(): { documents: number; df: Map<string, number> } {
    return { documents: this.documents, df: this.df };
  }
}
