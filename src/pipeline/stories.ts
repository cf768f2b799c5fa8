// The story step's shell: the story engine (src/cluster/engine.ts) over the database. Each new
// article, in time order, inside a transaction holding the story lock, is clustered and followed
// by the settling of what has gone quiet by its time (the stream's clock); after each batch,
// what has gone quiet by the wall clock. `rebuildStories` (`dateline recluster`) runs the same
// engine over memory (src/cluster/memory-store.ts) and writes the stories in bulk.
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
  findCandidateStories,
  insertStories,
  insertStoryArticles,
  loadStoryStates,
  mergeStoryInto,
  refreshStoryCounts,
  reserveStoryIds,
  saveArticleVector,
  saveArticleVectors,
  saveStoryIndex,
  saveStoryState,
  saveTermStats,
  storyIdOfArticle,
  articlesForStories,
  articleIdsInTimeOrder,
  articleTitle,
  storyLastSeenAt,
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

/** The engine's state in the database: the story tables, read and written inside one transaction. */
export class DbStoryStore implements StoryStore {
  constructor(
    private readonly tx: Queryable,
    private readonly config: ClusterConfig,
  ) {}

  storyOf(articleId: number) {
    return storyIdOfArticle(this.tx, articleId);
  }

  countTerms(terms: string[]) {
    return countTerms(this.tx, terms);
  }

  saveVector(article: StoryInput, vector: TermVector) {
    return saveArticleVector(this.tx, article.id, vector);
  }

  async candidates(query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]> {
    return this.states(await findCandidateStories(this.tx, query, since, limit));
  }

  async load(id: number): Promise<StoryState | null> {
    return (await this.states([id]))[0] ?? null;
  }

  /** Stories as the engine holds them: members' vectors as memory keeps them too. */
  private async states(ids: number[]): Promise<StoryState[]> {
    const states = await loadStoryStates(this.tx, ids, this.config.story.membersKept);
    for (const s of states) s.members = s.members.map((m) => ({ ...m, vector: heldMemberVector(m.vector, this.config.story) }));
    return states;
  }

  create(article: StoryInput) {
    return createStory(this.tx, article.title, article.id);
  }

  addArticle(storyId: number, articleId: number, similarity: number | null) {
    return addStoryArticle(this.tx, storyId, articleId, similarity);
  }

  async attachCopy(storyId: number, article: StoryInput): Promise<void> {
    await addStoryArticle(this.tx, storyId, article.id, article.duplicateSimilarity ?? null);
    const [state] = await loadStoryStates(this.tx, [storyId], this.config.story.membersKept);
    if (state) await saveStoryState(this.tx, state, null);
  }

  merge(keepId: number, goneId: number) {
    return mergeStoryInto(this.tx, keepId, goneId);
  }

  /** The state, the headline (the title of the member closest to the centroid) and the index. */
  async save(story: StoryState): Promise<void> {
    const central = centralMember(story, this.config.story);
    const title = central ? await articleTitle(this.tx, central.articleId) : null;
    await saveStoryState(this.tx, story, central && title !== null ? { articleId: central.articleId, title } : null);
    const savedLastSeenAt = await storyLastSeenAt(this.tx, story.id);
    await saveStoryIndex(this.tx, story.id, indexTerms(story, this.config.candidates.indexTerms), savedLastSeenAt ?? story.lastSeenAt);
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
 * The post-ingest step: story decisions for the articles a batch added or changed, each followed
 * by settling at its time (the stream's clock); then settling at `now` (the wall clock).
 */
export async function runStoryStep(db: Db, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER, now: Date = new Date()): Promise<void> {
  for (const article of await articlesForStories(db, articleIds)) {
    await db.transaction(async (tx) => {
      await lockForTransaction(tx, STORY_LOCK);
      await clusterStoredArticle(tx, article, config);
      await settleStories(tx, article.at, config);
    });
  }
  await db.transaction(async (tx) => {
    await lockForTransaction(tx, STORY_LOCK);
    await settleStories(tx, now, config);
  });
}

/**
 * The owed step (src/pipeline.ts), inside the caller's transaction holding STORY_LOCK: story
 * decisions for the claimed articles in time order, each followed by settling at its time.
 */
export async function clusterOwed(tx: Queryable, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER): Promise<void> {
  for (const article of await articlesForStories(tx, articleIds)) {
    await clusterStoredArticle(tx, article, config);
    await settleStories(tx, article.at, config);
  }
}

/** Settling at `now` (the shell's clock), once nothing is owed to the story step. */
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
export async function rebuildStories(
  db: Db,
  options: { dedup: boolean; onProgress?: (done: number, total: number) => void; now?: Date },
  config: ClusterConfig = DEFAULT_CLUSTER,
): Promise<{ articles: number; stories: number; duplicates: number }> {
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
    await settleQuiet(memory, options.now ?? new Date(), config);
    await insertStories(tx, memory.sweep(null));
    await insertStoryArticles(tx, memory.takeLateCopies());
    const { documents, df } = memory.termStats();
    await saveTermStats(tx, documents, df);
    await refreshStoryCounts(tx);
  });
  return { articles: ids.length, ...(await countStoriesAndDuplicates(db)) };
}
