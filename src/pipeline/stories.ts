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
import { centralMember, heldMemberVector, indexTerms, storyUnit, type StoryState } from '../cluster/stories.ts';
import { clusterArticle, settleQuiet, type StoryInput, type StoryStore } from '../cluster/engine.ts';
import { MemoryStoryStore } from '../cluster/memory-store.ts';
import { DEFAULT_CLUSTER, type ClusterConfig } from '../cluster/config.ts';
import { vectorFromJson, vectorToJson, type TermStats, type TermVector } from '../text/tfidf.ts';
import { type StoryCache, storyCacheOf } from '../store/story-cache.ts';
import { articleTerms, statTerms } from '../cluster/features.ts';
import { clearDedup, markDuplicates, saveFingerprints } from '../store/dedup.ts';
import { DEDUP_CONFIG, DEDUP_WINDOW_DAYS } from './dedup.ts';
import { fingerprint, type DedupFingerprint } from '../dedup/near-duplicate.ts';
import { MemoryDedupIndex } from '../dedup/memory-index.ts';
import {
  addStoryArticle,
  clearStories,
  addTermCounts,
  insertStories,
  readTermStats,
  insertStoryArticles,
  mergeStoryInto,
  refreshStoryCounts,
  reserveStoryIds,
  saveArticleVector,
  addStoryArticleWithVector,
  createStoryWithArticle,
  dueForSettlingAndNext,
  loadStoryState,
  refreshStoryRow,
  saveArticleVectors,
  loadCandidateStates,
  loadCandidateKeys,
  readStoryParts,
  saveStoryWithIndex,
  joinAndSaveStory,
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
  sourceName: a.source_name,
  url: a.url,
  duplicateOf: a.duplicate_of,
  duplicateSimilarity: a.duplicate_similarity,
});

/**
 * The engine's state in the database: the story tables, read and written inside one transaction
 * that holds STORY_LOCK, in as few statements as give the same state: a lookup and its stories'
 * states in one; a story's state with its members in one; a new story with its first member and
 * that article's vector in one (the vector waits for the article's membership: nothing reads it
 * before, as the article is in no candidate story yet); a member with its vector in one; a
 * story's state, headline and index in one. `expect` hands it the stories a batch's articles
 * were in when the batch was claimed, so the engine's first question about each costs no round
 * trip; and it keeps the earliest time at which a waiting story can be due for settling, so a
 * settling pass with nothing due costs none either.
 */
export class DbStoryStore implements StoryStore {
  private readonly known = new Map<number, number | null>();
  /** The article whose vector is still to be written, with its membership. */
  private pendingVector: { articleId: number; vector: TermVector } | null = null;
  /**
   * An article that joined a story, not yet written: the story's save writes it in the same
   * statement (`joinAndSaveStory`); anything else that reads or writes first writes it alone.
   */
  private pendingMember: { storyId: number; articleId: number; similarity: number | null; vector: TermVector; json: Record<string, number> } | null = null;
  /** The story just created with its first member (the engine's next `addArticle` is done). */
  private created: { storyId: number; articleId: number } | null = null;
  /**
   * No story waiting for its settling look was last seen before this (ms): what the last
   * settling statement found, lowered by every story saved since. -Infinity: not known.
   */
  private waitingFrom = Number.NEGATIVE_INFINITY;
  /**
   * Stories' states as stored, read earlier in this transaction and not written since (as `held`
   * makes them): a candidate met again is not read again, its members' vectors least of all. Any
   * write to a story (a member, a copy, a merge, a save) drops it, so what is held is always what
   * a read would give now; the store is one transaction's, which holds STORY_LOCK, so no one else
   * writes stories meanwhile.
   */
  private readonly states = new Map<number, StoryState>();

  /**
   * The stream's statistics as this store has counted them: read once per term (`prefetch` reads
   * a whole batch's terms in one statement), counted in memory, and written by `finish` as one
   * statement of added counts. Nothing but `countTerms` reads them, and the transaction holds
   * STORY_LOCK, so the counts each article is weighed with are those one statement an article gave.
   */
  private documents: number | null = null;
  private readonly df = new Map<string, number>();
  private addedDocuments = 0;
  private readonly addedDf = new Map<string, number>();

  /**
   * `cache`: centroids and members' vectors kept between transactions (the pipeline's step passes
   * its database's; src/store/story-cache.ts). Without one, every candidate is read whole.
   */
  constructor(
    private readonly tx: Queryable,
    private readonly config: ClusterConfig,
    private readonly cache: StoryCache | null = null,
  ) {}

  /** Reads the statistics of these articles' terms in one statement (what their countTerms will ask). */
  async prefetch(articles: StoryInput[]): Promise<void> {
    const terms = new Set<string>();
    for (const a of articles) for (const t of statTerms(articleTerms(a, this.config.features))) if (!this.df.has(t)) terms.add(t);
    if (terms.size || this.documents === null) await this.readStats([...terms]);
  }

  private async readStats(terms: string[]): Promise<void> {
    const { documents, df } = await readTermStats(this.tx, terms);
    // Counts already taken in memory stand over what the store still holds.
    if (this.documents === null) this.documents = documents + this.addedDocuments;
    for (const t of terms) if (!this.df.has(t)) this.df.set(t, (df.get(t) ?? 0) + (this.addedDf.get(t) ?? 0));
  }

  /** Writes what this store still holds in memory: the counts added since the last finish. Call before the transaction ends. */
  async finish(): Promise<void> {
    await this.flush();
    if (!this.addedDocuments && !this.addedDf.size) return;
    await addTermCounts(this.tx, this.addedDocuments, this.addedDf);
    this.addedDocuments = 0;
    this.addedDf.clear();
  }

  /** The story `articleId` is in now (null: none), answered once without asking the store. */
  expect(articleId: number, storyId: number | null): void {
    this.known.set(articleId, storyId);
  }

  /** Writes a member still waiting, alone (as `addArticle` wrote it before). */
  private async flushMember(): Promise<void> {
    const member = this.pendingMember;
    if (!member) return;
    this.pendingMember = null;
    const version = await addStoryArticleWithVector(this.tx, member.storyId, member.articleId, member.similarity, member.vector, member.json);
    if (version) this.cache?.vectors.set(member.articleId, version, member.json);
  }

  /** Writes a member and a vector still waiting (before anything but the candidate lookup runs). */
  private async flush(): Promise<void> {
    await this.flushMember();
    const pending = this.pendingVector;
    if (!pending) return;
    this.pendingVector = null;
    await saveArticleVector(this.tx, pending.articleId, pending.vector);
  }

  /** The waiting vector if it is `articleId`'s (then no longer waiting), else null after writing it. */
  private async vectorOf(articleId: number): Promise<TermVector | null> {
    await this.flushMember();
    if (this.pendingVector?.articleId === articleId) {
      const { vector } = this.pendingVector;
      this.pendingVector = null;
      return vector;
    }
    await this.flush();
    return null;
  }

  async storyOf(articleId: number) {
    await this.flush();
    if (this.known.has(articleId)) {
      const storyId = this.known.get(articleId)!;
      this.known.delete(articleId);
      return storyId;
    }
    return storyIdOfArticle(this.tx, articleId);
  }

  async countTerms(terms: string[]): Promise<TermStats> {
    await this.flush();
    const missing = terms.filter((t) => !this.df.has(t));
    if (missing.length || this.documents === null) await this.readStats([...new Set(missing)]);
    this.documents! += 1;
    this.addedDocuments += 1;
    const df = new Map<string, number>();
    for (const t of new Set(terms)) {
      const n = this.df.get(t)! + 1;
      this.df.set(t, n);
      this.addedDf.set(t, (this.addedDf.get(t) ?? 0) + 1);
      df.set(t, n);
    }
    const documents = this.documents!;
    return { documents, df: (t) => df.get(t) ?? 0 };
  }

  async saveVector(article: StoryInput, vector: TermVector) {
    await this.flush();
    this.pendingVector = { articleId: article.id, vector };
  }

  async candidates(query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]> {
    // The lookup reads members: a member waiting is written first (a vector waiting is not read).
    await this.flushMember();
    if (this.cache) return this.cachedCandidates(this.cache, query, since, limit);
    const found = await loadCandidateStates(this.tx, query, since, limit, this.config.story.membersKept, [...this.states.keys()]);
    return found.map(({ id, state }) => this.lend(state ? this.hold(state) : this.states.get(id)!));
  }

  /**
   * `candidates` through the cache: the lookup hands back row versions in place of centroids and
   * members' vectors, and what the cache does not hold at those versions is read in one more
   * statement. The states are those a whole read gives (src/store/story-cache.ts).
   */
  private async cachedCandidates(cache: StoryCache, query: [string, number][], since: Date | null, limit: number): Promise<StoryState[]> {
    const found = await loadCandidateKeys(this.tx, query, since, limit, this.config.story.membersKept, [...this.states.keys()]);
    // What the cache holds is taken once, here: filling it with what is read may drop entries.
    const centroids = new Map<number, TermVector>();
    const vectors = new Map<number, TermVector>();
    const missingStories: number[] = [];
    const missingVectors: number[] = [];
    for (const c of found) {
      if (c.known || c.version === null) continue;
      const centroid = cache.centroids.get(c.id, c.version);
      if (centroid) centroids.set(c.id, centroid);
      else missingStories.push(c.id);
      for (const m of c.members) {
        const vector = cache.vectors.get(m.articleId, m.version);
        if (vector) vectors.set(m.articleId, vector);
        else missingVectors.push(m.articleId);
      }
    }
    if (missingStories.length || missingVectors.length) {
      const read = await readStoryParts(this.tx, missingStories, missingVectors);
      for (const [id, got] of read.centroids) {
        const centroid = vectorFromJson(got.centroid);
        cache.centroids.set(id, got.version, null, centroid);
        centroids.set(id, centroid);
      }
      for (const [id, got] of read.vectors) {
        const vector = heldMemberVector(vectorFromJson(got.vector), this.config.story);
        cache.vectors.set(id, got.version, null, vector);
        vectors.set(id, vector);
      }
    }
    const out: StoryState[] = [];
    for (const c of found) {
      if (c.known) {
        out.push(this.lend(this.states.get(c.id)!));
        continue;
      }
      // A story indexed but gone (as the whole read leaves it out).
      const centroid = c.version === null ? null : centroids.get(c.id);
      if (!centroid) continue;
      const members: StoryState['members'] = [];
      for (const m of c.members) {
        const vector = vectors.get(m.articleId);
        if (vector) members.push({ articleId: m.articleId, vector, publishedAt: m.publishedAt });
      }
      const state: StoryState = { id: c.id, centroid, members, articleCount: c.articleCount, firstSeenAt: c.firstSeenAt, lastSeenAt: c.lastSeenAt };
      // The unit of a centroid held across transactions is worked out once.
      const unit = units.get(centroid);
      if (unit) state.unit = unit;
      else units.set(centroid, storyUnit(state));
      this.states.set(state.id, state);
      out.push(this.lend(state));
    }
    return out;
  }

  async load(id: number): Promise<StoryState | null> {
    await this.flush();
    const known = this.states.get(id);
    if (known) return this.lend(known);
    const state = await loadStoryState(this.tx, id, this.config.story.membersKept);
    return state ? this.lend(this.hold(state)) : null;
  }

  /** A story as read, kept as the engine holds it (members' vectors as memory keeps them too). */
  private hold(state: StoryState): StoryState {
    state.members = state.members.map((m) => ({ ...m, vector: heldMemberVector(m.vector, this.config.story) }));
    storyUnit(state); // computed once here, lent with it
    this.states.set(state.id, state);
    return state;
  }

  /** A held state for the engine: its own object and member list (the vectors are only read). */
  private lend(state: StoryState): StoryState {
    return { ...state, members: state.members.slice() };
  }

  /** A story written: what is held of it is no longer what is stored. */
  private written(...ids: number[]): void {
    for (const id of ids) this.states.delete(id);
  }

  async create(article: StoryInput) {
    const vector = await this.vectorOf(article.id);
    // The vector as written, once: sent, and held by the cache.
    const json = vector && vectorToJson(vector);
    const { id: storyId, vectorVersion } = await createStoryWithArticle(this.tx, article.title, article.id, vector, json);
    if (json && vectorVersion) this.cache?.vectors.set(article.id, vectorVersion, json);
    this.created = { storyId, articleId: article.id };
    return storyId;
  }

  async addArticle(storyId: number, articleId: number, similarity: number | null) {
    this.known.delete(articleId);
    this.written(storyId);
    const created = this.created;
    this.created = null;
    // The first member of a story just created: written with it.
    if (created && created.storyId === storyId && created.articleId === articleId && similarity === null) return;
    const vector = await this.vectorOf(articleId);
    const json = vector && vectorToJson(vector);
    if (vector && json) {
      // Written with the story's save, which the engine sends next unless a merge comes first.
      this.pendingMember = { storyId, articleId, similarity, vector, json };
      return;
    }
    await addStoryArticleWithVector(this.tx, storyId, articleId, similarity, vector, json);
  }

  async attachCopy(storyId: number, article: StoryInput): Promise<void> {
    await this.flush();
    this.known.delete(article.id);
    this.written(storyId);
    await addStoryArticle(this.tx, storyId, article.id, article.duplicateSimilarity ?? null);
    // Its times and counts from its articles (a copy leaves the centroid and headline as they are).
    await refreshStoryRow(this.tx, storyId);
  }

  async merge(keepId: number, goneId: number): Promise<void> {
    await this.flush();
    this.written(keepId, goneId);
    await mergeStoryInto(this.tx, keepId, goneId);
    // An article still to come whose story was merged away is in the kept one now.
    for (const [articleId, storyId] of this.known) if (storyId === goneId) this.known.set(articleId, keepId);
  }

  /** The state, the headline (the title of the member closest to the centroid) and the index. */
  async save(story: StoryState): Promise<void> {
    const member = this.pendingMember?.storyId === story.id ? this.pendingMember : null;
    if (member) this.pendingMember = null;
    await this.flush();
    this.written(story.id);
    const central = centralMember(story, this.config.story);
    const centroid = vectorToJson(story.centroid);
    const terms = indexTerms(story, this.config.candidates.indexTerms);
    let version: string | null;
    if (member) {
      const written = await joinAndSaveStory(this.tx, story, { articleId: member.articleId, similarity: member.similarity, vectorJson: member.json }, central?.articleId ?? null, terms, story.lastSeenAt, centroid);
      version = written.version;
      if (written.vectorVersion) this.cache?.vectors.set(member.articleId, written.vectorVersion, member.json);
    } else version = await saveStoryWithIndex(this.tx, story, central?.articleId ?? null, terms, story.lastSeenAt, centroid);
    if (version) this.cache?.centroids.set(story.id, version, centroid);
    else this.cache?.centroids.drop(story.id);
    // Stored last_seen_at is its articles' latest, at least the state's: a waiting story saved
    // now is due no earlier than that.
    this.waitingFrom = Math.min(this.waitingFrom, story.lastSeenAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  }

  async dueForSettling(cutoff: Date | null, maxArticles: number) {
    await this.flush();
    const at = cutoff ?? new Date(8.64e15);
    if (at.getTime() < this.waitingFrom) return [];
    const { ids, next } = await dueForSettlingAndNext(this.tx, at, maxArticles);
    this.waitingFrom = next ? next.getTime() : Number.POSITIVE_INFINITY;
    return ids;
  }
}

/** Units of centroids held across transactions (the cache's centroids are never changed in place). */
const units = new WeakMap<TermVector, TermVector>();

/** The story cache of database `db` for this configuration (the pipeline's story step passes it to `clusterOwed`). */
export function storyCache(db: Db, config: ClusterConfig = DEFAULT_CLUSTER): StoryCache {
  return storyCacheOf(db, config.story, (read) => heldMemberVector(read, config.story));
}

/** Clusters one article (inside a transaction); returns its story id. */
export async function clusterStoredArticle(tx: Queryable, article: ArticleForStory, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  const store = new DbStoryStore(tx, config);
  const { storyId } = await clusterArticle(store, storyInput(article), config);
  await store.finish();
  return storyId;
}

/** Gives every story quiet at `now` its settling look; returns how many were folded in. */
export async function settleStories(tx: Queryable, now: Date, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  const store = new DbStoryStore(tx, config);
  const folds = await settleQuiet(store, now, config);
  await store.finish();
  return folds.length;
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
export async function clusterOwed(tx: Queryable, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER, cache: StoryCache | null = null): Promise<void> {
  const articles = await articlesForStories(tx, articleIds);
  const { stories, clock: start } = await storiesAndClock(tx, articleIds);
  const store = new DbStoryStore(tx, config, cache);
  for (const article of articles) store.expect(article.id, stories.get(article.id) ?? null);
  // One input an article: the prefetch and the engine then share its terms (articleTerms keeps them per input).
  const inputs = articles.map(storyInput);
  // The statistics of the articles not yet in a story (the ones the engine will count).
  await store.prefetch(inputs.filter((a) => !stories.has(a.id) && a.duplicateOf === null));
  let clock = start?.getTime() ?? -Infinity;
  for (const [i, article] of articles.entries()) {
    await clusterArticle(store, inputs[i]!, config);
    clock = Math.max(clock, new Date(article.at).getTime());
    await settleQuiet(store, new Date(clock), config);
  }
  await store.finish();
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
