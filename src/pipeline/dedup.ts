// The near-duplicate step's shell: for each new article, in time order, look its LSH band keys up
// in the store, run the pure decision, and link it to its original. The original of a family is
// its earliest article: a copy read before its original hands the family over when it arrives.
import type { Db, Queryable } from '../store/db.ts';
import { decideDuplicate, fingerprint, DEFAULT_DEDUP, type DedupConfig } from '../dedup/near-duplicate.ts';
import { findDedupCandidates, markDuplicate, saveFingerprint } from '../store/dedup.ts';

/** Copies are looked for among articles published this close in time (days). */
export const DEDUP_WINDOW_DAYS = 14;
// Serialises dedup decisions between processes sharing one database.
export const DEDUP_LOCK = 74_151_003;

interface ArticleForDedup {
  id: number;
  text: string;
  at: Date;
}

export async function loadInTimeOrder(db: Queryable, articleIds: number[]): Promise<ArticleForDedup[]> {
  if (!articleIds.length) return [];
  return db.query<ArticleForDedup>(
    `SELECT id, text, COALESCE(published_at, created_at) AS at FROM articles
      WHERE id = ANY($1::bigint[]) ORDER BY COALESCE(published_at, created_at), id`,
    [articleIds],
  );
}

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
  const original = await tx.query<{ at: Date }>('SELECT COALESCE(published_at, created_at) AS at FROM articles WHERE id = $1', [decision.duplicateOf]);
  if (original[0] && original[0].at.getTime() > article.at.getTime()) {
    // This one is older than the family's original: it becomes the original of them all.
    await tx.query('UPDATE articles SET duplicate_of = $1 WHERE duplicate_of = $2', [article.id, decision.duplicateOf]);
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
  for (const article of await loadInTimeOrder(db, articleIds)) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [DEDUP_LOCK]);
      await dedupArticle(tx, article);
    });
  }
}

/** The owed step (src/pipeline.ts), inside the caller's transaction holding DEDUP_LOCK. */
export async function dedupOwed(tx: Queryable, articleIds: number[]): Promise<void> {
  for (const article of await loadInTimeOrder(tx, articleIds)) await dedupArticle(tx, article);
}
