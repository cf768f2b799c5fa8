// The story step's shell: the story engine (src/cluster/engine.ts) over the database. Each new
// article, in time order, inside a transaction holding the story lock, is clustered and followed
// by the settling of what has gone quiet by the stream's clock: the newest article time the step
// has done (this article's, or a newer one done before it), never the wall clock. So where the
// stream is cut (an import in pieces, a backlog, a worker killed and restarted: each ends in a
// drain) does not change the stories: a drain settles nothing of its own, and a story is settled
// when, and only when, the stream has moved `settleQuietDays` past it, against the stories that
// the stream had formed by then. `rebuildStories` (`dateline recluster`) runs the same engine
// over memory (src/cluster/memory-store.ts) in time order and writes the stories in bulk; it
// settles nothing at the end either, so import, import in pieces and recluster agree.
//
// A live instance through a quiet spell: its last stories stay unsettled (shown as they are)
// until the next article comes; that article's own settling look settles every story the stream
// has by then moved past, after it has been clustered — which is where a stream read in one go
// would settle them too, so nothing is lost by waiting: an unsettled story is a candidate for the
// next article in its own right, and settling never runs on the wall clock alone. (`settleStories`
// settles at a time the caller gives, for an operator or a test that means it.)
import type { Db, Queryable } from '../store/db.ts';
import { centralMember, heldMemberVector, indexTerms, type StoryState } from '../cluster/stories.ts';
import { clusterArticle, settleQuiet, type StoryInput, type StoryStore } from '../cluster/engine.ts';
import { MemoryStoryStore } from '../cluster/memory-store.ts';
import { DEFAULT_CLUSTER, type ClusterConfig } from '../cluster/config.ts';
import type { TermVector } from '../text/tfidf.ts';
import { clearDedup, markDuplicates, saveFingerprints } from '../store/dedup.ts';
import { DEDUP_CONFIG, DEDUP_WINDOW_DAYS } from './dedup.ts';
import { fingerprint, type DedupFingerprint } from '../dedup/near-duplicate.ts';
import { MemoryDedupIndex } from '../dedup/memory-index.ts';
import {
  addStoryArticle,
  clearStories,
  countTerms,
  createStory,
  dueForSettling,
  insertStories,
  insertStoryArticles,
  loadStoryStates,
  mergeStoryInto,
  refreshStoryCounts,
  reserveStoryIds,
  saveArticleVector,
  saveArticleVectors,
  loadCandidateStates,
  saveStoryState,
  saveStoryWithIndex,
  storiesAndClock,
  saveTermStats,
  storyIdOfArticle,
  articlesForStories,
  articleIdsInTimeOrder,
  countStoriesAndDuplicates,
  type ArticleForStory,
} from '../store/stories.ts';
import { STORY_LOCK, lockForTransaction } from '../store/locks.ts';

/** An article as the story step reads it: `at` is its publication (else storage) time. */
export type { ArticleForStory } from '../store/stories.ts';

const storyInput = (a: ArticleForStory): StoryInput => ({
  id: a.id,
  title: a.title,
  text: a.text,
  at: a.at,
  duplicateOf: a.duplicate_of,
  duplicateSimilarity: a.duplicate_similarity,
});

/**
 * The engine's state in the database: the story tables, read and written inside one transaction,
 * in as few statements as give the same state (a lookup and its stories' states in one; a story's
 * state, headline and index in one). `expect` hands it the stories a batch's articles were in
 * when the batch was claimed, so the engine's first question about each costs no round trip.
 */
export class DbStoryStore implements StoryStore {
  private readonly known = new Map<number, number | null>();

  constructor(
    private readonly tx: Queryable,
    private readonly config: ClusterConfig,
  ) {}

  /** The story `articleId` is in now (null: none), answered once without asking the store. */
  expect(articleId: number, storyId: number | null): void {
    this.known.set(articleId, storyId);
  }

  storyOf(articleId: number) {
    if (this.known.has(articleId)) {
      const storyId = this.known.get(articleId)!;
      this.known.delete(articleId);
      return Promise.resolve(storyId);
    }
    return storyIdOfArticle(this.tx, articleId);
  }

  countTerms(terms: string[]) {
    return countTerms(this.tx, terms);
  }

  saveVector(article: StoryInput, vector: TermVector) {
    return saveArticleVector(this.tx, article.id, vector);
  }

  async candidates(query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]> {
    return this.held(await loadCandidateStates(this.tx, query, since, limit, this.config.story.membersKept));
  }

  async load(id: number): Promise<StoryState | null> {
    return this.held(await loadStoryStates(this.tx, [id], this.config.story.membersKept))[0] ?? null;
  }

  /** Stories as the engine holds them: members' vectors as memory keeps them too. */
  private held(states: StoryState[]): StoryState[] {
    for (const s of states) s.members = s.members.map((m) => ({ ...m, vector: heldMemberVector(m.vector, this.config.story) }));
    return states;
  }

  create(article: StoryInput) {
    return createStory(this.tx, article.title, article.id);
  }

  addArticle(storyId: number, articleId: number, similarity: number | null) {
    this.known.delete(articleId);
    return addStoryArticle(this.tx, storyId, articleId, similarity);
  }

  async attachCopy(storyId: number, article: StoryInput): Promise<void> {
    this.known.delete(article.id);
    await addStoryArticle(this.tx, storyId, article.id, article.duplicateSimilarity ?? null);
    const [state] = await loadStoryStates(this.tx, [storyId], this.config.story.membersKept);
    if (state) await saveStoryState(this.tx, state, null);
  }

  async merge(keepId: number, goneId: number): Promise<void> {
    await mergeStoryInto(this.tx, keepId, goneId);
    // An article still to come whose story was merged away is in the kept one now.
    for (const [articleId, storyId] of this.known) if (storyId === goneId) this.known.set(articleId, keepId);
  }

  /** The state, the headline (the title of the member closest to the centroid) and the index. */
  async save(story: StoryState): Promise<void> {
    const central = centralMember(story, this.config.story);
    await saveStoryWithIndex(this.tx, story, central?.articleId ?? null, indexTerms(story, this.config.candidates.indexTerms), story.lastSeenAt);
  }

  dueForSettling(cutoff: Date | null, maxArticles: number) {
    return dueForSettling(this.tx, cutoff ?? new Date(8.64e15), maxArticles);
  }
}

/** Clusters one article (inside a transaction); returns its story id. */
export async function clusterStoredArticle(tx: Queryable, article: ArticleForStory, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  return (await clusterArticle(new DbStoryStore(tx, config), storyInput(article), config)).storyId;
}

/** Gives every story quiet at `now` its settling look; returns how many were folded in. */
export async function settleStories(tx: Queryable, now: Date, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  return (await settleQuiet(new DbStoryStore(tx, config), now, config)).length;
}

/**
 * The story step one article a transaction (tests and bench/recluster; the pipeline drains
 * through `clusterOwed`): story decisions for these articles in time order, each followed by
 * settling at the stream's clock. With `now`, then settling at `now` as well: a caller that
 * means the stream has reached it (not the story step's own end: see the head of this file).
 */
export async function runStoryStep(db: Db, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER, now?: Date): Promise<void> {
  let clock = (await storiesAndClock(db, [])).clock?.getTime() ?? -Infinity;
  for (const article of await articlesForStories(db, articleIds)) {
    clock = Math.max(clock, new Date(article.at).getTime());
    await db.transaction(async (tx) => {
      await lockForTransaction(tx, STORY_LOCK);
      await clusterStoredArticle(tx, article, config);
      await settleStories(tx, new Date(clock), config);
    });
  }
  if (now) await settleAt(db, now, config);
}

/**
 * The owed step (src/pipeline.ts), inside the caller's transaction holding STORY_LOCK: story
 * decisions for the claimed articles in time order, each followed by settling at the stream's
 * clock (the newest article time done so far, this one's included), as one at a time would make
 * them; the batch's articles, the stories they are already in and the clock are read in two
 * statements. A batch of articles older than the clock (a late feed, a backlog after newer ones)
 * settles at the clock, not at their own times: what the stream has moved past is settled as
 * soon as it is due, whichever article comes next.
 */
export async function clusterOwed(tx: Queryable, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER): Promise<void> {
  const articles = await articlesForStories(tx, articleIds);
  const { stories, clock: start } = await storiesAndClock(tx, articleIds);
  const store = new DbStoryStore(tx, config);
  for (const article of articles) store.expect(article.id, stories.get(article.id) ?? null);
  let clock = start?.getTime() ?? -Infinity;
  for (const article of articles) {
    await clusterArticle(store, storyInput(article), config);
    clock = Math.max(clock, new Date(article.at).getTime());
    await settleQuiet(store, new Date(clock), config);
  }
}

/** Settling at `now`, a time the caller gives (never run by a drain: see the head of this file). */
export async function settleAt(db: Db, now: Date, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  return db.transaction(async (tx) => {
    await lockForTransaction(tx, STORY_LOCK);
    return settleStories(tx, now, config);
  });
}

/**
 * Rebuilds every story (and, with `dedup`, every near-duplicate link) from the stored articles,
 * in time order: the story step's engine over memory, written in bulk, so the same input gives
 * the same stories in far fewer queries; near-duplicate links (with `dedup`) likewise, through
 * the in-memory LSH index (in time order no copy is older than its original).
 */
export async function rebuildStories(db: Db, options: { dedup: boolean; onProgress?: (done: number, total: number) => void }, config: ClusterConfig = DEFAULT_CLUSTER): Promise<{ articles: number; stories: number; duplicates: number }> {
  await db.transaction(async (tx) => {
    await lockForTransaction(tx, STORY_LOCK);
    if (options.dedup) await clearDedup(tx);
    await clearStories(tx);
  });
  const ids = await articleIdsInTimeOrder(db);
  const memory = new MemoryStoryStore(config, true);
  const dedup = options.dedup ? new MemoryDedupIndex(DEDUP_CONFIG, DEDUP_WINDOW_DAYS * 86_400_000) : null;
  const batch = 500;
  for (let i = 0; i < ids.length; i += batch) {
    const articles = await articlesForStories(db, ids.slice(i, i + batch));
    const fingerprints: { articleId: number; fp: DedupFingerprint; seenAt: Date }[] = [];
    if (dedup) {
      for (const article of articles) {
        const fp = fingerprint(article.text, DEDUP_CONFIG);
        const decision = dedup.add(article.id, fp, article.at);
        fingerprints.push({ articleId: article.id, fp, seenAt: article.at });
        article.duplicate_of = decision?.duplicateOf ?? null;
        article.duplicate_similarity = decision?.similarity ?? null;
      }
    }
    await db.transaction(async (tx) => {
      await lockForTransaction(tx, STORY_LOCK);
      await saveFingerprints(tx, fingerprints);
      const copies = articles.filter((a) => a.duplicate_of !== null);
      if (dedup)
        await markDuplicates(
          tx,
          copies.map((a) => ({ articleId: a.id, duplicateOf: a.duplicate_of, similarity: a.duplicate_similarity })),
        );
      // At most one new story an article: ids from the store's sequence, in order.
      memory.provideIds(await reserveStoryIds(tx, Math.max(0, articles.length - memory.spareIds)));
      for (const article of articles) {
        await clusterArticle(memory, storyInput(article), config);
        await settleQuiet(memory, article.at, config);
      }
      await saveArticleVectors(tx, memory.takeVectors());
      await insertStories(tx, articles.length ? memory.sweep(articles.at(-1)!.at) : []);
      await insertStoryArticles(tx, memory.takeLateCopies());
    });
    await db.checkpoint();
    options.onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  await db.transaction(async (tx) => {
    await lockForTransaction(tx, STORY_LOCK);
    // Nothing settles at the end: what the stream has not moved past waits, as in the step.
    await insertStories(tx, memory.sweep(null));
    await insertStoryArticles(tx, memory.takeLateCopies());
    const { documents, df } = memory.termStats();
    await saveTermStats(tx, documents, df);
    await refreshStoryCounts(tx);
  });
  return { articles: ids.length, ...(await countStoriesAndDuplicates(db)) };
}
