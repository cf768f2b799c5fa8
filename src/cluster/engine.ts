// The story engine: the one place where an article's story is decided and a quiet small story
// settles, run over one state interface (StoryStore) with two backings: the database
// (src/pipeline/stories.ts: the story step, the worker) and memory (src/cluster/memory-store.ts:
// `dateline recluster`, bench/cluster, bench/scale, tests). The rules themselves are pure
// functions (stories.ts, settle.ts); this module only sequences them against the state.
import type { TermStats, TermVector } from '../text/tfidf.ts';
import { articleTerms, statTerms, weighTerms } from './features.ts';
import { addToStory, decideStory, mergeStories, newStory, shouldMerge, storyUnit, type StoryMember, type StoryState } from './stories.ts';
import { settleCutoff, settleInto } from './settle.ts';
import { queryOf, type ClusterConfig } from './config.ts';

const DAY = 86_400_000;

/** An article as the engine reads it: `at` is its publication (else storage) time, null when undated. */
export interface StoryInput {
  id: number;
  title: string;
  text: string;
  at: Date | null;
  /** Its outlet's name and its address (a title that only names the outlet is no headline). */
  sourceName?: string | null;
  url?: string | null;
  /** The original it copies (dedup's decision), and how closely. */
  duplicateOf?: number | null;
  duplicateSimilarity?: number | null;
}

/** The state the engine reads and writes: stream statistics, the story index, stories, membership. */
export interface StoryStore {
  /** The story an article already belongs to, or null. */
  storyOf(articleId: number): Promise<number | null>;
  /** Counts one more document with these distinct terms; the statistics to weigh it with. */
  countTerms(terms: string[]): Promise<TermStats>;
  /** Keeps an article's weighted vector. */
  saveVector(article: StoryInput, vector: TermVector): Promise<void>;
  /** Stories indexed under the query terms, last seen at or after `since` (null: any), best first, loaded. */
  candidates(query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]>;
  load(id: number): Promise<StoryState | null>;
  /** A new, empty story for an article; its id. */
  create(article: StoryInput): Promise<number>;
  /** An article joins a story's membership (`similarity`: its score, null for the first). */
  addArticle(storyId: number, articleId: number, similarity: number | null): Promise<void>;
  /** A copy joins its original's story: membership and times, not the centroid. */
  attachCopy(storyId: number, article: StoryInput): Promise<void>;
  /** Every article of `goneId` moves to `keepId`; `goneId` is deleted. */
  merge(keepId: number, goneId: number): Promise<void>;
  /** Writes a story's state: centroid, times, index, headline. */
  save(story: StoryState): Promise<void>;
  /**
   * Stories not yet settled and last seen at or before `cutoff` (null: all), now counted settled;
   * the ids of those with at most `maxArticles` articles, ascending.
   */
  dueForSettling(cutoff: Date | null, maxArticles: number): Promise<number[]>;
}

export interface StoryOutcome {
  storyId: number;
  /** Best score met (the joined story's when it joined). */
  score: number;
  /** Stories merged into `storyId` by this article. */
  merged: number[];
}

/** Clusters one article: a copy joins its original's story; else the best story, or a new one. */
export async function clusterArticle(store: StoryStore, article: StoryInput, config: ClusterConfig): Promise<StoryOutcome> {
  const existing = await store.storyOf(article.id);
  if (existing !== null) return { storyId: existing, score: 1, merged: [] };
  if (article.duplicateOf != null) {
    const storyId = await store.storyOf(article.duplicateOf);
    if (storyId !== null) {
      await store.attachCopy(storyId, article);
      return { storyId, score: article.duplicateSimilarity ?? 1, merged: [] };
    }
  }
  const terms = articleTerms(article, config.features);
  const vector = weighTerms(terms, await store.countTerms(statTerms(terms)), config.features);
  await store.saveVector(article, vector);
  const since = article.at ? new Date(article.at.getTime() - config.candidates.windowDays * DAY) : null;
  const candidates = await store.candidates(queryOf(vector, config.candidates.queryTerms), since, config.candidates.candidates);
  const decision = decideStory(vector, article.at, candidates, config.story);
  const member: StoryMember = { articleId: article.id, vector, publishedAt: article.at };
  if (decision.join === null) {
    const id = await store.create(article);
    await store.addArticle(id, article.id, null);
    await store.save(newStory(id, member, config.story));
    return { storyId: id, score: decision.score, merged: [] };
  }
  let story = addToStory(candidates.find((c) => c.id === decision.join)!, member, config.story);
  await store.addArticle(story.id, article.id, Math.round(decision.score * 1000) / 1000);
  // Converging stories: the updated story against the other candidates, oldest first; a story
  // merged away (the chosen one, when an older candidate takes it over) is not met again.
  const merged: number[] = [];
  for (const other of candidates.slice().sort((a, b) => a.id - b.id)) {
    if (other.id === story.id || merged.includes(other.id) || shouldMerge(story, other, config.story) === null) continue;
    const [keep, gone] = other.id < story.id ? [other, story] : [story, other];
    story = mergeStories(keep, gone, config.story);
    await store.merge(keep.id, gone.id);
    merged.push(gone.id);
  }
  await store.save(story);
  return { storyId: story.id, score: decision.score, merged };
}

/**
 * Gives every story quiet at `now` (null: every unsettled story) its settling look, by id: a
 * small one joins the closest story that scores enough (the lower id survives). Returns each
 * fold as [gone, kept], in order.
 */
export async function settleQuiet(store: StoryStore, now: Date | null, config: ClusterConfig): Promise<[number, number][]> {
  const { story: storyConfig, candidates: candidateConfig } = config;
  const folds: [number, number][] = [];
  for (const id of await store.dueForSettling(now && settleCutoff(now, storyConfig), storyConfig.settleSize)) {
    const small = await store.load(id);
    // Folded into an earlier one of this pass, or made bigger by one: no look any more.
    if (!small || small.articleCount > storyConfig.settleSize) continue;
    const since = small.lastSeenAt ? new Date(small.lastSeenAt.getTime() - storyConfig.returnDays * DAY) : null;
    const candidates = await store.candidates(queryOf(storyUnit(small), candidateConfig.queryTerms), since, candidateConfig.candidates);
    const fold = settleInto(small, candidates, storyConfig);
    if (!fold) continue;
    await store.merge(fold.keep, fold.gone);
    await store.save(fold.story);
    folds.push([fold.gone, fold.keep]);
  }
  return folds;
}
