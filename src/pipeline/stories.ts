// The story step's shell: for each new article, in time order, count its terms in the stream's
// statistics, weigh it, fetch candidate stories through the story index (top terms, time
// window), run the pure decision, and write the story back (membership, centroid, index,
// counts, headline). A near-duplicate joins its original's story without changing its centroid.
// After each article, the stories that have gone quiet by its time get their settling look
// (src/cluster/settle.ts), which reaches back further than the window (a return); after each
// batch, those quiet by the wall clock.
import type { Db, Queryable } from '../store/db.ts';
import { articleTerms, statTerms, weighTerms } from '../cluster/features.ts';
import { addToStory, centralMember, decideStory, indexTerms, mergeStories, newStory, shouldMerge, storyUnit, type StoryState } from '../cluster/stories.ts';
import { settleCutoff, settleInto } from '../cluster/settle.ts';
import { DEFAULT_CLUSTER, queryOf, type ClusterConfig } from '../cluster/online.ts';
import { clearDedup, markDuplicates, saveFingerprints } from '../store/dedup.ts';
import { DEDUP_CONFIG, DEDUP_WINDOW_DAYS } from './dedup.ts';
import { fingerprint, type DedupFingerprint } from '../dedup/near-duplicate.ts';
import { MemoryDedupIndex } from '../dedup/memory-index.ts';
import { StoryRebuild, type ArticleForStory } from './story-rebuild.ts';
import {
  addStoryArticle, clearStories, countTerms, createStory, dueForSettling, findCandidateStories, insertStories, insertStoryArticles,
  loadStoryStates, mergeStoryInto, refreshStoryCounts, reserveStoryIds, saveArticleVector, saveArticleVectors, saveStoryIndex, saveStoryState,
  saveTermStats, storyIdOfArticle,
} from '../store/stories.ts';

// Serialises story decisions between processes sharing one database.
const STORY_LOCK = 74_151_004;

async function loadArticles(db: Queryable, ids: number[]): Promise<ArticleForStory[]> {
  if (!ids.length) return [];
  return db.query<ArticleForStory>(
    `SELECT id, title, text, COALESCE(published_at, created_at) AS at, duplicate_of, duplicate_similarity FROM articles
      WHERE id = ANY($1::bigint[]) ORDER BY COALESCE(published_at, created_at), id`,
    [ids],
  );
}

async function titles(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.query<{ id: number; title: string }>('SELECT id, title FROM articles WHERE id = ANY($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** The member closest to the centroid names the story. */
async function centralTitle(db: Queryable, story: StoryState, config: ClusterConfig): Promise<{ articleId: number; title: string } | null> {
  const central = centralMember(story, config.story);
  if (!central) return null;
  const title = (await titles(db, [central.articleId])).get(central.articleId);
  return title ? { articleId: central.articleId, title } : null;
}

async function writeStory(db: Queryable, story: StoryState, config: ClusterConfig): Promise<void> {
  await saveStoryState(db, story, await centralTitle(db, story, config));
  const saved = await db.query<{ last_seen_at: Date | null }>('SELECT last_seen_at FROM stories WHERE id = $1', [story.id]);
  await saveStoryIndex(db, story.id, indexTerms(story, config.candidates.indexTerms), saved[0]?.last_seen_at ?? story.lastSeenAt);
}

/** Clusters one article (inside a transaction); returns its story id. */
export async function clusterArticle(tx: Queryable, article: ArticleForStory, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number | null> {
  const existing = await storyIdOfArticle(tx, article.id);
  if (existing !== null) return existing;
  if (article.duplicate_of !== null) {
    const storyId = await storyIdOfArticle(tx, article.duplicate_of);
    if (storyId !== null) {
      await addStoryArticle(tx, storyId, article.id, article.duplicate_similarity);
      const [state] = await loadStoryStates(tx, [storyId], config.story.membersKept);
      if (state) await saveStoryState(tx, state, null);
      return storyId;
    }
  }
  const terms = articleTerms(article, config.features);
  const stats = await countTerms(tx, statTerms(terms));
  const vector = weighTerms(terms, stats, config.features);
  await saveArticleVector(tx, article.id, vector);
  const query = queryOf(vector, config.candidates.queryTerms);
  const since = new Date(article.at.getTime() - config.candidates.windowDays * 86_400_000);
  const ids = await findCandidateStories(tx, query, since, config.candidates.candidates);
  const candidates = await loadStoryStates(tx, ids, config.story.membersKept);
  const decision = decideStory(vector, article.at, candidates, config.story);
  const member = { articleId: article.id, vector, publishedAt: article.at };
  if (decision.join === null) {
    const id = await createStory(tx, article.title, article.id);
    await addStoryArticle(tx, id, article.id, null);
    await writeStory(tx, newStory(id, member, config.story), config);
    return id;
  }
  let story = addToStory(candidates.find((c) => c.id === decision.join)!, member, config.story);
  await addStoryArticle(tx, story.id, article.id, Math.round(decision.score * 1000) / 1000);
  // A story merged away (the chosen one, when an older candidate takes it over) is not met again.
  const merged = new Set<number>();
  for (const other of candidates.slice().sort((a, b) => a.id - b.id)) {
    if (other.id === story.id || merged.has(other.id) || shouldMerge(story, other, config.story) === null) continue;
    const [keep, gone] = other.id < story.id ? [other, story] : [story, other];
    story = mergeStories(keep, gone, config.story);
    await mergeStoryInto(tx, keep.id, gone.id);
    merged.add(gone.id);
  }
  await writeStory(tx, story, config);
  return story.id;
}

/**
 * Gives every story quiet at `now` its settling look, by id: a small one joins the closest story
 * that scores enough (the lower id survives). Returns how many were folded in.
 */
export async function settleStories(tx: Queryable, now: Date, config: ClusterConfig = DEFAULT_CLUSTER): Promise<number> {
  const { story: storyConfig, candidates: candidateConfig } = config;
  let folded = 0;
  for (const id of await dueForSettling(tx, settleCutoff(now, storyConfig), storyConfig.settleSize)) {
    const [small] = await loadStoryStates(tx, [id], storyConfig.membersKept);
    if (!small) continue; // folded into an earlier one of this pass
    // A story an earlier fold of this pass made bigger needs no look any more.
    if (small.articleCount > storyConfig.settleSize || !small.lastSeenAt) continue;
    const query = queryOf(storyUnit(small), candidateConfig.queryTerms);
    const since = new Date(small.lastSeenAt.getTime() - storyConfig.returnDays * 86_400_000);
    const candidates = await loadStoryStates(tx, await findCandidateStories(tx, query, since, candidateConfig.candidates), storyConfig.membersKept);
    const fold = settleInto(small, candidates, storyConfig);
    if (!fold) continue;
    await mergeStoryInto(tx, fold.keep, fold.gone);
    await writeStory(tx, fold.story, config);
    folded++;
  }
  return folded;
}

/**
 * The post-ingest step: story decisions for the articles a batch added or changed, each followed
 * by settling at its time (the stream's clock); then settling at `now` (the wall clock).
 */
export async function runStoryStep(db: Db, articleIds: number[], config: ClusterConfig = DEFAULT_CLUSTER, now: Date = new Date()): Promise<void> {
  for (const article of await loadArticles(db, articleIds)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
      await clusterArticle(tx, article, config);
      await settleStories(tx, article.at, config);
    });
  }
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
    await settleStories(tx, now, config);
  });
}

/**
 * Rebuilds every story (and, with `dedup`, every near-duplicate link) from the stored articles,
 * in time order: the decisions the story step makes, held in memory and written in bulk
 * (src/pipeline/story-rebuild.ts), so the same input gives the same stories, in far fewer
 * queries; near-duplicate links (with `dedup`) likewise, through the in-memory LSH index.
 */
export async function rebuildStories(
  db: Db,
  options: { dedup: boolean; onProgress?: (done: number, total: number) => void; now?: Date },
  config: ClusterConfig = DEFAULT_CLUSTER,
): Promise<{ articles: number; stories: number; duplicates: number }> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
    if (options.dedup) await clearDedup(tx);
    await clearStories(tx);
  });
  const ids = (await db.query<{ id: number }>('SELECT id FROM articles ORDER BY COALESCE(published_at, created_at), id')).map((r) => r.id);
  const rebuild = new StoryRebuild(config);
  const dedup = options.dedup ? new MemoryDedupIndex(DEDUP_CONFIG, DEDUP_WINDOW_DAYS * 86_400_000) : null;
  const batch = 500;
  for (let i = 0; i < ids.length; i += batch) {
    const slice = ids.slice(i, i + batch);
    const articles = await loadArticles(db, slice);
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
      await tx.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
      await saveFingerprints(tx, fingerprints);
      const copies = articles.filter((a) => a.duplicate_of !== null);
      if (dedup) await markDuplicates(tx, copies.map((a) => ({ articleId: a.id, duplicateOf: a.duplicate_of, similarity: a.duplicate_similarity })));
      // At most one new story an article: ids from the store's sequence, in order.
      rebuild.provideIds(await reserveStoryIds(tx, Math.max(0, articles.length - rebuild.spareIds)));
      for (const article of articles) {
        rebuild.add(article);
        rebuild.settle(article.at);
      }
      await saveArticleVectors(tx, rebuild.takeVectors());
      await insertStories(tx, rebuild.takeFinished(articles.at(-1)?.at ?? null));
      await insertStoryArticles(tx, rebuild.takeLateCopies());
    });
    await db.checkpoint();
    options.onProgress?.(Math.min(i + batch, ids.length), ids.length);
  }
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [STORY_LOCK]);
    rebuild.settle(options.now ?? new Date());
    await insertStories(tx, rebuild.takeFinished(null));
    await insertStoryArticles(tx, rebuild.takeLateCopies());
    const { documents, df } = rebuild.termStats();
    await saveTermStats(tx, documents, df);
    await refreshStoryCounts(tx);
  });
  const counts = await db.query<{ stories: number; duplicates: number }>(
    `SELECT (SELECT count(*)::int FROM stories) AS stories, (SELECT count(*)::int FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates`,
  );
  return { articles: ids.length, ...counts[0]! };
}
