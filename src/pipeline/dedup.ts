// The near-duplicate step's shell: for each new article, in time order, look its LSH band keys up
// in the store, run the pure decision, and link it to its original. The original of a family is
// its earliest article: a copy read before its original hands the family over when it arrives.
import type { Db, Queryable } from '../store/db.ts';
import { decideDuplicate, fingerprint, DEFAULT_DEDUP, type DedupConfig } from '../dedup/near-duplicate.ts';
import { articlesForDedup, articleTime, findDedupCandidates, handOverCopies, markDuplicate, saveFingerprint, type ArticleForDedup } from '../store/dedup.ts';
import { DEDUP_LOCK, lockForTransaction } from '../store/locks.ts';

/** Copies are looked for among articles published this close in time (days). */
export const DEDUP_WINDOW_DAYS = 14;

export async function dedupArticle(tx: Queryable, article: ArticleForDedup, config: DedupConfig = DEDUP_CONFIG): Promise<{ duplicateOf: number; similarity: number } | null> {
  const fp = fingerprint(article.text, config);
  const since = new Date(article.at.getTime() - DEDUP_WINDOW_DAYS * 86_400_000);
  const candidates = await findDedupCandidates(tx, article.id, fp.bandKeys, since);
  const decision = decideDuplicate(fp, candidates, config);
  await saveFingerprint(tx, article.id, fp, article.at);
  if (!decision) {
    await markDuplicate(tx, article.id, null, null);
    return null;
  }
  const originalAt = await articleTime(tx, decision.duplicateOf);
  if (originalAt && originalAt.getTime() > article.at.getTime()) {
    // This one is older than the family's original: it becomes the original of them all.
    await handOverCopies(tx, article.id, decision.duplicateOf);
    await markDuplicate(tx, decision.duplicateOf, article.id, decision.similarity);
    await markDuplicate(tx, article.id, null, null);
    return null;
  }
  await markDuplicate(tx, article.id, decision.duplicateOf, decision.similarity);
  return decision;
}

export const DEDUP_CONFIG: DedupConfig = DEFAULT_DEDUP;

/** The post-ingest step: near-duplicate decisions for the articles a batch added or changed. */
export async function runDedupStep(db: Db, articleIds: number[]): Promise<void> {
  for (const article of await articlesForDedup(db, articleIds)) {
    await db.transaction(async (tx) => {
      await lockForTransaction(tx, DEDUP_LOCK);
      await dedupArticle(tx, article);
    });
  }
}

/** The owed step (src/pipeline.ts), inside the caller's transaction holding DEDUP_LOCK. */
export async function dedupOwed(tx: Queryable, articleIds: number[]): Promise<void> {
  for (const article of await articlesForDedup(tx, articleIds)) await dedupArticle(tx, article);
}
